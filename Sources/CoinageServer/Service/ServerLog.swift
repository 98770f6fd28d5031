import CoinageJSON
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Structured logs: one JSON object per line on standard error, one line per event,
/// each with `time` (UTC, milliseconds), `level` and `event` first.
///
/// Lines are written whole under a lock, so lines of concurrent connections never
/// interleave.
public final class ServerLog: Sendable {
    public enum Level: String, Sendable { case info, warning, error }

    /// Where lines go, called under the mutex: one line at a time.
    private let sink: Mutex<@Sendable (String) -> Void>

    /// A log that hands each line (with its newline) to `sink`.
    public init(sink: @escaping @Sendable (String) -> Void) {
        self.sink = Mutex(sink)
    }

    /// The log of `coinage serve`: standard error, written with `write(2)`.
    public static func standardError() -> ServerLog {
        ServerLog { line in
            var bytes = Array(line.utf8)
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
                if written <= 0 { return }
                offset += written
            }
        }
    }

    public func event(_ name: String, level: Level = .info, _ fields: [(String, JSONValue)] = []) {
        let object = JSONValue.object([("time", .string(Self.timestamp())), ("level", .string(level.rawValue)),
                                       ("event", .string(name))] + fields)
        let line = object.serialized() + "\n"
        sink.withLock { send in send(line) }
    }

    /// The current time as `2026-12-06T07:05:09.123Z`.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let millis = Int(now.tv_nsec) / 1_000_000
        let millisText = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(millisText)Z"
    }
}
