@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// The rule-set lints: for each, a rule set that violates it and one that does not.
@Suite struct RuleSetLintTests {
    /// 2026-12-01T00:00:00Z.
    static let december1: Int64 = 1_796_083_200

    /// The lints' diagnostics of one file that must check without errors.
    static func lint(_ text: String, now: Int64? = nil) throws -> [Diagnostic] {
        var sources = SourceMap()
        sources.add(path: "t.coin", text: text)
        let result = Checker.check(sources, zones: SystemTimeZones())
        let rules = try #require(result.ruleSet, "\(result.diagnostics.map { "\($0.code.rawValue) \($0.message)" })")
        return RuleSetLints.lint(rules, book: PriceBook(rules), options: AnalysisOptions(now: now))
    }

    static func codes(_ diagnostics: [Diagnostic]) -> [String] { diagnostics.map(\.code.rawValue) }

    // MARK: - W0201 off-grid explicit prices

    static let gbpShop = """
        base currency USD
        rate GBP 0.76
        region GB: GBP, zone Europe/London
        round GBP {
          below 2.00: nearest 0.10 ending 0.09
          below 20.00: up 0.50 ending 0.49
          else: nearest 1.00 ending 0.99
        }
        bundle coins_70: 70 coins, 0.99 USD
        bundle coins_700: 700 coins, 9.99 USD, bonus 100 coins

        """

    @Test func priceOffItsTierIsReportedWithTheNeighboursOnTheGrid() throws {
        let found = try Self.lint(Self.gbpShop + "price coins_700 in GB: 8.98 GBP\n")
        #expect(Self.codes(found) == ["W0201"])
        let diagnostic = try #require(found.first)
        #expect(diagnostic.message == "`8.98 GBP` for `coins_700` is off the GBP price grid")
        #expect(diagnostic.notes.map(\.message) == ["the GBP grid from 2.00 GBP to below 20.00 GBP is `up 0.50 ending 0.49`"])
        #expect(diagnostic.help == "write `8.49 GBP` or `8.99 GBP`, the nearest prices on the grid, or remove this line to derive the price")
    }

