import CoinageSyntax

extension CheckResult {
    /// The result with the analysis's diagnostics added, in source order.
    ///
    /// Past `Limits.maxDiagnostics`, errors are kept before warnings: a big rule
    /// set's many lint warnings must not hide a failing guard. The last line then
    /// says how many were left out, as the checker's own cut does.
    public func adding(_ analysis: [Diagnostic]) -> CheckResult {
        let all = (diagnostics.filter { $0.code != .tooManyDiagnostics } + analysis).sorted(by: Self.inSourceOrder)
        guard all.count > Limits.maxDiagnostics else { return CheckResult(ruleSet: ruleSet, diagnostics: all, sources: sources) }
        let errors = all.filter { $0.severity == .error }
        let rest = all.filter { $0.severity != .error }
        let kept = Array((errors + rest).prefix(Limits.maxDiagnostics))
        let firstLeftOut = (errors + rest)[Limits.maxDiagnostics]
        let hidden = all.count - kept.count
        let cut = Diagnostic(.tooManyDiagnostics,
                             "too many problems: \(hidden) more not shown after the first \(Limits.maxDiagnostics)",
                             at: firstLeftOut.span, help: "fix the problems above and run the check again")
        return CheckResult(ruleSet: ruleSet, diagnostics: kept.sorted(by: Self.inSourceOrder) + [cut], sources: sources)
    }

    /// By file, position and code, as the checker sorts its diagnostics.
    private static func inSourceOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.span.file != b.span.file { return a.span.file < b.span.file }
        if a.span.start != b.span.start { return a.span.start < b.span.start }
        return a.code.rawValue < b.code.rawValue
    }
}
