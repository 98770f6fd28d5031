import CoinageJSON
import Dispatch

/// One client connection: its parser, its deadlines and the answers it has yet to
/// send. It is served in one of two ways (see `HTTPServer`):
///
/// - by an `EventLoop`, while each read can be answered without waiting: the
///   requests that have arrived whole are answered and their answers sent in one
///   write; a request still arriving waits in the loop, which enforces its timeout;
/// - on a thread of its own (`serveOnThread`) when an answer cannot be sent without
///   waiting for the client, or after a malformed request (answered, then a
///   lingering close); the thread hands the connection back to a loop once it is
///   idle again. Without an event loop (not Linux), a thread serves it throughout.
///
/// One thread at a time holds it: a loop (under the loop's lock) or its own thread,
/// handed over through the loop's lock or a new thread's start.
final class Connection: @unchecked Sendable {
    /// How often a waiting connection looks at the clock and the drain flag.
    static let pollSliceMilliseconds: Int32 = 200

    let fd: Int32
    let server: HTTPServer
    private var parser: HTTPRequestParser
    private var continueSent = false
    /// When the connection last went idle (accepted, or its last answer sent).
    private(set) var idleSince: UInt64
    /// When the request being read began; nil while idle.
    private(set) var requestSince: UInt64?
    /// Answers gathered to be sent together.
    private var output: [UInt8] = []
    private var closeAfterOutput = false
    private var failure: HTTPError?

    init(fd: Int32, server: HTTPServer) {
        self.fd = fd
        self.server = server
        parser = HTTPRequestParser(limits: server.configuration.limits)
        idleSince = Self.now()
    }

    /// Idle between requests: nothing of a request read, nothing to send.
    var isIdle: Bool { requestSince == nil && output.isEmpty && !parser.isMidRequest }

    /// What the event loop does with the connection after a read.
    enum LoopStep { case keep, close, toThread }

