#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The listening sockets of `--host` and `--port`: one per address the host names.
///
/// `--host` is an IPv4 literal (`127.0.0.1`, `0.0.0.0`), an IPv6 literal with or
/// without brackets (`::1`, `[::1]`, `::`), or a host name resolved with
/// `getaddrinfo` (`localhost`). A name with several addresses (`localhost` is often
/// both `127.0.0.1` and `::1`) is listened on at each, on one port: with `--port 0`
/// the first address picks a free port and the others take the same one. An
/// address of a family the machine cannot use (IPv6 switched off) is passed over,
/// as long as one address is left.
struct Listeners {
    let fds: [Int32]
    /// The port bound, the same on every address.
    let port: Int
    /// The addresses listened on, as text (`127.0.0.1`, `::1`).
    let addresses: [String]

    static func open(host: String, port: Int, backlog: Int32 = 1_024) throws(SocketError) -> Listeners {
        var name = host
        if name.hasPrefix("["), name.hasSuffix("]"), name.count > 2 { name = String(name.dropFirst().dropLast()) }
        let candidates = try resolve(name)
        var fds: [Int32] = []
        var addresses: [String] = []
        var bound = port
        for candidate in candidates {
            switch bind(candidate, port: bound, backlog: backlog) {
            case .success(let fd):
                fds.append(fd)
                addresses.append(candidate.text)
                if bound == 0 { bound = localPort(fd) }
            case .failure(let error):
                // A family the kernel does not offer is no reason to fail while another address works.
                if error.unsupportedFamily, candidates.count > 1 { continue }
                for fd in fds { _ = systemCloseListener(fd) }
                throw error.error
            }
        }
        guard !fds.isEmpty else { throw SocketError(message: "`\(host)` has no address this machine can listen on") }
        return Listeners(fds: fds, port: bound, addresses: addresses)
    }

    /// One address to bind: its family and bytes, and how it reads.
    struct Candidate {
        var storage: sockaddr_storage
        var length: socklen_t
        var family: Int32
        var text: String
    }

    /// The addresses of `name`: a literal as it is, a host name through the resolver.
    static func resolve(_ name: String) throws(SocketError) -> [Candidate] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Sockets.stream
        hints.ai_flags = AI_PASSIVE
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(name, nil, &hints, &list)
        guard status == 0, let first = list else {
            let reason = status == 0 ? "no address" : String(cString: gai_strerror(status))
            throw SocketError(message: "cannot resolve `\(name)` (\(reason)); --host takes an IPv4 or IPv6 address or a host name")
        }
        defer { freeaddrinfo(first) }
        var result: [Candidate] = []
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            defer { entry = current.pointee.ai_next }
            let family = current.pointee.ai_family
            guard family == AF_INET || family == AF_INET6, let address = current.pointee.ai_addr else { continue }
            var storage = sockaddr_storage()
            let length = current.pointee.ai_addrlen
            withUnsafeMutableBytes(of: &storage) { target in
                target.copyMemory(from: UnsafeRawBufferPointer(start: address, count: Int(length)))
            }
            let text = Self.text(of: &storage, family: family)
            // The resolver may give one address several times (once per protocol).
            if result.contains(where: { $0.text == text }) { continue }
            result.append(Candidate(storage: storage, length: length, family: family, text: text))
        }
        return result
    }

    private struct BindFailure: Error {
        let error: SocketError
        let unsupportedFamily: Bool
    }

    private static func bind(_ candidate: Candidate, port: Int, backlog: Int32) -> Result<Int32, BindFailure> {
        var address = candidate.storage
        let networkPort = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
        withUnsafeMutableBytes(of: &address) { raw in
            // The port sits at byte 2 in both families, on Linux and on Darwin.
            raw.storeBytes(of: networkPort, toByteOffset: 2, as: in_port_t.self)
        }
        let shown = candidate.family == AF_INET6 ? "[\(candidate.text)]:\(port)" : "\(candidate.text):\(port)"
        let fd = socket(candidate.family, Sockets.stream, 0)
        guard fd >= 0 else {
            let unsupported = errno == EAFNOSUPPORT
            return .failure(BindFailure(error: SocketError("cannot open a socket for \(shown)"), unsupportedFamily: unsupported))
        }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        if candidate.family == AF_INET6 {
            // `::` then means IPv6 only, so `0.0.0.0` can be bound beside it.
            setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &yes, socklen_t(MemoryLayout<Int32>.size))
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { systemBind(fd, $0, candidate.length) }
        }
        guard result == 0, systemListenSocket(fd, backlog) == 0 else {
            let unsupported = errno == EADDRNOTAVAIL || errno == EAFNOSUPPORT
            let error = SocketError("cannot listen on \(shown)")
            _ = systemCloseListener(fd)
            return .failure(BindFailure(error: error, unsupportedFamily: unsupported))
        }
        return .success(fd)
    }

    private static func localPort(_ fd: Int32) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return withUnsafeBytes(of: &storage) { raw -> Int in
            // sin_port and sin6_port sit at the same offset, just after the family.
            Int(UInt16(bigEndian: raw.load(fromByteOffset: 2, as: UInt16.self)))
        }
    }

    private static func text(of storage: inout sockaddr_storage, family: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        withUnsafeBytes(of: &storage) { raw in
            // `sin_addr` is at byte 4 and `sin6_addr` at byte 8 on Linux and on Darwin alike.
            let offset = family == AF_INET6 ? 8 : 4
            guard let base = raw.baseAddress else { return }
            _ = inet_ntop(family, base + offset, &buffer, socklen_t(buffer.count))
        }
        // Up to the terminating zero (the standard library's `String(cString:)` for an array is deprecated).
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

// The calls whose names the methods above shadow.
private func systemBind(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    bind(fd, address, length)
}
private func systemListenSocket(_ fd: Int32, _ backlog: Int32) -> Int32 { listen(fd, backlog) }
private func systemCloseListener(_ fd: Int32) -> Int32 { close(fd) }
