@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// The lints ask each question once per kind of promotion, so many copies of one
/// promotion cost what one does: a budget far too small for a pass over every pair
/// still covers them. Past their budget they stop and say where (W0105).
@Suite struct LintScalingTests {
    /// `count` copies of one exclusive promotion over 5 bundles × 5 regions × 3
    /// channels; `priorities` spreads them over that many priorities.
    static func copies(_ count: Int, priorities: Int = 1) -> String {
        var text = """
            base currency USD
            rate EUR 0.9
            channel ios: fee 30%
            channel android: fee 30%
            channel web: fee 3%, level 75%
            user segment: one of new, casual, vip
            region US: USD, tax 10% included
            region DE: EUR, tax 10% included
            region FR: EUR, tax 10% included
            region IT: EUR, tax 10% included
            region GB: USD, tax 10% included
            bundle coins_70: 70 coins, 0.99 USD
            bundle coins_350: 350 coins, 4.95 USD
            bundle coins_700: 700 coins, 9.90 USD
            bundle coins_1400: 1400 coins, 19.80 USD
            bundle coins_3500: 3500 coins, 49.50 USD

            """
        for index in 0..<count {
            let name = "p" + String(repeating: "0", count: 5 - String(index).count) + String(index)
            text += "promotion \(name) {\n  when region in [US, DE, FR] and user.segment == vip\n  discount 10%\n"
            text += "  priority \(index % priorities)\n  exclusive\n}\n"
        }
        return text
    }

    static func lints(_ text: String, budget: Int) throws -> [Diagnostic] {
        let shop = try #require(AnalysisFixtures.shop(text))
        return RuleAnalysis.analyze(shop.rules, book: shop.book, options: AnalysisOptions(lintBudget: budget)).filter { $0.code.rawValue.hasPrefix("W01") }
    }

    @Test func copiesOfOneExclusivePromotionTieOnceEach() throws {
        // Every pair ties; a pass over every pair and cell would take far more than
        // 2 000 steps.
        let found = try Self.lints(Self.copies(300), budget: 2_000)
        #expect(found.allSatisfy { $0.code == .exclusiveTie })
        #expect(found.count == 299)
        let last = try #require(found.last)
        #expect(last.message == "exclusive promotions `p00000` and `p00299` can apply together at the same priority 0")
        #expect(last.notes.map(\.message).contains("`p00299` can apply together with 298 more exclusive promotions of priority 0 walked before it"))
    }

    @Test func copiesAtLowerPrioritiesAreShadowedByTheFirst() throws {
        let found = try Self.lints(Self.copies(280, priorities: 7), budget: 2_000)
        // Priority 6 is walked first and `p00006` first of it: the other 240 copies are
        // cut by it, and in each priority the 40 copies tie.
        #expect(found.filter { $0.code == .exclusiveTie }.count == 7 * 39)
        let shadowed = found.filter { $0.code == .promotionShadowed }
        #expect(shadowed.count == 240)
        #expect(shadowed.allSatisfy { $0.message.hasSuffix("the exclusive `p00006` comes first wherever it could apply") })
        #expect(!found.contains { $0.code == .lintIncomplete })
    }

    @Test func theLintsStopAtTheirBudgetAndSayWhere() throws {
        let text = AnalysisFixtures.header + """
            promotion a {
              when user.segment == vip
              discount 5%
            }
            promotion b {
              when user.purchases > 5 and user.purchases < 3
              discount 5%
            }
            """
        let found = try Self.lints(text, budget: 3)
        let warning = try #require(found.first { $0.code == .lintIncomplete })
        // `a` can apply (one cell shows it: a price read and one alternative, two
        // steps); checking `b` goes past 3.
        #expect(warning.message == "promotions were checked only in part: the lints stopped at their budget at `b`")
        #expect(warning.notes.first?.message.contains("at most 3 steps in all; they stopped while checking whether it can apply") == true)
        // What it did not get to is not reported either way.
        #expect(!found.contains { $0.code == .promotionNeverApplies })
        #expect(try Self.lints(text, budget: AnalysisOptions.defaultLintBudget).map(\.code) == [.promotionNeverApplies])
    }

    @Test func theLadderLintStopsAtItsBudgetAndSaysWhere() throws {
        let shop = try #require(AnalysisFixtures.shop(AnalysisFixtures.header + "bundle coins_7000: 7000 coins, 99.99 USD\n"))
        let found = RuleSetLints.lint(shop.rules, book: shop.book, options: AnalysisOptions(lintBudget: 2 * AnalysisOptions.stepsPerListPrice)).filter { $0.code == .lintIncomplete }
        let warning = try #require(found.first)
        #expect(warning.message.hasPrefix("bigger bundles were checked for costing more per coin only in part: "))
        #expect(warning.notes.map(\.message) == ["the lint may look at 2 prices; it stopped at `coins_7000` in `DE` on `ios`"])
        #expect(RuleSetLints.lint(shop.rules, book: shop.book, options: AnalysisOptions()).allSatisfy { $0.code != .lintIncomplete })
    }
}
