@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import Coinage
import CoinageFoundation
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// Rule sets for the analysis tests, checked with the real zone database.
enum AnalysisFixtures {
    /// The checked rules of `text` and their price book; `text` must check without
    /// errors (the header declares more user attributes than most tests use).
    static func shop(_ text: String) -> CompiledShop? {
        var sources = SourceMap()
        sources.add(path: "shop.coin", text: text)
        let result = Pipeline.check(sources: sources, zones: SystemTimeZones())
        let errors = result.errors
        #expect(errors.isEmpty, "\(errors.map { "\($0.code.rawValue) \($0.message)" })")
        guard let rules = result.ruleSet, let book = result.priceBook else { return nil }
        return CompiledShop(rules: rules, book: book)
    }

    /// The price book of `text`, for a test that only quotes (see `shop`).
    static func book(_ text: String) -> PriceBook? {
        shop(text)?.book
    }

    /// The codes of every analysis diagnostic of `shop`.
    static func codes(_ shop: CompiledShop) -> [String] {
        RuleAnalysis.analyze(shop.rules, book: shop.book).map(\.code.rawValue)
    }

    /// The share of the list price a quote takes off.
    static func discountShare(_ quote: Quote) -> Fraction? {
        Fraction(UInt64(quote.list.minorUnits - quote.price.minorUnits), UInt64(quote.list.minorUnits))
    }

    static let header = """
        base currency USD
        stacking additive
        region US: USD, tax 7.25% added, zone America/New_York
        region DE: EUR, tax 19% included, zone Europe/Berlin
        rate EUR 0.9
        channel ios: fee 30%
        channel web: fee 3%, level 75%
        user segment: one of new, casual, vip
        user purchases: int 0 to 1_000
        user first_purchase: bool
        bundle coins_70: 70 coins, 0.99 USD
        bundle coins_700: 700 coins, 8.99 USD

        """
}
