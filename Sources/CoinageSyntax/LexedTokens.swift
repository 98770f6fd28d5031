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

/// The texts of a file's tokens, each distinct text made into a `String` once and
/// numbered, for `LexedTokens` to index.
///
/// A big rules file writes the same few hundred names and numbers hundreds of
/// thousands of times; decoding each occurrence into a new string was a fifth of
/// parsing. The table hashes the token's bytes (FNV-1a) and hands back the number
/// of the string made for the first occurrence of the same bytes.
struct LexedTexts {
    /// Every text, by number: punctuation first (see `punctuation`), then as lexed.
    private(set) var texts: [String] = []
    /// Indices into the arrays below plus one (zero is an empty slot), open addressing.
    private var slots = [Int32](repeating: 0, count: 1024)
    /// Per text: its hash and length in one word (`unkeyed` for a text that is not
    /// looked up), and where its bytes first stood in the file. The probe reads only
    /// these; the string is touched on a hit.
    private var keys: [UInt64] = []
    private var starts: [Int] = []
    /// Texts longer than this are decoded each time: they are rarely repeated.
    private static let longest = 64
    private static let unkeyed = UInt64.max

    /// The texts of punctuation and the end of the file, numbered by `punctuation`.
    private static let fixed: [TokenKind: String] = [
        .endOfFile: "", .leftBrace: "{", .rightBrace: "}", .leftBracket: "[", .rightBracket: "]",
        .leftParen: "(", .rightParen: ")", .colon: ":", .comma: ",", .dot: ".", .equal: "=",
        .equalEqual: "==", .notEqual: "!=", .less: "<", .lessEqual: "<=", .greater: ">", .greaterEqual: ">=",
    ]
    private static let fixedKinds: [TokenKind] = [
        .endOfFile, .leftBrace, .rightBrace, .leftBracket, .rightBracket, .leftParen, .rightParen, .colon, .comma,
        .dot, .equal, .equalEqual, .notEqual, .less, .lessEqual, .greater, .greaterEqual,
    ]

    init() {
        for kind in Self.fixedKinds { _ = append(Self.fixed[kind] ?? "") }
    }

    /// The number of the fixed text of `kind` (punctuation, the end of the file), or
    /// nil for a kind whose text is what was written.
    static func punctuation(_ kind: TokenKind) -> UInt32? {
        switch kind {
        case .endOfFile: 0
        case .leftBrace: 1
        case .rightBrace: 2
        case .leftBracket: 3
        case .rightBracket: 4
        case .leftParen: 5
        case .rightParen: 6
        case .colon: 7
        case .comma: 8
        case .dot: 9
        case .equal: 10
        case .equalEqual: 11
        case .notEqual: 12
        case .less: 13
        case .lessEqual: 14
        case .greater: 15
        case .greaterEqual: 16
        case .word, .code, .integer, .decimal, .percent, .date, .dateTime, .time, .string, .invalid: nil
        }
    }

    /// A text that is not looked up (a string literal, an invalid token): a number of its own.
    mutating func append(_ text: String) -> UInt32 {
        texts.append(text)
        keys.append(Self.unkeyed)
        starts.append(0)
        return UInt32(texts.count - 1)
    }

    /// The number of the text of `bytes[start..<end]`, which is valid UTF-8.
    mutating func number(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> UInt32 {
        let length = end - start
        guard length <= Self.longest, let base = bytes.baseAddress else {
            return append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
        }
        var hash: UInt32 = 2_166_136_261
        for index in start..<end { hash = (hash ^ UInt32(base[index])) &* 16_777_619 }
        let key = UInt64(hash) << 32 | UInt64(length)
        let found = slots.withUnsafeBufferPointer { slots in
            keys.withUnsafeBufferPointer { keys in
                starts.withUnsafeBufferPointer { starts in
                    let mask = slots.count - 1
                    var slot = Int(truncatingIfNeeded: hash) & mask
                    while slots[slot] != 0 {
                        let index = Int(slots[slot]) - 1
                        if keys[index] == key, Self.same(base + starts[index], base + start, length) { return index }
                        slot = (slot + 1) & mask
                    }
                    return -1
                }
            }
        }
        if found >= 0 { return UInt32(found) }
        texts.append(String(decoding: UnsafeBufferPointer(start: base + start, count: length), as: UTF8.self))
        keys.append(key)
        starts.append(start)
        keyedCount += 1
        // At most half full, so that probes stay short.
        if keyedCount * 2 > slots.count {
            slots = [Int32](repeating: 0, count: slots.count * 2)
            for index in keys.indices where keys[index] != Self.unkeyed { place(index) }
        } else {
            place(keys.count - 1)
        }
        return UInt32(texts.count - 1)
    }

    /// How many texts are in `slots`.
    private var keyedCount = 0

    private mutating func place(_ index: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: keys[index] >> 32) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index + 1)
    }

    private static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        for offset in 0..<length where a[offset] != b[offset] { return false }
        return true
    }
}
