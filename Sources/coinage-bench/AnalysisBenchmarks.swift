import Coinage
import Foundation

/// Times `coinage check`'s analysis (guard proofs, promotion lints and rule-set
/// lints) on a compiled rule set; the suite runs it on `rules/` and on the generated
/// promotion sets up to 2,000 promotions.
enum AnalysisBenchmarks {
    /// Seconds one analysis of `rules` and `book` takes, the best of `rounds` runs (the analysis
    /// is deterministic, so the fastest run is the least disturbed one), and how many
    /// diagnostics it found.
    static func measure(_ rules: RuleSet, _ book: PriceBook, rounds: Int = 3) -> (seconds: Double, diagnostics: Int) {
        var best = Double.infinity
        var found = 0
        for _ in 0..<max(1, rounds) {
            let start = ContinuousClock.now
            let options = AnalysisOptions(now: Benchmarks.instant)
            found = Pipeline.findings(rules, book: book, options: options).count
            let elapsed = ContinuousClock.now - start
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        return (best, found)
    }

    /// Prints one line of the bench's table: `analysis  LABEL  0.123 s (N diagnostics)`.
    static func report(_ label: String, _ rules: RuleSet, _ book: PriceBook, rounds: Int = 3) {
        let measured = measure(rules, book, rounds: rounds)
        print(String(format: "  analysis  %@  %.3f s (%d diagnostics)", label, measured.seconds, measured.diagnostics))
    }
}
