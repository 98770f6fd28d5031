import Coinage
import CoinageAnalysis
import CoinageChecker
import CoinageDiff
import CoinageEngine
import CoinageRuleTests
import CoinageSyntax
import Foundation
import Testing

@Suite("Experiment checking, guards, diff and tests")
struct ExperimentCheckTests {
    @Test("each arm's rules are control's with the arm's declarations in place of theirs")
    func armRules() throws {
        let result = ExperimentFixtures.check(ExperimentFixtures.shop)
        let rules = try #require(result.ruleSet)
        let experiment = try #require(rules.experiments.first)
        #expect(experiment.name == "web_price" && experiment.salt == "2026-12" && experiment.unitAttribute == "id")
        #expect(experiment.arms.map(\.name) == ["control", "cheaper"] && experiment.totalWeight == 100)
        #expect(experiment.start == 1_796_860_800 && experiment.end == 1_799_625_600) // 2026-12-10 and 2027-01-11, UTC
        #expect(experiment.arm("control")?.rules == nil)
        let cheaper = try #require(experiment.arm("cheaper")?.rules)
        #expect(cheaper.explicitPrices.map { $0.money?.description } == ["8.99 USD"])
        #expect(rules.explicitPrices.isEmpty)
        #expect(cheaper.experiments.isEmpty)
    }

    /// Regression: the clause after an arm's block could start on the block's last
    /// line, which the grammar of Docs/Language.md does not allow.
    @Test("the clause after an arm's block starts on a line of its own")
    func clauseAfterArmBlock() {
        let text = ExperimentFixtures.shop.replacingOccurrences(of: "8.99 USD\n  }\n}", with: "8.99 USD\n  } salt \"x\"\n}")
        let messages = ExperimentFixtures.check(text).checked.diagnostics.map(\.message)
        #expect(messages == ["unexpected `salt` at the end of the clause"])
    }

    @Test("an arm's mistake is an error that names the arm")
    func armErrorNamesArm() {
        let text = ExperimentFixtures.shop.replacingOccurrences(of: "price coins_700 in US: 8.99 USD",
                                                                with: "price coins_7000 in US: 8.99 USD")
        let result = ExperimentFixtures.check(text)
        #expect(result.ruleSet == nil)
        #expect(result.errors.map(\.code) == [.unknownBundle])
    }

    @Test("a structural mistake of an experiment is E0527, E0212 or E0121",
          arguments: [
            ("arm control 50", "arm other 50", DiagnosticCode.invalidExperiment),
            ("salt \"2026-12\"", "arm cheaper 10", .invalidExperiment),
            ("unit user.id", "unit user.segment", .invalidExperiment),
            ("during 2026-12-10 to 2027-01-10 UTC", "during 2026-12-10 to 2027-01-10 local", .invalidExperiment),
            ("audience region == US", "audience list > 1.00 USD", .invalidExperiment),
            ("price coins_700 in US: 8.99 USD", "base currency EUR", .declarationNotInArm),
          ])
    func structuralMistakes(_ replaced: String, _ replacement: String, _ code: DiagnosticCode) {
        let text = ExperimentFixtures.shop.replacingOccurrences(of: replaced, with: replacement)
        let result = ExperimentFixtures.check(text)
        #expect(result.ruleSet == nil)
        #expect(result.errors.map(\.code).contains(code), "\(result.errors.map(\.message))")
    }

