@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// The rule-set diff on tiny rule sets whose every number is worked out by hand in
/// the comments: percent changes, list-price cells, promotion clauses, the corpus and
/// the quote impact.
@Suite struct RuleSetDiffTests {
    typealias F = WalkFixture

    /// 2026-06-17T12:00:00Z, a Wednesday.
    static let wednesday: Int64 = F.noon

    /// One side of a diff: `body` after `header`, checked and compiled.
    static func side(_ body: String, header: String = "base currency USD\n") throws -> ComparedRules {
        try F.shop(body, header: header).compared
    }

    @Test func percentChangesAreExactAndRoundedHalfAwayFromZero() throws {
        // 6.49 → 7.49 EUR: 100/649 of the old price is 15.4083...%.
        let rise = try #require(PercentChange(from: 649, to: 749))
        #expect(rise.text() == "+15.41%")
        #expect(rise.exactText == "+10000/649")
        let fall = try #require(PercentChange(from: 1000, to: 950))
        #expect(fall.text() == "-5.00%")
        #expect(fall.exactText == "-5")
        // 8 → 9 is exactly 12.5%: half rounds away from zero.
        #expect(PercentChange(from: 8, to: 9)?.text(decimals: 0) == "+13%")
        #expect(PercentChange(from: 8, to: 7)?.text(decimals: 0) == "-13%")
        #expect(PercentChange(from: 3, to: 3)?.text() == "0.00%")
        #expect(PercentChange(from: 0, to: 5) == nil)
        #expect(Fraction(1, 8)?.percentText() == "12.50%")
        let same = try #require(PercentChange(from: 5, to: 5))
        #expect(fall < same && same < rise)
        #expect(try #require(PercentChange(from: 100, to: 50)) < fall)
    }

