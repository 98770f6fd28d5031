import CoinageJSON
import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rules service behind `coinage serve`: the rules loaded and watched, the HTTP
/// server, and what the signals do (SIGHUP reloads, SIGTERM and SIGINT drain).
public final class CoinageService: @unchecked Sendable {
    public let configuration: ServerConfiguration
    let log: ServerLog
    let live: LiveRules
    let metrics = Metrics()
    let router: Router
    private var server: HTTPServer?
    private var watcher: RulesWatcher?
    /// The rules directory's files as they were just before the first load.
    private let initialFiles: [String: String]
    private var signalSources: [DispatchSourceSignal] = []
    private let stopped = DispatchSemaphore(value: 0)
    /// Set by the first `stop()`, so the ones after it return at once.
    private let stopping = Mutex(false)

    /// Why the service could not start.
    public enum StartError: Error {
        /// The rules could not be read or have errors: nothing to serve.
        case rules(RulesFailure)
        case socket(SocketError)
    }

    /// Loads the rules; they must load cleanly for the service to start.
    public init(configuration: ServerConfiguration, log: ServerLog) throws(StartError) {
        self.configuration = configuration
        self.log = log
        initialFiles = configuration.watch ? RulesWatcher.fingerprint(configuration.rulesDirectory) : [:]
        switch RulesSnapshot.load(configuration.rulesDirectory, generation: 1) {
        case .failure(let failure): throw .rules(failure)
        case .success(let snapshot): live = LiveRules(snapshot)
        }
        router = Router(live: live, metrics: metrics, limits: configuration.limits)
    }

    /// The rules being served now.
    public var rules: RulesSnapshot { live.snapshot }

    /// Binds the socket, starts accepting and watching, and logs `listening` with the
    /// port bound (the one to read when the configuration asked for port 0).
    public func start() throws(StartError) -> Int {
        let server: HTTPServer
        do {
            server = try HTTPServer(configuration: configuration, router: router, metrics: metrics, log: log)
        } catch {
            throw .socket(error)
        }
        self.server = server
        server.start()
        let rules = live.snapshot
        log.event("listening", [("host", .string(configuration.host)), ("port", .integer(Int64(server.port))),
                                ("addresses", .array(server.addresses.map { .string($0) })),
                                ("rules", .string(configuration.rulesDirectory)), ("hash", .string(rules.hash)),
                                ("files", .integer(Int64(rules.files.count)))])
        if configuration.watch {
            let watcher = RulesWatcher(directory: configuration.rulesDirectory, initial: initialFiles) { [weak self] in self?.reload(trigger: "change") }
            self.watcher = watcher
            watcher.start()
        }
        return server.port
    }

    /// Loads the rules again, off to the side, and swaps them in when they have no
    /// errors; otherwise keeps serving the ones it has and logs the diagnostics.
    @discardableResult
    public func reload(trigger: String) -> Bool {
        let before = live.snapshot.hash
        switch live.reload(configuration.rulesDirectory) {
        case .success(let snapshot):
            metrics.reload(succeeded: true)
            log.event("reload", [("trigger", .string(trigger)), ("hash", .string(snapshot.hash)),
                                 ("previous", .string(before)), ("files", .integer(Int64(snapshot.files.count)))])
            return true
        case .failure(let failure):
            metrics.reload(succeeded: false)
            log.event("reload_failed", level: .error, [("trigger", .string(trigger)), ("serving", .string(before)),
                                                       ("errors", .integer(Int64(failure.errorCount))),
                                                       ("message", .string(failure.message))])
            return false
        }
    }

    /// Drains and stops: no new connections, requests in flight answered, then
    /// `wait()` returns. Safe to call more than once, from any thread.
    public func stop() {
        let first = stopping.withLock { stopping in
            defer { stopping = true }
            return !stopping
        }
        guard first else { return }
        log.event("draining")
        watcher?.stop()
        let left = server?.stop() ?? 0
        log.event("stopped", [("connectionsLeft", .integer(Int64(left)))])
        stopped.signal()
    }

    /// Blocks until `stop()` has finished.
    public func wait() {
        stopped.wait()
    }

    /// SIGTERM and SIGINT drain and stop; SIGHUP reloads. SIGPIPE is ignored: a
    /// client gone mid-response is a failed write, not the end of the process.
    public func handleSignals() {
        signal(SIGPIPE, SIG_IGN)
        let queue = DispatchQueue(label: "coinage.signals")
        for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT"), (SIGHUP, "SIGHUP")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in
                guard let self else { return }
                self.log.event("signal", [("signal", .string(name))])
                if number == SIGHUP {
                    self.reload(trigger: "SIGHUP")
                } else {
                    // Off the signal queue, so a second signal is still logged while draining.
                    PlatformThread.start(name: "coinage-stop") { self.stop() }
                }
            }
            source.resume()
            signalSources.append(source)
        }
    }
}
