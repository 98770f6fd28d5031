@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// Checks one file; the header gives every test a base currency and a region.
func check(_ body: String, header: String = "base currency USD\nregion US: USD, tax 7.25% added, zone America/New_York\n")
    -> CheckResult
{
    var sources = SourceMap()
    sources.add(path: "t.coin", text: header + body)
    return Checker.check(sources, zones: SystemTimeZones())
}

func ruleSet(_ body: String) -> RuleSet? {
    let result = check(body)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map { "\($0.code.rawValue) \($0.message)" })")
    return result.ruleSet
}

@Suite struct CheckerTests {
    @Test func moneyIsExactInMinorUnits() throws {
        let rules = try #require(ruleSet("""
            rate JPY 150
            rate KWD 0.307
            region JP: JPY
            region KW: KWD
            bundle coins_70: 70 coins, 0.99 USD
            price coins_70 in JP: 160 JPY
            price coins_70 in KW: 0.300 KWD
            """))
        #expect(rules.bundle("coins_70")?.basePrice == Money(minorUnits: 99, currency: Currency(code: "USD", exponent: 2)))
        let prices = Dictionary(uniqueKeysWithValues: rules.explicitPrices.compactMap { price in price.money.map { ("\(price.scope)", $0) } })
        #expect(prices["region(\"JP\")"]?.minorUnits == 160)
        #expect(prices["region(\"KW\")"]?.minorUnits == 300)
        #expect(prices["region(\"KW\")"]?.description == "0.300 KWD")
        #expect(rules.rates["KWD"] == ExactDecimal(significand: 307, scale: 3))
    }

    @Test func roundingGridsAreInMinorUnits() throws {
        let rules = try #require(ruleSet("""
            round USD {
              below 10.00: nearest 0.10 ending 0.09
              else: up 1.00 ending 0.99
            }
            rate JPY 150
            region JP: JPY
            round JPY nearest 10
            """))
        #expect(rules.roundingRules["USD"] == .tiers([
            .init(below: 1000, grid: RoundingGrid(mode: .nearest, step: 10, ending: 9)),
            .init(below: nil, grid: RoundingGrid(mode: .up, step: 100, ending: 99)),
        ]))
        #expect(rules.roundingRules["JPY"] == .single(RoundingGrid(mode: .nearest, step: 10, ending: 0)))
    }

    @Test func regionDefaultsAndAttributes() throws {
        let rules = try #require(ruleSet("""
            rate EUR 0.92
            rate INR 84
            region DE: EUR, tax 19% included, zone Europe/Berlin
            region IN: INR, level 60%
            """))
        let germany = try #require(rules.region("DE"))
        #expect(germany.tax == Tax(rate: Percentage(ExactDecimal(19)), mode: .included))
        #expect(germany.zone == "Europe/Berlin" && germany.zoneDeclared)
        #expect(germany.level == .hundred)
        let india = try #require(rules.region("IN"))
        #expect(india.zone == "UTC" && !india.zoneDeclared)
        #expect(india.tax == .none)
        #expect(india.level == Percentage(ExactDecimal(60)))
        #expect(rules.stacking == .additive)
        #expect(rules.floor == .zero)
    }

    @Test func marketsExpandInConditionsAndNegationsAreKept() throws {
        let rules = try #require(ruleSet("""
            rate EUR 0.92
            region DE: EUR
            region FR: EUR
            market eurozone: DE, FR
            channel web
            bundle coins_70: 70 coins, 0.99 USD
            user segment: one of new, vip
            promotion p {
              when region in [eurozone, US] and channel != web and not user.segment in [vip]
              discount 10%
            }
            """))
        let condition = try #require(rules.promotion("p")?.condition)
        guard case .and(let left, let vip) = condition.kind, case .and(let region, let channel) = left.kind else {
            Issue.record("unexpected shape \(condition.kind)")
            return
        }
        #expect(region.kind == .region(["DE", "FR", "US"]))
        guard case .not(let web) = channel.kind, case .not(let segment) = vip.kind else {
            Issue.record("negations lost")
            return
        }
        #expect(web.kind == .channel(["web"]))
        #expect(segment.kind == .userValue("segment", ["vip"]))
    }

    @Test func promotionClausesResolve() throws {
        let rules = try #require(ruleSet("""
            user first_purchase: bool
            promotion happy {
              when user.first_purchase
              during 2026-11-27 to 2026-11-30 local
              every fri, sat from 22:00 to 02:00 Europe/Berlin
              code "bf2026"
              limit 10_000, 1 per user
              bonus 10%
              priority 95
              exclusive
              group weekend
            }
            """))
        let promotion = try #require(rules.promotion("happy"))
        #expect(promotion.condition?.kind == .userBool("first_purchase", true))
        #expect(promotion.window?.wholeDays == true)
        #expect(promotion.window?.zone == .local)
        #expect(promotion.weekly?.days == [5, 6])
        #expect(promotion.weekly?.crossesMidnight == true)
        #expect(promotion.weekly?.zone == .named("Europe/Berlin"))
        #expect(promotion.code == "BF2026")
        #expect(promotion.totalLimit == 10_000 && promotion.perUserLimit == 1)
        #expect(promotion.bonus == .percent(Percentage(ExactDecimal(10))))
        #expect(promotion.priceEffect == nil)
        #expect(promotion.priority == 95 && promotion.exclusive && promotion.group == "weekend")
    }

    @Test func oneMistakeIsOneDiagnosticEvenWhereTheNameIsUsedAgain() {
        // The region fails (unknown currency); its later uses must not be reported again.
        let result = check("""
            region DE: EUX
            market eurozone: DE
            bundle coins_70: 70 coins, 0.99 USD
            price coins_70 in DE: 0.99 EUR
            promotion p {
              when region == DE
              discount 5%
            }
            """)
        #expect(result.diagnostics.map(\.code) == [.unknownCurrency])
        #expect(result.ruleSet == nil)
    }

    @Test func duplicatesAcrossFilesPointAtBothPlaces() {
        var sources = SourceMap()
        sources.add(path: "a.coin", text: "base currency USD\nbundle coins_70: 70 coins, 0.99 USD\n")
        sources.add(path: "b.coin", text: "bundle coins_70: 70 coins, 0.89 USD\n")
        let result = Checker.check(sources, zones: nil)
        #expect(result.diagnostics.count == 1)
        let duplicate = result.diagnostics[0]
        #expect(duplicate.code == .duplicateDeclaration)
        #expect(duplicate.span.file == SourceFileID(1))
        #expect(duplicate.notes.first?.span?.file == SourceFileID(0))
    }

    @Test func regionInTwoMarketsWithPricesInBothIsAConflict() {
        let result = check("""
            rate EUR 0.92
            region DE: EUR
            region FR: EUR
            market eurozone: DE, FR
            market dach: DE
            bundle coins_70: 70 coins, 0.99 USD
            price coins_70 in eurozone: 0.99 EUR
            price coins_70 in dach: 0.89 EUR
            price coins_70 in eurozone on web: 0.79 EUR
            channel web
            """)
        #expect(result.diagnostics.map(\.code) == [.conflictingExplicitPrices])
    }

    @Test func zonesComeFromTheDatabase() {
        #expect(check("region DE: USD, zone Europe/Berlin\n").diagnostics.isEmpty)
        #expect(check("region IN: USD, zone Asia/Kolkata\n").diagnostics.isEmpty)
        #expect(check("region DE: USD, zone Europe/Berln\n").diagnostics.map(\.help) == ["did you mean `Europe/Berlin`?"])
        #expect(check("region DE: USD, zone PST\n").diagnostics.map(\.code) == [.unknownTimeZone])
    }

    @Test func ruleSetIsSendableAndSharedAcrossThreads() async throws {
        let rules = try #require(ruleSet("bundle coins_70: 70 coins, 0.99 USD"))
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { rules.bundles.count } }
            return await group.reduce(0, +)
        }
        #expect(counts == 8)
    }
}
