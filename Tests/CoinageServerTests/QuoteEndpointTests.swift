import CoinageIO
import Foundation
import CoinageTestSupport
import Testing
@testable import CoinageServer

/// The quote endpoints' bodies, called directly on the sample shop: line ends,
/// blank lines, long lines and the status each answer gets.
@Suite struct QuoteEndpointTests {
    static let sample = try? RulesSnapshot.load(RepositoryPaths.sampleShop.path, generation: 1).get()
    static let longLine = "line 1: the line is longer than \(RequestLineParser.maxLineBytes) bytes, the most a request line may have; it was not read"

    static func one(_ body: String, rules: RulesSnapshot) -> QuoteEndpoints.Answer {
        QuoteEndpoints.one(Array(body.utf8), rules: rules, now: 0)
    }

    @Test func aTrailingLineEndIsDropped() throws {
        let rules = try #require(Self.sample)
        let plain = Self.one(EndpointTests.request, rules: rules)
        #expect(plain.quoted == 1)
        #expect(Self.one(EndpointTests.request + "\r\n", rules: rules).bytes == plain.bytes)
        #expect(Self.one(EndpointTests.request + "\n", rules: rules).bytes == plain.bytes)
    }

    @Test func aBodyPastTheLineLimitIsRefusedUnread() throws {
        let rules = try #require(Self.sample)
        let answer = Self.one(String(repeating: " ", count: RequestLineParser.maxLineBytes + 1), rules: rules)
        #expect(answer.invalid)
        #expect(String(decoding: answer.bytes, as: UTF8.self).contains(Self.longLine))
    }

    /// Lines numbered as the batch numbers them: blank ones counted, a long one
    /// refused on its own line, the last line without a newline read too.
    @Test func manyLinesKeepTheirNumbers() throws {
        let rules = try #require(Self.sample)
        let body = "\n\t \r\n" + String(repeating: "x", count: RequestLineParser.maxLineBytes + 1) + "\n{\"bad\"}\r\n" + EndpointTests.request
        let answer = QuoteEndpoints.many(Array(body.utf8), rules: rules, now: 0)
        let lines = String(decoding: answer.bytes, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.first?.contains("line 3: the line is longer than") == true)
        #expect(lines.dropFirst().first?.contains("\"line 4: ") == true)
        #expect(lines.last?.hasPrefix(#"{"bundle":"coins_700""#) == true)
        #expect(answer.quoted == 1)
        #expect(answer.refused == 2)
    }

    /// A thread's kept quoter (`QuoteCache`) answers as a fresh one does, request
    /// after request: plain requests (the fast reader), ones with escapes or
    /// `explain` (the parser), refusals by the rules and malformed ones, long ones.
    @Test func aKeptQuoterAnswersAsAFreshOne() throws {
        let rules = try #require(Self.sample)
        let bodies = [
            EndpointTests.request,
            #"{"bundle":"coins_1400","region":"DE","channel":"web","at":"2026-11-28T10:00:00Z","codes":["VIP2026"],"user":{"segment":"vip","purchases":12}}"#,
            #"{"bundle":"coins_\u0037\u0030\u0030","region":"US","channel":"web"}"#,
            #"{"bundle":"coins_700","region":"DE","channel":"web","explain":true}"#,
            #"{"bundle":"nope","region":"DE","channel":"web"}"#,
            #"{"bundle":1}"#,
            "",
            EndpointTests.request + "\r\n",
            String(repeating: " ", count: RequestLineParser.maxLineBytes + 1),
            EndpointTests.request,
        ]
        var kept = QuoteCache(rules)
        for (index, body) in bodies.enumerated() {
            let now = Int64(1_795_892_400 + index)
            let fresh = QuoteEndpoints.one(Array(body.utf8), rules: rules, now: now)
            let answer = kept.one(Array(body.utf8), rules: rules, now: now)
            #expect(answer.bytes == fresh.bytes, "body \(index)")
            #expect(answer.quoted == fresh.quoted && answer.refused == fresh.refused && answer.invalid == fresh.invalid, "body \(index)")
        }
    }

    /// A kept quoter made for older rules quotes on the rules it is given: every
    /// quote carries the hash of the rules that priced it, after a reload too.
    @Test func aKeptQuoterFollowsNewRules() throws {
        let first = try #require(Self.sample)
        let copy = try TemporaryShop.copy()
        defer { try? FileManager.default.removeItem(at: copy) }
        try "# a comment changes the content hash\n".write(to: copy.appendingPathComponent("more.coin"), atomically: true, encoding: .utf8)
        let second = try #require(try? RulesSnapshot.load(copy.path, generation: 2).get())
        #expect(second.hash != first.hash)
        var kept = QuoteCache(first)
        _ = kept.one(Array(EndpointTests.request.utf8), rules: first, now: 0)
        let answer = kept.one(Array(EndpointTests.request.utf8), rules: second, now: 0)
        #expect(answer.bytes == QuoteEndpoints.one(Array(EndpointTests.request.utf8), rules: second, now: 0).bytes)
        #expect(String(decoding: answer.bytes, as: UTF8.self).contains(second.hash))
    }

    /// An answer is bounded: past the bound the quoting stops and the answer says it
    /// was cut, whatever the body (here 3-byte lines each answered by an error line
    /// some forty times longer).
    @Test func anAnswerPastItsBoundIsCut() throws {
        let rules = try #require(Self.sample)
        let body = Array(String(repeating: "{}\n", count: 2_000).utf8)
        let whole = QuoteEndpoints.many(body, rules: rules, now: 0)
        #expect(!whole.cut)
        #expect(whole.bytes.count > 40 * body.count)
        let bounded = QuoteEndpoints.many(body, rules: rules, now: 0, maxAnswerBytes: 40_000)
        #expect(bounded.cut)
        // Stopped within a run of lines of the bound, not at the end.
        #expect(bounded.bytes.count < whole.bytes.count)
    }

    @Test func theAnswerBoundFollowsTheBodyLimit() {
        #expect(HTTPLimits().maxAnswerBytes == 128 << 20)
        #expect(HTTPLimits(maxBodyBytes: 1_024).maxAnswerBytes == HTTPLimits.minimumAnswerBytes)
        #expect(HTTPLimits(maxBodyBytes: 1 << 30).maxAnswerBytes == 16 << 30)
    }
}
