import CoinageSyntax

/// A warning the shop accepts, with its reason: `allow W0202 "launch ladder"` in
/// the rules, or `--allow W0202` for one run (then `span` is nil).
public struct Allowance: Hashable, Sendable {
    public let code: DiagnosticCode
    public let reason: String
    public let span: SourceSpan?

    public init(code: DiagnosticCode, reason: String, span: SourceSpan?) {
        self.code = code
        self.reason = reason
        self.span = span
    }

    /// Whether a code may be allowed: only warnings; an error always stops the rules.
    public static func accepts(_ code: DiagnosticCode) -> Bool { code.defaultSeverity == .warning }
}

extension Checker {
    /// Checks each `allow`: a code that exists (E0116) and is a warning's (E0523).
    mutating func checkAllowances() {
        for declaration in declarations.allows {
            guard let code = DiagnosticCode(rawValue: declaration.code.text) else {
                let known = DiagnosticCode.allCases.filter(Allowance.accepts).map(\.rawValue)
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
            allowances.append(Allowance(code: code, reason: declaration.reason.value, span: declaration.span))
        }
    }
}
