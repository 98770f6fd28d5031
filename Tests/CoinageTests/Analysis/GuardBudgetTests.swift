@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageRuleTests
import CoinageSyntax
import CoinageTestSupport
import Testing

/// The guards' budgets and gaps: a proof that cannot cover every bundle, region and
/// channel says so (W0104), why, and where; the search's pruning keeps it exact.
@Suite struct GuardBudgetTests {
    /// Promotions of the shape that made the search exponential: each one needs one
    /// of two of many bool attributes, and some are exclusive or grouped.
    static func alternatives(promotions: Int, attributes: Int, seed: UInt64, compound: Bool = true) -> String {
        var random = SplitMix64(seed: seed)
        var text = """
            base currency USD
            stacking \(compound ? "compound" : "additive")
            region US: USD, tax 7.25% added
            region DE: EUR, tax 19% included
            rate EUR 0.9
            bundle coins_70: 70 coins, 0.99 USD
            bundle coins_700: 700 coins, 8.99 USD
            guard discount at most 50%

            """
        for slot in 0..<attributes { text += "user u\(slot): bool\n" }
        for index in 0..<promotions {
            let a = random.int(0...Int64(attributes - 1))
            let b = random.int(0...Int64(attributes - 1))
            text += "promotion p\(index) {\n  when user.u\(a) or not user.u\(b)\n  discount \(random.int(5...30))%\n"
            text += "  priority \(random.int(0...9))\n"
            switch random.int(0...5) {
            case 0: text += "  exclusive\n"
            case 1, 2: text += "  group g\(random.int(0...2))\n"
            default: break
            }
            text += "}\n"
        }
        return text
    }

