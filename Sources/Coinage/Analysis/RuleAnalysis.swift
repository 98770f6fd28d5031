import CoinageSyntax

/// Proves a rule set's guards and looks for promotions that cannot work as
/// written: the analysis `coinage check` runs on rules that checked clean.
///
/// It reads a compiled price book and never throws: every finding is a diagnostic.
/// Counterexamples are confirmed with `PriceBook.quote` before they are reported.
public struct RuleAnalysis {
    /// Every guard failure and promotion lint of the rules, in source order.
    public static func analyze(_ book: PriceBook, options: AnalysisOptions = AnalysisOptions()) -> [Diagnostic] {
        var bag = DiagnosticBag()
        bag.add(contentsOf: guardDiagnostics(book, options: options))
        return bag.sorted()
    }

    /// The worst case of every guard the rules declare, in declaration order, whether
    /// it holds or not; a guard with nothing to measure (no bundles) has none.
    public static func worstCases(_ book: PriceBook, options: AnalysisOptions = AnalysisOptions()) -> [GuardWorstCase] {
        []
    }

    static func guardDiagnostics(_ book: PriceBook, options: AnalysisOptions) -> [Diagnostic] {
        []
    }
}
