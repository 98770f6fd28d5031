import Coinage
import CoinageC
import CoinageCLI
import CoinageIO
import Foundation
import Testing

/// Quoting through the C library: each answer is the line `coinage quote --batch`
/// writes for the same bytes, refusals are error objects with status 1, and bad
/// arguments give -1 and no buffer.
@Suite struct CLibraryQuoteTests {
    static let requests = [
        #"{"bundle":"coins_700","region":"DE","channel":"web","at":"2026-11-28T10:00:00Z"}"#,
        #"{"coins":5000,"region":"US","channel":"web","at":"2026-11-29T23:30:00Z","explain":true}"#,
        #"{"bundle":"coins_1400","region":"US","channel":"ios","at":"2026-06-17T12:00:00-04:00","user":{"segment":"vip","purchases":12},"codes":["VIP2026"]}"#,
        #"{"bundle":"coins_700","region":"XX","channel":"web","at":"2026-11-28T10:00:00Z"}"#,
        #"{"bundle":"coins_700","region":"DE","channel":"tv","at":"2026-11-28T10:00:00Z"}"#,
        #"{"bundle":"coins_700","region":"DE","channel":"web","at":"2026-11-28T10:00:00Z","code":"x"}"#,
        #"{"bundle":"coins_700","region":"DE""#,
        "not json at all",
    ]

    @Test(arguments: requests)
    func quoteIsTheBatchsLine(request: String) throws {
        let handle = try CCalls.open(CCalls.sampleShop).get()
        defer { coinage_close(handle) }
        let answer = CCalls.quote(handle, request)
        let batch = CCalls.batch(Array(request.utf8))
        #expect(answer.bytes.map { $0 + [10] } == batch.output)
        #expect(answer.status == (batch.status == .success ? 0 : 1))
    }

    @Test func quotedRequestGivesTheQuote() throws {
        let handle = try CCalls.open(CCalls.sampleShop).get()
        defer { coinage_close(handle) }
        let answer = CCalls.quote(handle, Self.requests[0])
        #expect(answer.status == 0)
        #expect(answer.text.hasPrefix(#"{"bundle":"coins_700","region":"DE","channel":"web","at":"2026-11-28T10:00:00Z","currency":"EUR""#))
        #expect(answer.text.contains(#""rules":"\#(CCalls.hash(handle) ?? "")""#))
        #expect(!answer.text.contains("\n"))
    }

    /// A request with no `at` is priced at the time of the call, as a batch's is at
    /// the time the batch started.
    @Test func requestWithoutAnInstantIsPricedAtTheCall() throws {
        let handle = try CCalls.open(CCalls.sampleShop).get()
        defer { coinage_close(handle) }
        let before = Int64(Date().timeIntervalSince1970)
        let answer = CCalls.quote(handle, #"{"bundle":"coins_700","region":"DE","channel":"web"}"#)
        let after = Int64(Date().timeIntervalSince1970)
        #expect(answer.status == 0)
        let at = try #require(answer.text.split(separator: "\"").drop { $0 != "at" }.dropFirst(2).first)
        let instant = try #require(InstantParser.parse(String(at)))
        #expect(before <= instant && instant <= after, "\(at)")
    }

    @Test func refusedRequestGivesTheErrorObject() throws {
        let handle = try CCalls.open(CCalls.sampleShop).get()
        defer { coinage_close(handle) }
        let answer = CCalls.quote(handle, Self.requests[3])
        #expect(answer.status == 1)
        #expect(answer.text.hasPrefix(#"{"error":{"code":"unknown_region","message":"unknown region `XX`""#), "\(answer.text)")
    }

    @Test func malformedRequestsAreInvalidRequestsOfLineOne() throws {
        let handle = try CCalls.open(CCalls.sampleShop).get()
        defer { coinage_close(handle) }
        for bytes in [Array("not json".utf8), [], Array("  ".utf8), Array(#"{"bundle":"#.utf8) + [0xFF, 0xC0] + Array(#""}"#.utf8), [0]] {
            let answer = CCalls.quote(handle, bytes)
            #expect(answer.status == 1)
            #expect(answer.text.hasPrefix(#"{"error":{"code":"invalid_request","message":"line 1: "#), "\(answer.text)")
        }
    }

    @Test func requestPastTheLineLimitIsRefusedUnread() throws {
        let handle = try CCalls.open(CCalls.sampleShop).get()
        defer { coinage_close(handle) }
        let answer = CCalls.quote(handle, [UInt8](repeating: 32, count: RequestLineParser.maxLineBytes + 1))
        #expect(answer.status == 1)
        #expect(answer.text == #"{"error":{"code":"invalid_request","message":"line 1: the line is longer than 1048576 bytes, the most a request line may have; it was not read"}}"#)
    }

    @Test func nullArgumentsGiveInvalidArgumentAndNoBuffer() throws {
        let handle = try CCalls.open(CCalls.sampleShop).get()
        defer { coinage_close(handle) }
        let request = Array(Self.requests[0].utf8)
        #expect(CCalls.quote(nil, request) == CCalls.Answer(status: -1, bytes: nil))
        #expect(CCalls.quoteLines(nil, request) == CCalls.Answer(status: -1, bytes: nil, refused: 0))
        var output: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(bitPattern: 1)
        var length = 7
        var refused = 7
        #expect(coinage_quote(handle, nil, 3, &output, &length) == -1)
        #expect(output == nil && length == 0)
        #expect(coinage_quote_lines(handle, nil, 3, &output, &length, &refused) == -1)
        #expect(output == nil && length == 0 && refused == 0)
        request.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                #expect(coinage_quote(handle, chars.baseAddress, chars.count, nil, nil) == -1)
                #expect(coinage_quote_lines(handle, chars.baseAddress, chars.count, nil, nil, nil) == -1)
                // A size_t past SSIZE_MAX arrives negative and is refused, never read.
                #expect(coinage_quote(handle, chars.baseAddress, -1, &output, &length) == -1)
                #expect(coinage_quote_lines(handle, chars.baseAddress, Int.min, &output, nil, nil) == -1)
                // The lengths and the refused count are optional.
                #expect(coinage_quote(handle, chars.baseAddress, chars.count, &output, nil) == 0)
                coinage_free(output)
                #expect(coinage_quote_lines(handle, chars.baseAddress, chars.count, &output, nil, nil) == 0)
                coinage_free(output)
            }
        }
    }
}
