import Coinage
import CoinageFormat
import CoinageFoundation
import CoinageIO
import CoinageSyntax
import Foundation

/// libFuzzer harness: the input is one `.coin` file, checked alone or, when it starts
/// with `# with shop`, next to a small fixed shop (`FuzzInputs.shop`); a rule set
/// that checks clean (or does once its broken declarations are blanked out, see
/// `FuzzInputs.repaired`) is then analysed as `coinage check` does.
///
/// Asserted: the checker returns a rule set exactly when it reports no error; at
/// most `Limits.maxDiagnostics` diagnostics plus the closing "too many problems",
/// in source order, each pointing inside a file; they render as text and in one
/// other format chosen by the input's size (`json`, `gitlab` and `sarif` as valid
/// JSON; the first 15 and the last are rendered, see `maximumRendered`). For a clean rule set, the guard
/// proofs and the lints finish (within libFuzzer's timeout), their diagnostics obey
/// the same rules once added to the check's, every guard's worst case is a quote
/// that keeps the quote invariants and that quoting its request again gives, and a
/// worst case that breaks its guard is reported at the guard; and warnings alone,
/// however many, add up to no error.
/// The analysis as `coinage check` runs it at 2026-11-28T10:00:00Z (so the lints about
/// closed windows run), with a hundredth of each default work budget. The budgets
/// bound the proofs' cost, not their logic: under ASan and coverage an input at the
/// default budgets took up to 17 s, a thousandth of the run's inputs took most of its
/// time, and a budget spent (W0104, W0105) is a path worth fuzzing in its own right.
private let options = AnalysisOptions(now: 1_795_860_000,
                                      searchBudget: AnalysisOptions.defaultSearchBudget / budgetDivisor,
                                      guardBudget: AnalysisOptions.defaultGuardBudget / budgetDivisor,
                                      lintBudget: AnalysisOptions.defaultLintBudget / budgetDivisor)

/// How much smaller than the defaults the harness's work budgets are.
private let budgetDivisor = 100

@_cdecl("LLVMFuzzerTestOneInput")
public func checkerFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let sources = FuzzInputs.sources(FuzzInputs.bytes(data, size))
    let result = FuzzInputs.check(sources)
    checkResult(result, "check", render: result.ruleSet == nil)
    guard (result.ruleSet != nil) == (result.errorCount == 0) else {
        FuzzInvariants.broken("the checker gave \(result.ruleSet == nil ? "no" : "a") rule set with \(result.errorCount) errors")
    }
    if result.ruleSet == nil {
        FuzzInvariants.log("\(result.errorCount) errors, \(result.warningCount) warnings, first: \(result.diagnostics.prefix(3).map(\.message))")
        guard let repaired = FuzzInputs.repaired(result, rounds: repairRounds) else { return 0 }
        FuzzInvariants.log("repaired")
        checkResult(repaired, "check once repaired", render: false)
        analyse(repaired)
    } else {
        analyse(result)
    }
    return 0
}

/// How many times a file with errors has its broken declarations blanked out and
/// is checked again, to reach the analysis (see `FuzzInputs.repaired`).
private let repairRounds = 2

/// Analyses a clean result as `coinage check` does, and checks what it adds.
private func analyse(_ result: CheckResult) {
    guard let rules = result.ruleSet else { FuzzInvariants.broken("analysing a result without a rule set") }
    let sources = result.sources
    let book = PriceBook(rules)
    let analysis = RuleAnalysis.analyze(rules, book: book, options: options)
    let lints = RuleSetLints.lint(rules, book: book, options: options)
    FuzzInvariants.checkDiagnostics(analysis + lints, in: sources, cap: Int.max)
    let analysed = result.adding(analysis + lints)
    checkResult(analysed, "analysis", render: true)
    // When diagnostics are left out, the list says so.
    let cutByCheck = result.diagnostics.contains { $0.code == .tooManyDiagnostics }
    FuzzInvariants.require("analysis-keeps-cut", !cutByCheck || analysed.diagnostics.contains { $0.code == .tooManyDiagnostics },
                           "the check left diagnostics out and said so, but once the analysis is added nothing says so (\(analysed.diagnostics.count) shown)")
    // A flood of warnings fails a check only under `--strict`: cutting it short
    // must not turn it into an error.
    let anyError = (result.diagnostics + analysis + lints).contains { $0.severity == .error }
    FuzzInvariants.require("analysis-cut-severity", anyError || analysed.errorCount == 0,
                           "no error in the check or the analysis, but \(analysed.errorCount) once added together: \(analysed.diagnostics.filter { $0.severity == .error }.map(\.message))")
    checkWorstCases(RuleAnalysis.worstCases(rules, book: book, options: options), book: book, floor: rules.floor, analysis: analysis)
    FuzzInvariants.log("clean: \(rules.bundles.count) bundles, \(rules.promotions.count) promotions, \(rules.guards.count) guards; analysis: \(Dictionary(grouping: analysed.diagnostics, by: \.code.rawValue).mapValues(\.count))")
}

/// Capped, in source order, inside the files, and (with `render`) rendering. The
/// closing "too many problems" stands last wherever it points (the analysis keeps
/// errors before warnings, so the first one left out may precede the last one kept).
private func checkResult(_ result: CheckResult, _ phase: String, render: Bool) {
    FuzzInvariants.checkDiagnostics(result.diagnostics, in: result.sources, cap: Limits.maxDiagnostics + 1)
    let listed = result.diagnostics.last?.code == .tooManyDiagnostics ? result.diagnostics.dropLast() : result.diagnostics[...]
    for (a, b) in zip(listed, listed.dropFirst()) {
        guard (a.span.file, a.span.start) <= (b.span.file, b.span.start) else {
            FuzzInvariants.broken("\(phase): \(a.code) at \(a.span) is listed before \(b.code) at \(b.span)")
        }
    }
    guard render else { return }
    // Plain text always; one other format (or coloured text) by the input's size.
    let size = result.sources.files.last?.bytes.count ?? 0
    let others: [DiagnosticFormat] = [.json, .github, .gitlab, .sarif, .text]
    let other = others[size % others.count]
    FuzzInvariants.checkRendering(rendered(result.diagnostics), sources: result.sources,
                                  formats: other == .text ? [.text] : [.text, other], color: other == .text)
}

/// The most diagnostics rendered per input. Rendering all of a flood of them in
/// every format (and reading back three as JSON) took half the harness's time,
/// and one diagnostic renders the same whatever its neighbours; so each input
/// renders a few of them in two formats, and the fuzzer's many inputs cover them all.
private let maximumRendered = 16

/// The first diagnostics and the last one (the closing "too many problems").
private func rendered(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.count <= maximumRendered ? diagnostics : diagnostics.prefix(maximumRendered - 1) + diagnostics.suffix(1)
}

/// Each worst case is a real quote of its request, and a broken guard is reported.
private func checkWorstCases(_ worstCases: [GuardWorstCase], book: PriceBook, floor: Percentage, analysis: [Diagnostic]) {
    for worst in worstCases {
        FuzzInvariants.check(worst.quote, floor: floor)
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
