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
/// order of specificity of explicit prices.
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

    // MARK: Derived prices in each minor-unit size

    @Test func derivedPricesInUSDTwoDecimalsWithoutARule() throws {
        let book = try #require(F.book(Self.shop))
        // ios: 9.99 × 100% = 9.99 → 999 cents (no USD rule: half-even, already exact)
        #expect(F.list(book, "coins_700", "US", "ios") == Money(minorUnits: 999, currency: F.usd))
        // web: 9.99 × 75% = 7.4925 → 749.25 cents → half-even → 749 (7.49 USD)
        #expect(F.list(book, "coins_700", "US", "web") == Money(minorUnits: 749, currency: F.usd))
        let explanation = try #require(book.explainListPrice(bundle: "coins_700", region: "US", channel: "web"))
        #expect(explanation.source == .derivedFromBase)
        #expect(explanation.rounding == .halfEvenToMinorUnit)
        // steps: base 9.99, then × 75% = 7.4925 (no rate step: USD is the base; no region level)
        #expect(explanation.steps.map(\.value.fraction) == [Fraction(999, 100)!, Fraction(74925, 10000)!])
        #expect(explanation.steps.map(\.label) == ["base price of coins_700", "channel web level 75%"])
    }

    @Test func derivedPricesInJPYZeroDecimalsOnAStepGrid() throws {
        let book = try #require(F.book(Self.shop))
        // ios: 9.99 × 150 = 1498.5 JPY → nearest 10: 149.85 → 150 → 1500 JPY
        #expect(F.list(book, "coins_700", "JP", "ios") == Money(minorUnits: 1500, currency: F.jpy))
        // web: 9.99 × 75% × 150 = 1123.875 → 112.3875 → 112 → 1120 JPY
        #expect(F.list(book, "coins_700", "JP", "web") == Money(minorUnits: 1120, currency: F.jpy))
        // A tie on the grid goes up: 1.10 × 150 = 165 → 16.5 → 17 → 170 JPY (half-even would say 160)
        #expect(F.list(book, "b110", "JP", "ios") == Money(minorUnits: 170, currency: F.jpy))
        let explanation = try #require(book.explainListPrice(bundle: "coins_700", region: "JP", channel: "web"))
        // steps: 9.99 → × 75% = 7.4925 → × 150 = 1123.875
        #expect(explanation.steps.map(\.value.fraction) == [Fraction(999, 100)!, Fraction(74925, 10000)!, Fraction(8991, 8)!])
        #expect(explanation.steps.last?.label == "rate JPY 150")
        guard case .grid(let grid) = explanation.rounding else {
            Issue.record("JPY has a rule: \(explanation.rounding)")
            return
        }
        #expect(grid.grid == RoundingGrid(mode: .nearest, step: 10, ending: 0))
    }

    @Test func derivedPricesInKWDThreeDecimalsHalfEven() throws {
        let book = try #require(F.book(Self.shop))
        // ios: 9.99 × 0.307 = 3.06693 KWD → 3066.93 fils → 3067 (3.067 KWD)
        #expect(F.list(book, "coins_700", "KW", "ios") == Money(minorUnits: 3067, currency: F.kwd))
        // web: 9.99 × 75% × 0.307 = 7.4925 × 0.307 = 2.3001975 → 2300.1975 fils → 2300 (2.300 KWD)
        #expect(F.list(book, "coins_700", "KW", "web") == Money(minorUnits: 2300, currency: F.kwd))
        #expect(F.list(book, "coins_700", "KW", "web")?.description == "2.300 KWD")
    }

    @Test func derivedPricesInEUROnAStepAndEndingGrid() throws {
        let book = try #require(F.book(Self.shop))
        // ios: 9.99 × 0.92 = 9.1908 → 919.08 → (919.08 − 99)/100 = 8.2008 → 8 → 899 (8.99 EUR)
        #expect(F.list(book, "coins_700", "DE", "ios") == Money(minorUnits: 899, currency: F.eur))
        // web: 9.99 × 75% × 0.92 = 6.8931 → 689.31 → 5.9031 → 6 → 699 (6.99 EUR)
        #expect(F.list(book, "coins_700", "DE", "web") == Money(minorUnits: 699, currency: F.eur))
        // coins_70 ios: 0.99 × 0.92 = 0.9108 → 91.08, below the first candidate 99 → 99 (0.99 EUR)
        #expect(F.list(book, "coins_70", "DE", "ios") == Money(minorUnits: 99, currency: F.eur))
        // coins_70 web: 0.99 × 75% × 0.92 = 0.6831 → 68.31 → 99
        #expect(F.list(book, "coins_70", "DE", "web") == Money(minorUnits: 99, currency: F.eur))
    }

    @Test func derivedPricesWithARegionLevelOnAnUpGrid() throws {
        let book = try #require(F.book(Self.shop))
        // ios: 9.99 × 84 × 60% = 839.16 × 0.6 = 503.496 INR → 50349.6 paise
        //      up 1000 ending 900: (50349.6 − 900)/1000 = 49.4496 → 50 → 50900 (509.00 INR)
        #expect(F.list(book, "coins_700", "IN", "ios") == Money(minorUnits: 50900, currency: F.inr))
        // web: 503.496 × 75% = 377.622 → 37762.2 → 36.8622 → 37 → 37900 (379.00 INR)
        #expect(F.list(book, "coins_700", "IN", "web") == Money(minorUnits: 37900, currency: F.inr))
        // coins_70 ios: 0.99 × 84 × 60% = 49.896 → 4989.6 → 4.0896 → 5 → 5900 (59.00 INR)
        #expect(F.list(book, "coins_70", "IN", "ios") == Money(minorUnits: 5900, currency: F.inr))
        // coins_70 web: 49.896 × 75% = 37.422 → 3742.2 → 2.8422 → 3 → 3900 (39.00 INR)
        #expect(F.list(book, "coins_70", "IN", "web") == Money(minorUnits: 3900, currency: F.inr))
        let explanation = try #require(book.explainListPrice(bundle: "coins_700", region: "IN", channel: "web"))
        // base → channel level → rate → region level, in that order
        #expect(explanation.steps.map(\.label) == [
            "base price of coins_700", "channel web level 75%", "rate INR 84", "region IN level 60%",
        ])
        // 9.99 → 7.4925 → 629.37 → 377.622
        #expect(explanation.steps.map(\.value.fraction) == [
            Fraction(999, 100)!, Fraction(74925, 10000)!, Fraction(62937, 100)!, Fraction(377622, 1000)!,
        ])
    }

    // MARK: Explicit prices in each minor-unit size

    @Test func explicitPricesAreUsedAsWrittenInEachMinorUnit() throws {
        let book = try #require(F.book(Self.shop))
        // JPY: 160 JPY on every channel (no rounding: the grid would keep 160 anyway)
        #expect(F.list(book, "coins_70", "JP", "ios") == Money(minorUnits: 160, currency: F.jpy))
        #expect(F.list(book, "coins_70", "JP", "web") == Money(minorUnits: 160, currency: F.jpy))
        // KWD: 0.300 → 300 fils (derived would be 0.99 × 0.307 = 0.30393 → 304)
        #expect(F.list(book, "coins_70", "KW", "ios") == Money(minorUnits: 300, currency: F.kwd))
        #expect(F.list(book, "coins_70", "KW", "web") == Money(minorUnits: 300, currency: F.kwd))
        // USD: 0.74 on web only; ios derives 0.99
        #expect(F.list(book, "coins_70", "US", "web") == Money(minorUnits: 74, currency: F.usd))
        #expect(F.list(book, "coins_70", "US", "ios") == Money(minorUnits: 99, currency: F.usd))
        let explanation = try #require(book.explainListPrice(bundle: "coins_70", region: "KW", channel: "web"))
        guard case .explicit(let price) = explanation.source else {
            Issue.record("expected an explicit price, got \(explanation.source)")
            return
        }
        #expect(price.scope == .region("KW") && price.channel == nil)
        #expect(explanation.steps.isEmpty && explanation.rounding == .none)
    }

    // MARK: Ties under half-even in derived prices

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

    @Test func derivedTiesRoundHalfEven() throws {
        let book = try #require(F.book(Self.ties))
        // USD: 0.25 × 50% = 0.125 → 12.5 cents → 12 (0.12); 0.27 × 50% = 0.135 → 13.5 → 14 (0.14)
        #expect(F.list(book, "b25", "US", "half") == Money(minorUnits: 12, currency: F.usd))
        #expect(F.list(book, "b27", "US", "half") == Money(minorUnits: 14, currency: F.usd))
        // JPY: 1.01 × 150 = 151.5 → 152 (151 is odd); 1.03 × 150 = 154.5 → 154 (even)
        #expect(F.list(book, "b101", "JP", "full") == Money(minorUnits: 152, currency: F.jpy))
        #expect(F.list(book, "b103", "JP", "full") == Money(minorUnits: 154, currency: F.jpy))
        // KWD: 1.50 × 0.307 = 0.4605 → 460.5 fils → 460; 2.50 × 0.307 = 0.7675 → 767.5 → 768
        #expect(F.list(book, "b150", "KW", "full") == Money(minorUnits: 460, currency: F.kwd))
        #expect(F.list(book, "b250", "KW", "full") == Money(minorUnits: 768, currency: F.kwd))
        // Not a tie: 1.01 × 50% × 0.307 = 0.155035 → 155.035 → 155
        #expect(F.list(book, "b101", "KW", "half") == Money(minorUnits: 155, currency: F.kwd))
    }

    // MARK: Specificity

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

    @Test func regionAndChannelBeatsEverything() throws {
        let book = try #require(F.book(Self.specificity))
        // DE on web: region+channel 1.11 EUR, as written (the EUR grid would give 0.99)
        #expect(F.list(book, "b", "DE", "web") == Money(minorUnits: 111, currency: F.eur))
    }

    @Test func regionBeatsMarketAndChannel() throws {
        let book = try #require(F.book(Self.specificity))
        // DE on ios: region 2.22 EUR beats market 4.44 EUR
        #expect(F.list(book, "b", "DE", "ios") == Money(minorUnits: 222, currency: F.eur))
        // FR on web: FR's own region price 6.66 beats the market+channel 3.33 and the channel price
        #expect(F.list(book, "b", "FR", "web") == Money(minorUnits: 666, currency: F.eur))
        // FR on ios: 6.66 beats the market 4.44
        #expect(F.list(book, "b", "FR", "ios") == Money(minorUnits: 666, currency: F.eur))
    }

    @Test func marketAndChannelBeatsMarketWhichBeatsChannel() throws {
        let book = try #require(F.book(Self.specificity))
        // IT on web: market+channel 3.33 EUR beats market 4.44 and channel 5.00 USD
        #expect(F.list(book, "b", "IT", "web") == Money(minorUnits: 333, currency: F.eur))
        // IT on ios: market 4.44 EUR beats derivation
        #expect(F.list(book, "b", "IT", "ios") == Money(minorUnits: 444, currency: F.eur))
        // ES on web: its market `south` has a price without a channel, 7.77 EUR: a market price
        // beats the channel-wide 5.00 USD (which would give 4.99 EUR)
        #expect(F.list(book, "b", "ES", "web") == Money(minorUnits: 777, currency: F.eur))
        #expect(F.list(book, "b", "ES", "ios") == Money(minorUnits: 777, currency: F.eur))
    }

    @Test func channelPriceIsUsedAsWrittenInItsCurrencyAtFullLevel() throws {
        let book = try #require(F.book(Self.specificity))
        // US on web: USD, level 100% → 5.00 USD as written (the USD grid would give
        // (500 − 99)/100 = 4.01 → 4 → 4.99; the channel level would give 3.75 → 3.99)
        #expect(F.list(book, "b", "US", "web") == Money(minorUnits: 500, currency: F.usd))
        let explanation = try #require(book.explainListPrice(bundle: "b", region: "US", channel: "web"))
        guard case .channelPriceAsWritten = explanation.source else {
            Issue.record("expected the channel price as written, got \(explanation.source)")
            return
        }
    }

    @Test func channelPriceIsConvertedWithoutTheChannelLevel() throws {
        let book = try #require(F.book(Self.specificity))
        // NL on web (EUR, not in the market): 5.00 USD × 0.92 = 4.60 EUR → 460
        //   → (460 − 99)/100 = 3.61 → 4 → 499 (4.99 EUR)
        //   (with the web level it would be 5.00 × 75% × 0.92 = 3.45 → 2.46 → 2 → 2.99)
        #expect(F.list(book, "b", "NL", "web") == Money(minorUnits: 499, currency: F.eur))
        let explanation = try #require(book.explainListPrice(bundle: "b", region: "NL", channel: "web"))
        guard case .derivedFromChannelPrice = explanation.source else {
            Issue.record("expected a derivation from the channel price, got \(explanation.source)")
            return
        }
        #expect(explanation.steps.map(\.value.fraction) == [Fraction(5), Fraction(46, 10)!])
        // EC on web (USD, level 50%): 5.00 × 50% = 2.50 → 250 → 1.51 → 2 → 299 (2.99 USD)
        //   (with the web level: 5.00 × 75% × 50% = 1.875 → 187.5 → 0.885 → 1 → 1.99)
        #expect(F.list(book, "b", "EC", "web") == Money(minorUnits: 299, currency: F.usd))
    }

    @Test func derivedIsTheLastResort() throws {
        let book = try #require(F.book(Self.specificity))
        // NL on ios: no explicit price applies → 10.00 × 0.92 = 9.20 → 920 → 8.21 → 8 → 899 (8.99 EUR)
        #expect(F.list(book, "b", "NL", "ios") == Money(minorUnits: 899, currency: F.eur))
        // US on ios: 10.00 → 1000 → (1000 − 99)/100 = 9.01 → 9 → 999 (9.99 USD)
        #expect(F.list(book, "b", "US", "ios") == Money(minorUnits: 999, currency: F.usd))
        // EC on ios: 10.00 × 50% = 5.00 → 500 → 4.01 → 4 → 499 (4.99 USD)
        #expect(F.list(book, "b", "EC", "ios") == Money(minorUnits: 499, currency: F.usd))
        #expect(book.explainListPrice(bundle: "b", region: "NL", channel: "ios")?.source == .derivedFromBase)
    }

    @Test func derivationWithoutChannels() throws {
        // No channels: no channel level, one list price per region.
        let book = try #require(F.book("""
            rate EUR 0.92
            region DE: EUR
            bundle b: 1 coin, 1.25 USD
            """))
        // 1.25 × 0.92 = 1.15 → 115 (no EUR rule)
        #expect(F.list(book, "b", "DE", nil) == Money(minorUnits: 115, currency: F.eur))
        // 1.25 → 125
        #expect(F.list(book, "b", "US", nil) == Money(minorUnits: 125, currency: F.usd))
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

    // MARK: Explanations only for cells a quote would price

    @Test func explainListPriceIsNilForAnUnknownOrMissingChannel() throws {
        let book = try #require(F.book(Self.shop))
        // control: a declared channel
        #expect(book.explainListPrice(bundle: "coins_700", region: "DE", channel: "web")?.price == Money(minorUnits: 699, currency: F.eur))
        // an unknown channel, even one a typo away; a missing one where the rules declare channels
        #expect(book.explainListPrice(bundle: "coins_700", region: "DE", channel: "wbe") == nil)
        #expect(book.explainListPrice(bundle: "coins_700", region: "DE", channel: "android") == nil)
        #expect(book.explainListPrice(bundle: "coins_700", region: "DE", channel: nil) == nil)
        // an explicit price does not change that: coins_70 in JP is 160 JPY on every channel
        #expect(book.explainListPrice(bundle: "coins_70", region: "JP", channel: "ios")?.price.minorUnits == 160)
        #expect(book.explainListPrice(bundle: "coins_70", region: "JP", channel: "unknown") == nil)
        #expect(book.explainListPrice(bundle: "coins_70", region: "JP", channel: nil) == nil)
        // an unknown bundle or region
        #expect(book.explainListPrice(bundle: "coins_7000", region: "DE", channel: "web") == nil)
        #expect(book.explainListPrice(bundle: "coins_700", region: "FR", channel: "web") == nil)
        // Where the rules declare no channels, no channel is the only one: any name is unknown.
        let plain = try #require(F.book("bundle b: 1 coin, 1.25 USD"))
        #expect(plain.explainListPrice(bundle: "b", region: "US", channel: nil)?.price.minorUnits == 125)
        #expect(plain.explainListPrice(bundle: "b", region: "US", channel: "web") == nil)
        // Each nil matches a refused quote.
        let request = { (channel: String?) in
            book.quote(QuoteRequest(item: .bundle("coins_700"), region: "DE", channel: channel, instant: PricingFixtures.instant))
        }
        guard case .failure(let unknown) = request("wbe"), case .failure(let missing) = request(nil) else {
            Issue.record("quotes with an unknown or missing channel must fail")
            return
        }
        #expect(unknown.kind == .unknownChannel && missing.kind == .missingChannel)
    }
}
