import Foundation
import Testing
@testable import CoinageServer

/// What the event loops do with a connection, seen from a raw socket: pipelined
/// requests answered in order, and an answer too long for the socket's buffer sent
/// whole (the connection waits on a thread of its own, then goes back to a loop).
@Suite(.enabled(if: Tools.python != nil, "python3 is not installed: run .ci/install-serve-test-tools"))
struct EventLoopTests {
    /// Reads whole HTTP answers (Content-Length framed) off a socket.
    static let reader = """
    import socket, sys, time
    def answer(s, buffered):
        while b"\\r\\n\\r\\n" not in buffered[0]:
            chunk = s.recv(65536)
            if not chunk: raise SystemExit("closed early")
            buffered[0] += chunk
        head, _, rest = buffered[0].partition(b"\\r\\n\\r\\n")
        length = int([l.split(b":")[1] for l in head.split(b"\\r\\n") if l.lower().startswith(b"content-length:")][0])
        while len(rest) < length:
            chunk = s.recv(65536)
            if not chunk: raise SystemExit("closed early")
            rest += chunk
        buffered[0] = rest[length:]
        return head.split(b"\\r\\n")[0].decode(), head, rest[:length]

    """

    /// Three requests in one write, the last asking to close: three answers in
    /// order, the last with `Connection: close`, then the end of the stream.
    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let server = try RunningService.start()
        defer { server.stop() }
        let script = Self.reader + """
        body = sys.argv[2].encode()
        s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=60)
        post = b"POST /v1/quote HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: %d\\r\\n\\r\\n%s" % (len(body), body)
        s.sendall(b"GET /healthz HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n" + post + b"GET /nope HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n")
        buffered = [b""]
        for _ in range(3):
            status, head, body = answer(s, buffered)
            print(status, b"Connection: close" in head, body[:11].decode())
        print(repr(buffered[0] + s.recv(65536)))
        """
        let output = try Tools.python(script, [String(server.port), EndpointTests.request])
        #expect(output.out == """
            HTTP/1.1 200 OK False {"status":"
            HTTP/1.1 200 OK False {"bundle":"
            HTTP/1.1 404 Not Found True {"error":{"
            b''

            """, "\(output.err)")
    }

    /// An answer of megabytes to a client that waits before reading it: sent whole,
    /// and the connection then answers its next request.
    @Test func aLongAnswerToASlowReaderIsSentWhole() throws {
        let server = try RunningService.start()
        defer { server.stop() }
        let script = Self.reader + """
        line = sys.argv[2].encode() + b"\\n"
        # 12,000 answer lines are 7 MB, more than a loopback socket's send buffer grows to (4 MiB).
        body = line * 12000
        s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=60)
        s.sendall(b"POST /v1/quotes HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: %d\\r\\n\\r\\n%s" % (len(body), body))
        time.sleep(1)
        buffered = [b""]
        status, head, answered = answer(s, buffered)
        print(status, answered.count(b"\\n"), len(answered) > 5000000)
        s.sendall(b"GET /healthz HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")
        print(answer(s, buffered)[0])
        """
        let output = try Tools.python(script, [String(server.port), EndpointTests.request])
        #expect(output.out == "HTTP/1.1 200 OK 12000 True\nHTTP/1.1 200 OK\n", "\(output.err)")
    }
}
