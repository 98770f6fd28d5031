import CoinageSyntax

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
    /// The formatted text would be larger than a rules file may be (alignment pads
    /// short rows to the widest of their run), so it is not offered: the file is
    /// the user's to split, not a formatter bug. `bytes` is the formatted size.
    case tooLarge(bytes: Int)
}

/// Writes a rules file in the one canonical layout, keeping every comment.
///
/// The result is checked before it is returned: it must parse without errors to
/// the same declarations (ignoring positions) and hold the same comments in the
/// same order. See `Docs/Formatting.md` for the layout.
public enum RuleFormatter {
    /// Spaces per level of indentation inside a block.
    public static let indentWidth = 2

    /// Formats `source`; a result longer than `maxBytes` (the limit `check` reads)
    /// is refused as `.tooLarge`, since it would not read back.
    public static func format(_ source: SourceFile, maxBytes: Int = Limits.maxFileBytes) -> FormatResult {
        let parsed = Parser.parse(source)
        guard !parsed.diagnostics.contains(where: { $0.severity == .error }) else {
            return .syntaxErrors(parsed.diagnostics)
        }
        let tokens = Lexer.tokenize(source).tokens
        let placement = CommentPlacement(file: parsed.file, source: source, tokens: tokens)
        let text = ColumnAlignment.render(placement.lines, indentWidth: indentWidth)
        let size = text.utf8.count
        if size > maxBytes { return .tooLarge(bytes: size) }
        if let problem = verify(text, against: parsed.file, source: source, tokens: tokens) {
            return .unverified(reason: problem)
        }
        return .formatted(text)
    }

    /// Nil when `text` reads as the same rules and comments as `original`; otherwise
    /// what differs. `tokens` are the original's.
    static func verify(_ text: String, against original: RuleFile, source: SourceFile, tokens: [Token]? = nil) -> String? {
        let formatted = SourceFile(id: source.id, path: source.path, text: text)
        let reparsed = Parser.parse(formatted)
        if let error = reparsed.diagnostics.first(where: { $0.severity == .error }) {
            return "the formatted text does not parse: \(error.message)"
        }
        guard sameDeclarations(original, tokens ?? Lexer.tokenize(source).tokens,
                               reparsed.file, Lexer.tokenize(formatted).tokens) else {
            return "the formatted text reads as different rules"
        }
        let before = original.comments.map { CommentPlacement.trimmed($0.text) }
        let after = reparsed.file.comments.map { CommentPlacement.trimmed($0.text) }
        guard before == after else {
            return "the formatted text does not keep every comment in order"
        }
        return nil
    }

    /// True when both files declare the same rules, declaration by declaration.
    ///
    /// The parser reads tokens only: their kind, their text and whether each starts
    /// a line, never their offsets (whether a token is in the first column matters
    /// only to recover from errors, and both files parsed without any). So a
    /// declaration whose tokens are all alike in both files parsed alike, and only
    /// the others are compared by `StructuralFingerprint`, which writes out every
    /// node: reformatting a big file mostly moves spaces.
    static func sameDeclarations(_ a: RuleFile, _ aTokens: [Token], _ b: RuleFile, _ bTokens: [Token]) -> Bool {
        guard a.declarations.count == b.declarations.count else { return false }
        for (x, y) in zip(a.declarations, b.declarations) {
            if sameTokens(aTokens, x.span, bTokens, y.span) { continue }
            guard StructuralFingerprint.of(x) == StructuralFingerprint.of(y) else { return false }
        }
        return true
    }

    private static func sameTokens(_ aTokens: [Token], _ a: SourceSpan, _ bTokens: [Token], _ b: SourceSpan) -> Bool {
        var i = firstToken(aTokens, at: a.start)
        var j = firstToken(bTokens, at: b.start)
        while i < aTokens.count, aTokens[i].span.start < a.end {
            guard j < bTokens.count, bTokens[j].span.start < b.end else { return false }
            let (x, y) = (aTokens[i], bTokens[j])
            guard x.kind == y.kind, x.text == y.text, x.startsLine == y.startsLine else { return false }
            i += 1
            j += 1
        }
        return j == bTokens.count || bTokens[j].span.start >= b.end
    }

    /// The index of the first token starting at `offset` or later.
    private static func firstToken(_ tokens: [Token], at offset: UInt32) -> Int {
        var low = 0
        var high = tokens.count
        while low < high {
            let middle = (low + high) / 2
            if tokens[middle].span.start < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
