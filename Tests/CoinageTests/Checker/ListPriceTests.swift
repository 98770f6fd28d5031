@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// Shared helpers for the pricing tests (ListPrice, Quote, Gift, property tests).
enum PricingFixtures {
    static let usd = Currency(code: "USD", exponent: 2)
    static let eur = Currency(code: "EUR", exponent: 2)
    static let jpy = Currency(code: "JPY", exponent: 0)
    static let kwd = Currency(code: "KWD", exponent: 3)
    static let inr = Currency(code: "INR", exponent: 2)
    /// Every request carries this instant (2026-06-17T12:00:00Z, a Wednesday outside every
    /// promotion window of the sample shop), so that no quote depends on the clock.
    static let instant: Int64 = 1_781_697_600

    /// A price book for `body` after the usual header (`base currency USD` and
    /// `region US: USD, tax 7.25% added`).
    static func book(_ body: String) -> PriceBook? {
        ruleSet(body).map(PriceBook.init)
    }

    /// The list price of one cell, through a quote (at a fixed instant, 2026-06-17T12:00Z,
    /// so that time windows never depend on the clock).
    static func list(_ book: PriceBook, _ bundle: String, _ region: String, _ channel: String?) -> Money? {
        try? book.quote(QuoteRequest(item: .bundle(bundle), region: region, channel: channel, instant: instant)).get().list
    }
}

/// Derived and explicit list prices: exact derivation, the currency's rule, and the
/// order of specificity of explicit prices, as one table of cells and their prices.
@Suite struct ListPriceTests {
    typealias F = PricingFixtures

    /// Three minor-unit sizes, a grid of each shape, levels on a channel and a region.
    static let shop = """
        rate JPY 150
        rate KWD 0.307
        rate EUR 0.92
        rate INR 84
        round JPY nearest 10
        round EUR nearest 1.00 ending 0.99
        round INR up 10 ending 9
        region JP: JPY, tax 10% included
        region KW: KWD
        region DE: EUR, tax 19% included
        region IN: INR, tax 18% included, level 60%
        channel ios: fee 30%
        channel web: fee 3%, level 75%
        bundle coins_70: 70 coins, 0.99 USD
        bundle coins_700: 700 coins, 9.99 USD, bonus 38 coins
        bundle b110: 100 coins, 1.10 USD
        price coins_70 in JP: 160 JPY
        price coins_70 in KW: 0.300 KWD
        price coins_70 in US on web: 0.74 USD
        """

    static let ties = """
        rate JPY 150
        rate KWD 0.307
        region JP: JPY
        region KW: KWD
        channel full
        channel half: level 50%
        bundle b25: 1 coin, 0.25 USD
        bundle b27: 1 coin, 0.27 USD
        bundle b101: 1 coin, 1.01 USD
        bundle b103: 1 coin, 1.03 USD
        bundle b150: 1 coin, 1.50 USD
        bundle b250: 1 coin, 2.50 USD
        """

    /// One bundle with an explicit price at every level of specificity.
    static let specificity = """
        rate EUR 0.92
        round EUR nearest 1.00 ending 0.99
        round USD nearest 1.00 ending 0.99
        region DE: EUR, tax 19% included
        region FR: EUR, tax 20% included
        region IT: EUR, tax 22% included
        region NL: EUR, tax 21% included
        region ES: EUR, tax 21% included
        region EC: USD, level 50%
        market eurozone: DE, FR, IT
        market south: ES
        channel ios: fee 30%
        channel web: fee 3%, level 75%
        bundle b: 100 coins, 10.00 USD
        price b in DE on web: 1.11 EUR
        price b in DE: 2.22 EUR
        price b in FR: 6.66 EUR
        price b in eurozone on web: 3.33 EUR
        price b in eurozone: 4.44 EUR
        price b in south: 7.77 EUR
        price b on web: 5.00 USD
        """

    /// No channels: no channel level, one list price per region.
    static let noChannels = """
        rate EUR 0.92
        region DE: EUR
        bundle b: 1 coin, 1.25 USD
        """

    /// One list-price cell of a shop: the bundle, region and channel, and the price a
    /// quote must list, in minor units of `currency`.
    struct Cell: Sendable, CustomTestStringConvertible {
        let rules: String
        let bundle: String
        let region: String
        let channel: String?
        let minorUnits: Int64
        let currency: Currency
        /// What the row shows (the arithmetic stays in the comment above it).
        let note: String

        var testDescription: String { "\(bundle) in \(region) on \(channel ?? "no channel"): \(note)" }
    }

    static func cell(_ rules: String, _ bundle: String, _ region: String, _ channel: String?,
                     _ minorUnits: Int64, _ currency: Currency, _ note: String) -> Cell {
        Cell(rules: rules, bundle: bundle, region: region, channel: channel, minorUnits: minorUnits,
             currency: currency, note: note)
    }