    @Test("a guard broken in one arm only is reported for that arm, with replays that force it")
    func guardInOneArm() throws {
        let text = """
        base currency USD
        region US: USD, tax 7.25% added
        bundle coins_700: 700 coins, 9.99 USD
        user id: int
        guard discount at most 50%
        promotion launch {
          discount 30%
        }
        experiment deep_discount {
          during 2026-12-10 to 2027-01-10 UTC
          unit user.id
          arm control 50
          arm deeper 50 {
            promotion launch {
              discount 60%
            }
          }
        }
        """
        let result = ExperimentFixtures.check(text, analysis: AnalysisOptions(now: 1_796_000_000))
        let broken = result.errors
        #expect(broken.map(\.code) == [.discountGuardBroken])
        let finding = try #require(broken.first)
        #expect(finding.message.hasPrefix("in arm `deeper` of experiment `deep_discount`: "))
        #expect(finding.help?.contains("coinage quote --arm deep_discount=deeper coins_700") == true)
        #expect(finding.help?.contains("\n  arm deep_discount deeper\n") == true)
        // Control alone keeps the guard.
        let control = ExperimentFixtures.check(text.components(separatedBy: "experiment deep_discount")[0],
                                               analysis: AnalysisOptions(now: 1_796_000_000))
        #expect(control.errors.isEmpty)
        // And the checker says when the experiment stops.
        #expect(result.diagnostics.contains { $0.code == .experimentSchedule && $0.severity == .note
                && $0.message.contains("stops at 2027-01-11T00:00:00Z") })
    }

    @Test("once the window has closed the checker warns that everyone is back in control")
    func ended() {
        let result = ExperimentFixtures.check(ExperimentFixtures.shop, analysis: AnalysisOptions(now: ExperimentFixtures.after))
        #expect(result.diagnostics.map(\.code).contains(.experimentEnded))
    }

    @Test("the diff compares each arm with control and says how much traffic it reaches")
    func diffPerArm() throws {
        let result = ExperimentFixtures.check(ExperimentFixtures.shop)
        let rules = try #require(result.ruleSet)
        let book = try #require(result.priceBook)
        let arms = ExperimentDiff.all(ComparedRules(rules: rules, book: book), at: ExperimentFixtures.during,
                                      limits: CorpusLimits(profiles: 8, requests: 2_000))
        #expect(arms.map(\.arm) == ["cheaper"])
        let arm = try #require(arms.first)
        #expect(arm.weight == 50 && arm.totalWeight == 100 && arm.audience == "region == US")
        #expect(arm.diff.listPrices.changes.map { "\($0.bundle) \($0.region) \(Self.text($0.old)) → \(Self.text($0.new))" }
                == ["coins_700 US 9.99 USD → 8.99 USD"])
        // US is one of the two regions: about half the sampled requests are in the audience.
        #expect(arm.inAudience > 0 && arm.inAudience < arm.diff.corpus.count)
    }

    private static func text(_ price: CellPrice?) -> String {
        price.map { "\($0)" } ?? "-"
    }

    @Test("a test block can pin an arm, and name the arm's own promotion; an unpinned one quotes control")
    func pinnedTest() throws {
        let armPromotion = """
        price coins_700 in US: 8.99 USD
            promotion vip_launch {
              when user.segment == vip
              bonus 10%
            }
        """
        let text = ExperimentFixtures.shop.replacingOccurrences(of: "price coins_700 in US: 8.99 USD", with: armPromotion) + """

        test "cheaper arm" {
          arm web_price cheaper
          quote coins_700 in US at 2026-12-20T10:00 UTC
          user segment = vip
          expect price 8.99 USD
          expect applied vip_launch
        }
        test "control" {
          quote coins_700 in US at 2026-12-20T10:00 UTC
          expect price 9.99 USD
        }
        """
        let result = ExperimentFixtures.check(text)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let rules = try #require(result.ruleSet)
        // Control holds its own test; the pinned one is the arm's, checked with its promotion.
        #expect(rules.tests.map(\.title) == ["control"])
        let runner = RuleTestRunner(rules, book: try #require(result.priceBook))
        #expect(runner.tests.map { $0.arm?.arm } == ["cheaper", nil])
        let report = runner.run()
        #expect(report.results.count == 2)
        #expect(report.allPassed, "\(report.results.map(\.failures))")
    }
}

@Suite("Experiment weights")
struct ExperimentWeightTests {
    @Test("arms that weigh nothing in all are an error")
    func zeroTotal() {
        let text = ExperimentFixtures.shop.replacingOccurrences(of: "arm control 50", with: "arm control 0")
            .replacingOccurrences(of: "arm cheaper 50", with: "arm cheaper 0")
        let result = ExperimentFixtures.check(text)
        #expect(result.errors.map(\.message) == ["the arms of `web_price` weigh nothing in all"])
    }
}

@Suite("Experiment arms with price-point tables")
struct ExperimentPointsTests {
    @Test("an arm replaces a price-point table, and its storefronts snap to the arm's points")
    func armReplacesTable() throws {
        let text = """
        base currency USD
        rate JPY 150
        region US: USD, tax 7.25% added
        region JP: JPY, tax 10% included
        points app_store {
          tier 1: 0.99 USD, 160 JPY
          tier 2: 1.99 USD, 300 JPY
        }
        channel ios: fee 30%, points app_store nearest
        bundle coins_100: 100 coins, 0.99 USD
        user id: int
        experiment jp_points {
          during 2026-12-10 to 2027-01-10 UTC
          unit user.id
          arm control 50
          arm cheaper_jp 50 {
            points app_store {
              tier 1: 0.99 USD, 150 JPY
              tier 2: 1.99 USD, 300 JPY
            }
          }
        }
        """
        let (_, books) = try #require(ExperimentFixtures.books(text))
        let request = QuoteRequest(item: .bundle("coins_100"), region: "JP", channel: "ios", instant: ExperimentFixtures.during)
        let arm = books.quote(request, forcing: ["jp_points": "cheaper_jp"])
        let control = books.quote(request, forcing: ["jp_points": "control"])
        #expect(try arm.result.get().list.description == "150 JPY")
        #expect(try control.result.get().list.description == "160 JPY")
    }
}

