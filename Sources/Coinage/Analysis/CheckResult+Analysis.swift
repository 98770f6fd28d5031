import CoinageSyntax

extension CheckResult {
    /// The result with the analysis's diagnostics added, all in source order.
    public func adding(_ analysis: [Diagnostic]) -> CheckResult {
        var bag = DiagnosticBag()
        bag.add(contentsOf: diagnostics)
        bag.add(contentsOf: analysis)
        return CheckResult(ruleSet: ruleSet, diagnostics: bag.sorted(), sources: sources)
    }
}
