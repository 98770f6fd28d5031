import CoinageAnalysis
import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// How much of the rules a run of tests exercised.
///
/// Each promotion gives two items, like the two directions of a branch: some test's
/// quote applied it, and some test's quote did not. Each guard gives one item when
/// its worst case can be computed: some test quoted it. The percentage is exact:
/// covered items over items, as a fraction.
public struct TestCoverage: Hashable, Sendable {
    /// What the tests' quotes showed of one promotion.
    public struct PromotionCoverage: Hashable, Sendable {
        public let promotion: String
        public let seenApplied: Bool
        public let seenNotApplied: Bool
    }

    public let promotions: [PromotionCoverage]
    public let guards: [GuardCoverage]

    /// Builds the coverage of a run from its results: only tests that got a quote
    /// show anything of the promotions.
    public init(report: RuleTestReport, rules: RuleSet, book: PriceBook) {
        var applied: Set<String> = []
        var notApplied: Set<String> = []
        for quote in report.results.compactMap(\.quote) {
            for trace in quote.explanation?.promotions ?? [] {
                if trace.applied { applied.insert(trace.promotion) } else { notApplied.insert(trace.promotion) }
            }
        }
        promotions = rules.promotions.map(\.name).sorted().map {
            PromotionCoverage(promotion: $0, seenApplied: applied.contains($0), seenNotApplied: notApplied.contains($0))
        }
        guards = GuardCoverage.all(report: report, rules: rules, book: book)
    }

    /// Every item: two per promotion, one per guard with a worst case.
    public var itemCount: Int {
        promotions.count * 2 + guards.count(where: { !$0.worstCases.isEmpty })
    }

    public var coveredCount: Int {
        promotions.reduce(0) { $0 + ($1.seenApplied ? 1 : 0) + ($1.seenNotApplied ? 1 : 0) }
            + guards.count(where: { $0.isExercised })
    }

    /// Covered items over items; one when there is nothing to cover.
    public var fraction: Fraction {
        Fraction(UInt64(coveredCount), UInt64(itemCount)) ?? .one
    }

    /// True when the coverage is at least `minimum`, compared exactly.
    public func meets(_ minimum: Percentage) -> Bool {
        guard let threshold = Fraction(percent: minimum.value) else { return true }
        return !(fraction < threshold)
    }

    /// The percentage for a report, rounded down to two decimals, so it never shows
    /// a run as reaching a threshold it misses.
    public var percentText: String {
        let hundredths = UInt128(coveredCount) * 10_000 / UInt128(max(itemCount, 1))
        let value = itemCount == 0 ? 10_000 : hundredths
        let whole = value / 100
        let rest = value % 100
        guard rest != 0 else { return "\(whole)%" }
        let digits = rest % 10 == 0 ? String(rest / 10) : (rest < 10 ? "0\(rest)" : String(rest))
        return "\(whole).\(digits)%"
    }
}
