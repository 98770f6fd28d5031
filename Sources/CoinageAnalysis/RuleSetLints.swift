import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// Warnings about a rule set that checks without errors but prices or schedules
/// something its authors likely did not mean: off-grid prices, a bundle ladder
/// that costs more per coin as it grows, `local` times read in UTC, a rate or a
/// market that says nothing, and promotions whose window has closed.
///
/// Every finding is a `W02xx` warning; `coinage check --strict` fails on them.
/// `Pipeline.findings` runs these with `RuleAnalysis.analyze`, so a caller of the
/// pipeline gets both families of lints from one call.
public enum RuleSetLints {
    /// The lints' warnings, in source order. Those about time need `options.now`
    /// and are skipped without it.
    public static func lint(_ rules: RuleSet, book: PriceBook, options: AnalysisOptions) -> [Diagnostic] {
        var bag = DiagnosticBag()
        bag.add(contentsOf: CatalogLints.offGridPrices(rules))
        bag.add(contentsOf: LadderLint.risingPricePerCoin(rules, book: book, budget: options.lintBudget))
        bag.add(contentsOf: CatalogLints.unusedRates(rules))
        bag.add(contentsOf: CatalogLints.singleRegionMarkets(rules))
        bag.add(contentsOf: ScheduleLints.localTimesWithoutZone(rules))
        if let now = options.now {
            bag.add(contentsOf: ScheduleLints.closedWindows(rules, now: now, expiredAfterDays: options.expiredAfterDays))
        }
        return bag.sorted()
    }
}