    @Test func listPricesCoverTheUnionOfCellsAndCurrencyChanges() throws {
        let old = try Self.side("""
            region US: USD
            region DE: EUR
            rate EUR 0.9
            bundle a: 10 coins, 1.00 USD
            bundle b: 20 coins, 2.00 USD
            """)
        // DE moves from EUR to GBP; a costs more; b is gone and c is new.
        let new = try Self.side("""
            region US: USD
            region DE: GBP
            rate GBP 0.8
            bundle a: 10 coins, 1.50 USD
            bundle c: 30 coins, 3.00 USD
            """)
        let diff = ListPriceDiff(old: old, new: new)
        #expect(diff.cellsCompared == 6)
        let rows = diff.changes.map { "\($0.bundle) \($0.region) \($0.kind.rawValue) \($0.old?.description ?? "-") \($0.new?.description ?? "-") \($0.percent?.text() ?? "-")" }
        // Bundles in the new rules' order, then the old rules' own; regions as the
        // checked rule set keeps them (by code).
        #expect(rows == [
            // 1.00 × 0.9 EUR against 1.50 × 0.8 GBP: no percentage across currencies.
            "a DE changed 0.90 EUR 1.20 GBP -",
            "a US changed 1.00 USD 1.50 USD +50.00%",
            "c DE added - 2.40 GBP -",
            "c US added - 3.00 USD -",
            "b DE removed 1.80 EUR - -",
            "b US removed 2.00 USD - -",
        ])
        #expect(diff.changes[0].currencyChanged && !diff.changes[1].currencyChanged)
        #expect(diff.count(.added) == 2 && diff.count(.removed) == 2 && diff.count(.changed) == 2)
    }

    @Test func identicalRuleSetsHaveNoChanges() throws {
        let body = "region US: USD\nbundle a: 10 coins, 1.00 USD\npromotion p {\n  every sat\n  discount 10%\n}\n"
        let diff = RuleSetDiff(old: try Self.side(body), new: try Self.side(body), at: Self.wednesday)
        #expect(!diff.hasChanges)
        #expect(diff.impact.requests > 0)
        #expect(diff.impact.changed == 0)
    }

    @Test func promotionsAreComparedClauseByClauseIgnoringWhereTheyAreWritten() throws {
        let old = try Self.side("""
            region US: USD
            region DE: EUR
            rate EUR 0.9
            market m: US
            bundle a: 10 coins, 1.00 USD
            promotion p1 { discount 10% }
            promotion p2 {
              when region in m
              bonus 5%
            }
            promotion p3 {
              discount 5%
              priority 3
            }
            promotion same {
              code "x1"
              discount 1%
            }
            """)
        let new = try Self.side("""
            region US: USD
            region DE: EUR
            rate EUR 0.9
            market m: US, DE
            bundle a: 10 coins, 1.00 USD
            # moved and reformatted, otherwise the same
            promotion same {
              discount 1%
              code "X1"
            }
            promotion p1 {
              discount 20%
              exclusive
            }
            promotion p2 {
              when region in m
              bonus 5%
            }
            promotion p4 {
              every sat, sun from 18:00 to 22:00 local
              bonus 10 coins
              priority 7
            }
            """)
        let changes = PromotionDiff.compare(old: old.rules, new: new.rules)
        #expect(changes.map { "\($0.name) \($0.kind.rawValue)" } == ["p1 changed", "p2 changed", "p3 removed", "p4 added"])
        #expect(changes[0].clauses == [
            ClauseChange(keyword: "discount", old: "10%", new: "20%", resolvesDifferently: false),
            ClauseChange(keyword: "exclusive", old: nil, new: "exclusive", resolvesDifferently: false),
        ])
        // The same text, but the market it names gained DE.
        #expect(changes[1].clauses == [
            ClauseChange(keyword: "when", old: "region in m", new: "region in m", resolvesDifferently: true),
        ])
        #expect(changes[2].clauses.map { "\($0.keyword)=\($0.old ?? "")" } == ["discount=5%", "priority=3"])
        #expect(changes[3].clauses.map { "\($0.keyword)=\($0.new ?? "")" }
            == ["every=sat, sun from 18:00 to 22:00 local", "bonus=10 coins", "priority=7"])
    }

    @Test func aPriorityGivenOrDroppedReadsAsZero() throws {
        let old = try Self.side("region US: USD\nbundle a: 10 coins, 1.00 USD\npromotion p { discount 10% }\n")
        let new = try Self.side("region US: USD\nbundle a: 10 coins, 1.00 USD\npromotion p {\n  discount 10%\n  priority 90\n}\n")
        let changes = PromotionDiff.compare(old: old.rules, new: new.rules)
        #expect(changes.first?.clauses == [ClauseChange(keyword: "priority", old: "0", new: "90", resolvesDifferently: false)])
    }

    static let profileRules = """
        region US: USD
        bundle a: 10 coins, 1.00 USD
        user vip: bool
        user tier: one of gold, silver
        user level: int 0 to 100
        user joined: date
        user quiet: bool
        promotion p {
          when user.vip and user.level >= 50 and user.joined < 2026-01-01 and user.tier == gold
          discount 10%
        }
        """

    @Test func profilesTakeTheValuesWhereConditionsTurnAndLeaveUnreadAttributesOut() throws {
        let rules = try Self.side(Self.profileRules).rules
        let profiles = UserProfiles(old: rules, new: rules, limit: 1_000)
        #expect(profiles.domains.map(\.name) == ["joined", "level", "tier", "vip"])
        let texts = profiles.domains.map { domain in domain.values.map { $0.map(Self.text) ?? "-" }.joined(separator: " ") }
        #expect(texts == [
            "2025-12-31 2026-01-01 2026-01-02 -",
            "0 49 50 51 100 -",
            "gold silver -",
            "false true -",
        ])
        #expect(profiles.combinationCount == 4 * 6 * 3 * 3)
        #expect(profiles.profiles.count == 216)
        #expect(!profiles.isSampled)
        // Lexicographic order: the first profile takes every attribute's first value.
        #expect(profiles.profiles.first == [
            "joined": .date(try #require(CivilDate(year: 2025, month: 12, day: 31))), "level": .int(0), "tier": .value("gold"),
            "vip": .bool(false),
        ])
        #expect(profiles.profiles.last == [:])
    }

    @Test func aSampleOfProfilesIsSeededAndStillHoldsEveryValue() throws {
        let rules = try Self.side(Self.profileRules).rules
        let sample = UserProfiles(old: rules, new: rules, limit: 10)
        #expect(sample.isSampled)
        #expect(sample.profiles.count == 10)
        #expect(Set(sample.profiles).count == 10)
        for domain in sample.domains {
            for value in domain.values {
                #expect(sample.profiles.contains { $0[domain.name] == value }, "\(domain.name) = \(String(describing: value))")
            }
        }
        #expect(UserProfiles(old: rules, new: rules, limit: 10).profiles == sample.profiles)
    }

    @Test func instantsAreWindowEdgesAndTheMinuteBeforeInEachZone() throws {
        let rules = try Self.side("""
            region US: USD
            region DE: USD, zone Europe/Berlin
            bundle a: 10 coins, 1.00 USD
            promotion june {
              during 2026-06-01 to 2026-06-02 local
              discount 10%
            }
            promotion saturday {
              every sat from 18:00 to 20:00
              bonus 5%
            }
            """).rules
        let minute: Int64 = 60
        let saturday = [F.utc(2026, 6, 20, 18), F.utc(2026, 6, 20, 20)]
        // US has no zone: the June window opens at midnight UTC and closes after June 2.
        let june = [F.utc(2026, 6, 1), F.utc(2026, 6, 3)]
        let us = CorpusInstants.instants(region: "US", old: rules, new: rules, reference: Self.wednesday)
        #expect(us == ((june + saturday).flatMap { [$0 - minute, $0] } + [Self.wednesday]).sorted())
        // Berlin is two hours ahead in summer; the weekly hours are in UTC for both.
        let berlinJune = june.map { $0 - 2 * 3600 }
        let de = CorpusInstants.instants(region: "DE", old: rules, new: rules, reference: Self.wednesday)
        #expect(de == ((berlinJune + saturday).flatMap { [$0 - minute, $0] } + [Self.wednesday]).sorted())
    }

    @Test func theCorpusCrossesCellsProfilesInstantsAndCodes() throws {
        let rules = try Self.side("""
            region US: USD
            channel web
            channel ios
            bundle a: 10 coins, 1.00 USD
            custom coins: 10 to 1_000, 0.01 USD each, on web
            user vip: bool
            promotion big {
              when coins >= 500 and user.vip
              code "X1"
              discount 10%
            }
            promotion y {
              code "y2"
              discount 1%
            }
            """).rules
        let corpus = QuoteCorpus(old: rules, new: rules, at: Self.wednesday)
        #expect(QuoteCorpus.customAmounts(old: rules, new: rules) == [10, 499, 500, 501, 1_000])
        // Channels by name: a on ios, then a and the five amounts on web, the only
        // channel the custom amount is sold on.
        #expect(corpus.cells.map { DiffCellText.text($0) } == [
            "a ios", "a web", "10 web", "499 web", "500 web", "501 web", "1000 web",
        ])
        #expect(corpus.codeSets == [[], ["X1", "Y2"]])
        #expect(corpus.profiles.profiles.count == 3)
        #expect(corpus.instants["US"] == [Self.wednesday])
        #expect(corpus.count == 7 * 3 * 1 * 2)
        #expect(!corpus.isSampled)
        let requests = (0..<corpus.count).map(corpus.request(at:))
        #expect(Set(requests).count == corpus.count)
        #expect(requests[0] == QuoteRequest(item: .bundle("a"), region: "US", channel: "ios", instant: Self.wednesday,
                                            user: ["vip": .bool(false)], codes: []))
        #expect(requests[1].codes == ["X1", "Y2"])
    }

    @Test func aCorpusOverItsLimitIsASeededSampleOfDistinctRequests() throws {
        let rules = try Self.side(Self.profileRules).rules
        let limits = CorpusLimits(profiles: 20, requests: 7)
        let corpus = QuoteCorpus(old: rules, new: rules, at: Self.wednesday, limits: limits)
        #expect(corpus.fullCount == 20)
        #expect(corpus.count == 7)
        #expect(corpus.isSampled)
        let requests = (0..<corpus.count).map(corpus.request(at:))
        #expect(Set(requests).count == 7)
        let again = QuoteCorpus(old: rules, new: rules, at: Self.wednesday, limits: limits)
        #expect((0..<again.count).map(again.request(at:)) == requests)
    }

    /// Old: a at 10.00 and b at 20.00, no promotions. New: a at 12.00, and 10% off
    /// everything on June 1 (UTC). Instants: 05-31 23:59, 06-01 00:00, 06-01 23:59,
    /// 06-02 00:00 and the reference, 06-17 12:00; one profile, no codes: 10 requests.
    /// a changes at all 5 (12.00, or 10.80 on June 1); b only on June 1 (18.00): 7.
    @Test func impactNumbersOnATinyRuleSet() throws {
        let old = try Self.side("region US: USD\nbundle a: 10 coins, 10.00 USD\nbundle b: 20 coins, 20.00 USD\n")
        let new = try Self.side("""
            region US: USD
            bundle a: 10 coins, 12.00 USD
            bundle b: 20 coins, 20.00 USD
            promotion sale {
              during 2026-06-01 to 2026-06-01
              discount 10%
            }
            """)
        let diff = RuleSetDiff(old: old, new: new, at: Self.wednesday)
        let impact = diff.impact
        #expect(impact.requests == 10)
        #expect(impact.changed == 7)
        #expect(impact.priceChanged == 7)
        #expect(impact.coinsChanged == 0)
        #expect(impact.refusalChanged == 0)
        #expect(impact.shareChanged == Fraction(7, 10))
        let increase = try #require(impact.largestIncrease)
        #expect(increase.percent.text() == "+20.00%")
        #expect(increase.old.description == "10.00 USD" && increase.new.description == "12.00 USD")
        #expect(increase.request.item == .bundle("a"))
        #expect(increase.request.instant == F.utc(2026, 5, 31, 23, 59))
        let decrease = try #require(impact.largestDecrease)
        #expect(decrease.percent.text() == "-10.00%")
        #expect(decrease.request.item == .bundle("b"))
        #expect(decrease.request.instant == F.utc(2026, 6, 1))
        #expect(diff.hasChanges)
    }

    /// a gains 5 bonus coins at one price (a coins change), and c exists only in the
    /// new rules (refused on the old side): 2 of the 3 requests changed, b did not.
    @Test func coinsAndRefusalsCountAsChanges() throws {
        let old = try Self.side("region US: USD\nbundle a: 10 coins, 1.00 USD\nbundle b: 20 coins, 2.00 USD\n")
        let new = try Self.side("""
            region US: USD
            bundle a: 10 coins, 1.00 USD, bonus 5 coins
            bundle b: 20 coins, 2.00 USD
            bundle c: 30 coins, 3.00 USD
            """)
        let impact = RuleSetDiff(old: old, new: new, at: Self.wednesday).impact
        #expect(impact.requests == 3)
        #expect(impact.changed == 2)
        #expect(impact.coinsChanged == 1)
        #expect(impact.priceChanged == 0)
        #expect(impact.refusalChanged == 1)
        #expect(impact.largestIncrease == nil && impact.largestDecrease == nil)
    }

    static func text(_ value: UserValue) -> String {
        switch value {
        case .bool(let flag): "\(flag)"
        case .int(let number): "\(number)"
        case .date(let date): "\(date)"
        case .value(let name): name
        }
    }
}

/// `a web`, `500 web`: a corpus cell in a test's words.
enum DiffCellText {
    static func text(_ cell: QuoteCorpus.QuotedCell) -> String {
        let item: String = switch cell.item {
        case .bundle(let name): name
        case .coins(let amount): "\(amount)"
        }
        return "\(item) \(cell.channel ?? "-")"
    }
}
