@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// A shop in Berlin time with one dated and one coded promotion, and tests that the
/// runner's semantics are checked against. Every amount is worked out by hand:
/// `big` is 9.99 EUR, 10% off is 1.00 (0.999, half-even), leaving 8.99.
private let shop = """
    base currency EUR
    region DE: EUR, tax 19% included, zone Europe/Berlin
    channel ios: fee 30%
    user segment: one of new, vip
    bundle small: 100 coins, 1.99 EUR
    bundle big: 1_000 coins, 9.99 EUR, bonus 100 coins
    promotion sale {
      when bundle == big
      during 2026-07-01 to 2026-07-31 local
      discount 10%
    }
    promotion vip {
      code "VIP"
      when user.segment == vip
      discount 1.00 EUR
    }
    guard discount at most 50%

    """

private func compiled(_ tests: String) throws -> CompiledShop {
    var sources = SourceMap()
    sources.add(path: "shop.coin", text: shop + tests)
    let result = Checker.check(sources, zones: SystemTimeZones())
    let errors = result.diagnostics.filter { $0.severity == .error }
    #expect(errors.isEmpty, "\(errors.map { "\($0.code.rawValue) \($0.message)" })")
    return CompiledShop(try #require(result.ruleSet))
}

/// One test with the given lines, run on its own.
private func run(_ lines: String) throws -> RuleTestResult {
    let shop = try compiled("test \"t\" {\n\(lines)\n}\n")
    let test = try #require(shop.rules.tests.first)
    return RuleTestRunner(shop.rules, book: shop.book).run(test)
}

@Suite struct RuleTestRunnerTests {
    typealias F = WalkFixture

    @Test func everyKindOfExpectationPassesOnTheRightValues() throws {
        let result = try run("""
            quote big in DE on ios at 2026-07-15T12:00 local
            expect list 9.99 EUR
            expect discount 1.00 EUR
            expect price 8.99 EUR
            expect total 8.99 EUR
            expect tax 1.44 EUR
            expect proceeds 5.29 EUR
            expect coins 1_100
            expect applied sale
            expect not applied vip
            """)
        #expect(result.passed, "\(result.failures)")
        #expect(result.quote?.price.minorUnits == 899)
    }

    @Test func aWrongAmountShowsExpectedAndActual() throws {
        let result = try run("quote big in DE on ios at 2026-07-15T12:00 local\nexpect price 9.99 EUR\nexpect coins 1_000")
        #expect(result.failures.map(\.expected) == ["price 9.99 EUR", "coins 1000"])
        #expect(result.failures.map(\.actual) == ["price 8.99 EUR", "coins 1100 (1000 + 100 bonus)"])
    }

    @Test func anAmountInAnotherCurrencyIsNotEqual() throws {
        let result = try run("quote small in DE on ios\nexpect price 1.99 USD")
        #expect(result.failures.map(\.actual) == ["price 1.99 EUR"])
    }

    @Test func aPromotionThatDidNotApplyGivesItsTraceReason() throws {
        let result = try run("quote big in DE on ios at 2026-08-01T00:00 local\nexpect applied sale")
        let failure = try #require(result.failures.first)
        #expect(failure.expected == "applied sale")
        #expect(failure.actual.hasPrefix("not applied: outside its window"))
    }

    @Test func notAppliedFailsWhenItApplied() throws {
        let result = try run("quote big in DE on ios at 2026-07-01T00:00 local\nexpect not applied sale")
        #expect(result.failures.map(\.actual) == ["applied: applied: 10% off: −1.00 EUR"])
    }

    @Test func errorExpectations() throws {
        #expect(try run("quote nothing in DE on ios\nexpect error unknown_bundle").passed)
        let wrongKind = try run("quote small in FR on ios\nexpect error unknown_channel")
        #expect(wrongKind.failures.map(\.actual) == ["error unknown_region: unknown region `FR`"])
        let quoted = try run("quote small in DE on ios\nexpect error unknown_bundle")
        #expect(quoted.failures.map(\.actual) == ["a quote: price 1.99 EUR, total 1.99 EUR"])
    }

    @Test func aRefusalFailsEveryValueExpectation() throws {
        let result = try run("quote 500 coins in DE on ios\nexpect price 4.99 EUR\nexpect applied sale")
        #expect(result.failures.count == 2)
        #expect(result.failures.allSatisfy { $0.actual.hasPrefix("no quote: error no_custom_amount: ") })
        #expect(result.quote == nil)
    }

    @Test func userCodesAndRedemptionsReachTheRequest() throws {
        #expect(try run("quote small in DE on ios\nuser segment = vip\ncode \"vip\"\nexpect applied vip").passed)
        let shop = try compiled("test \"t\" {\nquote small in DE on ios\nuser segment = vip\ncode \"vip\"\nredeemed vip 3, 1 per user\nexpect applied vip\n}\n")
        let request = try shop.rules.tests[0].request(in: shop.rules).get()
        #expect(request.user == ["segment": .value("vip")])
        #expect(request.codes == ["vip"])
        #expect(request.redemptions == ["vip": Redemptions(total: 3, perUser: 1)])
        #expect(request.explain)
    }

    @Test func localTimesUseTheRegionsZoneAndBareTimesAreUTC() throws {
        let shop = try compiled("""
            test "local" { quote small in DE on ios at 2026-07-15T12:00 local
              expect price 1.99 EUR }
            test "utc" { quote small in DE on ios at 2026-07-15T12:00
              expect price 1.99 EUR }
            test "named" { quote small in DE on ios at 2026-07-15T12:00 Asia/Tokyo
              expect price 1.99 EUR }
            test "date" { quote small in DE on ios at 2026-07-15 local
              expect price 1.99 EUR }
            test "none" { quote small in DE on ios
              expect price 1.99 EUR }

            """)
        let instants = try shop.rules.tests.map { try $0.request(in: shop.rules).get().instant }
        #expect(instants == [F.utc(2026, 7, 15, 10), F.utc(2026, 7, 15, 12), F.utc(2026, 7, 15, 3),
                             F.utc(2026, 7, 14, 22), RuleTest.defaultInstant])
        #expect(RuleTest.defaultInstant == F.utc(2000, 1, 3, 12))
    }

    @Test func aSkippedLocalTimeFailsTheTestAndARepeatedOneIsReadFirst() throws {
        let skipped = try run("quote small in DE on ios at 2026-03-29T02:30 local\nexpect price 1.99 EUR")
        #expect(skipped.moment == nil && skipped.outcome == nil)
        #expect(skipped.failures.map(\.actual) == ["the clocks in Europe/Berlin skip it (they move 60 minutes forward)"])
        let repeated = try run("quote small in DE on ios at 2026-10-25T02:30 local\nexpect price 1.99 EUR")
        #expect(repeated.moment?.instant == F.utc(2026, 10, 25, 0, 30))
    }

    @Test func wallClockInstantsAroundAChangeOfOffset() {
        // +1h until 1000, +2h from 1000 on, +1h again from 20_000 on.
        let zone = ZoneOffsets(transitions: [1_000, 20_000], offsets: [3600, 7200, 3600])
        #expect(zone.instants(ofWallClock: 0) == .unique(-3600))
        #expect(zone.instants(ofWallClock: 4_600 + 1_000) == .skipped(offsetBefore: 3600, offsetAfter: 7200))
        #expect(zone.instants(ofWallClock: 20_000 + 3600 + 1_800) == .repeated(earlier: 18_200, later: 21_800))
        #expect(ZoneOffsets.fixed(0).instants(ofWallClock: 42) == .unique(42))
    }

    @Test func theFilterMatchesPartOfTheTitleInAnyCase() throws {
        let shop = try compiled("""
            test "Black Friday in DE" { quote small in DE on ios
              expect price 1.99 EUR }
            test "summer sale" { quote small in DE on ios
              expect price 1.99 EUR }

            """)
        let runner = RuleTestRunner(shop.rules, book: shop.book)
        #expect(runner.run(filter: RuleTestFilter("friday")).results.map(\.test.title) == ["Black Friday in DE"])
        #expect(runner.run(filter: RuleTestFilter("SALE")).results.map(\.test.title) == ["summer sale"])
        #expect(runner.run(filter: RuleTestFilter("")).results.count == 2)
        #expect(runner.run(filter: RuleTestFilter("winter")).results.isEmpty)
    }

    @Test func aRequestWrittenAsTestLinesIsTheSameRequest() throws {
        let request = QuoteRequest(item: .bundle("small"), region: "DE", channel: "ios", instant: F.utc(2026, 7, 4, 18, 30),
                                   user: ["segment": .value("vip")], codes: ["VIP"],
                                   redemptions: ["vip": Redemptions(total: 2, perUser: 0)], explain: true)
        #expect(request.testLines == [
            "quote small in DE on ios at 2026-07-04T18:30:00", "user segment = vip", "code \"VIP\"",
            "redeemed vip 2, 0 per user",
        ])
        let shop = try compiled("test \"t\" {\n" + request.testLines.joined(separator: "\n") + "\nexpect applied vip\n}\n")
        #expect(try shop.rules.tests[0].request(in: shop.rules).get() == request)
        #expect(QuoteRequest(item: .coins(500), region: "DE", instant: 0).testLines == ["quote 500 coins in DE at 1970-01-01T00:00:00"])
    }

    @Test func theReportCountsPassedAndFailed() throws {
        let shop = try compiled("""
            test "a" { quote small in DE on ios
              expect price 1.99 EUR }
            test "b" { quote small in DE on ios
              expect price 2.99 EUR }

            """)
        let report = RuleTestRunner(shop.rules, book: shop.book).run()
        #expect((report.passedCount, report.failedCount, report.allPassed) == (1, 1, false))
    }
}
