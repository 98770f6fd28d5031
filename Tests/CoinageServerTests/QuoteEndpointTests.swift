import CoinageIO
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
}
