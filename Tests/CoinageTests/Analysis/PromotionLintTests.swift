@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// The promotion lints, each on rules that trip it and on rules that do not.
@Suite struct PromotionLintTests {
    typealias F = AnalysisFixtures

    private func lints(_ body: String) throws -> [Diagnostic] {
        let shop = try #require(F.shop(F.header + body))
        return RuleAnalysis.analyze(shop.rules, book: shop.book).filter { $0.code.rawValue.hasPrefix("W01") }
    }

    @Test func anUnsatisfiableUserConditionNeverApplies() throws {
        let found = try lints("promotion odd {\n  when user.purchases > 5 and user.purchases < 3\n  discount 10%\n}")
        #expect(found.map(\.code) == [.promotionNeverApplies])
        #expect(found.first?.message == "promotion `odd` can never apply: no buyer's facts meet its condition")
    }

    @Test func anEmptyBundleSetNeverApplies() throws {
        let found = try lints("promotion odd {\n  when bundle == coins_70 and bundle == coins_700\n  discount 10%\n}")
        #expect(found.first?.message == "promotion `odd` can never apply: no bundle, region and channel meet its condition")
    }

    @Test func aWindowOutsideItsHoursNeverApplies() throws {
        // 2026-06-01 is a Monday: a Sunday schedule never meets it.
        let found = try lints("promotion odd {\n  during 2026-06-01 to 2026-06-01\n  every sun\n  discount 10%\n}")
        #expect(found.first?.message == "promotion `odd` can never apply: its window and hours never meet")
    }

    @Test func aMissingAttributeSatisfiesANegatedComparison() throws {
        #expect(try lints("promotion strangers {\n  when not user.first_purchase and user.purchases < 0\n  discount 10%\n}").count == 1)
        #expect(try lints("promotion strangers {\n  when not user.first_purchase\n  discount 10%\n}").isEmpty)
    }

    @Test func anExclusiveThatAlwaysComesFirstShadowsAnother() throws {
        let found = try lints("""
            promotion everyone {
              discount 10%
              priority 10
              exclusive
            }
            promotion vips {
              when user.segment == vip
              discount 20%
            }
            """)
        #expect(found.map(\.code) == [.promotionShadowed])
        #expect(found.first?.message.contains("the exclusive `everyone` comes first") == true)
        #expect(found.first?.notes.first?.span != nil)
    }

    @Test func anExclusiveWithACodeOrLimitOrNarrowerConditionShadowsNothing() throws {
        #expect(try lints("""
            promotion coded {
              code "X"
              discount 10%
              priority 10
              exclusive
            }
            promotion vips {
              when user.segment == vip
              discount 20%
            }
            """).isEmpty)
        #expect(try lints("""
            promotion limited {
              discount 10%
              priority 10
              exclusive
              limit 5
            }
            promotion vips {
              when user.segment == vip
              discount 20%
            }
            """).isEmpty)
        #expect(try lints("""
            promotion vips_only {
              when user.segment == vip
              discount 10%
              priority 10
              exclusive
            }
            promotion loyal {
              when user.purchases >= 3
              discount 20%
            }
            """).isEmpty)
    }

    @Test func exclusivesOfEqualPriorityThatOverlapTie() throws {
        let found = try lints("""
            promotion alpha {
              when bundle == coins_70
              discount 5%
              priority 5
              exclusive
            }
            promotion beta {
              when user.segment == vip
              discount 6%
              priority 5
              exclusive
            }
            """)
        #expect(found.map(\.code) == [.exclusiveTie])
        #expect(found.first?.message == "exclusive promotions `alpha` and `beta` can apply together at the same priority 5")
    }

    @Test func exclusivesThatCannotMeetDoNotTie() throws {
        #expect(try lints("""
            promotion alpha {
              when bundle == coins_70
              discount 5%
              priority 5
              exclusive
            }
            promotion beta {
              when bundle == coins_700
              discount 6%
              priority 5
              exclusive
            }
            """).isEmpty)
        #expect(try lints("""
            promotion alpha {
              during 2026-01-01 to 2026-01-31
              discount 5%
              priority 5
              exclusive
            }
            promotion beta {
              during 2026-02-01 to 2026-02-28
              discount 6%
              priority 5
              exclusive
            }
            """).isEmpty)
        #expect(try lints("""
            promotion alpha {
              discount 5%
              priority 6
              exclusive
            }
            promotion beta {
              when user.segment == vip
              discount 6%
              priority 5
              exclusive
            }
            """).map(\.code) == [.promotionShadowed])
    }

    @Test func customAmountsCountWithTheirCoinsLeftOpen() throws {
        let custom = "custom coins: 30 to 100_000, 0.0141 USD each, on web\n"
        // Only the custom amount reaches 50_000 coins: the promotion can apply.
        #expect(try lints(custom + "promotion bulk {\n  when coins >= 50_000\n  discount 5%\n}").isEmpty)
        // Its coins left open do not rescue a condition no buyer meets.
        let found = try lints(custom + "promotion bulk {\n  when bundle == coins and user.purchases > 5 and user.purchases < 3\n  discount 5%\n}")
        #expect(found.map(\.code) == [.promotionNeverApplies])
        // Sold on the web only: on the app store it never applies.
        #expect(try lints(custom + "promotion bulk {\n  when bundle == coins and channel == ios\n  discount 5%\n}").map(\.code)
            == [.promotionNeverApplies])
    }
}

/// Adding the analysis to a check result past the diagnostic limit.
@Suite struct AnalysisDiagnosticLimitTests {
    @Test func errorsAreKeptBeforeWarningsPastTheLimit() throws {
        var text = AnalysisFixtures.header
        for index in 0...Limits.maxDiagnostics {
            text += "promotion never_\(index) {\n  when user.purchases > 5 and user.purchases < 3\n  discount 10%\n}\n"
        }
        text += "promotion a {\n  discount 30%\n}\npromotion b {\n  discount 30%\n}\nguard discount at most 50%\n"
        var sources = SourceMap()
        sources.add(path: "shop.coin", text: text)
        let checked = Checker.check(sources, zones: SystemTimeZones())
        let rules = try #require(checked.ruleSet)
        let analysis = RuleAnalysis.analyze(rules, book: PriceBook(rules))
        // The analysis itself reports everything; the check result cuts.
        #expect(analysis.count == Limits.maxDiagnostics + 2)
        let result = checked.adding(analysis)
        #expect(result.diagnostics.count == Limits.maxDiagnostics + 1)
        #expect(result.diagnostics.contains { $0.code == .discountGuardBroken })
        #expect(result.diagnostics.last?.code == .tooManyDiagnostics)
        let hidden = checked.diagnostics.count + analysis.count - Limits.maxDiagnostics
        #expect(result.diagnostics.last?.message == "too many problems: \(hidden) more not shown after the first \(Limits.maxDiagnostics)")
    }
}
