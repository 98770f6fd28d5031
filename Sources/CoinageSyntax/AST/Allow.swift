/// `allow W0202 "launch ladder, reviewed 2026-12"`: a warning the shop accepts for
/// the whole rule set, with the reason it is accepted; `allow W0202 for bits_500
/// "..."` accepts it only where it is reported on the declarations named `bits_500`.
public struct AllowDeclaration: Hashable, Sendable {
    /// The warning's code as written (`W0202`); its shape is checked by the parser,
    /// whether it exists by the checker.
    public let code: Code
    /// The name after `for`, or nil for the whole rule set.
    public let target: Name?
    public let reason: StringLiteral
    public let span: SourceSpan
}
