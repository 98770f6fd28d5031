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
/// platforms), so the rest reads the same on both. Listening is `Listeners`.
enum Sockets {
    #if canImport(Glibc)
    static let stream = Int32(SOCK_STREAM.rawValue)
    #else
    static let stream = SOCK_STREAM
    #endif

    /// Waits up to `milliseconds` for `fd` to be readable (or closed by the peer).
    static func waitReadable(_ fd: Int32, milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, milliseconds) > 0
    }

    /// Waits up to `milliseconds` for one of `fds` to be readable: those that are.
    static func waitReadable(_ fds: [Int32], milliseconds: Int32) -> [Int32] {
        var entries = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        guard poll(&entries, nfds_t(entries.count), milliseconds) > 0 else { return [] }
        return entries.filter { $0.revents != 0 }.map(\.fd)
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

    enum ReadResult { case bytes(Int), wouldBlock, closed, failed }

    /// Reads what is there into `buffer` (the caller's, reused: no allocation per
    /// read). `wait: false` never blocks: `wouldBlock` when nothing is there.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, wait: Bool = true) -> ReadResult {
        let count = recv(fd, buffer.baseAddress, buffer.count, wait ? 0 : dontWait)
        if count > 0 { return .bytes(count) }
        if count == 0 { return .closed }
        return errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK ? .wouldBlock : .failed
    }

    /// Sends what the socket takes now without blocking: how many bytes it took
    /// (0 when its buffer is full), or nil when the peer is gone.
    static func sendNow(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int? {
        guard let base = bytes.baseAddress else { return 0 }
        var offset = 0
        while offset < bytes.count {
            let sent = send(fd, base + offset, bytes.count - offset, noSignal | dontWait)
            if sent > 0 {
                offset += sent
                continue
            }
            if sent < 0, errno == EINTR { continue }
            if sent < 0, errno == EAGAIN || errno == EWOULDBLOCK { return offset }
            return nil
        }
        return offset
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
        var scratch = [UInt8](repeating: 0, count: 16 << 10)
        while drained < 256 << 10, waitReadable(fd, milliseconds: 500) {
            let result = scratch.withUnsafeMutableBytes { read(fd, into: $0) }
            guard case .bytes(let count) = result else { break }
            drained += count
        }
        close(fd)
    }

    static func close(_ fd: Int32) {
        _ = systemClose(fd)
    }

    #if canImport(Glibc)
    static let noSignal = Int32(MSG_NOSIGNAL)
    static let dontWait = Int32(MSG_DONTWAIT)
    #else
    static let noSignal: Int32 = 0
    static let dontWait = MSG_DONTWAIT
    #endif
}

// The calls whose names the wrappers above shadow.
private func systemAccept(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>?, _ length: UnsafeMutablePointer<socklen_t>?) -> Int32 {
    accept(fd, address, length)
}
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
