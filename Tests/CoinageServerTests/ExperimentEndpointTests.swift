import CoinageIO
import CoinageTestSupport
import Foundation
import Testing
@testable import CoinageServer

/// The quote endpoint on rules with an experiment: each request priced in its arm.
@Suite struct ExperimentEndpointTests {
    static let shop = try? RulesSnapshot.load(RepositoryPaths.file("Tests/CoinageCLITests/Fixtures/experiments").path,
                                              generation: 1).get()

    @Test func aRequestIsQuotedInItsArmAndSaysWhich() throws {
        let rules = try #require(Self.shop)
        let forced = #"{"bundle":"coins_700","region":"US","channel":"web","at":"2026-12-20T10:00:00Z","arms":{"web_price":"cheaper"}}"#
        let answer = QuoteEndpoints.one(Array(forced.utf8), rules: rules, now: 0)
        let text = String(decoding: answer.bytes, as: UTF8.self)
        #expect(answer.quoted == 1)
        #expect(text.contains(#""price":{"amount":"8.99","currency":"USD"}"#))
        #expect(text.hasSuffix(#""experiment":"web_price","arm":"cheaper","assignment":"forced"}"# + "\n"))
        let hashed = #"{"bundle":"coins_700","region":"US","channel":"web","at":"2026-12-20T10:00:00Z","user":{"id":5}}"#
        let control = String(decoding: QuoteEndpoints.one(Array(hashed.utf8), rules: rules, now: 0).bytes, as: UTF8.self)
        #expect(control.hasSuffix(#""arm":"control","assignment":"assigned","bucket":18}"# + "\n"))
    }
}
