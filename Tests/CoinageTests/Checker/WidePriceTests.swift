@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// Prices whose exact intermediate outgrows 128 bits while the price itself is
/// ordinary (issue 11, B): computed exactly, and where a price truly does not fit,
/// reported by the checker (E0407) before any quote is refused.
@Suite struct WidePriceTests {
    typealias F = WalkFixture

    /// 9_999.99 USD × web 51.234567% × rate 0.861234567890123457 × DE 50.602453%:
    /// 2_232.830002411… EUR, whose numerator in lowest terms has 131 bits (the
    /// denominator is 10^34). Worked out with exact rationals outside Coinage.
    static let shop = """
        region DE: EUR, level 50.602453%
        rate EUR 0.861234567890123457
        channel web: level 51.234567%
        bundle b: 1_000 coins, 9_999.99 USD
        custom c: 1 to 1_000_000, 9.99999 USD each
        """

    @Test func aPriceWithA131BitIntermediateIsExact() throws {
        let book = try F.book(Self.shop)
        let quote = try F.quote(book, F.request(region: "DE", channel: "web"))
        // 2_232_830_002_411… / 10^6 cents, half-even: 223_283 cents.
        #expect(quote.list == Money(minorUnits: 223_283, currency: F.eur))
        let steps = try #require(quote.explanation?.listPrice?.steps)
        #expect(steps.map(\.label) == ["base price of b", "channel web level 51.234567%", "rate EUR 0.861234567890123457",
                                       "region DE level 50.602453%"])
        // The last step does not fit a 128-bit `Fraction`: it is held wide, and shown exactly to 12 digits.
        #expect(steps[2].value.fraction != nil && steps[3].value.fraction == nil)
        #expect(steps[3].value.description == "2232.830002411023…")
    }

    @Test func aWideValueRoundsOnAGridAsItsExactValueWould() throws {
        // `nearest 1.00 ending 0.99`: (2_232.830002… − 0.99) / 1 = 2_231.84… → 2_232 → 2_232.99.
        // `down 0.05`: 2_232.830002… → 44_656.6… steps → 44_656 × 0.05 = 2_232.80.
        let nearest = try F.book(Self.shop + "\nround EUR nearest 1.00 ending 0.99\n")
        #expect(try F.quote(nearest, F.request(region: "DE", channel: "web")).list.minorUnits == 223_299)
        let down = try F.book(Self.shop + "\nround EUR down 0.05\n")
        #expect(try F.quote(down, F.request(region: "DE", channel: "web")).list.minorUnits == 223_280)
        // A tier bound of 2_232.83 EUR: the value is above it (by 0.000002…), so the `else` tier rounds it.
        let tiers = try F.book(Self.shop + "\nround EUR {\n  below 2_232.83: down 1.00 ending 0.99\n  else: up 0.10\n}\n")
        #expect(try F.quote(tiers, F.request(region: "DE", channel: "web")).list.minorUnits == 223_290)
    }

    @Test func aWideCustomAmountIsExact() throws {
        let book = try F.book(Self.shop)
        // 1_000 × 9.99999 USD = 9_999.99 USD: the same value as the bundle's base price.
        let quote = try F.quote(book, F.request(.coins(1_000), region: "DE", channel: "web"))
        #expect(quote.list == Money(minorUnits: 223_283, currency: F.eur))
    }

    @Test func theCheckerAcceptsAWidePriceThatFits() {
        let result = check(Self.shop, header: F.header)
        #expect(result.ruleSet != nil && result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
    }

    @Test func aPriceThatCannotFitIsAnErrorNamingItsCells() throws {
        // 90_000_000_000_000_000.00 USD fits in cents (9×10^18 < 2^63); in JPY at rate 150 it is 1.35×10^19 yen.
        let result = check("""
            region JP: JPY
            region DE: EUR
            rate JPY 150
            rate EUR 0.92
            bundle small: 70 coins, 0.99 USD
            bundle whale: 1 coins, 90_000_000_000_000_000.00 USD
            """, header: F.header)
        #expect(result.ruleSet == nil)
        let errors = result.diagnostics.filter { $0.code == .priceOverflow }
        #expect(errors.map(\.message) == ["the price of `whale` is too large to compute in `JP`"])
        #expect(errors.first?.severity == .error)
    }

    @Test func everyUncomputableCellIsCountedOnceOnTheBundle() throws {
        let result = check("""
            region JP: JPY, level 200%
            region KR: KRW
            rate JPY 150
            rate KRW 1400
            channel ios: level 100%
            channel web: level 100%
            bundle whale: 1 coins, 90_000_000_000_000_000.00 USD
            """, header: F.header)
        let errors = result.diagnostics.filter { $0.code == .priceOverflow }
        #expect(errors.map(\.message) == ["the price of `whale` is too large to compute in `JP` on `ios` and 3 more regions or channels"])
    }

    @Test func aTotalWithAddedTaxThatCannotFitIsAnError() throws {
        // 60_000_000_000_000_000.00 USD fits; with 60% added tax the total is 9.6×10^18 cents.
        let result = check("""
            region CA: USD, tax 60% added
            bundle whale: 1 coins, 60_000_000_000_000_000.00 USD
            """, header: F.header)
        let errors = result.diagnostics.filter { $0.code == .priceOverflow }
        #expect(errors.map(\.message) == ["the price of `whale`, with its added tax, is too large to compute in `CA`"])
    }

    @Test func theLargestCustomAmountIsChecked() throws {
        let result = check("""
            custom coins: 1 to 9_000_000_000_000_000_000, 1.00 USD each
            """, header: F.header)
        let errors = result.diagnostics.filter { $0.code == .priceOverflow }
        #expect(errors.map(\.message) == ["the largest price of the custom amount `coins` is too large to compute in `US`"])
    }

    @Test func aCheckedBookKeepsItsInvariants() throws {
        let book = try F.book(Self.shop)
        #expect(book.brokenInvariant == nil)
    }
}
