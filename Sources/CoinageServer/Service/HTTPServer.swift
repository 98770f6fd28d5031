import CoinageJSON
import Foundation

/// The listening socket, its accept loop and the connections' threads: a thread
/// per connection, up to `maxConnections`, so requests run on every core.
///
/// `stop()` drains: it stops accepting, lets each connection finish the request it
/// is reading or answering (with `Connection: close`), closes idle ones, and
/// returns when none is left or `drainTimeout` has passed.
final class HTTPServer: @unchecked Sendable {
    let configuration: ServerConfiguration
    let router: Router
    let metrics: Metrics
    let log: ServerLog
    private let listener: Int32
    /// The port bound, which is the one asked for unless that was 0.
    let port: Int
    private let lock = NSCondition()
    private var active = 0
    private var stopping = false
    private var acceptLoopDone = false

    init(configuration: ServerConfiguration, router: Router, metrics: Metrics, log: ServerLog) throws(SocketError) {
        self.configuration = configuration
        self.router = router
        self.metrics = metrics
        self.log = log
        (listener, port) = try Sockets.listen(host: configuration.host, port: configuration.port)
    }

    func start() {
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "coinage-accept"
        thread.start()
    }

    private func acceptLoop() {
        while !lock.withLock({ stopping }) {
            guard Sockets.waitReadable(listener, milliseconds: Connection.pollSliceMilliseconds) else { continue }
            guard let client = Sockets.accept(listener) else {
                // Out of descriptors (EMFILE) leaves the listener readable: wait, do not spin.
                Thread.sleep(forTimeInterval: 0.05)
                continue
            }
            let admitted = lock.withLock { () -> Bool in
                guard active < configuration.maxConnections else { return false }
                active += 1
                return true
            }
            guard admitted else {
                metrics.connectionRejected()
                let response = HTTPResponse.error(HTTPError(.serviceUnavailable, "too_many_connections",
                    "the server has \(configuration.maxConnections) connections open, the most it serves; try again"))
                // Answered off the accept loop: the lingering close reads what the client sends.
                Thread {
                    _ = Sockets.write(client, response.serialized(keepAlive: false))
                    Sockets.lingeringClose(client)
                }.start()
                continue
            }
            metrics.connectionOpened()
            let thread = Thread { [self] in
                Connection(fd: client, server: self).serve()
                metrics.connectionClosed()
                lock.withLock {
                    active -= 1
                    lock.broadcast()
                }
            }
            thread.name = "coinage-connection"
            thread.start()
        }
        Sockets.close(listener)
        lock.withLock {
            acceptLoopDone = true
            lock.broadcast()
        }
    }

    /// Drains and returns once every connection has ended (or the drain timeout has
    /// passed): how many connections were still open then.
    @discardableResult
    func stop() -> Int {
        router.startDraining()
        let deadline = Date(timeIntervalSinceNow: TimeInterval(ServerConfiguration.drainTimeout))
        lock.lock()
        defer { lock.unlock() }
        stopping = true
        while (active > 0 || !acceptLoopDone) && lock.wait(until: deadline) {}
        return active
    }
}
