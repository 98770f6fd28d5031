import CoinageSyntax

/// A warning the shop accepts, with its reason: `allow W0202 "launch ladder"` in
/// the rules, or `--allow W0202` for one run (then `span` is nil).
public struct Allowance: Hashable, Sendable {
    public let code: DiagnosticCode
    public let reason: String
    public let span: SourceSpan?
    /// With `allow CODE for NAME`, the declarations named NAME: only findings
    /// reported inside one of them are accepted. Nil for the whole rule set.
    public let within: [SourceSpan]?

    public init(code: DiagnosticCode, reason: String, span: SourceSpan?, within: [SourceSpan]? = nil) {
        self.code = code
        self.reason = reason
        self.span = span
        self.within = within
    }

    /// Whether this allowance accepts `diagnostic`: a warning of its code, reported
    /// (if it names declarations) inside one of them.
    public func accepts(_ diagnostic: Diagnostic) -> Bool {
        guard diagnostic.severity == .warning, diagnostic.code == code else { return false }
        guard let within else { return true }
        let at = diagnostic.span
        return within.contains { $0.file == at.file && $0.start <= at.start && at.end <= $0.end }
    }

    /// Whether a code may be allowed: only warnings; an error always stops the rules.
    public static func accepts(_ code: DiagnosticCode) -> Bool { code.defaultSeverity == .warning }
}

extension Checker {
    /// Checks each `allow`: a code that exists (E0116) and is a warning's (E0523).
    mutating func checkAllowances() {
        for declaration in declarations.allows {
            guard let code = DiagnosticCode(rawValue: declaration.code.text) else {
                let known = DiagnosticCode.allCases.filter(Allowance.accepts).map { $0.rawValue }
                report(.unknownDiagnosticCode, "`\(declaration.code.text)` is not a diagnostic code", at: declaration.code.span,
                       help: Suggestion.help(for: declaration.code.text, among: known)
                           ?? "write the code of a warning as `coinage check` reports it, such as `W0202`")
                continue
            }
            guard Allowance.accepts(code) else {
                report(.errorAllowed, "`\(code.rawValue)` is an error, and an error cannot be allowed", at: declaration.code.span,
                       help: "fix what it reports; only warnings (`W…`) can be accepted")
                continue
            }
            var within: [SourceSpan]?
            if let target = declaration.target {
                let spans = declarationSpans(named: target.text)
                guard !spans.isEmpty else {
                    report(.unknownAllowTarget, "`allow \(code.rawValue) for \(target.text)`: no declaration is named `\(target.text)`",
                           at: target.span,
                           help: Suggestion.help(for: target.text, among: namedDeclarations)
                               ?? "name a bundle, custom amount, promotion, gift, channel, market or user attribute")
                    continue
                }
                within = spans
            }
            allowances.append(Allowance(code: code, reason: declaration.reason.value, span: declaration.span, within: within))
        }
    }

    /// Where the declarations named `name` are: a bundle with its explicit prices, a
    /// custom amount, a promotion, a gift, a channel, a market or a user attribute.
    private func declarationSpans(named name: String) -> [SourceSpan] {
        declarations.bundles.filter { $0.name.text == name }.map { $0.span }
            + declarations.prices.filter { $0.bundle.text == name }.map { $0.span }
            + declarations.customs.filter { $0.name.text == name }.map { $0.span }
            + declarations.promotions.filter { $0.name.text == name }.map { $0.span }
            + declarations.gifts.filter { $0.name.text == name }.map { $0.span }
            + declarations.channels.filter { $0.name.text == name }.map { $0.span }
            + declarations.markets.filter { $0.name.text == name }.map { $0.span }
            + declarations.users.filter { $0.name.text == name }.map { $0.span }
    }

    /// Every name `allow ... for` may take, for suggestions.
    private var namedDeclarations: [String] {
        declarations.bundles.map { $0.name.text } + declarations.customs.map { $0.name.text }
            + declarations.promotions.map { $0.name.text } + declarations.gifts.map { $0.name.text }
            + declarations.channels.map { $0.name.text } + declarations.markets.map { $0.name.text }
            + declarations.users.map { $0.name.text }
    }
}
