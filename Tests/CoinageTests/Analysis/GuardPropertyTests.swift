@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageRuleTests
import CoinageSyntax
import CoinageTestSupport
import Testing

/// Seeded property: on small random rule sets, the discount guard's worst case is
/// the worst any request can get. Every request that can tell the promotions apart
/// (each user class, each instant where some promotion's times begin or end, every
/// set of codes, every limit reached or not) is quoted with `PriceBook.quote`: none
/// takes more off than the worst case reported, and no promotion the lints say never
/// applies is applied by any of them.
@Suite struct GuardPropertyTests {
    static let header = """
        base currency USD
        region DE: EUR, tax 19% included, zone Europe/Berlin
        rate EUR 0.9
        user segment: one of new, vip
        user purchases: int 0 to 100
        user first_purchase: bool
        bundle coins_70: 70 coins, 0.99 USD
        bundle coins_700: 700 coins, 8.99 USD

        """

    static let conditions = [
        "user.segment == vip", "user.purchases >= 5", "not user.first_purchase", "bundle == coins_700",
        "user.segment != vip and user.purchases < 5", "user.first_purchase or user.purchases >= 50",
    ]
    static let times = [
        "during 2026-03-01 to 2026-03-10", "during 2026-03-05 to 2026-03-20 local", "every sat, sun",
        "every fri from 20:00 to 02:00 local",
    ]
    static let effects = ["discount 10%", "discount 25%", "discount 40%", "discount 1.00 USD", "price 0.50 USD", "bonus 10%"]

    /// A random rule set of a few promotions and a discount guard.
    static func rules(_ random: inout SplitMix64) -> String {
        var text = header
        text += random.bool() ? "stacking compound\n" : "stacking additive\n"
        if random.bool() { text += "floor 30%\n" }
        for index in 0..<Int(random.int(2...5)) {
            var lines: [String] = []
            if random.int(0...3) > 0 { lines.append("when " + random.pick(conditions)) }
            if random.bool() { lines.append(random.pick(times)) }
            if random.int(0...3) == 0 { lines.append("code \"C\(random.int(1...2))\"") }
            if random.int(0...3) == 0 { lines.append("limit 10") }
            lines.append(random.pick(effects))
            lines.append("priority \(random.int(0...2))")
            if random.int(0...2) == 0 { lines.append("exclusive") }
            if random.int(0...2) == 0 { lines.append("group g\(random.int(1...2))") }
            text += "promotion p\(index) {\n" + lines.map { "  \($0)\n" }.joined() + "}\n"
        }
        return text + "guard discount at most 30%\n"
    }

    @Test func theWorstCaseIsTheWorstOfEveryDistinctRequest() throws {
        var random = SplitMix64(seed: 2026)
        var compared = 0
        var nonZero = 0
        var lints = 0
        for _ in 0..<12 {
            let text = Self.rules(&random)
            var sources = SourceMap()
            sources.add(path: "shop.coin", text: text)
            let checked = Checker.check(sources, zones: SystemTimeZones())
            guard let rules = checked.ruleSet else { continue }
            let book = PriceBook(rules)
            let worst = try #require(RuleAnalysis.worstCases(rules, book: book).first, "\(text)")
            guard case .discount(let reported, _) = worst.measure else { Issue.record("not a discount"); continue }
            let (best, applied) = try Self.everyRequest(rules, book: book)
            #expect(best == reported, "\(text)\nbrute force \(best), analysis \(reported) at \(worst.request)")
            for lint in RuleAnalysis.analyze(rules, book: book) where lint.code == .promotionNeverApplies || lint.code == .promotionShadowed {
                let name = try #require(lint.message.split(separator: "`").dropFirst().first.map(String.init))
                #expect(!applied.contains(name), "\(text)\n\(lint.message)")
                lints += 1
            }
            compared += 1
            if !best.isZero { nonZero += 1 }
        }
        // The generator makes rule sets that check, and most of them discount something.
        #expect(compared >= 10 && nonZero >= 8 && lints >= 2, "\(compared) compared, \(nonZero) with a discount, \(lints) lints")
    }

    /// The largest discount share over every request that can tell the promotions
    /// apart, and the promotions any of them applies.
    static func everyRequest(_ rules: RuleSet, book: PriceBook) throws -> (largest: Fraction, applied: Set<String>) {
        let context = AnalysisContext(rules: rules, book: book, options: AnalysisOptions())
        // Each class of each user attribute, "not carried" included.
        var users: [[String: UserValue]] = [[:]]
        for (slot, attribute) in rules.userAttributes.enumerated() {
            let values = (0..<context.domains.classCount(slot)).map {
                context.domains.userValue(slot: slot, classIndex: $0, attribute: attribute)
            }
            users = users.flatMap { user in values.map { value in
                var next = user
                next[attribute.name] = value
                return next
            } }
        }
        // Every instant where some promotion's times begin or end: between two such
        // instants nothing changes.
        var instants: Set<Int64> = [context.times.horizon.representative ?? 0]
        for index in book.program.promotions.indices {
            for interval in context.times.times(index, region: 0)?.intervals ?? [] {
                instants.insert(interval.start)
                instants.insert(interval.end)
            }
        }
        let codes: [[String]] = [[], ["C1"], ["C2"], ["C1", "C2"]]
        let limited = book.program.promotions.filter(\.hasLimits).map(\.name)
        var counters: [[String: Redemptions]] = [[:]]
        for name in limited {
            counters = counters.flatMap { [$0, $0.merging([name: Redemptions(total: 10, perUser: 0)]) { $1 }] }
        }
        var best = Fraction.zero
        var applied: Set<String> = []
        for bundle in ["coins_70", "coins_700"] {
            for instant in instants {
                for user in users {
                    for code in codes {
                        for counter in counters {
                            let quote = try book.quote(QuoteRequest(item: .bundle(bundle), region: "DE", instant: instant,
                                                                    user: user, codes: code, redemptions: counter)).get()
                            let share = try #require(Fraction(UInt64(quote.list.minorUnits - quote.price.minorUnits),
                                                              UInt64(quote.list.minorUnits)))
                            if best < share { best = share }
                            applied.formUnion(quote.applied)
                        }
                    }
                }
            }
        }
        return (best, applied)
    }
}
