import CoinageTestSupport
import Testing
@testable import CoinageServer

/// Properties of the parser over generated splits and inputs.
@Suite struct HTTPParserPropertyTests {
    static let samples: [String] = [
        "GET /healthz HTTP/1.1\r\nHost: a\r\n\r\nPOST /v1/quote HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n{\"a\":\"b\"}\r\n",
        "POST /v1/quotes HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\nT: v\r\n\r\nGET /metrics HTTP/1.0\r\n\r\n",
        "\r\nGET / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nxyzGET / HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost : a\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcdeXX0\r\n\r\n",
        "GET /" + String(repeating: "p", count: 100) + " HTTP/1.1\r\nHost: a\r\n\r\n",
    ]

    static let limits = HTTPLimits(maxBodyBytes: 64, maxHeaderBytes: 200, maxHeaderCount: 8, maxTargetBytes: 64)

    /// Any split of the bytes into pieces gives the same requests and the same end:
    /// every split into two, and random splits into many.
    @Test(arguments: samples)
    func everySplitParsesTheSame(_ text: String) {
        let bytes = Array(text.utf8)
        let whole = HTTPParserTests.parse(bytes, chunks: [bytes.count], limits: Self.limits)
        for cut in 1..<bytes.count {
            let split = HTTPParserTests.parse(bytes, chunks: [cut], limits: Self.limits)
            #expect(split.requests == whole.requests && split.end == whole.end, "split at \(cut)")
        }
        let single = HTTPParserTests.parse(bytes, chunks: Array(repeating: 1, count: bytes.count), limits: Self.limits)
        #expect(single.requests == whole.requests && single.end == whole.end, "byte by byte")
        var random = SplitMix64(seed: UInt64(bytes.count))
        for _ in 0..<50 {
            let chunks = (0..<bytes.count).map { _ in Int(random.next() % 9) + 1 }
            let split = HTTPParserTests.parse(bytes, chunks: chunks, limits: Self.limits)
            #expect(split.requests == whole.requests && split.end == whole.end, "chunks \(chunks)")
        }
    }

    /// Found by fuzzing: a request line longer than the limit with a bare line feed
    /// past the limit was refused as too long when split, for its line feed whole.
    /// Either is decided by the first `maxRequestLineBytes + 2` bytes alone now.
    @Test func aLongLineWithALateLineFeed() {
        let bytes = Array("GET /healthz ".utf8) + [UInt8](repeating: 0xFF, count: 95) + Array("HTTP/1.1\r:H\n a\r\nEx\n\r\n".utf8)
        let limits = HTTPLimits(maxBodyBytes: 200, maxHeaderBytes: 300, maxHeaderCount: 6, maxTargetBytes: 40)
        let whole = HTTPParserTests.parse(bytes, chunks: [bytes.count], limits: limits)
        let split = HTTPParserTests.parse(bytes, chunks: Array(repeating: 6, count: bytes.count), limits: limits)
        #expect(split.end == whole.end)
        guard case .failure(let error) = whole.end else {
            Issue.record("not refused")
            return
        }
        #expect(error.status.code == 414)
        // A bare line feed within the limit is still the first thing said.
        #expect(HTTPParserTests.status("GET /a\nb HTTP/1.1\r\nHost: a\r\n\r\n") == 400)
    }

    /// Random bytes, and random mutations of good requests, never crash the parser:
    /// each ends in requests, a wait for more, or a 4xx/5xx refusal.
    @Test func arbitraryBytesEndInAnAnswer() {
        var random = SplitMix64(seed: 15)
        let alphabet = Array("GET POST /v1 HTTP/1.1\r\n:Host a0123456789abcdefContent-Length Transfer-Encoding chunked;\t\u{7F}\u{00}".utf8)
        for round in 0..<2_000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = (0..<Int(random.next() % 200)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            } else {
                bytes = Array(Self.samples[Int(random.next() % UInt64(Self.samples.count))].utf8)
                for _ in 0..<3 { bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next()) }
            }
            let whole = HTTPParserTests.parse(bytes, chunks: [bytes.count], limits: Self.limits)
            if case .failure(let error) = whole.end {
                #expect((400...599).contains(error.status.code))
            }
            let split = HTTPParserTests.parse(bytes, chunks: [Int(random.next() % 40) + 1, 3, 1, 7], limits: Self.limits)
            #expect(split.requests == whole.requests && split.end == whole.end, "\(bytes)")
        }
    }
}
