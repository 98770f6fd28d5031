/// `allow W0202 "launch ladder, reviewed 2026-12"`: a warning the shop accepts for
/// the whole rule set, with the reason it is accepted.
public struct AllowDeclaration: Hashable, Sendable {
    /// The warning's code as written (`W0202`); its shape is checked by the parser,
    /// whether it exists by the checker.
    public let code: Code
    public let reason: StringLiteral
    public let span: SourceSpan
}
