@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// Issue 11, F: a price book checks the promises it relies on when it is built. A
/// checked rule set always keeps them; a rule set that breaks one (only a bug can
/// make one) gets every quote refused as `internal`, never a quote computed from a
/// stand-in value (a zero slot, an empty name, a made-up currency, UTC for a zone).
@Suite struct PriceBookInvariantTests {
    typealias F = WalkFixture

    static let shop = """
        region DE: EUR, zone Europe/Berlin
        rate EUR 0.92
        user segment: one of new, vip
        bundle b: 100 coins, 10.00 USD
        promotion vip {
          when user.segment == vip
          discount 1.00 USD
        }
        """

    /// The checked rule set with some parts replaced, as a bug in the checker could leave it.
    static func rebuilt(_ rules: RuleSet, rates: [String: ExactDecimal]? = nil, userAttributes: [UserAttribute]? = nil,
                        zoneOffsets: [String: ZoneOffsets]? = nil) -> RuleSet {
        RuleSet(baseCurrency: rules.baseCurrency, stacking: rules.stacking, floor: rules.floor, currencies: rules.currencies,
                rates: rates ?? rules.rates, roundingRules: rules.roundingRules, rateSpans: rules.rateSpans,
                roundingSpans: rules.roundingSpans, scopedRoundingRules: rules.scopedRoundingRules, regions: rules.regions, markets: rules.markets, channels: rules.channels,
                bundles: rules.bundles, customAmounts: rules.customAmounts, explicitPrices: rules.explicitPrices, pricePointTables: rules.pricePointTables,
                userAttributes: userAttributes ?? rules.userAttributes, promotions: rules.promotions, gifts: rules.gifts,
                payout: rules.payout, tests: rules.tests, guards: rules.guards, zoneOffsets: zoneOffsets ?? rules.zoneOffsets,
                sources: rules.sources)
    }

    static func refusal(_ rules: RuleSet) -> QuoteError? {
        let request = F.request(region: "DE", user: ["segment": .value("vip")])
        guard case .failure(let error) = PriceBook(rules).quote(request) else { return nil }
        return error
    }

    @Test func aCheckedBookKeepsItsPromisesAndQuotes() throws {
        let book = try F.book(Self.shop)
        #expect(book.brokenInvariant == nil)
        #expect(try F.quote(book, F.request(region: "DE", user: ["segment": .value("vip")])).applied == ["vip"])
    }

    @Test func anUndeclaredAttributeInAConditionRefusesEveryQuote() throws {
        let rules = try F.shop(Self.shop).rules
        let broken = Self.rebuilt(rules, userAttributes: [])
        #expect(PriceBook(broken).brokenInvariant == "promotion `vip`: `user.segment` is not declared")
        let error = try #require(Self.refusal(broken))
        #expect(error.kind == .internalError)
        #expect(error.message == "internal error: promotion `vip`: `user.segment` is not declared")
        #expect(error.help == "this is a bug in coinage, not in the rules or the request; please report it with the rules")
        // Even a request the promotion does not concern is refused: nothing is quoted from a broken book.
        #expect(PriceBook(broken).quote(F.request()).map(\.total) == .failure(error))
    }

    @Test func anUndeclaredValueInAConditionIsABrokenPromise() throws {
        let rules = try F.shop(Self.shop).rules
        let segment = try #require(rules.userAttribute("segment"))
        let broken = Self.rebuilt(rules, userAttributes: [UserAttribute(name: "segment", kind: .oneOf(["new"]), span: segment.span)])
        #expect(PriceBook(broken).brokenInvariant == "promotion `vip`: a value compared with `user.segment` is not declared")
    }

    @Test func aMissingRateIsABrokenPromiseNotAFreeDiscount() throws {
        let rules = try F.shop(Self.shop).rules
        let broken = Self.rebuilt(rules, rates: [:])
        #expect(PriceBook(broken).brokenInvariant == "promotion `vip`: 1.00 USD cannot convert to EUR")
        #expect(Self.refusal(broken)?.kind == .internalError)
    }

    @Test func aRegionWithoutItsZoneTableIsABrokenPromiseNotUTC() throws {
        let rules = try F.shop(Self.shop).rules
        let broken = Self.rebuilt(rules, zoneOffsets: ["UTC": .fixed(0)])
        #expect(PriceBook(broken).brokenInvariant == "region `DE`: its zone Europe/Berlin has no offset table")
        #expect(Self.refusal(broken)?.kind == .internalError)
    }

    @Test func everyCheckedRuleSetKeepsItsPromises() throws {
        #expect(try ReferenceEvaluatorPropertyTests.sampleShop().book.brokenInvariant == nil)
        for seed in 0..<UInt64(40) {
            var generator = WalkRuleGenerator(seed: 0x1A7 + seed)
            guard let book = CompiledWalkPropertyTests.shop(generator.text())?.book else { continue }
            #expect(book.brokenInvariant == nil, "rule set \(seed)")
        }
    }
}
