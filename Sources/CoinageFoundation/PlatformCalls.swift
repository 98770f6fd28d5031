#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library calls the edge of the program makes, under names that a type's own
/// `read` or `write` does not hide, and the process facts Foundation used to give.
///
/// The program's edge (rule loading, the CLI, the language server) talks to the
/// system through these and the C library alone: loading Foundation cost every
/// `coinage` process about 9 MB of resident memory (its libraries and ICU's), more
/// than a tenth of a batch over 20,000 promotions.
public enum PlatformCalls {
    /// `read(2)`: up to `count` bytes into `buffer`; the count read, 0 at the end, -1 on an error.
    public static func read(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(descriptor, buffer, count)
        #elseif canImport(Musl)
        Musl.read(descriptor, buffer, count)
        #else
        Darwin.read(descriptor, buffer, count)
        #endif
    }

    /// `write(2)`: up to `count` bytes from `buffer`; the count written, -1 on an error.
    public static func write(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(descriptor, buffer, count)
        #elseif canImport(Musl)
        Musl.write(descriptor, buffer, count)
        #else
        Darwin.write(descriptor, buffer, count)
        #endif
    }

    /// One `read(2)` of up to `maximum` bytes into a new array, retried when
    /// interrupted: the bytes (none at the end of the input), or else the `errno` of
    /// the failure. The array's room is not zero-filled first, as `read` writes it:
    /// zero-filling a megabyte per chunk of a batch's input cost about 380
    /// instructions a line (callgrind).
    public static func readChunk(_ descriptor: Int32, upTo maximum: Int) -> (bytes: [UInt8], failure: Int32?) {
        while true {
            var count = 0
            var code: Int32 = 0
            let bytes = [UInt8](unsafeUninitializedCapacity: maximum) { room, initialized in
                count = read(descriptor, room.baseAddress, room.count)
                if count < 0 { code = errno }
                initialized = max(count, 0)
            }
            if count >= 0 { return (bytes, nil) }
            if code != EINTR { return ([], code) }
        }
    }

    /// Writes every byte of `bytes` to `descriptor`, going on after a partial write or
    /// an interrupted call: nil once all are written, else the `errno` of the failure.
    /// A write of nothing would be retried for ever, so it counts as `ENOSPC`, as the
    /// system calls a full disk.
    public static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        bytes.withUnsafeBytes { buffer -> Int32? in
            guard let base = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, base + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EINTR {
                    continue
                } else {
                    return written < 0 ? errno : ENOSPC
                }
            }
            return nil
        }
    }

    /// Seconds since 1970-01-01T00:00:00Z, from the system's real-time clock.
    public static func secondsSinceEpoch() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec)
    }

    /// The process's environment, each `NAME=value` entry split at its first `=`;
    /// an entry without one is skipped, and a name given twice keeps its first value
    /// (what `getenv` returns).
    public static func environment() -> [String: String] {
        var variables: [String: String] = [:]
        guard var entry = environmentEntries() else { return variables }
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") {
                let name = String(text[..<equals])
                if variables[name] == nil { variables[name] = String(text[text.index(after: equals)...]) }
            }
            entry += 1
        }
        return variables
    }

    /// The process's working directory, or "." when the system cannot say (it was
    /// removed, or its path is longer than the system allows).
    public static func currentDirectory() -> String {
        guard let path = getcwd(nil, 0) else { return "." }
        defer { free(path) }
        return String(cString: path)
    }

    private static func environmentEntries() -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        #if canImport(Darwin)
        _NSGetEnviron()?.pointee
        #else
        environ
        #endif
    }
}
