/// How `coinage serve` runs: where it listens, its limits and timeouts, and the
/// rules directory it serves and watches. Every default is a named constant.
public struct ServerConfiguration: Sendable {
    /// Loopback only unless told otherwise: exposing the service is a decision.
    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 8080
    /// Connections served at once (`--max-connections`); one more is answered 503 and closed.
    public static let defaultMaxConnections = 256
    /// Seconds a kept-alive connection may wait for its next request (`--idle-timeout`).
    public static let defaultIdleTimeout = 60
    /// Seconds from a request's first byte to its last (`--request-timeout`): a slow
    /// sender is answered 408 and cut off.
    public static let defaultRequestTimeout = 30
    /// Seconds a stop waits for requests in flight before it exits anyway.
    public static let drainTimeout = 30
    /// How long a kept-alive connection must have been idle before it may be closed
    /// to admit a new one at `maxConnections`, in milliseconds: a busy client's
    /// connection is idle only for a moment between two requests, and closing it
    /// then would cut a request it is sending.
    public static let evictableAfterMilliseconds = 1_000
    /// How often the rules directory is looked at for changed files, in milliseconds.
    public static let pollMilliseconds = 1_000

    public var rulesDirectory: String
    public var host: String
    public var port: Int
    public var limits: HTTPLimits
    public var maxConnections: Int
    public var idleTimeout: Int
    public var requestTimeout: Int
    public var accessLog: Bool
    /// Whether a change under the rules directory reloads them (SIGHUP always does).
    public var watch: Bool

    public init(rulesDirectory: String, host: String = defaultHost, port: Int = defaultPort, limits: HTTPLimits = HTTPLimits(),
                maxConnections: Int = defaultMaxConnections, idleTimeout: Int = defaultIdleTimeout,
                requestTimeout: Int = defaultRequestTimeout, accessLog: Bool = false, watch: Bool = true) {
        self.rulesDirectory = rulesDirectory
        self.host = host
        self.port = port
        self.limits = limits
        self.maxConnections = maxConnections
        self.idleTimeout = idleTimeout
        self.requestTimeout = requestTimeout
        self.accessLog = accessLog
        self.watch = watch
    }
}
