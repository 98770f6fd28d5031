import CoinageAnalysis
import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// The one way from rule files to a price book: parse, check, compile and, when
/// asked, analyse and lint, with the diagnostic limit applied once over all of it.
///
/// The CLI, the library's `PriceBook.load`, the diff and the golden tests all come
/// through here, so a phase added to the pipeline reaches every one of them:
///
///     SourceMap ─ parse ─▶ ParsedSources ─ check ─▶ RuleSet ─ compile ─▶ PriceBook
///                                                               └─ analyse, lint ─▶ W01xx, W02xx
public enum Pipeline {
    /// Runs the pipeline on `sources`, a rule set's files.
    ///
    /// `zones` validates zone names; pass nil to accept any (the core alone cannot
    /// read the IANA database). With `analysis`, rules that check clean are also
    /// proven against their guards and linted (`RuleAnalysis` and `RuleSetLints`,
    /// both), as `coinage check` does; without it the pipeline stops at the price
    /// book, which is all a quote needs. Never throws: every problem is a diagnostic.
    public static func check(sources: SourceMap, zones: (any TimeZoneDatabase)?,
                             analysis: AnalysisOptions? = nil) -> PipelineResult {
        let parsed = ParsedSources(sources)
        let checked = Checker.check(parsed, zones: zones)
        guard let rules = checked.ruleSet else { return PipelineResult(checked: checked, priceBook: nil) }
        let book = PriceBook(rules)
        guard let analysis else { return PipelineResult(checked: checked, priceBook: book) }
        return PipelineResult(checked: checked.adding(findings(rules, book: book, options: analysis)), priceBook: book)
    }

    /// Every finding of the analysis of a checked rule set and the book compiled
    /// from it: the guard proofs and promotion lints (W01xx), then the rule-set lints
    /// (W02xx). The pipeline's result orders them by place and cuts them with the
    /// checker's at the limit.
    public static func findings(_ rules: RuleSet, book: PriceBook, options: AnalysisOptions) -> [Diagnostic] {
        RuleAnalysis.analyze(rules, book: book, options: options) + RuleSetLints.lint(rules, book: book, options: options)
    }
}

/// What the pipeline made of a rule set: the checked rules and their price book
/// when there is no error, and every diagnostic of every phase that ran.
public struct PipelineResult: Sendable {
    /// The checker's result, with the analysis's findings added when it ran: the
    /// diagnostics to show, cut once at `Limits.maxDiagnostics`, and the sources.
    public let checked: CheckResult
    /// The compiled rules; nil when the rules have errors.
    public let priceBook: PriceBook?

    /// The checked rule set; nil when the rules have errors.
    public var ruleSet: RuleSet? { checked.ruleSet }
    /// Every diagnostic to show, sorted by place, the limit applied.
    public var diagnostics: [Diagnostic] { checked.diagnostics }
    /// The rule set's files, to render diagnostics with.
    public var sources: SourceMap { checked.sources }
    /// The diagnostics that are errors.
    public var errors: [Diagnostic] { checked.diagnostics.filter { $0.severity == .error } }
    public var errorCount: Int { checked.errorCount }
    public var warningCount: Int { checked.warningCount }
}
