import Foundation
import Testing
@testable import CoinageServer

/// `--host`: IPv4 and IPv6 literals, bracketed or not, and host names, each
/// listened on and answering; a name that does not resolve is a clear error.
@Suite(.enabled(if: Tools.curl != nil, "curl is not installed: run .ci/install-serve-test-tools"))
struct ListenTests {
    /// Whether this machine has an IPv6 loopback to listen on.
    static let hasIPv6Loopback = (try? String(contentsOfFile: "/proc/net/if_inet6", encoding: .utf8))?
        .contains("00000000000000000000000000000001") ?? true

    @Test(arguments: ["::1", "[::1]"])
    func ipv6Literal(_ host: String) throws {
        try #require(Self.hasIPv6Loopback, "no IPv6 loopback on this machine")
        let server = try RunningService.start { $0.host = host }
        defer { server.stop() }
        let output = try Tools.curl(["-g", "-w", "\n%{http_code}", "http://[::1]:\(server.port)/healthz"])
        #expect(output.out == "{\"status\":\"ok\"}\n\n200", "\(output.err)")
        #expect(server.log.text.contains(#""addresses":["::1"]"#))
    }

    @Test func hostName() throws {
        let server = try RunningService.start { $0.host = "localhost" }
        defer { server.stop() }
        #expect(server.log.text.contains(#""host":"localhost""#))
        // `localhost` is 127.0.0.1 everywhere, and ::1 as well where /etc/hosts says so: each is listened on.
        let output = try Tools.curl(["-w", "\n%{http_code}", "http://127.0.0.1:\(server.port)/healthz"])
        #expect(output.out.hasSuffix("\n200"), "\(output.err)")
    }

    @Test func everyAddressOfANameGetsTheSamePort() throws {
        let listeners = try Listeners.open(host: "localhost", port: 0)
        defer { for fd in listeners.fds { close(fd) } }
        #expect(listeners.addresses.contains("127.0.0.1"))
        #expect(listeners.fds.count == listeners.addresses.count)
        #expect(listeners.port > 0)
    }

    @Test func ipv4AndIPv6AnyAddressesSideBySide() throws {
        try #require(Self.hasIPv6Loopback, "no IPv6 on this machine")
        let v6 = try Listeners.open(host: "::", port: 0)
        defer { for fd in v6.fds { close(fd) } }
        // `::` is IPv6 only, so 0.0.0.0 takes the same port beside it.
        let v4 = try Listeners.open(host: "0.0.0.0", port: v6.port)
        defer { for fd in v4.fds { close(fd) } }
        #expect(v4.port == v6.port)
    }

    @Test func aNameThatDoesNotResolve() {
        #expect {
            _ = try Listeners.open(host: "no-such-host.invalid", port: 0)
        } throws: { error in
            (error as? SocketError)?.description.hasPrefix("cannot resolve `no-such-host.invalid`") == true
        }
    }
}
