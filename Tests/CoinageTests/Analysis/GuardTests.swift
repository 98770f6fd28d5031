@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// The three guards, each broken and kept: the worst case is a real quote that
/// shows the measured value, and a failing guard's help replays it.
@Suite struct GuardTests {
    typealias F = AnalysisFixtures

    private func discountWorst(_ shop: CompiledShop) throws -> GuardWorstCase {
        try #require(RuleAnalysis.worstCases(shop.rules, book: shop.book).first { if case .discountAtMost = $0.guardRule.kind { true } else { false } })
    }

    @Test func stackedDiscountsBreakTheDiscountGuardAndTheQuoteShowsIt() throws {
        let shop = try #require(F.shop(F.header + """
            promotion spring {
              when region == DE and user.segment == vip
              during 2026-04-01 to 2026-04-30 local
              discount 30%
            }
            promotion loyal {
              when user.purchases >= 10
              every sat from 18:00 to 22:00 local
              code "LOYAL"
              discount 25%
            }
            guard discount at most 50%
            """))
        let worst = try discountWorst(shop)
        #expect(!worst.holds)
        // The reported request, quoted again, really takes more than 50% off.
        let quote = try shop.book.quote(worst.request).get()
        #expect(quote == worst.quote)
        #expect(try #require(F.discountShare(quote)) > Fraction(1, 2)!)
        #expect(Set(quote.applied) == ["spring", "loyal"])
        #expect(worst.request.region == "DE")
        #expect(worst.request.codes == ["LOYAL"])
        let diagnostic = try #require(RuleAnalysis.analyze(shop.rules, book: shop.book).first { $0.code == .discountGuardBroken })
        #expect(diagnostic.message.hasPrefix("promotions can take 55"))
        #expect(diagnostic.message.hasSuffix("more than the guard's 50%"))
        let help = try #require(diagnostic.help)
        #expect(help.contains("coinage quote coins_"))
        #expect(help.contains("--code LOYAL"))
        #expect(help.contains("test \"guard discount at most 50%\" {"))
        #expect(help.contains("expect applied spring"))
        #expect(diagnostic.notes.contains { $0.message.hasPrefix("`spring` takes") })
    }

    /// The help's test block, pasted into the rules, checks clean and expects what
    /// the guard demands; its request, quoted, gives a different price: the test fails.
    @Test func thePastedTestBlockExpectsWhatTheQuoteDoesNotGive() throws {
        let rules = F.header + """
            promotion spring {
              when region == DE and user.segment == vip
              discount 30%
            }
            promotion loyal {
              when user.purchases >= 10
              code "LOYAL"
              discount 25%
              limit 5
            }
            promotion gate {
              discount 1%
              priority 10
              exclusive
              limit 100
            }
            guard discount at most 50%
            """
        let shop = try #require(F.shop(rules))
        let help = try #require(RuleAnalysis.analyze(shop.rules, book: shop.book).first { $0.code == .discountGuardBroken }?.help)
        let block = try #require(help.range(of: "test \"").map { String(help[$0.lowerBound...]) })
        let pasted = try #require(F.shop(rules + "\n" + block + "\n"))
        let test = try #require(pasted.rules.tests.first)
        let instant = try #require(test.instant)
        guard case .bundle(let bundle) = test.target else { Issue.record("not a bundle"); return }
        let request = QuoteRequest(item: .bundle(bundle), region: test.region, channel: test.channel,
                                   instant: CivilTime.seconds(from: instant), user: test.user, codes: test.codes,
                                   redemptions: test.redemptions)
        let quote = try pasted.book.quote(request).get()
        #expect(test.redemptions["gate"] == Redemptions(total: 100, perUser: 0))
        for line in test.expectations {
            switch line.expectation {
            case .applied(let name): #expect(quote.applied.contains(name))
            case .money(let field, let money):
                #expect(field == "price")
                #expect(quote.price.minorUnits < money.minorUnits)
            default: Issue.record("unexpected expectation \(line.expectation)")
            }
        }
    }

    @Test func disjointWindowsKeepTheDiscountGuard() throws {
        let shop = try #require(F.shop(F.header + """
            promotion spring {
              during 2026-04-01 to 2026-04-30
              discount 30%
            }
            promotion summer {
              during 2026-07-01 to 2026-07-31
              discount 30%
            }
            guard discount at most 50%
            """))
        let worst = try discountWorst(shop)
        #expect(worst.holds)
        guard case .discount(let share, _) = worst.measure else { Issue.record("not a discount measure"); return }
        // 30% of a small list price, rounded half-even to the cent, is a little more.
        #expect(share >= Fraction(3, 10)! && share < Fraction(31, 100)!)
        #expect(F.codes(shop).isEmpty)
    }

    /// 18:00 in Berlin is 16:00 UTC in summer time and 17:00 UTC in winter: the two
    /// hours meet only in summer, far from the one date window of the rules.
    @Test func weeklyHoursInTwoZonesMeetOnlyInSummer() throws {
        let shop = try #require(F.shop(F.header + """
            promotion berlin_evening {
              when region == DE
              every sat from 18:00 to 19:00 local
              discount 30%
            }
            promotion utc_hour {
              every sat from 16:00 to 17:00 UTC
              discount 25%
            }
            promotion january {
              during 2026-01-10 to 2026-01-20
              discount 1%
            }
            guard discount at most 50%
            """))
        let worst = try discountWorst(shop)
        #expect(!worst.holds)
        #expect(Set(worst.quote.applied).isSuperset(of: ["berlin_evening", "utc_hour"]))
        let days = worst.request.instant / 86_400
        let month = CivilTime.date(fromDays: days).month
        #expect((4...10).contains(month), "\(CivilTime.format(worst.request.instant))")
    }

    @Test func contradictoryConditionsNeverStack() throws {
        let shop = try #require(F.shop(F.header + """
            promotion newcomers {
              when user.purchases < 5
              discount 30%
            }
            promotion regulars {
              when user.purchases >= 5
              discount 30%
            }
            guard discount at most 50%
            """))
        #expect(try discountWorst(shop).holds)
    }

    @Test func theWorstCaseKeepsOutAnExclusiveThatWouldCutTheRest() throws {
        let shop = try #require(F.shop(F.header + """
            promotion vip_small {
              when user.segment == vip
              discount 5%
              priority 10
              exclusive
            }
            promotion big_a {
              discount 30%
            }
            promotion big_b {
              discount 25%
            }
            guard discount at most 50%
            """))
        let worst = try discountWorst(shop)
        #expect(!worst.holds)
        #expect(!worst.quote.applied.contains("vip_small"))
        #expect(worst.request.user["segment"] != .value("vip"))
    }

    @Test func aLimitedExclusiveIsKeptOutByItsCounters() throws {
        let shop = try #require(F.shop(F.header + """
            promotion launch {
              discount 5%
              priority 10
              exclusive
              limit 100
            }
            promotion big_a {
              discount 30%
            }
            promotion big_b {
              discount 25%
            }
            guard discount at most 50%
            """))
        let worst = try discountWorst(shop)
        #expect(!worst.holds)
        #expect(worst.request.redemptions["launch"] == Redemptions(total: 100, perUser: 0))
        let help = try #require(RuleAnalysis.analyze(shop.rules, book: shop.book).first { $0.code == .discountGuardBroken }?.help)
        #expect(help.contains("| coinage quote --batch"))
        #expect(help.contains("redeemed launch 100, 0 per user"))
    }

    @Test func priceEffectsCountAsDiscountAndTheFloorCaps() throws {
        let capped = try #require(F.shop(F.header + "floor 50%\npromotion cheap { price 0.10 USD }\nguard discount at most 50%"))
        #expect(try discountWorst(capped).holds)
        let open = try #require(F.shop(F.header + "promotion cheap { price 0.10 USD }\nguard discount at most 50%"))
        #expect(try !discountWorst(open).holds)
    }

    @Test func aBiggerBundleDearerPerCoinBreaksTheLadderGuard() throws {
        let shop = try #require(F.shop(F.header + """
            bundle coins_1400: 1_400 coins, 25.99 USD
            guard price per coin falls with size
            """))
        let worst = try #require(RuleAnalysis.worstCases(shop.rules, book: shop.book).first)
        #expect(!worst.holds)
        let bigger = try shop.book.quote(worst.request).get()
        let smaller = try shop.book.quote(try #require(worst.comparedRequest)).get()
        #expect(bigger.item == "coins_1400")
        // Per coin: bigger list / bigger coins >= smaller list / smaller coins.
        #expect(bigger.list.minorUnits * smaller.coins.total >= smaller.list.minorUnits * bigger.coins.total)
        let diagnostic = try #require(RuleAnalysis.analyze(shop.rules, book: shop.book).first { $0.code == .pricePerCoinGuardBroken })
        #expect(diagnostic.help?.contains("compare with: coinage quote \(smaller.item)") == true)
        #expect(diagnostic.help?.contains("expect list") == true)
    }

    /// 140 coins at twice the price of 70 cost exactly as much per coin everywhere
    /// (the EUR and web prices round to exact doubles too): `falls with size` is
    /// broken by the tie, `does not rise with size` keeps it.
    @Test func anEqualPricePerCoinBreaksFallsButKeepsDoesNotRise() throws {
        let ladder = F.header + "bundle coins_140: 140 coins, 1.98 USD\n"
        let strict = try #require(F.shop(ladder + "guard price per coin falls with size"))
        let strictWorst = try #require(RuleAnalysis.worstCases(strict.rules, book: strict.book).first)
        #expect(!strictWorst.holds)
        #expect(strictWorst.measure == .pricePerCoin(ratio: .one))
        let broken = try #require(RuleAnalysis.analyze(strict.rules, book: strict.book).first { $0.code == .pricePerCoinGuardBroken })
        #expect(broken.message.contains("costs as much per coin as"))

        let flat = try #require(F.shop(ladder + "guard price per coin does not rise with size"))
        let flatWorst = try #require(RuleAnalysis.worstCases(flat.rules, book: flat.book).first)
        #expect(flatWorst.holds)
        #expect(flatWorst.measure == .pricePerCoin(ratio: .one))
        #expect(!RuleAnalysis.analyze(flat.rules, book: flat.book).contains { $0.code == .pricePerCoinGuardBroken })
    }

    /// A bigger bundle that costs more per coin breaks `does not rise` as well, and
    /// its help asks for the highest list price that is no dearer per coin.
    @Test func aDearerBiggerBundleBreaksDoesNotRise() throws {
        let shop = try #require(F.shop(F.header + """
            bundle coins_1400: 1_400 coins, 25.99 USD
            guard price per coin does not rise with size
            """))
        let worst = try #require(RuleAnalysis.worstCases(shop.rules, book: shop.book).first)
        #expect(!worst.holds)
        let bigger = try shop.book.quote(worst.request).get()
        let smaller = try shop.book.quote(try #require(worst.comparedRequest)).get()
        #expect(bigger.list.minorUnits * smaller.coins.total > smaller.list.minorUnits * bigger.coins.total)
        let diagnostic = try #require(RuleAnalysis.analyze(shop.rules, book: shop.book).first { $0.code == .pricePerCoinGuardBroken })
        let help = try #require(diagnostic.help)
        #expect(help.contains("test \"guard price per coin does not rise with size\" {"))
        #expect(help.contains("to cost no more per coin than"))
        // The expected list is the largest that keeps the guard: at it the bigger
        // bundle costs no more per coin, one minor unit more and it would.
        let line = try #require(help.split(separator: "\n").first { $0.contains("expect list") })
        // `  expect list 17.98 USD    # …`: the amount in cents.
        let words = line.split(separator: " ")
        let amount = try #require(words.firstIndex(of: "list").map { words[$0 + 1] })
        let highest = try #require(Int64(String(amount.filter { $0 != "." })))
        #expect(highest * smaller.coins.total <= smaller.list.minorUnits * bigger.coins.total)
        #expect((highest + 1) * smaller.coins.total > smaller.list.minorUnits * bigger.coins.total)
    }

    @Test func aRuleSetHasOneLadderGuard() throws {
        var sources = SourceMap()
        sources.add(path: "shop.coin", text: F.header + """
            guard price per coin falls with size
            guard price per coin does not rise with size
            """)
        let result = Checker.check(ParsedSources(sources), zones: nil)
        #expect(result.ruleSet == nil)
        #expect(result.diagnostics.contains { $0.code == .duplicateDeclaration })
    }

    @Test func bundleBonusCoinsCountForThePricePerCoin() throws {
        let shop = try #require(F.shop(F.header + """
            bundle coins_1400: 1_400 coins, 19.99 USD, bonus 200 coins
            guard price per coin falls with size
            """))
        #expect(RuleAnalysis.worstCases(shop.rules, book: shop.book).first?.holds == true)
    }

    @Test func aFarExplicitPriceBreaksTheRegionGuard() throws {
        let shop = try #require(F.shop(F.header + """
            price coins_700 in DE on ios: 12.99 EUR
            guard region price within 20% of base
            """))
        let worst = try #require(RuleAnalysis.worstCases(shop.rules, book: shop.book).first)
        #expect(!worst.holds)
        #expect(worst.quote.item == "coins_700" && worst.quote.region == "DE" && worst.quote.channel == "ios")
        // The quote itself: 12.99 EUR at 0.9 EUR a dollar is 14.43 USD, over 20% above 8.99 USD.
        #expect(worst.quote.list == Money(minorUnits: 1_299, currency: Currency(code: "EUR", exponent: 2)))
        // In cents: list × 10 / 9 (back to USD) > 899 × 12 / 10 (20% above base).
        #expect(worst.quote.list.minorUnits * 100 > 899 * 12 * 9)
        let diagnostic = try #require(RuleAnalysis.analyze(shop.rules, book: shop.book).first { $0.code == .regionPriceGuardBroken })
        #expect(diagnostic.message.contains("above base"))
        #expect(diagnostic.notes.contains { $0.message == "the list price comes from this explicit price" })
    }

    @Test func levelsAreIntendedSoTheyKeepTheRegionGuard() throws {
        let shop = try #require(F.shop(F.header + """
            region IN: INR, tax 18% included, level 60%
            rate INR 88
            guard region price within 5% of base
            """))
        #expect(RuleAnalysis.worstCases(shop.rules, book: shop.book).first?.holds == true)
    }

    @Test func theSampleShopKeepsItsThreeGuards() throws {
        let shop = try CompiledShop.load(rulesDirectory: LibraryExampleTests.rules)
        let worst = RuleAnalysis.worstCases(shop.rules, book: shop.book)
        #expect(worst.count == 3)
        let broken = worst.filter { !$0.holds }.map(\.measure)
        #expect(broken.isEmpty, "\(broken)")
        #expect(RuleAnalysis.analyze(shop.rules, book: shop.book).isEmpty)
    }
}

/// The search budget: a search cut short says so, and still reports what it found.
@Suite struct GuardSearchBudgetTests {
    @Test func aSearchCutShortWarnsThatTheGuardIsProvenInPart() throws {
        let shop = try #require(AnalysisFixtures.shop(AnalysisFixtures.header + """
            promotion a {
              when user.purchases >= 3
              discount 10%
              group one
            }
            promotion b {
              when user.segment == vip
              discount 10%
              group two
            }
            guard discount at most 50%
            """))
        let cut = RuleAnalysis.analyze(shop.rules, book: shop.book, options: AnalysisOptions(searchBudget: 2))
        let warning = try #require(cut.first { $0.code == .guardProofIncomplete })
        #expect(warning.severity == .warning)
        #expect(warning.message.hasPrefix("the guard is proven only in part: the search stopped at its budget in "))
        #expect(RuleAnalysis.analyze(shop.rules, book: shop.book).allSatisfy { $0.code != .guardProofIncomplete })
    }
}
