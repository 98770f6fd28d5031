import CoinageSyntax

/// Where each comment and blank line of a file goes in the formatted layout.
///
/// The formatter writes one row per declaration, clause, tier or test line, plus
/// a block's opening and closing lines. Every comment is attached to one of them:
/// - after the code on a row's last source line: it trails that row;
/// - on a line of its own between rows: it leads the next row, at that row's
///   indentation (before a block's `}`, at the indentation of the block's items);
///   after the last declaration: it ends the file;
/// - inside a row that the author spread over several lines (a list broken over
///   lines, say): it stays where it is, and the row breaks there and only there
///   (see `InteriorComments.swift`).
///
/// A blank line (or several) before a row or an own-line comment becomes one
/// blank line, except at the start of the file, of a block, and before a `}`.
struct CommentPlacement {
    /// One output row and what is attached to it.
    struct PlacedRow {
        /// Source offsets of the row's first token and just past its last one.
        let start: Int
        let end: Int
        /// Nil for the end of the file, which holds only the comments after the last row.
        let line: LayoutLine?
        /// Indentation of the own-line comments that lead the row.
        let commentIndent: Int
        let opensBlock: Bool
        /// True for a block's `}` and the end of the file: no blank line before them.
        let closes: Bool
        var leading: [(text: String, blankBefore: Bool)] = []
        /// Comments inside the row, between two of its tokens.
        var interior: [Comment] = []
        var trailing: String?
    }

    let source: SourceFile
    let tokens: [Token]
    private(set) var rows: [PlacedRow] = []

    init(file: RuleFile, source: SourceFile, tokens: [Token]) {
        self.source = source
        self.tokens = tokens
        let text = SourceText(source: source)
        for declaration in file.declarations { appendDeclaration(declaration, text: text, indent: 0) }
        rows.append(PlacedRow(start: source.bytes.count, end: source.bytes.count, line: nil, commentIndent: 0,
                              opensBlock: false, closes: true))
        for comment in file.comments { place(comment) }
    }

    /// The rows of one declaration at `indent`: a row, or a block's opening line, its
    /// items and its `}`. An experiment's arms hold declarations, laid out the same way
    /// one level deeper.
    private mutating func appendDeclaration(_ declaration: Declaration, text: SourceText, indent: Int) {
        let span = declaration.span
        if let row = text.row(declaration) {
            append(span, LayoutLine(content: .row(row), indent: indent))
            return
        }
        guard let head = text.blockHead(declaration), let open = openingBrace(after: Int(span.start)) else { return }
        append(SourceSpan(file: span.file, start: Int(span.start), end: Int(open.span.end)),
               LayoutLine(content: .text(head + " {"), indent: indent), opensBlock: true)
        if case .experiment(let experiment) = declaration {
            for clause in experiment.clauses { appendExperimentClause(clause, text: text, indent: indent + 1) }
        } else {
            for item in text.blockItems(declaration) {
                append(item.span, LayoutLine(content: .row(item.row), indent: indent + 1))
            }
        }
        // A complete block ends with its `}`.
        append(SourceSpan(file: span.file, start: Int(span.end) - 1, end: Int(span.end)),
               LayoutLine(content: .text("}"), indent: indent), commentIndent: indent + 1, closes: true)
    }

    private mutating func appendExperimentClause(_ clause: ExperimentClause, text: SourceText, indent: Int) {
        let row = LayoutRow(.experimentClause, text.experimentClause(clause.kind))
        guard case .arm(let arm) = clause.kind, let body = arm.body, let open = openingBrace(after: Int(arm.span.start)) else {
            append(clause.span, LayoutLine(content: .row(row), indent: indent))
            return
        }
        let span = clause.span
        append(SourceSpan(file: span.file, start: Int(span.start), end: Int(open.span.end)),
               LayoutLine(content: .text(row.plainText + " {"), indent: indent), opensBlock: true)
        for declaration in body { appendDeclaration(declaration, text: text, indent: indent + 1) }
        append(SourceSpan(file: span.file, start: Int(span.end) - 1, end: Int(span.end)),
               LayoutLine(content: .text("}"), indent: indent), commentIndent: indent + 1, closes: true)
    }

    /// The first `{` at or after `offset`.
    private func openingBrace(after offset: Int) -> Token? {
        tokens[firstToken(startingAtOrAfter: offset)...].first(where: { $0.kind == .leftBrace })
    }

    private mutating func append(_ span: SourceSpan, _ line: LayoutLine, commentIndent: Int? = nil,
                                 opensBlock: Bool = false, closes: Bool = false) {
        rows.append(PlacedRow(start: Int(span.start), end: Int(span.end), line: line,
                              commentIndent: commentIndent ?? line.indent, opensBlock: opensBlock, closes: closes))
    }

    private mutating func place(_ comment: Comment) {
        let offset = Int(comment.span.start)
        let text = Self.trimmed(comment.text)
        // Rows are in source order and do not overlap: the first one ending after
        // the comment either holds it or follows it.
        let next = firstRow(endingAfter: offset)
        if comment.isTrailing, next > 0, onlySpacesBetween(rows[next - 1].end, offset) {
            rows[next - 1].trailing = text
        } else if rows[next].start < offset {
            rows[next].interior.append(comment)
        } else {
            rows[next].leading.append((text, hasBlankLineBefore(offset)))
        }
    }

    /// The index of the first token that starts at `offset` or later.
    func firstToken(startingAtOrAfter offset: Int) -> Int {
        var low = 0
        var high = tokens.count
        while low < high {
            let middle = (low + high) / 2
            if Int(tokens[middle].span.start) < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private func firstRow(endingAfter offset: Int) -> Int {
        var low = 0
        var high = rows.count - 1
        while low < high {
            let middle = (low + high) / 2
            if rows[middle].end > offset { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The laid-out lines: comments, blank lines and rows in output order.
    var lines: [LayoutLine] {
        var lines: [LayoutLine] = []
        var blankAllowed = false
        for row in rows {
            for comment in row.leading {
                if comment.blankBefore, blankAllowed { lines.append(LayoutLine(content: .blank, indent: 0)) }
                lines.append(LayoutLine(content: .comment(comment.text), indent: row.commentIndent))
                blankAllowed = true
            }
            guard var line = row.line else { break }
            if !row.closes, blankAllowed, hasBlankLineBefore(row.start) { lines.append(LayoutLine(content: .blank, indent: 0)) }
            if row.interior.isEmpty {
                line.trailingComment = row.trailing
                lines.append(line)
            } else {
                lines += brokenLines(row, indent: line.indent)
            }
            blankAllowed = !row.opensBlock
        }
        return lines
    }

    // MARK: - Reading the source around a position

    private func onlySpacesBetween(_ start: Int, _ end: Int) -> Bool {
        guard start <= end else { return false }
        return source.bytes[start..<end].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
    }

    /// True when at least one empty line separates `offset` from the code or
    /// comment before it.
    private func hasBlankLineBefore(_ offset: Int) -> Bool {
        var newlines = 0
        var index = min(offset, source.bytes.count) - 1
        while index >= 0 {
            switch source.bytes[index] {
            case UInt8(ascii: "\n"): newlines += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
            default: return newlines >= 2
            }
            index -= 1
        }
        return newlines >= 2
    }

    /// A comment without the spaces that end its line. A carriage return among them
    /// goes too: written before the newline it would make a CRLF line end, which the
    /// lexer reads as no part of the comment, so the formatted file would not read
    /// back to the same comment (`Fuzz/crashes/FormatterFuzzer-comment-carriage-return.coin`).
    static func trimmed(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" { scalars.removeLast() }
        return String(scalars)
    }
}
