import CoinageJSON
import Dispatch

/// One client connection, served on its own thread: requests read with the
/// parser, answered in order, until the client closes, asks to close, times out,
/// sends something that is not HTTP, or the server drains.
struct Connection {
    /// How often a waiting connection looks at the clock and the drain flag.
    static let pollSliceMilliseconds: Int32 = 200

    let fd: Int32
    let server: HTTPServer

    func serve() {
        let configuration = server.configuration
        var parser = HTTPRequestParser(limits: configuration.limits)
        var continueSent = false
        var idleSince = Self.now()
        var requestSince: UInt64?
        while true {
            switch parser.next() {
            case .request(let request):
                let started = Self.now()
                let response = server.router.respond(to: request)
                let keepAlive = request.keepAlive && !server.router.isDraining
                // A response to HEAD never has a body, whatever its status: the client reads none.
                let written = Sockets.write(fd, response.serialized(keepAlive: keepAlive, includeBody: request.method != "HEAD"))
                record(request, response: response, seconds: Double(Self.now() - started) / 1e9)
                guard written, keepAlive else { return finish() }
                continueSent = false
                idleSince = Self.now()
                requestSince = parser.isMidRequest ? idleSince : nil
                continue
            case .failure(let error):
                let response = HTTPResponse.error(error)
                _ = Sockets.write(fd, response.serialized(keepAlive: false))
                record(nil, response: response, seconds: 0)
                Sockets.lingeringClose(fd)
                return
            case .incomplete:
                if parser.awaitsContinue, !continueSent {
                    continueSent = true
                    guard Sockets.write(fd, HTTPResponse.continueBytes) else { return finish() }
                }
            }
            let now = Self.now()
            if let since = requestSince {
                if now - since > UInt64(configuration.requestTimeout) * 1_000_000_000 {
                    let response = HTTPResponse.error(HTTPError(.requestTimeout, "request_timeout",
                        "the request did not arrive whole within \(configuration.requestTimeout) seconds"))
                    _ = Sockets.write(fd, response.serialized(keepAlive: false))
                    record(nil, response: response, seconds: 0)
                    return finish()
                }
            } else if now - idleSince > UInt64(configuration.idleTimeout) * 1_000_000_000 {
                return finish()
            } else if server.router.isDraining, !Sockets.waitReadable(fd, milliseconds: 0) {
                // Idle while draining: closed. Bytes already waiting are a request begun
                // before the stop, read and answered like any other in flight.
                return finish()
            }
            guard Sockets.waitReadable(fd, milliseconds: Self.pollSliceMilliseconds) else { continue }
            switch Sockets.read(fd) {
            case .bytes(let bytes):
                guard !bytes.isEmpty else { continue }
                if requestSince == nil { requestSince = Self.now() }
                parser.append(bytes)
            case .closed, .failed:
                return finish()
            }
        }
    }

    private func finish() {
        Sockets.close(fd)
    }

    /// Counts the request in the metrics, and logs it when access logs are on.
    private func record(_ request: HTTPRequest?, response: HTTPResponse, seconds: Double) {
        let endpoint = request.map { Router.endpoint(of: $0.path) } ?? "none"
        server.metrics.request(endpoint: endpoint, code: response.status.code, seconds: seconds)
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
