/// What formatting one file gave.
public enum FormatResult: Sendable, Equatable {
    /// The file in canonical layout (it may be the text the file already had).
    case formatted(String)
    /// The file does not parse; these are the parser's diagnostics. A file with a
    /// syntax error is never formatted.
    case syntaxErrors([Diagnostic])
    /// The formatted text would not read back as the same rules with the same
    /// comments, so it is not offered. This would be a formatter bug; the reason
    /// says what differed.
    case unverified(reason: String)
}

/// Writes a rules file in the one canonical layout, keeping every comment.
///
/// The result is checked before it is returned: it must parse without errors to
/// the same declarations (ignoring positions) and hold the same comments in the
/// same order. See `Docs/Formatting.md` for the layout.
public enum RuleFormatter {
    /// Spaces per level of indentation inside a block.
    public static let indentWidth = 2

    public static func format(_ source: SourceFile) -> FormatResult {
        let parsed = Parser.parse(source)
        guard !parsed.diagnostics.contains(where: { $0.severity == .error }) else {
            return .syntaxErrors(parsed.diagnostics)
        }
        let tokens = Lexer.tokenize(source).tokens
        let placement = CommentPlacement(file: parsed.file, source: source, tokens: tokens)
        let text = ColumnAlignment.render(placement.lines, indentWidth: indentWidth)
        if let problem = verify(text, against: parsed.file, source: source) {
            return .unverified(reason: problem)
        }
        return .formatted(text)
    }

    /// Nil when `text` reads as the same rules and comments as `original`; otherwise
    /// what differs.
    static func verify(_ text: String, against original: RuleFile, source: SourceFile) -> String? {
        let reparsed = Parser.parse(SourceFile(id: source.id, path: source.path, text: text))
        if let error = reparsed.diagnostics.first(where: { $0.severity == .error }) {
            return "the formatted text does not parse: \(error.message)"
        }
        guard reparsed.file.hasSameDeclarations(as: original) else {
            return "the formatted text reads as different rules"
        }
        let before = original.comments.map { CommentPlacement.trimmed($0.text) }
        let after = reparsed.file.comments.map { CommentPlacement.trimmed($0.text) }
        guard before == after else {
            return "the formatted text does not keep every comment in order"
        }
        return nil
    }
}
