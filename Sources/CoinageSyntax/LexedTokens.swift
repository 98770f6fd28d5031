/// A file's tokens as the lexer keeps them: 16 bytes each, the text an index into
/// the file's table of texts (`LexedTexts`), the span's file implied.
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

    /// True when the token at `position` is the first on its line.
    func startsLine(at position: Int) -> Bool { entries[position].startsLine }

    /// True when the token at `position` is the word `keyword`.
    func isWord(at position: Int, _ keyword: String) -> Bool {
        let entry = entries[position]
        guard entry.kind == .word, entry.end - entry.start == UInt32(keyword.utf8.count) else { return false }
        return texts[Int(entry.text)] == keyword
    }

    mutating func reserveCapacity(_ count: Int) { entries.reserveCapacity(count) }

    mutating func append(_ entry: Entry) { entries.append(entry) }
}
