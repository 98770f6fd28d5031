import CoinageTestSupport
import Testing
@testable import CoinageServer

/// The request parser as a value: bytes in, requests or a precise error out.
@Suite struct HTTPParserTests {
    /// Every request of `text` and what stopped the parser, if anything.
    static func parse(_ text: String, limits: HTTPLimits = HTTPLimits()) -> (requests: [HTTPRequest], end: HTTPParseStep) {
        parse(Array(text.utf8), chunks: [Array(text.utf8).count], limits: limits)
    }

    /// The same, with the bytes given in pieces of the sizes in `chunks` (the last
    /// piece takes what is left).
    static func parse(_ bytes: [UInt8], chunks: [Int], limits: HTTPLimits = HTTPLimits()) -> (requests: [HTTPRequest], end: HTTPParseStep) {
        var parser = HTTPRequestParser(limits: limits)
        var requests: [HTTPRequest] = []
        var offset = 0
        var sizes = chunks[...]
        while offset < bytes.count {
            let size = sizes.popFirst() ?? bytes.count
            let end = min(bytes.count, offset + max(1, size))
            parser.append(bytes[offset..<end])
            offset = end
            drain: while true {
                switch parser.next() {
                case .request(let request): requests.append(request)
                case .incomplete: break drain
                case .failure(let error): return (requests, .failure(error))
                }
            }
        }
        return (requests, parser.next())
    }

    static func status(_ text: String, limits: HTTPLimits = HTTPLimits()) -> Int? {
        guard case .failure(let error) = parse(text, limits: limits).end else { return nil }
        return error.status.code
    }

    @Test func aGetWithHeaders() {
        let (requests, end) = Self.parse("GET /v1/rules?x=1 HTTP/1.1\r\nHost: a\r\nX-Thing:  spaced value \t\r\n\r\n")
        #expect(end == .incomplete)
        #expect(requests.count == 1)
        let request = requests[0]
        #expect(request.method == "GET")
        #expect(request.path == "/v1/rules")
        #expect(request.query == "x=1")
        #expect(request.header("x-thing") == "spaced value")
        #expect(request.keepAlive)
        #expect(request.body.isEmpty)
    }

    @Test func aPostWithContentLengthAndAPipelinedSecond() {
        let text = "POST /v1/quote HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhelloGET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
        let (requests, end) = Self.parse(text)
        #expect(end == .incomplete)
        #expect(requests.map(\.path) == ["/v1/quote", "/healthz"])
        #expect(requests[0].body == Array("hello".utf8))
        #expect(requests[1].keepAlive == false)
    }

    @Test func aChunkedBodyWithExtensionsAndTrailers() {
        let text = "POST /v1/quotes HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n4;name=v\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nX-Trailer: 1\r\n\r\n"
        let (requests, end) = Self.parse(text)
        #expect(end == .incomplete)
        #expect(requests.first.map { String(decoding: $0.body, as: UTF8.self) } == "Wikipedia in\r\n\r\nchunks.")
    }

    @Test func keepAliveByVersionAndConnection() {
        #expect(Self.parse("GET / HTTP/1.0\r\n\r\n").requests.first?.keepAlive == false)
        #expect(Self.parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").requests.first?.keepAlive == true)
        #expect(Self.parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: TE, close\r\n\r\n").requests.first?.keepAlive == false)
    }

    @Test func expectContinueWaitsForTheBody() {
        var parser = HTTPRequestParser()
        parser.append(Array("POST /v1/quote HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n".utf8))
        #expect(parser.next() == .incomplete)
        #expect(parser.awaitsContinue)
        parser.append(Array("{}".utf8))
        guard case .request(let request) = parser.next() else {
            Issue.record("no request")
            return
        }
        #expect(request.expectsContinue)
        #expect(!parser.awaitsContinue)
    }

    @Test func leadingEmptyLinesArePassedOver() {
        #expect(Self.parse("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n").requests.count == 1)
    }

    /// Each malformed or oversized request gets its own status.
    @Test(arguments: [
        ("GET / HTTP/1.1\r\n\r\n", 400),                                              // no Host
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),                          // two Hosts
        ("GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400),                                  // double space
        ("GET /\tx HTTP/1.1\r\nHost: a\r\n\r\n", 400),                                // control in target
        ("GET http://a/ HTTP/1.1\r\nHost: a\r\n\r\n", 400),                           // absolute form
        ("G@T / HTTP/1.1\r\nHost: a\r\n\r\n", 400),                                   // method not a token
        ("GET / HTTP/1.1\nHost: a\n\n", 400),                                         // bare LF
        ("GET / HTTX/1.1\r\nHost: a\r\n\r\n", 400),                                   // not HTTP
        ("GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505),
        ("GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400),                                  // space before colon
        ("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", 400),                        // obsolete folding
        ("GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\u{7F}\r\n\r\n", 400),                             // DEL in value
        ("POST / HTTP/1.1\r\nHost: a\r\n\r\n", 411),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n", 413),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n", 413),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcXY", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n4\r\n", 413),
        ("POST / HTTP/1.1\r\nHost: a\r\nExpect: magic\r\nContent-Length: 1\r\n\r\n", 417),
        ("GET /" + String(repeating: "a", count: 40) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414),
        ("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", 431),             // four header lines
        ("GET / HTTP/1.1\r\nHost: a\r\nA: " + String(repeating: "x", count: 300) + "\r\n\r\n", 431),
    ])
    func refusals(_ text: String, status: Int) {
        let limits = HTTPLimits(maxBodyBytes: 10, maxHeaderBytes: 256, maxHeaderCount: 3, maxTargetBytes: 32)
        #expect(Self.status(text, limits: limits) == status, "\(text.debugDescription)")
    }

    /// Past a limit, the refusal comes before the rest has arrived: the parser does
    /// not wait for the bytes it would refuse.
    @Test func limitsStopEarly() {
        let limits = HTTPLimits(maxBodyBytes: 10, maxHeaderBytes: 256, maxHeaderCount: 3, maxTargetBytes: 32)
        #expect(Self.status("GET /" + String(repeating: "a", count: 200), limits: limits) == 414)
        #expect(Self.status("GET / HTTP/1.1\r\nHost: a\r\nA: " + String(repeating: "x", count: 300), limits: limits) == 431)
        #expect(Self.status("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\n", limits: limits) == 413)
    }

    /// After a failure the parser keeps answering it: a connection that sent garbage
    /// is never read as a new request.
    @Test func aFailureSticks() {
        var parser = HTTPRequestParser()
        parser.append(Array("BAD\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        guard case .failure = parser.next() else {
            Issue.record("not refused")
            return
        }
        guard case .failure = parser.next() else {
            Issue.record("the failure did not stick")
            return
        }
    }
}
