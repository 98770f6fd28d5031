import CoinageFoundation
import CoinageJSON

/// The listening sockets, their accept loop, and the threads that answer: on Linux
/// one `EventLoop` per core, which holds the connections and answers whatever
/// arrives on them, and a thread of its own for a connection only while it has to
/// wait for its client (see `Connection`); elsewhere a thread per connection. Up to
/// `maxConnections` connections are open at once.
///
/// At the limit, a new connection is admitted by closing the connection that has
/// been idle (kept alive between requests, for `evictableAfterMilliseconds` at
/// least) the longest, so idle clients cannot shut out new ones; when none has
/// been idle that long, the new one is answered 503.
///
/// `stop()` drains: it stops accepting, lets each connection finish the request it
/// is reading or answering (with `Connection: close`), closes idle ones, and
/// returns when none is left or `drainTimeout` has passed.
final class HTTPServer: @unchecked Sendable {
    let configuration: ServerConfiguration
    let router: Router
    let metrics: Metrics
    let log: ServerLog
    private let listeners: Listeners
    /// The port bound, which is the one asked for unless that was 0.
    var port: Int { listeners.port }
    /// The addresses listened on.
    var addresses: [String] { listeners.addresses }
    /// Guards the counts and flags below; waited on by `stop()` for the last connection.
    private let lock = ConditionLock()
    private var active = 0
    private var stopping = false
    private var acceptLoopDone = false
    /// Connections being answered 503 (each on a thread for its lingering close).
    private var refusalsAnswering = 0
    /// The most connections answered 503 at once; more are closed without an answer.
    static let maxRefusalsAnswering = 64
    #if os(Linux)
    private var loops: [EventLoop] = []
    private var nextLoop = 0
    #endif

    init(configuration: ServerConfiguration, router: Router, metrics: Metrics, log: ServerLog) throws(SocketError) {
        self.configuration = configuration
        self.router = router
        self.metrics = metrics
        self.log = log
        listeners = try Listeners.open(host: configuration.host, port: configuration.port)
    }

    func start() {
        #if os(Linux)
        if Epoll.isAvailable {
            loops = (0..<PlatformCalls.activeProcessorCount).compactMap { _ in EventLoop(server: self) }
        }
        for (index, loop) in loops.enumerated() { loop.start(name: "coinage-loop-\(index)") }
        #endif
        PlatformThread.start(name: "coinage-accept") { [self] in acceptLoop() }
    }

    /// Whether the server has stopped and no connection is left: the loops' cue to end.
    var isFinished: Bool { lock.withLock { stopping && acceptLoopDone && active == 0 } }

    private func acceptLoop() {
        while !lock.withLock({ stopping }) {
            for listener in Sockets.waitReadable(listeners.fds, milliseconds: Connection.pollSliceMilliseconds) {
                guard let client = Sockets.accept(listener) else {
                    // Out of descriptors (EMFILE) leaves the listener readable: wait, do not spin.
                    PlatformThread.sleep(milliseconds: 50)
                    continue
                }
                admit(client)
            }
        }
        for listener in listeners.fds { Sockets.close(listener) }
        lock.withLock {
            acceptLoopDone = true
            lock.broadcast()
        }
    }

    private func admit(_ client: Int32) {
        var admitted = reserve()
        if !admitted, evictOldestIdle() {
            metrics.connectionEvicted()
            admitted = reserve()
        }
        guard admitted else {
            metrics.connectionRejected()
            let response = HTTPResponse.error(HTTPError(.serviceUnavailable, "too_many_connections",
                "the server has \(configuration.maxConnections) connections open, the most it serves, none of them idle; try again"))
            // A flood of connections past the limit must not become a flood of threads:
            // past `maxRefusalsAnswering` at once, a refused connection is closed unanswered.
            let answering = lock.withLock { () -> Bool in
                guard refusalsAnswering < Self.maxRefusalsAnswering else { return false }
                refusalsAnswering += 1
                return true
            }
            guard answering else { return Sockets.close(client) }
            // Answered off the accept loop: the lingering close reads what the client sends.
            let started = PlatformThread.start(name: "coinage-refuse") { [self] in
                _ = Sockets.write(client, response.serialized(keepAlive: false))
                Sockets.lingeringClose(client)
                lock.withLock { refusalsAnswering -= 1 }
            }
            if !started {
                Sockets.close(client)
                lock.withLock { refusalsAnswering -= 1 }
            }
            return
        }
        metrics.connectionOpened()
        let connection = Connection(fd: client, server: self)
        if !park(connection) { serveOnThread(connection) }
    }

    /// Counts a connection in if there is room.
    private func reserve() -> Bool {
        lock.withLock {
            guard active < configuration.maxConnections else { return false }
            active += 1
            return true
        }
    }

    /// Closes the connection idle the longest, to make room: whether there was one.
    private func evictOldestIdle() -> Bool {
        #if os(Linux)
        // A connection found idle may start a request before it is closed; then the next oldest is tried.
        let before = Connection.now() - UInt64(ServerConfiguration.evictableAfterMilliseconds) * 1_000_000
        for _ in 0..<4 {
            let candidates = loops.compactMap { loop in loop.oldestIdle(before: before).map { (loop, $0) } }
            guard let oldest = candidates.min(by: { $0.1 < $1.1 }) else { return false }
            if oldest.0.evictOldestIdle(since: oldest.1) { return true }
        }
        #endif
        return false
    }

    /// Hands an idle connection to an event loop: false where there are none (not
    /// Linux), and the caller keeps serving it.
    func park(_ connection: Connection) -> Bool {
        #if os(Linux)
        let loop = lock.withLock { () -> EventLoop? in
            guard !loops.isEmpty else { return nil }
            nextLoop = (nextLoop + 1) % loops.count
            return loops[nextLoop]
        }
        guard let loop else { return false }
        loop.adopt(connection)
        return true
        #else
        return false
        #endif
    }

    /// Serves a connection on a thread of its own until it ends or is parked again.
    func serveOnThread(_ connection: Connection) {
        // Without a thread the connection cannot be served: closed, so it is not counted open for ever.
        if !PlatformThread.start(name: "coinage-connection", { connection.serveOnThread() }) { connection.finish() }
    }

    /// Counts a connection gone (closed by whichever thread held it).
    func connectionEnded() {
        metrics.connectionClosed()
        lock.withLock {
            active -= 1
            lock.broadcast()
        }
    }

    /// Drains and returns once every connection has ended (or the drain timeout has
    /// passed): how many connections were still open then.
    @discardableResult
    func stop() -> Int {
        router.startDraining()
        let deadline = ConditionLock.now() + UInt64(ServerConfiguration.drainTimeout) * 1_000_000_000
        lock.lock()
        defer { lock.unlock() }
        stopping = true
        while (active > 0 || !acceptLoopDone) && lock.wait(untilNanoseconds: deadline) {}
        return active
    }
}
