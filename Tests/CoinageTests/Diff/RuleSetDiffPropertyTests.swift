@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageRuleTests
import CoinageSyntax
import CoinageTestSupport
import Testing

/// Invariants of the rule-set diff over seeded random pairs of small rule sets:
/// a rule set against itself changes nothing, swapping the sides swaps added and
/// removed and changes the same quotes, and every percentage matches an integer
/// reference computation.
@Suite struct RuleSetDiffPropertyTests {
    static let cases = 40

    /// A small random shop: a subset of three regions and three bundles, random
    /// rates and base prices, maybe a web channel, maybe a promotion with a
    /// condition, a window and a user attribute.
    static func shop(_ random: inout SplitMix64) -> String {
        var lines = ["base currency USD", "rate EUR 0.\(random.int(80...99))", "rate JPY \(random.int(100...160))"]
        let regions = ["region US: USD, tax 7.25% added", "region DE: EUR, tax 19% included, zone Europe/Berlin",
                       "region JP: \(random.bool() ? "JPY" : "USD")"]
        let chosen = regions.filter { _ in random.int(0...3) > 0 }
        lines += chosen.isEmpty ? [regions[0]] : chosen
        if random.bool() { lines += ["channel web: level 75%", "channel ios: fee 30%"] }
        let bundles = (1...3).filter { _ in random.int(0...3) > 0 }
        for index in bundles.isEmpty ? [1] : bundles {
            lines.append("bundle b\(index): \(index * 100) coins, \(random.int(1...50)).\(random.int(10...99)) USD")
        }
        lines.append("user vip: bool")
        if random.bool() {
            lines += ["promotion p {", "  when coins >= \(random.pick([100, 200, 300])) or user.vip",
                      "  discount \(random.int(1...60))%"]
            if random.bool() { lines.append("  during 2026-06-0\(random.int(1...4)) to 2026-06-0\(random.int(5...9))") }
            lines.append("}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func side(_ text: String) throws -> ComparedRules {
        try F.shop(text, header: "").compared
    }

    typealias F = WalkFixture

    @Test func aRuleSetAgainstItselfChangesNothing() throws {
        var random = SplitMix64(seed: 0xD1FF)
        for _ in 0..<Self.cases {
            let side = try Self.side(Self.shop(&random))
            let diff = RuleSetDiff(old: side, new: side, at: F.noon)
            #expect(diff.listPrices.changes.isEmpty)
            #expect(diff.promotions.isEmpty)
            #expect(diff.impact.changed == 0)
            #expect(!diff.hasChanges)
        }
    }

    @Test func swappingTheSidesSwapsAddedAndRemovedAndChangesTheSameQuotes() throws {
        var random = SplitMix64(seed: 0x5A4B)
        var withQuoteChanges = 0
        var withPromotionChanges = 0
        for _ in 0..<Self.cases {
            let a = try Self.side(Self.shop(&random))
            let b = try Self.side(Self.shop(&random))
            let forward = RuleSetDiff(old: a, new: b, at: F.noon)
            let backward = RuleSetDiff(old: b, new: a, at: F.noon)
            #expect(forward.listPrices.cellsCompared == backward.listPrices.cellsCompared)
            #expect(forward.listPrices.count(.added) == backward.listPrices.count(.removed))
            #expect(forward.listPrices.count(.changed) == backward.listPrices.count(.changed))
            #expect(forward.promotions.map(\.kind.rawValue).sorted()
                == backward.promotions.map { $0.kind == .added ? "removed" : $0.kind == .removed ? "added" : "changed" }.sorted())
            #expect(!forward.corpus.isSampled)
            #expect(forward.corpus.count == backward.corpus.count)
            #expect(forward.impact.changed == backward.impact.changed)
            #expect(forward.impact.refusalChanged == backward.impact.refusalChanged)
            #expect(forward.hasChanges == backward.hasChanges)
            if forward.impact.changed > 0 { withQuoteChanges += 1 }
            if !forward.promotions.isEmpty { withPromotionChanges += 1 }
        }
        // The generator really produces pairs that differ in quotes and promotions.
        #expect(withQuoteChanges > Self.cases / 2)
        #expect(withPromotionChanges > 0)
    }

    @Test func everyListPricePercentageMatchesAnIntegerReference() throws {
        var random = SplitMix64(seed: 0x9E7C)
        var checked = 0
        for _ in 0..<Self.cases {
            let diff = ListPriceDiff(old: try Self.side(Self.shop(&random)), new: try Self.side(Self.shop(&random)))
            for change in diff.changes {
                guard let old = change.old?.money, let new = change.new?.money, old.currency == new.currency else {
                    #expect(change.percent == nil)
                    continue
                }
                #expect(change.percent?.text() == Self.reference(old.minorUnits, new.minorUnits))
                checked += 1
            }
        }
        #expect(checked > 0)
    }

    @Test func percentTextMatchesAnIntegerReference() {
        var random = SplitMix64(seed: 0x7E57)
        for _ in 0..<2_000 {
            let old = random.int(1...1_000_000)
            let new = random.int(0...2_000_000)
            #expect(PercentChange(from: old, to: new)?.text() == Self.reference(old, new))
        }
    }

    /// Hundredths of a percent, rounded half away from zero, by integer division.
    static func reference(_ old: Int64, _ new: Int64) -> String {
        let difference = Int128(new) - Int128(old)
        let scaled = difference.magnitude * 10_000
        var hundredths = scaled / UInt128(old)
        if (scaled % UInt128(old)) * 2 >= UInt128(old) { hundredths += 1 }
        let fraction = String(hundredths % 100)
        let sign = difference == 0 ? "" : difference < 0 ? "-" : "+"
        return "\(sign)\(hundredths / 100).\(fraction.count == 1 ? "0" + fraction : fraction)%"
    }
}
