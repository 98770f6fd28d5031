@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// The satisfiability engine: value classes of user attributes, conditions as
/// boxes in a cell, and time sets of windows and weekly hours in zones.
@Suite struct SatisfiabilityTests {
    typealias F = AnalysisFixtures

    @Test func intClassesCutAtEveryConstantWithinTheRange() {
        #expect(UserValueClasses.representatives([10], within: 0...1_000, fallback: 0) == [9, 10, 11])
        #expect(UserValueClasses.representatives([0, 1, 1_000], within: 0...1_000, fallback: 0) == [0, 1, 2, 1_000])
        #expect(UserValueClasses.representatives([], within: 5...9, fallback: 0) == [5])
        #expect(UserValueClasses.representatives([Int64.max], within: Int64.min...Int64.max, fallback: 0) == [Int64.max - 1, Int64.max])
    }

    private func context(_ body: String) throws -> AnalysisContext {
        let shop = try #require(F.shop(F.header + body))
        return AnalysisContext(rules: shop.rules, book: shop.book, options: AnalysisOptions())
    }

    @Test func aNegatedConjunctionBecomesAlternatives() throws {
        let context = try context("promotion p {\n  when not (user.first_purchase and user.purchases >= 3)\n  discount 5%\n}")
        let cell = try #require(context.cell(bundle: 0, region: 0, channel: 0))
        let promotion = try #require(cell.promotions.first)
        // `not first_purchase` (false, carried) or `purchases < 3` (carried): a missing
        // attribute is unknown, and so is `not` of it.
        #expect(promotion.include.count == 2)
        #expect(promotion.exclude.count == 1)
        let slot = try #require(context.rules.userAttributes.firstIndex { $0.name == "first_purchase" })
        #expect(!promotion.include.contains { $0.slots[slot]?.contains(0) == true })
        // Not true: each side true or unknown, so the box admits both attributes missing.
        #expect(promotion.exclude.allSatisfy { $0.slots.compactMap { $0 }.allSatisfy { $0.contains(0) } })
    }

    @Test func cellFactsDecideListComparisons() throws {
        let context = try context("promotion p {\n  when list >= 5.00 USD\n  discount 5%\n}")
        // The price book lists `p` for both bundles (it cannot know list prices ahead);
        // in the cell, the list price settles the condition.
        let small = try #require(context.cell(bundle: 0, region: 0, channel: 0)?.promotions.first)
        let big = try #require(context.cell(bundle: 1, region: 0, channel: 0)?.promotions.first)
        #expect(small.include.isEmpty && small.exclude.count == 1)
        #expect(big.include.count == 1 && big.exclude.isEmpty)
    }

    @Test func timeSetsIntersectAndComplement() {
        let a = TimeSet(0, 100)
        let b = TimeSet(union: [.init(start: 50, end: 150), .init(start: 200, end: 300)])
        #expect(a.intersection(b).intervals == [.init(start: 50, end: 100)])
        #expect(b.complement(within: TimeSet(0, 400)).intervals == [.init(start: 0, end: 50), .init(start: 150, end: 200), .init(start: 300, end: 400)])
        #expect(a.intersects(b) && !TimeSet(150, 200).intersects(b))
        #expect(TimeSet(60, 140).isSubset(of: b) && !TimeSet(60, 160).isSubset(of: b) && TimeSet.empty.isSubset(of: b))
        #expect(!TimeSet(union: [.init(start: 60, end: 70), .init(start: 160, end: 170)]).isSubset(of: b))
        #expect(TimeSet(3_601, 7_300).representative == Int64(7_200))
    }

    @Test func localWindowsFollowTheRegionsZone() throws {
        let context = try context("promotion p {\n  during 2026-07-01T18:00 to 2026-07-01T19:00 local\n  discount 5%\n}")
        let index = try #require(context.book.program.promotions.firstIndex { $0.name == "p" })
        let us = try #require(context.rules.regions.firstIndex { $0.code == "US" })
        let de = try #require(context.rules.regions.firstIndex { $0.code == "DE" })
        // 18:00 in New York (UTC−4 in July) and in Berlin (UTC+2).
        let july1 = CivilTime.days(from: CivilDate(year: 2026, month: 7, day: 1)!) * 86_400
        #expect(context.times.times(index, region: us)?.intervals == [.init(start: july1 + 22 * 3_600, end: july1 + 23 * 3_600)])
        #expect(context.times.times(index, region: de)?.intervals == [.init(start: july1 + 16 * 3_600, end: july1 + 17 * 3_600)])
    }

    @Test func weeklyHoursAcrossMidnightBelongToTheirFirstDay() throws {
        let context = try context("promotion p {\n  every sat from 22:00 to 02:00\n  discount 5%\n}")
        let index = try #require(context.book.program.promotions.firstIndex { $0.name == "p" })
        let times = try #require(context.times.times(index, region: 0))
        for interval in times.intervals.dropFirst().dropLast() {
            #expect(interval.end - interval.start == 4 * 3_600)
            #expect(CivilTime.weekday(ofSeconds: interval.start) == 6)
        }
    }

    /// Seeded property: whatever scenario the search settles on, the request built
    /// from it makes every promotion it chose a candidate: the quote applies each.
    @Test func requestsBuiltFromScenariosMakeTheirCandidatesApply() throws {
        var seed: UInt64 = 2026
        func next(_ bound: UInt64) -> UInt64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (seed >> 33) % bound
        }
        let conditions = ["user.purchases >= 7", "user.segment in [vip, casual]", "not user.first_purchase", "user.purchases < 3", "channel == web"]
        for _ in 0..<20 {
            var body = ""
            for index in 0..<4 {
                body += "promotion p\(index) { when \(conditions[Int(next(5))]) and \(conditions[Int(next(5))])\n"
                if next(2) == 0 { body += "every \(["mon", "sat", "sun"][Int(next(3))]) from 10:00 to 12:00 local\n" }
                body += "discount \(5 + next(10))% }\n"
            }
            guard let shop = F.shop(F.header + body) else { continue }
            let book = shop.book
            let context = AnalysisContext(rules: shop.rules, book: book, options: AnalysisOptions())
            for coordinate in context.cellCoordinates {
                guard let cell = context.cell(bundle: coordinate.item, region: coordinate.region, channel: coordinate.channel) else { continue }
                let outcome = DiscountSearch(context: context, cell: cell).worst()
                let request = Counterexample.request(outcome.scenario, cell: cell, context: context)
                let quote = try book.quote(request).get()
                for candidate in outcome.scenario.candidates {
                    #expect(quote.applied.contains(book.program.promotions[candidate].name), "\(body)")
                }
                #expect(quote.list.minorUnits - quote.price.minorUnits >= outcome.reduction)
            }
        }
    }
}
