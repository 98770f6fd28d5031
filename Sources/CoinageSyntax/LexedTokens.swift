/// A file's tokens as the lexer keeps them: 16 bytes each, the text an index into
/// the file's table of texts (`LexedTexts`, below), the span's file implied.
///
/// A big rules file has hundreds of thousands of tokens alive while it is parsed;
/// as `Token` values (a string and a full span each) they were the parse's peak of
/// memory. Reading one makes the `Token` the parser works with.
struct LexedTokens: RandomAccessCollection, Sendable {
    /// One token, compactly.
    struct Entry: Sendable {
        let start: UInt32
        let end: UInt32
        let text: UInt32
        let kind: TokenKind
        let startsLine: Bool
        let atColumnOne: Bool
    }

    private var entries: [Entry] = []
    /// The texts the entries index (`LexedTexts.texts` once lexing is done).
    var texts: [String] = []
    let file: SourceFileID

    init(file: SourceFileID) {
        self.file = file
    }

    var startIndex: Int { 0 }
    var endIndex: Int { entries.count }

    subscript(position: Int) -> Token {
        let entry = entries[position]
        return Token(text: texts[Int(entry.text)], span: SourceSpan(file: file, checkedStart: entry.start, end: entry.end),
                     kind: entry.kind, startsLine: entry.startsLine, atColumnOne: entry.atColumnOne)
    }

    // The parser's most frequent questions, answered without making the token.

    /// The kind of the token at `position`.
    func kind(at position: Int) -> TokenKind { entries[position].kind }

    /// Where the token at `position` stands.
    func span(at position: Int) -> SourceSpan {
        let entry = entries[position]
        return SourceSpan(file: file, checkedStart: entry.start, end: entry.end)
    }

    /// True when the token at `position` starts in the first column.
    func atColumnOne(at position: Int) -> Bool { entries[position].atColumnOne }

    /// True when the token at `position` is the first on its line.
    func startsLine(at position: Int) -> Bool { entries[position].startsLine }

    /// True when the token at `position` is the word `keyword`.
    func isWord(at position: Int, _ keyword: String) -> Bool {
        let entry = entries[position]
        guard entry.kind == .word, entry.end - entry.start == UInt32(keyword.utf8.count) else { return false }
        return texts[Int(entry.text)] == keyword
    }

    /// How many tokens from `position` on start a line before the `}` that closes
    /// the block they stand in, looking at `limit` tokens at most.
    func blockLineCount(from position: Int, limit: Int) -> Int {
        entries.withUnsafeBufferPointer { entries in
            var lines = 0
            var depth = 0
            var position = position
            let end = Swift.min(entries.count, position + limit)
            while position < end {
                let entry = entries[position]
                if entry.kind == .rightBrace {
                    if depth == 0 { return lines }
                    depth -= 1
                } else if entry.kind == .leftBrace {
                    depth += 1
                } else if entry.kind == .endOfFile {
                    return lines
                }
                if depth == 0, entry.startsLine { lines += 1 }
                position += 1
            }
            return lines
        }
    }

    /// The number of the text of the token at `position` in `texts`.
    func textNumber(at position: Int) -> UInt32 { entries[position].text }

    /// True when the token at `position` is a word of `keywords`: by its text's
    /// number, without comparing strings.
    func isKeyword(at position: Int, in keywords: KeywordSet) -> Bool {
        let entry = entries[position]
        guard entry.kind == .word else { return false }
        return keywords.isInterned ? keywords.contains(textNumber: entry.text) : keywords.contains(texts[Int(entry.text)])
    }

    /// True when the token at `position` is one of the keywords whose places in
    /// `KeywordSet.interned` are the set bits of `bits` (see `KeywordNumber`).
    func isKeyword(at position: Int, bits: UInt64) -> Bool {
        let entry = entries[position]
        let place = entry.text &- LexedTexts.keywordBase
        return entry.kind == .word && place < 64 && bits >> UInt64(place) & 1 != 0
    }

    mutating func reserveCapacity(_ count: Int) { entries.reserveCapacity(count) }

    mutating func append(_ entry: Entry) { entries.append(entry) }
}
