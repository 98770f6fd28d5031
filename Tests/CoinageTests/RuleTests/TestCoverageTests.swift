@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// Coverage of a run: two items per promotion, one per guard with a worst case,
/// the percentage exact and shown rounded down.
@Suite struct TestCoverageTests {
    /// Three promotions; `never` cannot apply to anything the tests quote. No guards:
    /// guard coverage is tested with worst cases made by hand, and once with the
    /// analysis's own.
    static let rules = """
        base currency EUR
        region DE: EUR
        region FR: EUR
        bundle small: 100 coins, 1.99 EUR
        bundle big: 1_000 coins, 9.99 EUR
        promotion always { discount 10% }
        promotion big_only {
          when bundle == big
          discount 5%
        }
        promotion never {
          when coins > 5_000
          bonus 10%
        }

        """

    static let guards = "guard discount at most 50%\nguard price per coin falls with size\n"

    static func shop(_ tests: String, guards: String = "") throws -> CompiledShop {
        var sources = SourceMap()
        sources.add(path: "shop.coin", text: rules + guards + tests)
        let result = Checker.check(sources, zones: SystemTimeZones())
        #expect(result.errorCount == 0, "\(result.diagnostics.map(\.message))")
        return CompiledShop(try #require(result.ruleSet))
    }

    /// The coverage of a run of every test of `shop`.
    static func coverage(_ shop: CompiledShop) -> TestCoverage {
        TestCoverage(report: RuleTestRunner(shop.rules, book: shop.book).run(), rules: shop.rules, book: shop.book)
    }

    static let smallInDE = "test \"small\" { quote small in DE\n expect price 1.79 EUR }\n"
    static let bigInDE = "test \"big\" { quote big in DE\n expect applied big_only }\n"

    static func quote(_ book: PriceBook, _ bundle: String, _ region: String = "DE") throws -> (QuoteRequest, Quote) {
        let request = QuoteRequest(item: .bundle(bundle), region: region, instant: RuleTest.defaultInstant, explain: true)
        return (request, try book.quote(request).get())
    }

    @Test func promotionsAreSeenAppliedAndNotApplied() throws {
        let shop = try Self.shop(Self.smallInDE)
        let coverage = Self.coverage(shop)
        #expect(coverage.promotions.map { "\($0.promotion) \($0.seenApplied) \($0.seenNotApplied)" }
                == ["always true false", "big_only false true", "never false true"])
        #expect(coverage.guards.isEmpty)
        #expect((coverage.coveredCount, coverage.itemCount) == (3, 6))
        #expect(coverage.percentText == "50%")
    }

    @Test func aFailingTestStillShowsWhatItsQuoteDid() throws {
        let shop = try Self.shop("test \"wrong\" { quote big in DE\n expect price 1.00 EUR }\n")
        let report = RuleTestRunner(shop.rules, book: shop.book).run()
        #expect(report.failedCount == 1)
        #expect(TestCoverage(report: report, rules: shop.rules, book: shop.book).promotions[1].seenApplied)
    }

    @Test func aRefusedQuoteShowsNothing() throws {
        let shop = try Self.shop("test \"gone\" { quote huge in DE\n expect error unknown_bundle }\n")
        #expect(Self.coverage(shop).coveredCount == 0)
    }

    @Test func theThresholdIsComparedExactly() throws {
        // 4 of 6 items (`always` is never seen not applied, `never` never applied): 66.666…%.
        let shop = try Self.shop(Self.smallInDE + Self.bigInDE)
        let coverage = Self.coverage(shop)
        #expect((coverage.coveredCount, coverage.itemCount) == (4, 6))
        #expect(coverage.fraction == Fraction(2, 3))
        #expect(coverage.meets(Percentage(ExactDecimal(significand: 66_666_666, scale: 6))))
        #expect(!coverage.meets(Percentage(ExactDecimal(significand: 66_666_667, scale: 6))))
        #expect(coverage.meets(Percentage(ExactDecimal(0))))
        #expect(!coverage.meets(.hundred))
        // Shown rounded down, so it never looks like it reaches what it misses.
        #expect(coverage.percentText == "66.66%")
    }

