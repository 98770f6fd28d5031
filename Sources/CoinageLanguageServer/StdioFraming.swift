import CoinageFoundation
import CoinageJSON
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The base protocol's framing: `Content-Length: N` headers, a blank line, then N
/// bytes of JSON. A decoder takes bytes as they arrive and gives back whole
/// messages, or what was wrong with a frame so that the server can answer it.
///
/// Bad input never stops the decoder: a header block with no usable length is
/// dropped and reading goes on at the next bytes; a body too large to hold is
/// skipped, byte by byte, as it arrives.
package struct FrameDecoder {
    /// What the decoder found in the input.
    package enum Event: Equatable {
        /// One message body.
        case message([UInt8])
        /// A frame that cannot be read, and why (answered with a parse error).
        case badFrame(String)
    }

    private var buffer: [UInt8] = []
    private var start = 0
    /// Bytes of a too-large body still to drop as they arrive.
    private var skipping = 0
    private let maxBody: Int

    package init(maxBody: Int = LSPLimits.maxMessageBytes) {
        self.maxBody = maxBody
    }

    package mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next message or bad frame, or nil when more bytes are needed.
    package mutating func next() -> Event? {
        defer { compact() }
        if skipping > 0 {
            let dropped = min(skipping, buffer.count - start)
            start += dropped
            skipping -= dropped
            if skipping > 0 { return nil }
        }
        // Blank lines between messages are tolerated.
        while start < buffer.count, buffer[start] == 0x0D || buffer[start] == 0x0A { start += 1 }
        guard start < buffer.count else { return nil }
        guard let (headerEnd, bodyStart) = headerBounds() else {
            if buffer.count - start > LSPLimits.maxHeaderBytes {
                start = buffer.count
                return .badFrame("the header is longer than \(LSPLimits.maxHeaderBytes) bytes")
            }
            return nil
        }
        let header = String(decoding: buffer[start..<headerEnd], as: UTF8.self)
        guard let length = Self.contentLength(header) else {
            start = bodyStart
            return .badFrame("the header has no valid `Content-Length`")
        }
        guard length <= maxBody else {
            start = bodyStart
            skipping = length
            return .badFrame("the message is \(length) bytes, more than the \(maxBody) a message may have")
        }
        guard buffer.count - bodyStart >= length else { return nil }
        let body = Array(buffer[bodyStart..<bodyStart + length])
        start = bodyStart + length
        return .message(body)
    }

    /// Where the header ends and the body starts: after `\r\n\r\n` (or a bare `\n\n`).
    private func headerBounds() -> (Int, Int)? {
        var index = start
        let limit = min(buffer.count, start + LSPLimits.maxHeaderBytes + 4)
        while index < limit {
            if buffer[index] == 0x0A {
                if index + 1 < buffer.count, buffer[index + 1] == 0x0A { return (index, index + 2) }
                if index + 2 < buffer.count, buffer[index + 1] == 0x0D, buffer[index + 2] == 0x0A { return (index, index + 3) }
            }
            index += 1
        }
        return nil
    }

    /// The value of `Content-Length` (names are case-insensitive); nil when absent,
    /// repeated with different values, or not a plain decimal number.
    static func contentLength(_ header: String) -> Int? {
        var found: Int?
        for line in header.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = line[..<colon].trimmingSpaces.lowercased()
            guard name == "content-length" else { continue }
            let text = line[line.index(after: colon)...].trimmingSpaces
            guard !text.isEmpty, text.count <= 12, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text) else { return nil }
            if let found, found != value { return nil }
            found = value
        }
        return found
    }

    private mutating func compact() {
        if start > 0, start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
    }
}

/// Writes one message with its header.
package enum FrameEncoder {
    package static func frame(_ body: String) -> [UInt8] {
        let bytes = Array(body.utf8)
        return Array("Content-Length: \(bytes.count)\r\n\r\n".utf8) + bytes
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

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
            now: { PlatformCalls.secondsSinceEpoch() },
            send: { message in writeAll(FrameEncoder.frame(message.serialized())) },
            // Answers are written synchronously, so nothing is left to flush.
            terminate: { status in exit(status) })
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
        if PlatformCalls.writeAll(bytes, to: STDOUT_FILENO) != nil { exit(1) }
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
