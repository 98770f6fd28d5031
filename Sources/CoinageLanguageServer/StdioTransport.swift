import CoinageJSON
import Dispatch
import Foundation

/// Runs a language server over standard input and output: reads frames on the
/// calling thread, handles each message on one serial queue, and writes answers
/// from that queue, so that messages never interleave.
package enum StdioTransport {
    /// Serves until `exit` or the end of the input, then exits the process with
    /// status 0 after `shutdown`, 1 otherwise.
    package static func run(rulesDirectory: String?) -> Int32 {
        // A client gone mid-answer is a failed write (status 1), not a signal.
        signal(SIGPIPE, SIG_IGN)
        let queue = DispatchQueue(label: "coinage.lsp")
        let scheduler = QueueScheduler(queue: queue)
        let server = LanguageServer(
            rulesDirectory: rulesDirectory, scheduler: scheduler,
            now: { Int64(Date().timeIntervalSince1970) },
            send: { message in writeAll(FrameEncoder.frame(message.serialized())) },
            // Answers are written synchronously, so nothing is left to flush.
            terminate: { status in Foundation.exit(status) })
        var decoder = FrameDecoder()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 {
                // Every message read is handled before the end is.
                queue.sync { server.endOfInput() }
                return 1
            }
            decoder.append(buffer[0..<count])
            while let event = decoder.next() {
                switch event {
                case .message(let body): queue.async { server.receive(body) }
                case .badFrame(let reason): queue.async { server.badFrame(reason) }
                }
            }
        }
    }

    /// Writes every byte to standard output; a failed write (the client gone) ends
    /// the server, as there is no one left to answer.
    private static func writeAll(_ bytes: [UInt8]) {
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { Foundation.exit(1) }
            written += count
        }
    }
}

/// The server's queue as its scheduler; the analysis runs on a global queue.
struct QueueScheduler: ServerScheduler {
    let queue: DispatchQueue

    func after(milliseconds: Int, _ work: @escaping @Sendable () -> Void) {
        queue.asyncAfter(deadline: .now() + .milliseconds(milliseconds), execute: work)
    }

    func background(_ work: @escaping @Sendable () -> Void) {
        DispatchQueue.global(qos: .utility).async(execute: work)
    }
}
