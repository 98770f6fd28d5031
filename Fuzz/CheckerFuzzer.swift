import Coinage
import CoinageFoundation
import CoinageSyntax
import Foundation

/// libFuzzer harness: the input is one `.coin` file, checked alone or, when it starts
/// with `# with shop`, next to a small fixed shop (`FuzzInputs.shop`); a rule set
/// that checks clean is then analysed as `coinage check` does.
///
/// Asserted: the checker returns a rule set exactly when it reports no error; at
/// most `Limits.maxDiagnostics` diagnostics plus the closing "too many problems",
/// in source order, each pointing inside a file; they render in every format
/// (`json`, `gitlab` and `sarif` as valid JSON). For a clean rule set, the guard
/// proofs and the lints finish (within libFuzzer's timeout), their diagnostics obey
/// the same rules once added to the check's, every guard's worst case is a quote
/// that keeps the quote invariants and that quoting its request again gives, and a
/// worst case that breaks its guard is reported at the guard; and warnings alone,
/// however many, add up to no error.
private let options = AnalysisOptions(now: 1_795_860_000) // 2026-11-28T10:00:00Z: the lints about closed windows run

@_cdecl("LLVMFuzzerTestOneInput")
public func checkerFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let sources = FuzzInputs.sources(FuzzInputs.bytes(data, size))
    let result = FuzzInputs.check(sources)
    checkResult(result, "check")
    guard (result.ruleSet != nil) == (result.errorCount == 0) else {
        FuzzInvariants.broken("the checker gave \(result.ruleSet == nil ? "no" : "a") rule set with \(result.errorCount) errors")
    }
    guard let rules = result.ruleSet else {
        FuzzInvariants.log("\(result.errorCount) errors, \(result.warningCount) warnings, first: \(result.diagnostics.prefix(3).map(\.message))")
        return 0
    }
    let book = PriceBook(rules)
    let analysis = RuleAnalysis.analyze(book, options: options)
    let lints = RuleSetLints.lint(book, options: options)
    FuzzInvariants.checkDiagnostics(analysis + lints, in: sources, cap: Int.max)
    let analysed = result.adding(analysis + lints)
    checkResult(analysed, "analysis")
    // A flood of warnings fails a check only under `--strict`: cutting it short
    // must not turn it into an error.
    let cutByCheck = result.diagnostics.contains { $0.code == .tooManyDiagnostics }
    FuzzInvariants.require("analysis-keeps-cut", !cutByCheck || analysed.diagnostics.contains { $0.code == .tooManyDiagnostics },
                           "the check left diagnostics out and said so, but once the analysis is added nothing says so (\(analysed.diagnostics.count) shown)")
    let anyError = (result.diagnostics + analysis + lints).contains { $0.severity == .error }
    FuzzInvariants.require("analysis-cut-severity", anyError || analysed.errorCount == 0,
                           "no error in the check or the analysis, but \(analysed.errorCount) once added together: \(analysed.diagnostics.filter { $0.severity == .error }.map(\.message))")
    checkWorstCases(RuleAnalysis.worstCases(book, options: options), book: book, analysis: analysis)
    FuzzInvariants.log("clean: \(rules.bundles.count) bundles, \(rules.promotions.count) promotions, \(rules.guards.count) guards; analysis: \(Dictionary(grouping: analysed.diagnostics, by: \.code.rawValue).mapValues(\.count))")
    return 0
}

/// Capped, in source order, inside the files, and rendering in every format. The
/// closing "too many problems" stands last wherever it points (the analysis keeps
/// errors before warnings, so the first one left out may precede the last one kept).
private func checkResult(_ result: CheckResult, _ phase: String) {
    FuzzInvariants.checkDiagnostics(result.diagnostics, in: result.sources, cap: Limits.maxDiagnostics + 1)
    let listed = result.diagnostics.last?.code == .tooManyDiagnostics ? result.diagnostics.dropLast() : result.diagnostics[...]
    for (a, b) in zip(listed, listed.dropFirst()) {
        guard (a.span.file, a.span.start) <= (b.span.file, b.span.start) else {
            FuzzInvariants.broken("\(phase): \(a.code) at \(a.span) is listed before \(b.code) at \(b.span)")
        }
    }
    FuzzInvariants.checkRendering(result.diagnostics, sources: result.sources)
}

/// Each worst case is a real quote of its request, and a broken guard is reported.
private func checkWorstCases(_ worstCases: [GuardWorstCase], book: PriceBook, analysis: [Diagnostic]) {
    for worst in worstCases {
        FuzzInvariants.check(worst.quote, floor: book.rules.floor)
        guard case .success(let again) = book.quote(worst.request), again == worst.quote else {
            FuzzInvariants.broken("the worst case of the guard at \(worst.guardRule.span) is not what its request quotes: \(worst.request.jsonLine)")
        }
        if let compared = worst.comparedRequest {
            guard let comparedQuote = worst.comparedQuote, case .success(let quoted) = book.quote(compared), quoted == comparedQuote else {
                FuzzInvariants.broken("the compared quote of the guard at \(worst.guardRule.span) is not what its request quotes: \(compared.jsonLine)")
            }
        }
        if !worst.holds {
            guard analysis.contains(where: { $0.span == worst.guardRule.span && $0.severity == .error }) else {
                FuzzInvariants.broken("the guard at \(worst.guardRule.span) breaks (\(worst.request.jsonLine)) but no error is reported there")
            }
        }
    }
}