    /// Reads what is there and answers every request that has arrived whole,
    /// without ever waiting.
    func readReady(_ buffer: UnsafeMutableRawBufferPointer, quotes: inout QuoteCache) -> LoopStep {
        switch Sockets.read(fd, into: buffer, wait: false) {
        case .wouldBlock: return .keep
        case .closed, .failed: return .close
        case .bytes(let count):
            if requestSince == nil { requestSince = Self.now() }
            parser.append(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
        answerArrived(quotes: &quotes)
        if failure != nil { return .toThread }
        if !output.isEmpty {
            let sent = output.withUnsafeBytes { Sockets.sendNow(fd, $0) }
            guard let sent else { return .close }
            output.removeFirst(sent)
            if !output.isEmpty { return .toThread }
        }
        return closeAfterOutput ? .close : .keep
    }

    /// The loop's look at the clock (and the drain) for a connection it holds:
    /// whether it is to be closed now. A request past its timeout is answered 408.
    func expired(now: UInt64, draining: Bool) -> Bool {
        let configuration = server.configuration
        if let since = requestSince {
            guard now - since > UInt64(configuration.requestTimeout) * 1_000_000_000 else { return false }
            let response = timeoutResponse()
            _ = response.serialized(keepAlive: false).withUnsafeBytes { Sockets.sendNow(fd, $0) }
            record(nil, response: response, seconds: 0)
            return true
        }
        if now - idleSince > UInt64(configuration.idleTimeout) * 1_000_000_000 { return true }
        // Idle while draining: closed. Bytes already waiting are a request begun
        // before the stop, read and answered like any other in flight.
        return draining && !Sockets.waitReadable(fd, milliseconds: 0)
    }

    /// Serves the connection on the calling thread: sends what the loop could not,
    /// answers a malformed request, then reads and answers until the connection ends,
    /// or until it is idle and a loop takes it back.
    func serveOnThread() {
        var quotes = QuoteCache(server.router.live.snapshot)
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            if let failure {
                _ = Sockets.write(fd, output)
                let response = HTTPResponse.error(failure)
                _ = Sockets.write(fd, response.serialized(keepAlive: false))
                record(nil, response: response, seconds: 0)
                Sockets.lingeringClose(fd)
                return server.connectionEnded()
            }
            if !output.isEmpty {
                guard Sockets.write(fd, output) else { return finish() }
                output.removeAll(keepingCapacity: true)
            }
            if closeAfterOutput { return finish() }
            if isIdle, !server.router.isDraining, server.park(self) { return }
            let now = Self.now()
            if let since = requestSince {
                if now - since > UInt64(server.configuration.requestTimeout) * 1_000_000_000 {
                    let response = timeoutResponse()
                    _ = Sockets.write(fd, response.serialized(keepAlive: false))
                    record(nil, response: response, seconds: 0)
                    return finish()
                }
            } else if now - idleSince > UInt64(server.configuration.idleTimeout) * 1_000_000_000 {
                return finish()
            } else if server.router.isDraining, !Sockets.waitReadable(fd, milliseconds: 0) {
                return finish()
            }
            guard Sockets.waitReadable(fd, milliseconds: Self.pollSliceMilliseconds) else { continue }
            let result = buffer.withUnsafeMutableBytes { Sockets.read(fd, into: $0) }
            switch result {
            case .wouldBlock:
                continue
            case .bytes(let count):
                if requestSince == nil { requestSince = Self.now() }
                buffer.withUnsafeBytes { parser.append(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
                answerArrived(quotes: &quotes)
            case .closed, .failed:
                return finish()
            }
        }
    }

    /// Answers the requests the parser holds whole, in order, into `output`; stops at
    /// one that is still arriving, after one that closes the connection, or at a
    /// malformed one (kept in `failure`).
    private func answerArrived(quotes: inout QuoteCache) {
        while !closeAfterOutput {
            switch parser.next() {
            case .request(let request):
                let started = Self.now()
                let response = server.router.respond(to: request, quotes: &quotes, shard: Int(fd))
                let keepAlive = request.keepAlive && !server.router.isDraining
                // A response to HEAD never has a body, whatever its status: the client reads none.
                response.append(to: &output, keepAlive: keepAlive, includeBody: request.method != "HEAD")
                let done = Self.now()
                record(request, response: response, seconds: Double(done - started) / 1e9)
                closeAfterOutput = !keepAlive
                continueSent = false
                idleSince = done
                requestSince = parser.isMidRequest ? done : nil
            case .failure(let error):
                failure = error
                return
            case .incomplete:
                if parser.awaitsContinue, !continueSent {
                    continueSent = true
                    output.append(contentsOf: HTTPResponse.continueBytes)
                }
                return
            }
        }
    }

    private func timeoutResponse() -> HTTPResponse {
        HTTPResponse.error(HTTPError(.requestTimeout, "request_timeout",
                                     "the request did not arrive whole within \(server.configuration.requestTimeout) seconds"))
    }

    /// Closes the socket and counts the connection gone.
    func finish() {
        Sockets.close(fd)
        server.connectionEnded()
    }

    /// Counts the request in the metrics, and logs it when access logs are on.
    private func record(_ request: HTTPRequest?, response: HTTPResponse, seconds: Double) {
        let endpoint = request.map { Router.endpointIndex(of: $0) } ?? Metrics.endpoints.count - 1
        server.metrics.request(endpoint: endpoint, code: response.status.code, seconds: seconds, shard: Int(fd))
        guard server.configuration.accessLog else { return }
        server.log.event("request", [
            ("method", request.map { .string($0.method) } ?? .null),
            ("path", request.map { .string($0.path) } ?? .null),
            ("status", .integer(Int64(response.status.code))),
            ("bytes", .integer(Int64(response.body.count))),
            ("seconds", .number(String(seconds))),
        ])
    }

    /// Monotonic nanoseconds: timeouts must not jump with the wall clock.
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
}