    static func shop(_ text: String) throws -> CompiledShop {
        var sources = SourceMap()
        sources.add(path: "shop.coin", text: text)
        let result = Checker.check(sources, zones: SystemTimeZones())
        return CompiledShop(try #require(result.ruleSet, "\(result.diagnostics.map(\.message))"))
    }

    static func discountFinding(_ rules: RuleSet, context: AnalysisContext) throws -> DiscountGuardProof.Finding {
        let rule = try #require(rules.guards.first)
        guard case .discountAtMost(let limit) = rule.kind else { throw CancellationError() }
        return DiscountGuardProof(context: context, guardRule: rule, limit: limit).prove()
    }

    /// Seeded property: with its bound, dominance and table of searched states, the
    /// search still finds the worst case of every request. Each buyer (every bool
    /// missing, false or true) is quoted in each cell.
    @Test func thePrunedSearchFindsTheWorstOfEveryBuyer() throws {
        for seed in UInt64(1)...6 {
            let text = Self.alternatives(promotions: 14, attributes: 5, seed: seed, compound: seed % 2 == 0)
            let shop = try Self.shop(text)
            let book = shop.book
            let context = AnalysisContext(rules: shop.rules, book: book, options: AnalysisOptions())
            let finding = try Self.discountFinding(shop.rules, context: context)
            #expect(finding.gaps.isEmpty)
            var users: [[String: UserValue]] = [[:]]
            for slot in 0..<5 {
                users = users.flatMap { user in [user, user.merging(["u\(slot)": .bool(false)]) { $1 }, user.merging(["u\(slot)": .bool(true)]) { $1 }] }
            }
            var largest = Fraction.zero
            var breaking = 0
            for bundle in ["coins_70", "coins_700"] {
                for region in ["US", "DE"] {
                    var worstHere = Fraction.zero
                    for user in users {
                        let quote = try book.quote(QuoteRequest(item: .bundle(bundle), region: region, instant: PromotionTimes.defaultStart, user: user)).get()
                        let share = try #require(AnalysisFixtures.discountShare(quote))
                        if worstHere < share { worstHere = share }
                    }
                    if Fraction(1, 2)! < worstHere { breaking += 1 }
                    if largest < worstHere { largest = worstHere }
                }
            }
            guard case .discount(let reported, _)? = finding.worstCase?.measure else {
                Issue.record("no worst case: \(text)")
                continue
            }
            #expect(reported == largest, "\(text)")
            #expect(finding.breakingCells == breaking, "\(text)")
        }
    }

    @Test func aGuardStopsAtItsBudgetAndSaysWhere() throws {
        let shop = try Self.shop(Self.alternatives(promotions: 40, attributes: 12, seed: 7))
        let book = shop.book
        let options = AnalysisOptions(guardBudget: 3_000)
        let found = RuleAnalysis.analyze(shop.rules, book: book, options: options).filter { $0.code == .guardProofIncomplete }
        let warning = try #require(found.first { $0.message.contains("its budget ran out") })
        #expect(warning.message.hasPrefix("the guard is proven only in part: its budget ran out with "))
        #expect(warning.message.hasSuffix(" of 4 bundle, region and channel combinations not examined"))
        #expect(warning.notes.contains { $0.message.contains("at most 3000 steps in all; it stopped before `coins_") })
        // Steps, not time: the same findings on every run.
        #expect(RuleAnalysis.analyze(shop.rules, book: book, options: options) == RuleAnalysis.analyze(shop.rules, book: book, options: options))
        // The guard took its budget and hardly more: a cell once started is stopped within it.
        let context = AnalysisContext(rules: shop.rules, book: book, options: options)
        let finding = try Self.discountFinding(shop.rules, context: context)
        #expect(finding.steps <= options.guardBudget + 1 + AnalysisOptions.stepsPerListPrice + book.program.promotions.count + 2)
        #expect(finding.gaps.unexamined.cells > 0)
    }

    @Test func aSearchCutShortNamesItsFirstCell() throws {
        let shop = try Self.shop(Self.alternatives(promotions: 12, attributes: 6, seed: 3))
        let found = RuleAnalysis.analyze(shop.rules, book: shop.book, options: AnalysisOptions(searchBudget: 50))
        let warning = try #require(found.first { $0.code == .guardProofIncomplete })
        #expect(warning.message.hasPrefix("the guard is proven only in part: the search stopped at its budget in "))
        #expect(warning.notes.map(\.message).contains("the first is `coins_70` in `DE`"))
    }

    /// 10 000 000.00 USD at 10^12 JPY a dollar is 10^21 yen: past any `Int64`.
    /// Every list price fits 64 bits, so the checker takes these rules (no E0407),
    /// but the region guard's value in the base currency of `big` in `DE` on `web`
    /// needs more than 128 bits: an 18-decimal rate and two 6-decimal levels.
    static let overflowing = """
        base currency USD
        rate EUR 0.861234567890123457
        region US: USD
        region DE: EUR, level 87.654321%
        channel web: level 91.234567%
        bundle small: 1 coin, 1.00 USD
        bundle big: 20_000 coins, 9_999.99 USD
        promotion sale {
          discount 10%
        }
        guard discount at most 50%
        guard region price within 50% of base

        """

    @Test func aGuardSaysWhichCellItCouldNotMeasure() throws {
        let shop = try Self.shop(Self.overflowing)
        let book = shop.book
        let found = RuleAnalysis.analyze(shop.rules, book: book).filter { $0.code == .guardProofIncomplete }
        #expect(found.map(\.message) == [
            "the guard is proven only in part: in 1 of 4 bundle, region and channel combinations the list price or its value in the base currency is too large to compute",
        ])
        for warning in found {
            #expect(warning.notes.first?.message
                    == "the first is `big` in `DE` on `web`; its exact amounts there need more than the 128 bits the guards compute with")
            #expect(warning.severity == .warning)
        }
        // The quote itself is exact there: only the guard's arithmetic is narrower.
        let quote = try book.quote(QuoteRequest(item: .bundle("big"), region: "DE", channel: "web", instant: 1_800_000_000)).get()
        #expect(quote.list == Money(minorUnits: 688_738, currency: quote.list.currency))
        // The cells that could be measured still are: every guard has its worst case.
        #expect(RuleAnalysis.worstCases(shop.rules, book: book).count == 2)
    }
}
