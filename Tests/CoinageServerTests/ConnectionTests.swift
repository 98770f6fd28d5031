import Foundation
import Testing
@testable import CoinageServer

/// What happens on one connection, driven with Python's `http.client` and raw
/// sockets: keep-alive, `100 Continue`, garbage, and a client that stops sending.
@Suite(.enabled(if: Tools.python != nil, "python3 is not installed: run .ci/install-serve-test-tools"))
struct ConnectionTests {
    /// Three requests on one connection: the socket is the same after each.
    @Test func keepAlive() throws {
        let server = try RunningService.start()
        defer { server.stop() }
        let script = """
        import http.client, sys
        conn = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=60)
        sockets = []
        for method, path, body in [("GET", "/healthz", None), ("POST", "/v1/quote", sys.argv[2]), ("GET", "/v1/rules", None)]:
            conn.request(method, path, body=body)
            response = response = conn.getresponse()
            response.read()
            sockets.append(id(conn.sock))
            print(response.status, response.getheader("Connection"))
        print("same" if len(set(sockets)) == 1 else "different")
        """
        let output = try Tools.python(script, [String(server.port), EndpointTests.request])
        #expect(output.out == "200 keep-alive\n200 keep-alive\n200 keep-alive\nsame\n", "\(output.err)")
    }

    /// A response to HEAD has no body (here a 405), so the next response on the
    /// connection is read from the right byte.
    @Test func headHasNoBody() throws {
        let server = try RunningService.start()
        defer { server.stop() }
        let script = """
        import http.client, sys
        conn = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=60)
        conn.request("HEAD", "/healthz")
        response = conn.getresponse()
        print(response.status, response.getheader("Allow"), repr(response.read()))
        conn.request("GET", "/healthz")
        response = conn.getresponse()
        print(response.status, response.read().decode().strip())
        """
        let output = try Tools.python(script, [String(server.port)])
        #expect(output.out == "405 GET b''\n200 {\"status\":\"ok\"}\n", "\(output.err)")
    }

    /// `Expect: 100-continue` gets `100 Continue` before the body is sent, then the answer.
    @Test func expectContinue() throws {
        let server = try RunningService.start()
        defer { server.stop() }
        let script = """
        import socket, sys
        body = sys.argv[2].encode()
        s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=60)
        s.sendall(b"POST /v1/quote HTTP/1.1\\r\\nHost: x\\r\\nExpect: 100-continue\\r\\nContent-Length: %d\\r\\n\\r\\n" % len(body))
        interim = b""
        while not interim.endswith(b"\\r\\n\\r\\n"):
            interim += s.recv(1)
        print(interim.decode().strip())
        s.sendall(body)
        s.shutdown(socket.SHUT_WR)
        answer = b""
        while True:
            chunk = s.recv(65536)
            if not chunk: break
            answer += chunk
        print(answer.split(b"\\r\\n")[0].decode())
        """
        let output = try Tools.python(script, [String(server.port), EndpointTests.request])
        #expect(output.out == "HTTP/1.1 100 Continue\nHTTP/1.1 200 OK\n", "\(output.err)")
    }

    /// Bytes that are not HTTP get a 400 with a JSON error, and the connection closes.
    @Test func garbageIsAnsweredAndClosed() throws {
        let server = try RunningService.start()
        defer { server.stop() }
        let script = """
        import socket, sys
        s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=60)
        s.sendall(b"\\x16\\x03\\x01 hello there\\r\\n\\r\\n")
        answer = b""
        while True:
            chunk = s.recv(65536)
            if not chunk: break
            answer += chunk
        head, _, body = answer.partition(b"\\r\\n\\r\\n")
        print(head.split(b"\\r\\n")[0].decode())
        print(b"Connection: close" in head)
        print(body.decode().strip())
        """
        let output = try Tools.python(script, [String(server.port)])
        let lines = output.out.split(separator: "\n")
        #expect(lines.first == "HTTP/1.1 400 Bad Request", "\(output.err)")
        #expect(lines.dropFirst().first == "True")
        #expect(lines.last?.hasPrefix(#"{"error":{"code":"bad_request","message":"#) == true)
    }

    /// A client that sends half a request and stops is answered 408 and cut off once
    /// the request timeout (1 s here) has passed.
    @Test func slowSenderIsCutOff() throws {
        let server = try RunningService.start { $0.requestTimeout = 1 }
        defer { server.stop() }
        let script = """
        import socket, sys
        s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=60)
        s.sendall(b"POST /v1/quote HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 100\\r\\n\\r\\n{")
        answer = b""
        while True:
            chunk = s.recv(65536)
            if not chunk: break
            answer += chunk
        print(answer.split(b"\\r\\n")[0].decode())
        """
        let output = try Tools.python(script, [String(server.port)])
        #expect(output.out == "HTTP/1.1 408 Request Timeout\n", "\(output.err)")
    }

    /// Past `maxConnections`, the connection idle the longest (for a second at
    /// least) is closed to admit the new one: an idle client cannot shut out others.
    @Test func anIdleConnectionMakesRoom() throws {
        let server = try RunningService.start { $0.maxConnections = 1 }
        defer { server.stop() }
        let script = """
        import socket, sys, http.client, time
        first = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=60)
        first.sendall(b"GET /healthz HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")
        answer = b""
        while b"ok" not in answer:
            answer += first.recv(65536)
        print(answer.split(b"\\r\\n")[0].decode())
        time.sleep(1.5)  # idle for longer than ServerConfiguration.evictableAfterMilliseconds
        second = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=60)
        second.request("GET", "/healthz")
        print(second.getresponse().status)
        print(repr(first.recv(65536)))
        """
        let output = try Tools.python(script, [String(server.port)])
        #expect(output.out == "HTTP/1.1 200 OK\n200\nb''\n", "\(output.err)")
        let metrics = server.service.metrics.render(rules: server.service.rules, lastFailure: nil)
        #expect(metrics.contains("coinage_connections_evicted_total 1\n"))
    }

    /// Past `maxConnections`, with every connection in the middle of a request, a
    /// new connection is answered 503 and closed.
    @Test func tooManyBusyConnections() throws {
        let server = try RunningService.start { $0.maxConnections = 1 }
        defer { server.stop() }
        let script = """
        import socket, sys, http.client, time
        first = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=60)
        first.sendall(b"POST /v1/quote HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 100\\r\\n\\r\\n{")
        time.sleep(0.3)
        second = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=60)
        second.request("GET", "/healthz")
        print(second.getresponse().status)
        """
        let output = try Tools.python(script, [String(server.port)])
        #expect(output.out == "503\n", "\(output.err)")
    }
}
