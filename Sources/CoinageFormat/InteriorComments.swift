import CoinageSyntax

/// Rows with comments inside them.
///
/// A declaration or clause is normally written on one line, but a comment the
/// author put between two of its tokens (after an element of a list broken over
/// lines, say) must stay next to what it describes. Such a row is written token
/// by token with the canonical spacing, and broken only where a comment stands:
/// after a trailing comment, and around a comment on a line of its own. Its
/// continuation lines are indented two levels deeper than the row.
///
/// The row keeps the author's order of attributes and the author's words (`1
/// coins`, `on [web]`), since its tokens are written as they are; it is not
/// aligned with its neighbours.
extension CommentPlacement {
    /// Extra indentation levels of a broken row's continuation lines.
    static let continuationIndent = 2

    func brokenLines(_ row: PlacedRow, indent: Int) -> [LayoutLine] {
        var lines: [LayoutLine] = []
        var text = ""
        var previous: Token?
        var lineIndent = indent
        var pending = row.interior[...]

        func flush(trailing: String?) {
            lines.append(LayoutLine(content: .text(text), indent: lineIndent, trailingComment: trailing))
            text = ""
            previous = nil
            lineIndent = indent + Self.continuationIndent
        }

        for token in tokens(from: row.start, to: row.end) {
            while let comment = pending.first, comment.span.start < token.span.start {
                pending.removeFirst()
                let commentText = Self.trimmed(comment.text)
                if comment.isTrailing, !text.isEmpty {
                    flush(trailing: commentText)
                } else {
                    if !text.isEmpty { flush(trailing: nil) }
                    lines.append(LayoutLine(content: .comment(commentText), indent: indent + Self.continuationIndent))
                }
            }
            if let previous, Self.spaceBetween(previous, token) { text += " " }
            text += token.text
            previous = token
        }
        flush(trailing: row.trailing)
        return lines
    }

    /// The tokens from `start` up to `end`.
    private func tokens(from start: Int, to end: Int) -> ArraySlice<Token> {
        let low = firstToken(startingAtOrAfter: start)
        var upper = low
        while upper < tokens.count, Int(tokens[upper].span.end) <= end, tokens[upper].kind != .endOfFile { upper += 1 }
        return tokens[low..<upper]
    }

    /// The canonical spacing: none inside brackets and parentheses, around the
    /// `.` of `user.NAME`, or before `,` and `:`; one space elsewhere.
    private static func spaceBetween(_ left: Token, _ right: Token) -> Bool {
        switch left.kind {
        case .leftBracket, .leftParen, .dot: return false
        default: break
        }
        switch right.kind {
        case .comma, .colon, .rightBracket, .rightParen, .dot: return false
        default: return true
        }
    }
}