    @Test func pricesOnTheirTierAndCurrenciesWithoutARuleAreOnTheGrid() throws {
        #expect(try Self.lint(Self.gbpShop + "price coins_70 in GB: 0.89 GBP\nprice coins_700 in GB: 8.99 GBP\n").isEmpty)
        // No rule for JOD: any amount in its minor unit is on the grid.
        #expect(try Self.lint("""
            base currency USD
            rate JOD 0.709
            region JO: JOD
            bundle coins_70: 70 coins, 0.99 USD
            price coins_70 in JO: 0.703 JOD
            """).isEmpty)
    }

    @Test func channelWidePricesAreStartingPointsNotShelfPrices() throws {
        let found = try Self.lint("""
            base currency USD
            region US: USD
            round USD nearest 0.10 ending 0.09
            channel web: fee 3%
            bundle coins_70: 70 coins, 0.99 USD
            price coins_70 on web: 0.74 USD
            """)
        #expect(found.isEmpty)
    }

    @Test func aFloodOfLintWarningsIsCutByAWarning() throws {
        var text = "base currency USD\nrate JPY 155\nregion JP: JPY\nround JPY nearest 10\n"
        for index in 1...250 {
            text += "bundle coins_\(index): \(index) coins, \(index).00 USD\nprice coins_\(index) in JP: \(index * 155 + 1) JPY\n"
        }
        let found = try Self.lint(text)
        #expect(found.count == Limits.maxDiagnostics + 1)
        #expect(found.dropLast().allSatisfy { $0.code == .priceOffGrid })
        #expect(found.last?.code == .tooManyDiagnostics)
        #expect(found.last?.severity == .warning)
    }

    // MARK: - W0202 price per coin rising with size

    @Test func biggerBundleDearerPerCoinIsReportedOnceForEveryCellAlike() throws {
        let found = try Self.lint("""
            base currency USD
            rate EUR 0.86
            region US: USD
            region DE: EUR
            channel ios: fee 30%
            bundle coins_70: 70 coins, 0.99 USD
            bundle coins_350: 350 coins, 4.99 USD
            """)
        #expect(Self.codes(found) == ["W0202"])
        let diagnostic = try #require(found.first)
        #expect(diagnostic.message == "`coins_350` costs more per coin than the smaller `coins_70` in `DE` on `ios`")
        #expect(diagnostic.notes.map(\.message) == [
            "`coins_350`: 4.29 EUR for 350 coins, 0.012257 EUR a coin",
            "`coins_70`: 0.85 EUR for 70 coins, 0.012143 EUR a coin",
            // 4.99 / 350 > 0.99 / 70 already in USD: the base ladder is the cause.
            "the base prices already rise per coin: `coins_350` is 4.99 USD for 350 coins, `coins_70` 0.99 USD for 70",
            "the same prices rise alike in `US` on `ios`",
        ])
    }

    /// In a shop that counts in bits, the warning counts in bits too.
    @Test func theLadderWarningSpeaksTheShopsUnit() throws {
        let found = try Self.lint("""
            base currency USD
            unit bit, bits
            region US: USD
            bundle bits_100: 100 bits, 1.40 USD
            bundle bits_500: 500 bits, 7.50 USD
            """)
        let diagnostic = try #require(found.first)
        #expect(diagnostic.message == "`bits_500` costs more per bit than the smaller `bits_100` in `US`")
        #expect(diagnostic.notes.first?.message == "`bits_500`: 7.50 USD for 500 bits, 0.015000 USD a bit")
        #expect(diagnostic.help?.hasSuffix("more bonus bits") == true)
    }

    /// A base ladder that falls per coin, rounded into a rise by the EUR grid: the
    /// grid is blamed, with its place.
    @Test func aGridThatMakesTheRiseIsBlamed() throws {
        let found = try Self.lint("""
            base currency USD
            rate EUR 0.86
            region DE: EUR
            round EUR up 1.00 ending 0.99
            bundle coins_70: 70 coins, 0.99 USD
            bundle coins_350: 350 coins, 4.80 USD
            """)
        #expect(Self.codes(found) == ["W0202"])
        let notes = try #require(found.first).notes.map(\.message)
        #expect(notes.contains("derived EUR prices are rounded by this grid"))
        #expect(!notes.contains { $0.hasPrefix("the base prices") })
    }

    @Test func bonusCoinsCountAndAnExplicitPriceIsBlamed() throws {
        // Per base coin, 4.99 / 350 is dearer than 0.99 / 70; the bonus makes it cheaper.
        #expect(try Self.lint("""
            base currency USD
            region US: USD
            bundle coins_70: 70 coins, 0.99 USD
            bundle coins_350: 350 coins, 4.99 USD, bonus 38 coins
            """).isEmpty)
        let found = try Self.lint("""
            base currency USD
            region US: USD
            bundle coins_70: 70 coins, 0.99 USD
            bundle coins_350: 350 coins, 4.99 USD, bonus 38 coins
            price coins_350 in US: 5.49 USD
            """)
        #expect(Self.codes(found) == ["W0202"])
        #expect(found.first?.message == "`coins_350` costs more per coin than the smaller `coins_70` in `US`")
    }

    @Test func aGridThatRoundsSmallPricesDownIsPointedAt() throws {
        let found = try Self.lint("""
            base currency USD
            rate EUR 1
            region DE: EUR
            round EUR {
              below 2.00: down 1.00 ending 0.49
              else: up 1.00 ending 0.99
            }
            bundle coins_70: 70 coins, 1.50 USD
            bundle coins_140: 140 coins, 2.98 USD
            """)
        #expect(Self.codes(found) == ["W0202"])
        #expect(found.first?.notes.map(\.message) == [
            "`coins_140`: 2.99 EUR for 140 coins, 0.021357 EUR a coin",
            "`coins_70`: 1.49 EUR for 70 coins, 0.021286 EUR a coin",
            "derived EUR prices are rounded by this grid",
        ])
    }

    @Test func theGuardTakesOverTheLadder() throws {
        let found = try Self.lint("""
            base currency USD
            region US: USD
            bundle coins_70: 70 coins, 0.99 USD
            bundle coins_350: 350 coins, 4.99 USD
            guard price per coin falls with size
            """)
        #expect(!Self.codes(found).contains("W0202"))
    }

    // MARK: - W0203 local times in a region without a zone

    static let promotionShop = """
        base currency USD
        rate BRL 5.35
        region US: USD, zone America/New_York
        region BR: BRL
        bundle coins_70: 70 coins, 0.99 USD

        """

    @Test func localTimesWhereARegionHasNoZone() throws {
        let found = try Self.lint(Self.promotionShop + """
            promotion happy_hour {
              every sat from 18:00 to 22:00 local
              bonus 10%
            }
            """)
        #expect(Self.codes(found) == ["W0203"])
        #expect(found.first?.message == "the `local` times of `happy_hour` are read in UTC in `BR`")
        #expect(found.first?.notes.map(\.message) == ["`BR` declares no zone"])
    }

    @Test func localTimesOnlyWhereEveryRegionTheyReachHasAZone() throws {
        #expect(try Self.lint(Self.promotionShop + """
            promotion happy_hour {
              when region == US
              every sat from 18:00 to 22:00 local
              bonus 10%
            }
            promotion utc_hour {
              every sat from 18:00 to 22:00
              bonus 10%
            }
            """).isEmpty)
    }

    @Test func aCurrencyConditionNarrowsTheRegionsAndManyAreCounted() throws {
        var shop = "base currency USD\nrate BRL 5.35\nbundle coins_70: 70 coins, 0.99 USD\n"
        for code in ["AR", "BO", "BR", "CL", "CO", "PE", "UY"] { shop += "region \(code): \(code == "BR" ? "BRL" : "USD")\n" }
        let local = "  every sat local\n  bonus 10%\n}\n"
        let everywhere = try Self.lint(shop + "promotion happy_hour {\n" + local)
        #expect(everywhere.first?.message == "the `local` times of `happy_hour` are read in UTC in `AR`, `BO`, `BR`, `CL`, `CO` and 2 more")
        #expect(everywhere.first?.notes.count == ScheduleLints.maxListedRegions)
        let real = try Self.lint(shop + "promotion happy_hour {\n  when currency == BRL\n" + local)
        #expect(real.first?.message == "the `local` times of `happy_hour` are read in UTC in `BR`")
    }

    // MARK: - W0204 rates no region uses

    @Test func rateOfACurrencyNothingIsSoldIn() throws {
        let found = try Self.lint("""
            base currency USD
            rate EUR 0.86
            rate CHF 0.80
            region DE: EUR
            """)
        #expect(Self.codes(found) == ["W0204"])
        #expect(found.first?.message == "the rate of `CHF` is never used: no region sells in CHF")
    }

    @Test func ratesOfRegionsAndWrittenAmountsAreUsed() throws {
        #expect(try Self.lint("""
            base currency USD
            rate EUR 0.86
            rate CHF 0.80
            region DE: EUR
            bundle coins_70: 70 coins, 0.99 USD
            promotion franc_off {
              discount 0.50 CHF
            }
            """).isEmpty)
    }

    // MARK: - W0205 markets of one region

    @Test func marketOfASingleRegion() throws {
        let shop = "base currency USD\nrate SEK 9.50\nrate NOK 10.10\nregion SE: SEK\nregion NO: NOK\n"
        let found = try Self.lint(shop + "market nordics: SE\n")
        #expect(Self.codes(found) == ["W0205"])
        #expect(found.first?.message == "market `nordics` has a single region, `SE`")
        #expect(try Self.lint(shop + "market nordics: SE, NO\n").isEmpty)
    }

    // MARK: - W0206 and W0207 closed windows

    static func windowShop(_ window: String) -> String {
        """
        base currency USD
        region US: USD, zone America/New_York
        bundle coins_70: 70 coins, 0.99 USD
        promotion sale {
          \(window)
          discount 10%
        }
        """
    }

    @Test func windowClosedInTheLastZoneBeforeNow() throws {
        // Whole days in New York: the window closes at 2026-12-01T05:00:00Z.
        let shop = Self.windowShop("during 2026-11-27 to 2026-11-30 local")
        let found = try Self.lint(shop, now: Self.december1 + 6 * 3600)
        #expect(Self.codes(found) == ["W0206"])
        #expect(found.first?.message == "promotion `sale` can never apply again: its window closed at 2026-12-01T05:00:00Z")
        // An hour before it closes there, it can still apply.
        #expect(try Self.lint(shop, now: Self.december1 + 4 * 3600).isEmpty)
    }

    @Test func windowClosedMoreThanTheDaysAgoIsExpired() throws {
        let shop = Self.windowShop("during 2026-10-01T00:00 to 2026-10-02T00:00 UTC")
        let found = try Self.lint(shop, now: Self.december1)
        #expect(Self.codes(found) == ["W0207"])
        #expect(found.first?.message == "promotion `sale` expired 60 days ago, at 2026-10-02T00:00:00Z")
        // Exactly 30 days after it closed, it has just ended.
        let thirtyDays = try Self.lint(shop, now: 1_790_899_200 + 30 * 86_400)
        #expect(Self.codes(thirtyDays) == ["W0206"])
    }

    @Test func aNamedZoneIsTheZoneTheWindowClosesIn() throws {
        // Midnight after 2026-11-30 in Tokyo is 2026-11-30T15:00:00Z.
        let shop = Self.windowShop("during 2026-11-27 to 2026-11-30 Asia/Tokyo")
        let found = try Self.lint(shop, now: Self.december1)
        #expect(found.first?.message == "promotion `sale` can never apply again: its window closed at 2026-11-30T15:00:00Z")
        #expect(found.first?.notes.map(\.message) == ["checked as of 2026-12-01T00:00:00Z"])
    }

    @Test func withoutNowTimeIsNotJudged() throws {
        #expect(try Self.lint(Self.windowShop("during 2020-01-01 to 2020-01-31")).isEmpty)
        #expect(try Self.lint(Self.windowShop("every sat"), now: Self.december1).isEmpty)
    }
}