    @Test(arguments: derivedCells + explicitCells + tieCells + specificityCells)
    func listPrice(_ row: Cell) throws {
        let book = try #require(F.book(row.rules))
        #expect(F.list(book, row.bundle, row.region, row.channel) == Money(minorUnits: row.minorUnits, currency: row.currency))
    }

    // MARK: Exact values beyond 64 bits, percentages by value

    @Test func derivedPriceWithA128BitIntermediateIsExact() throws {
        // 99.99 USD × 64.3% × 29 582.1719 × 96.99% = 1 844 694.942… VND → 1 844 695 VND (no VND rule:
        // half-even to the unit). The exact fraction after the region level is
        // 18 446 949 422 665 620 417 / 10^13: its numerator is just above UInt64.max
        // (18 446 744 073 709 551 615), and fits the 128-bit fraction. Realistic inputs: a 4-decimal
        // rate and levels with decimals.
        let book = try #require(F.book("""
            rate VND 29_582.1719
            region VN: VND, level 96.99%
            channel store
            channel web: level 64.3%
            bundle b: 100 coins, 99.99 USD
            """))
        let vnd = Currency(code: "VND", exponent: 0)
        let quote = try book.quote(QuoteRequest(item: .bundle("b"), region: "VN", channel: "web", instant: PricingFixtures.instant)).get()
        #expect(quote.list == Money(minorUnits: 1_844_695, currency: vnd))
        let explanation = try #require(book.explainListPrice(bundle: "b", region: "VN", channel: "web"))
        // 99.99 → × 64.3% = 64.29357 → × 29 582.1719 = 1 901 943.439804683 → × 96.99% = 1 844 694.9422665620417
        #expect(explanation.steps.map(\.value.fraction) == [
            Fraction(9999, 100)!, Fraction(6_429_357, 100_000)!, Fraction(1_901_943_439_804_683, 1_000_000_000)!,
            Fraction(wide: 18_446_949_422_665_620_417, 10_000_000_000_000)!,
        ])
        #expect(explanation.rounding == .halfEvenToMinorUnit && explanation.price == quote.list)
        // Without the channel level: 9999/100 × 295821719/10000 × 9699/10000
        // = 28 688 879 350 957 419 / 10^10 = 2 868 887.935… → 2 868 888 VND.
        #expect(F.list(book, "b", "VN", "store") == Money(minorUnits: 2_868_888, currency: vnd))
    }

    @Test func levelWrittenAs100Point0IsAFullLevel() throws {
        // `level 100.0%` is 100%: the channel-wide 5.00 USD is used as written in EC, as in US
        // (and not "converted" × 1 onto the USD grid: 500 → (500 − 99)/100 = 4.01 → 4 → 4.99).
        // The checker warns on it as on `level 100%` (W0004, the default restated).
        let result = check("""
            round USD nearest 1.00 ending 0.99
            region EC: USD, level 100.0%
            channel web: level 75%
            bundle b: 1 coin, 10.00 USD
            price b on web: 5.00 USD
            """)
        #expect(result.diagnostics.map(\.code) == [.redundantDefault])
        let rules = try #require(result.ruleSet)
        #expect(rules.region("EC")?.level == .hundred)
        let book = PriceBook(rules)
        // control: US (level 100%) uses 5.00 as written
        #expect(F.list(book, "b", "US", "web") == Money(minorUnits: 500, currency: F.usd))
        #expect(F.list(book, "b", "EC", "web") == Money(minorUnits: 500, currency: F.usd))
        let explanation = try #require(book.explainListPrice(bundle: "b", region: "EC", channel: "web"))
        guard case .channelPriceAsWritten = explanation.source else {
            Issue.record("expected the channel price as written, got \(explanation.source)")
            return
        }
        #expect(explanation.steps.isEmpty && explanation.price == Money(minorUnits: 500, currency: F.usd))
    }

    @Test func channelLevelWrittenAs100Point00IsAFullLevel() throws {
        // `level 100.00%` on a channel is the default too: W0004, and no level step.
        let result = check("""
            channel web: level 100.00%
            bundle b: 1 coin, 9.99 USD
            """)
        #expect(result.diagnostics.map(\.code) == [.redundantDefault])
        let book = PriceBook(try #require(result.ruleSet))
        #expect(F.list(book, "b", "US", "web") == Money(minorUnits: 999, currency: F.usd))
        // steps: the base price only (no `channel web level 100%` step)
        #expect(book.explainListPrice(bundle: "b", region: "US", channel: "web")?.steps.map(\.label) == ["base price of b"])
    }
}
