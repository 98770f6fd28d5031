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
    ///
    /// The warnings the rules accept (`allow CODE "reason"`) and those in `allow`
    /// (`--allow`, one run) come back suppressed: still in the diagnostics, marked,
    /// and not counted. With `analysis`, an `allow` in the rules that accepted
    /// nothing is a warning (W0005), as an unused `noqa` would be.
    public static func check(sources: SourceMap, zones: (any TimeZoneDatabase)?,
                             analysis: AnalysisOptions? = nil, allow: [Allowance] = []) -> PipelineResult {
        let parsed = ParsedSources(sources)
        let checked = Checker.check(parsed, zones: zones)
        guard let rules = checked.ruleSet else {
            return PipelineResult(checked: suppressing(checked, allow: allow, reportUnused: false), priceBook: nil)
        }
        let book = PriceBook(rules)
        guard let analysis else {
            return PipelineResult(checked: suppressing(checked, allow: allow, reportUnused: false), priceBook: book)
        }
        let analysed = checked.adding(findings(rules, book: book, options: analysis))
        return PipelineResult(checked: suppressing(analysed, allow: allow, reportUnused: true), priceBook: book)
    }

    /// `result` with every warning an allowance accepts marked suppressed: the
    /// rules' own allowances first (their reason is the one reported; one scoped to a
    /// declaration with `for` is listed where it was written), then the command line's. With `reportUnused`, each of the rules' allowances that
    /// accepted nothing adds a W0005 at its `allow` line.
    static func suppressing(_ result: CheckResult, allow extra: [Allowance], reportUnused: Bool) -> CheckResult {
        let allowances = result.allowances + extra
        guard !allowances.isEmpty else { return result }
        var used = Set<Int>()
        var marked = result.found.map { diagnostic -> Diagnostic in
            guard let index = allowances.firstIndex(where: { $0.accepts(diagnostic) }) else { return diagnostic }
            used.insert(index)
            return diagnostic.suppressed(Suppression(reason: allowances[index].reason, span: allowances[index].span))
        }
        if reportUnused {
            for (index, allowance) in result.allowances.enumerated() where !used.contains(index) {
                guard let span = allowance.span else { continue }
                marked.add(Diagnostic(.allowUnused, "`allow \(allowance.code.rawValue)` accepts nothing: no \(allowance.code.rawValue) is reported",
                                      at: span, help: "remove this line, or check that the code is the one reported"))
            }
        }
        return CheckResult(ruleSet: result.ruleSet, found: marked, sources: result.sources,
                           allowances: result.allowances, errorsFirst: true)
    }

    /// Every finding of the analysis of a checked rule set and the book compiled
    /// from it: the guard proofs and promotion lints (W01xx), then the rule-set lints
    /// (W02xx). The pipeline's result orders them by place and cuts them with the
    /// checker's at the limit.
    public static func findings(_ rules: RuleSet, book: PriceBook, options: AnalysisOptions) -> [Diagnostic] {
        let control = RuleAnalysis.analyze(rules, book: book, options: options) + RuleSetLints.lint(rules, book: book, options: options)
        guard !rules.experiments.isEmpty else { return control }
        return control + ExperimentFindings.findings(rules, control: control, options: options)
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
    /// Warnings an `allow` accepted.
    public var suppressedCount: Int { checked.suppressedCount }
}
