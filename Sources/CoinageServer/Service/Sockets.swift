#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the server could not start listening.
public struct SocketError: Error, CustomStringConvertible, Sendable {
    public let description: String

    init(_ what: String) {
        description = "\(what): \(String(cString: strerror(errno)))"
    }

    init(message: String) {
        description = message
    }
}

/// Thin wrappers over the platform's socket calls (Glibc on Linux, Darwin on Apple
/// platforms): the only file that names them, so the rest reads the same on both.
enum Sockets {
    #if canImport(Glibc)
    static let stream = Int32(SOCK_STREAM.rawValue)
    #else
    static let stream = SOCK_STREAM
    #endif

    /// A listening TCP socket on an IPv4 `host` and `port` (0: any free port), and
    /// the port it is bound to.
    static func listen(host: String, port: Int, backlog: Int32 = 128) throws(SocketError) -> (fd: Int32, port: Int) {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            throw SocketError(message: "`\(host)` is not an IPv4 address such as 127.0.0.1 or 0.0.0.0")
        }
        let fd = socket(AF_INET, stream, 0)
        guard fd >= 0 else { throw SocketError("cannot open a socket") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let error = SocketError("cannot listen on \(host):\(port)")
            close(fd)
            throw error
        }
        guard systemListen(fd, backlog) == 0 else {
            let error = SocketError("cannot listen on \(host):\(port)")
            close(fd)
            throw error
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: actual.sin_port)))
    }

    /// Waits up to `milliseconds` for `fd` to be readable (or closed by the peer).
    static func waitReadable(_ fd: Int32, milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, milliseconds) > 0
    }

    /// Accepts a connection, or nil when none was waiting.
    static func accept(_ fd: Int32) -> Int32? {
        let client = systemAccept(fd, nil, nil)
        guard client >= 0 else { return nil }
        // A peer that stops reading cannot hold a connection's thread for ever.
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var yes: Int32 = 1
        setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
        return client
    }

    enum ReadResult { case bytes([UInt8]), closed, failed }

    /// Reads what is there, up to 64 KiB.
    static func read(_ fd: Int32) -> ReadResult {
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count > 0 { return .bytes(Array(buffer[0..<count])) }
        if count == 0 { return .closed }
        return errno == EINTR || errno == EAGAIN ? .bytes([]) : .failed
    }

    /// Writes every byte, or returns false when the peer is gone or stopped reading.
    static func write(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { send(fd, $0.baseAddress.map { $0 + offset }, $0.count - offset, noSignal) }
            if sent < 0, errno == EINTR { continue }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    /// Closes after an error response: stops sending, then reads (and drops) what
    /// the client still sends for a moment, so the response is not lost to a reset.
    static func lingeringClose(_ fd: Int32) {
        shutdown(fd, Int32(SHUT_WR))
        var drained = 0
        while drained < 256 << 10, waitReadable(fd, milliseconds: 500) {
            guard case .bytes(let bytes) = read(fd), !bytes.isEmpty else { break }
            drained += bytes.count
        }
        close(fd)
    }

    static func close(_ fd: Int32) {
        _ = systemClose(fd)
    }

    #if canImport(Glibc)
    static let noSignal = Int32(MSG_NOSIGNAL)
    #else
    static let noSignal: Int32 = 0
    #endif
}

// The calls whose names the wrappers above shadow.
private func systemListen(_ fd: Int32, _ backlog: Int32) -> Int32 { listen(fd, backlog) }
private func systemAccept(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>?, _ length: UnsafeMutablePointer<socklen_t>?) -> Int32 {
    accept(fd, address, length)
}
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