    @Test func nothingToCoverIsFullCoverage() throws {
        var sources = SourceMap()
        sources.add(path: "shop.coin", text: "base currency EUR\nregion DE: EUR\nbundle b: 1 coin, 1.00 EUR\n")
        let shop = CompiledShop(try #require(Checker.check(sources, zones: nil).ruleSet))
        let coverage = Self.coverage(shop)
        #expect(coverage.itemCount == 0)
        #expect(coverage.fraction == .one && coverage.meets(.hundred))
        #expect(coverage.percentText == "100%")
    }

    @Test func guardWorstCasesFromTheAnalysisAreItems() throws {
        // The analysis's worst cases here: `big` in DE with both discounts (15.0…%
        // off), and the pair `small`, `big` in DE. The two tests quote all three.
        let shop = try Self.shop(Self.smallInDE + Self.bigInDE, guards: Self.guards)
        let coverage = Self.coverage(shop)
        #expect(coverage.guards.map { $0.worstCases.map(\.cellText) } == [["big in DE"], ["small in DE and big in DE"]])
        #expect(coverage.guards.map(\.isExercised) == [true, true])
        #expect((coverage.coveredCount, coverage.itemCount) == (6, 8))
        let onlyBig = try Self.shop(Self.bigInDE, guards: Self.guards)
        #expect(Self.coverage(onlyBig).guards.map(\.isExercised) == [true, false])
    }

    @Test func aDiscountGuardThatNothingTakesAnythingOffIsNoItem() throws {
        // Without promotions, or with one that only gives bonus coins, the analysis's
        // worst case takes 0% off: there is nothing for a test to exercise.
        for promotions in ["", "promotion extra { bonus 10% }\n"] {
            var sources = SourceMap()
            sources.add(path: "shop.coin", text: "base currency EUR\nregion DE: EUR\nbundle small: 100 coins, 1.99 EUR\n"
                + "bundle big: 1_000 coins, 9.99 EUR\n" + promotions + "guard discount at most 50%\n"
                + "test \"big\" { quote big in DE\n expect price 9.99 EUR }\n")
            let shop = CompiledShop(try #require(Checker.check(sources, zones: nil).ruleSet))
            let analysed = RuleAnalysis.worstCases(shop.rules, book: shop.book)
            #expect(analysed.count == 1 && analysed.allSatisfy(\.takesNothingOff), "\(promotions)")
            let coverage = Self.coverage(shop)
            #expect(coverage.guards.map(\.worstCases.isEmpty) == [true])
            #expect(coverage.itemCount == (promotions.isEmpty ? 0 : 2))
            #expect(coverage.coveredCount == (promotions.isEmpty ? 0 : 1))
        }
    }

    @Test func aDiscountWorstCaseNeedsTheSameCellAndPromotions() throws {
        let shop = try Self.shop(Self.bigInDE, guards: Self.guards)
        let discountGuard = try #require(shop.rules.guards.first)
        let (request, quote) = try Self.quote(shop.book, "big")
        let worst = GuardWorstCase(guardRule: discountGuard, request: request, quote: quote,
                                   measure: .discount(share: Fraction(145, 1000) ?? .zero, limit: Fraction(1, 2) ?? .one), holds: true)
        let results = RuleTestRunner(shop.rules, book: shop.book).run().results
        let covered = GuardCoverage.of([discountGuard], worstCases: [worst], results: results)
        #expect(covered.map(\.isExercised) == [true])
        #expect(worst.cellText == "big in DE")

        let (frRequest, frQuote) = try Self.quote(shop.book, "big", "FR")
        let elsewhere = GuardWorstCase(guardRule: discountGuard, request: frRequest, quote: frQuote,
                                       measure: worst.measure, holds: true)
        #expect(GuardCoverage.of([discountGuard], worstCases: [elsewhere], results: results).map(\.isExercised) == [false])

        // The same cell with other promotions applied is another combination.
        let (smallRequest, smallQuote) = try Self.quote(shop.book, "small")
        let otherCombination = GuardWorstCase(guardRule: discountGuard, request: request, quote: smallQuote,
                                              measure: worst.measure, holds: true)
        #expect(!otherCombination.isExercised(by: results.compactMap(\.quote)))
        #expect(smallRequest.cellText == "small in DE")
        // A guard without a worst case is no item.
        #expect(GuardCoverage.of([discountGuard], worstCases: [], results: results).map(\.isExercised) == [false])
    }

    @Test func aPricePerCoinWorstCaseNeedsBothBundles() throws {
        let shop = try Self.shop(Self.bigInDE, guards: Self.guards)
        let pairGuard = shop.rules.guards[1]
        let (bigRequest, bigQuote) = try Self.quote(shop.book, "big")
        let (smallRequest, smallQuote) = try Self.quote(shop.book, "small")
        let worst = GuardWorstCase(guardRule: pairGuard, request: bigRequest, quote: bigQuote, comparedRequest: smallRequest,
                                   comparedQuote: smallQuote, measure: .pricePerCoin(ratio: Fraction(1, 2) ?? .one), holds: true)
        #expect(worst.cellText == "small in DE and big in DE")
        #expect(!worst.isExercised(by: [bigQuote]))
        #expect(worst.isExercised(by: [bigQuote, smallQuote]))
        let bothTests = try Self.shop(Self.bigInDE + Self.smallInDE, guards: Self.guards)
        let results = RuleTestRunner(bothTests.rules, book: bothTests.book).run().results
        let coverage = GuardCoverage.of([pairGuard], worstCases: [worst], results: results)
        #expect(coverage.map(\.isExercised) == [true])
    }
}
