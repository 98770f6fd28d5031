import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// Proves a rule set's guards and looks for promotions that cannot work as
/// written: the analysis `coinage check` runs on rules that checked clean.
///
/// It reads the checked rules and the price book compiled from them, and never throws: every finding is a diagnostic.
/// Counterexamples are confirmed with `PriceBook.quote` before they are reported.
public struct RuleAnalysis {
    /// Every guard failure and promotion lint of the rules, in source order, all of
    /// them: `CheckResult.adding` applies the diagnostic limit.
    public static func analyze(_ rules: RuleSet, book: PriceBook, options: AnalysisOptions = AnalysisOptions()) -> [Diagnostic] {
        let context = AnalysisContext(rules: rules, book: book, options: options)
        let found = guardFindings(context).diagnostics + PromotionLints(context: context).diagnostics()
        return found.sorted { a, b in
            if a.span.file != b.span.file { return a.span.file < b.span.file }
            if a.span.start != b.span.start { return a.span.start < b.span.start }
            return a.code.rawValue < b.code.rawValue
        }
    }

    /// The worst case of every guard the rules declare, in declaration order, whether
    /// it holds or not; a guard with nothing to measure (no bundles) has none.
    public static func worstCases(_ rules: RuleSet, book: PriceBook, options: AnalysisOptions = AnalysisOptions()) -> [GuardWorstCase] {
        guardFindings(AnalysisContext(rules: rules, book: book, options: options)).worstCases
    }

    /// Each guard's worst case and, where it breaks, its diagnostic.
    static func guardFindings(_ context: AnalysisContext) -> (worstCases: [GuardWorstCase], diagnostics: [Diagnostic]) {
        var worstCases: [GuardWorstCase] = []
        var diagnostics: [Diagnostic] = []
        for rule in context.rules.guards {
            switch rule.kind {
            case .discountAtMost(let limit):
                let proof = DiscountGuardProof(context: context, guardRule: rule, limit: limit)
                let finding = proof.prove()
                diagnostics += finding.gaps.diagnostics(guardRule: rule, cellCount: finding.cellCount, context: context)
                guard let worst = finding.worstCase else { continue }
                worstCases.append(worst)
                if let diagnostic = proof.diagnostic(finding, worst: worst) { diagnostics.append(diagnostic) }
            case .pricePerCoinFallsWithSize, .pricePerCoinDoesNotRiseWithSize:
                let proof = PricePerCoinGuardProof(context: context, guardRule: rule)
                let finding = proof.prove()
                diagnostics += finding.gaps.diagnostics(guardRule: rule, cellCount: finding.cellCount, context: context)
                guard let worst = finding.worstCase else { continue }
                worstCases.append(worst)
                if let diagnostic = proof.diagnostic(worst, breaking: finding.breaking) { diagnostics.append(diagnostic) }
            case .regionPriceWithin(let limit):
                let proof = RegionPriceGuardProof(context: context, guardRule: rule, limit: limit)
                let finding = proof.prove()
                diagnostics += finding.gaps.diagnostics(guardRule: rule, cellCount: finding.cellCount, context: context)
                guard let worst = finding.worstCase else { continue }
                worstCases.append(worst)
                if let diagnostic = proof.diagnostic(worst, breaking: finding.breaking) { diagnostics.append(diagnostic) }
            }
        }
        return (worstCases, diagnostics)
    }
}

extension CheckResult {
    /// The result with the analysis's diagnostics added, in source order.
    ///
    /// Past `Limits.maxDiagnostics`, errors are kept before warnings, and the
    /// warnings that a proof or a lint stopped short (W0104, W0105) before the other
    /// warnings: a big rule set's many lint warnings must not hide a failing guard,
    /// nor that a guard was not proven everywhere. The last line then says how many
    /// of all the problems, the checker's and the analysis's, were left out; it is
    /// an error only when an error was.
    public func adding(_ analysis: [Diagnostic]) -> CheckResult {
        var all = found
        all.add(contentsOf: analysis)
        return CheckResult(ruleSet: ruleSet, found: all, sources: sources, allowances: allowances, errorsFirst: true)
    }
}
