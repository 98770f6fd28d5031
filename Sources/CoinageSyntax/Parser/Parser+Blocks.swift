extension Parser {
    /// Parses `{ item item ... }`, recovering at each line that starts a new item.
    ///
    /// A declaration keyword in the first column, or the end of the file, before the
    /// closing brace means the block was never closed: that is reported at the
    /// opening brace and the items read so far are kept.
    mutating func parseBlock<Item>(_ what: @autoclosure () -> String, _ parseItem: (inout Parser) throws(ParseAbort) -> Item) throws(ParseAbort) -> (items: [Item], isComplete: Bool) {
        let open = try expect(.leftBrace, "to open the \(what())")
        var items: [Item] = []
        // Room for the items at once (one a line, when the block is well formed): a
        // regrowth copies every item read so far. Only a guess, so 512 tokens at most.
        items.reserveCapacity(tokens.blockLineCount(from: index, limit: 512))
        var isComplete = true
        while true {
            if skip(.rightBrace) { return (items, isComplete) }
            if atEnd || (tokens.atColumnOne(at: index) && armDepth == 0 && isDeclarationStart(at: index)) {
                report(.unclosedBlock, "the \(what()) has no closing `}`", at: open.span,
                       notes: [DiagnosticNote(atEnd ? "the file ends here" : "the next declaration starts here", at: current.span)],
                       help: "add `}` after the block's last line")
                return (items, isComplete)
            }
            if diagnostics.count > Limits.maxDiagnostics { throw ParseAbort() }
            let start = index
            itemStart = index
            do {
                items.append(try parseItem(&self))
            } catch {
                isComplete = false
                skipToNextItem(from: start)
            }
        }
    }

    /// Skips the rest of a broken item: up to the next line that starts with a word
    /// or a `}`, or to a `}` on the same line.
    private mutating func skipToNextItem(from start: Int) {
        if index == start { advance() }
        while !atEnd {
            if at(.rightBrace) { return }
            if tokens.startsLine(at: index) && currentKind == .word { return }
            advance()
        }
    }

    /// A clause ends at the end of its line (or at a `}` closing the block there).
    mutating func finishClause() throws(ParseAbort) {
        guard onSameLine, !at(.rightBrace) else { return }
        throw fail("unexpected \(found) at the end of the clause",
                   help: at(.comma) ? "clauses in a block go on separate lines, without commas" : "start each clause on its own line")
    }

    /// Reports an unknown clause keyword with a suggestion, and returns the abort.
    mutating func unknownClause(in block: String, among names: Set<String>) -> ParseAbort {
        let word = current
        guard word.kind == .word else {
            return fail("expected a \(block) clause, found \(found)")
        }
        report(.unknownClause, "unknown \(block) clause `\(word.text)`", at: word.span,
               help: Suggestion.help(for: word.text, among: names)
                   ?? "\(block) clauses are \(names.sorted().map { "`\($0)`" }.joined(separator: ", "))")
        return ParseAbort()
    }
}
