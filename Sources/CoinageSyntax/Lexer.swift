/// Turns the bytes of one rules file into tokens and comments.
///
/// The lexer checks the shape of each token only (a date looks like `2026-11-27`);
/// the parser checks values (that the 30th of February does not exist).
public struct Lexer {
    /// The file, and where the lexer is in it (read by the extensions in `Lexer+*.swift`).
    let bytes: [UInt8]
    private let file: SourceFileID
    var position = 0
    private var lineStart = 0
    private var tokenOnLine = false
    /// The tokens, compactly (see `LexedTokens`); the parser reads them there.
    private(set) var lexed: LexedTokens
    /// The tokens, in order; the last is `.endOfFile`.
    public var tokens: [Token] { Array(lexed) }
    public private(set) var comments: [Comment] = []
    public private(set) var diagnostics: [Diagnostic] = []
    /// Where the lexer gave up, past `Limits.maxDiagnostics` problems; nil when it
    /// read the whole file.
    public private(set) var stoppedAt: Int?
    /// Each distinct token text, made once.
    private var texts = LexedTexts()

    public init(bytes: [UInt8], file: SourceFileID) {
        self.bytes = bytes
        self.file = file
        self.lexed = LexedTokens(file: file)
    }

    /// Lexes the whole file; the token list always ends with `.endOfFile`.
    public static func tokenize(_ source: SourceFile) -> Lexer {
        var lexer = Lexer(bytes: source.bytes, file: source.id)
        // About one token per five bytes in rules as written: one array, not a
        // doubling chain whose last two sizes stand side by side at the peak.
        lexer.lexed.reserveCapacity(source.bytes.count / 5 + 16)
        lexer.run()
        lexer.lexed.texts = lexer.texts.texts
        return lexer
    }

    private mutating func run() {
        // A UTF-8 byte-order mark, as some editors write, is not part of the rules.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3; lineStart = 3 }
        // The common tokens (names, codes, brackets) are read here over the buffer,
        // without a bounds check per byte or a call per token; the rest as before.
        let bytes = self.bytes
        bytes.withUnsafeBufferPointer { buffer in
            while position < buffer.count {
                // Past this many problems the file is not rules: stop rather than fill memory.
                if diagnostics.count > Limits.maxDiagnostics { stoppedAt = position; break }
                let before = position
                let byte = buffer[position]
                switch byte {
                case UInt8(ascii: "\n"):
                    position += 1
                    lineStart = position
                    tokenOnLine = false
                    skipBlanks(buffer)
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    skipBlanks(buffer)
                case UInt8(ascii: "#"):
                    lexComment()
                case UInt8(ascii: "a")...UInt8(ascii: "z"):
                    lexName(buffer, .word)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    lexName(buffer, .code)
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    lexNumber(buffer)
                case UInt8(ascii: "\""):
                    lexString()
                case UInt8(ascii: "{"): lexSingle(.leftBrace, text: 1)
                case UInt8(ascii: "}"): lexSingle(.rightBrace, text: 2)
                case UInt8(ascii: "["): lexSingle(.leftBracket, text: 3)
                case UInt8(ascii: "]"): lexSingle(.rightBracket, text: 4)
                case UInt8(ascii: ","): lexSingle(.comma, text: 8)
                case UInt8(ascii: "."): lexSingle(.dot, text: 9)
                default:
                    lexPunctuation(byte)
                }
                // Every branch consumes input; should one ever not, skip a byte rather than loop.
                if position == before { position += 1 }
            }
        }
        position = bytes.count
        emit(.endOfFile, from: bytes.count)
    }

    /// Skips a run of spaces, tabs and carriage returns at once: after a newline
    /// (indentation) and after a token that reported nothing, not a turn of the main
    /// loop each. Blanks change nothing else, and the loop's check of the number of
    /// diagnostics gives the same answer after them.
    @inline(__always)
    private mutating func skipBlanks(_ buffer: UnsafeBufferPointer<UInt8>) {
        while position < buffer.count,
              buffer[position] == UInt8(ascii: " ") || buffer[position] == UInt8(ascii: "\t") || buffer[position] == UInt8(ascii: "\r") {
            position += 1
        }
    }

    /// A one-byte punctuation token, whose text has the fixed number `text`
    /// (see `LexedTexts.punctuation`).
    @inline(__always)
    private mutating func lexSingle(_ kind: TokenKind, text: UInt32) {
        position += 1
        push(kind, text: text, from: position - 1)
    }

    /// A number from the current byte, a digit. Plain digits with an optional
    /// fraction and `%` (`10598`, `1.00`, `7%`) are emitted here; anything else (`_`,
    /// a date, a time, a second point) is read by `lexNumberLike`.
    @inline(__always)
    private mutating func lexNumber(_ buffer: UnsafeBufferPointer<UInt8>) {
        let start = position
        var end = start + 1
        while end < buffer.count, buffer[end] &- UInt8(ascii: "0") < 10 { end += 1 }
        var kind = TokenKind.integer
        var digits = end - start
        if end + 1 < buffer.count, buffer[end] == UInt8(ascii: "."), buffer[end + 1] &- UInt8(ascii: "0") < 10 {
            end += 2
            while end < buffer.count, buffer[end] &- UInt8(ascii: "0") < 10 { end += 1 }
            kind = .decimal
            digits = end - start - 1
        }
        let next = end < buffer.count ? buffer[end] : 0
        guard next != UInt8(ascii: "_"), next != UInt8(ascii: "."), next != UInt8(ascii: "-"), next != UInt8(ascii: ":"),
              digits <= Limits.maxLiteralDigits else {
            lexNumberLike()
            return
        }
        if next == UInt8(ascii: "%") {
            end += 1
            kind = .percent
        }
        position = end
        push(kind, text: texts.number(buffer, from: start, to: end), from: start)
        skipBlanks(buffer)
    }

    /// A word (`kind` `.word`) or a code (`.code`) from the current byte, a letter.
    @inline(__always)
    private mutating func lexName(_ buffer: UnsafeBufferPointer<UInt8>, _ kind: TokenKind) {
        let start = position
        let end = Self.nameEnd(buffer, from: start + 1)
        position = end
        if kind == .code, end < buffer.count, buffer[end] == UInt8(ascii: "/") {
            // Zone names continue across `/` (`America/Argentina/Buenos_Aires`, `Etc/GMT+5`).
            while position < buffer.count, Self.isZoneByte(buffer[position]) { position += 1 }
            emitChecked(kind, from: start)
        } else if end - start > Limits.maxTokenBytes {
            emitChecked(kind, from: start)
        } else {
            push(kind, text: texts.number(buffer, from: start, to: end), from: start)
            skipBlanks(buffer)
        }
    }

    // MARK: - Token kinds

    private mutating func lexComment() {
        let start = position
        while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
        var end = position
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        comments.append(Comment(
            text: String(decoding: bytes[start..<end], as: UTF8.self),
            span: SourceSpan(file: file, start: start, end: end),
            isTrailing: tokenOnLine
        ))
    }

    /// Reads a string literal. Each kind of fault inside one string is reported once,
    /// at its first place, with a count of the rest: one pasted run of control bytes
    /// is one mistake, not thousands of diagnostics.
    private mutating func lexString() {
        let start = position
        var badEscapes = StringFaults()
        var controls = StringFaults()
        position += 1
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                reportStringFaults(badEscapes: badEscapes, controls: controls)
                emitChecked(.string, from: start)
                return
            }
            if byte == UInt8(ascii: "\n") { break }
            if byte == UInt8(ascii: "\\") {
                let next = position + 1 < bytes.count ? bytes[position + 1] : 0
                if next == UInt8(ascii: "\"") || next == UInt8(ascii: "\\") {
                    position += 1
                } else {
                    // The backslash alone is the fault; what follows is read as usual,
                    // so a line end or the file's end still ends the string.
                    badEscapes.note(at: position, byte: byte)
                }
            } else if byte < 0x20 && byte != UInt8(ascii: "\t") {
                controls.note(at: position, byte: byte)
            }
            position += 1
        }
        reportStringFaults(badEscapes: badEscapes, controls: controls)
        report(.unterminatedString, "string has no closing `\"`", start: start, end: position,
               help: "close the string on the line where it starts")
        emit(.invalid, from: start)
    }

    /// The first place of one kind of fault in a string, and how many there are.
    private struct StringFaults {
        var first: (position: Int, byte: UInt8)?
        var count = 0

        mutating func note(at position: Int, byte: UInt8) {
            if first == nil { first = (position, byte) }
            count += 1
        }

        /// ", and 3 more in this string", or nothing for a single fault.
        var more: String { count > 1 ? ", and \(count - 1) more in this string" : "" }
    }

    private mutating func reportStringFaults(badEscapes: StringFaults, controls: StringFaults) {
        if let first = badEscapes.first {
            report(.invalidEscape, "invalid escape in a string\(badEscapes.more)", start: first.position,
                   end: min(first.position + 2, bytes.count), help: "only `\\\"` and `\\\\` may follow a backslash")
        }
        if let first = controls.first {
            report(.invalidCharacter, "control character \(first.byte) in a string\(controls.more)", start: first.position,
                   end: first.position + 1, help: "strings hold printable text only")
        }
    }

    private mutating func lexPunctuation(_ byte: UInt8) {
        let start = position
        let next: UInt8 = position + 1 < bytes.count ? bytes[position + 1] : 0
        // The kind and its fixed text's number together (see `LexedTexts.punctuation`).
        let kind: TokenKind?
        var fixed: UInt32 = 0
        var width = 1
        switch byte {
        case UInt8(ascii: "{"): kind = .leftBrace; fixed = 1
        case UInt8(ascii: "}"): kind = .rightBrace; fixed = 2
        case UInt8(ascii: "["): kind = .leftBracket; fixed = 3
        case UInt8(ascii: "]"): kind = .rightBracket; fixed = 4
        case UInt8(ascii: "("): kind = .leftParen; fixed = 5
        case UInt8(ascii: ")"): kind = .rightParen; fixed = 6
        case UInt8(ascii: ":"): kind = .colon; fixed = 7
        case UInt8(ascii: ","): kind = .comma; fixed = 8
        case UInt8(ascii: "."): kind = .dot; fixed = 9
        case UInt8(ascii: "="):
            if next == UInt8(ascii: "=") { kind = .equalEqual; fixed = 11; width = 2 } else { kind = .equal; fixed = 10 }
        case UInt8(ascii: "!"):
            if next == UInt8(ascii: "=") { kind = .notEqual; fixed = 12; width = 2 } else { kind = nil }
        case UInt8(ascii: "<"):
            if next == UInt8(ascii: "=") { kind = .lessEqual; fixed = 14; width = 2 } else { kind = .less; fixed = 13 }
        case UInt8(ascii: ">"):
            if next == UInt8(ascii: "=") { kind = .greaterEqual; fixed = 16; width = 2 } else { kind = .greater; fixed = 15 }
        default: kind = nil
        }
        if let kind {
            position += width
            push(kind, text: fixed, from: start)
            return
        }
        if lexWronglyQuotedString() { return }
        // Skip a run of unreadable characters and report it once; the first one is
        // skipped whatever it is (`_` is a name byte but cannot start a token).
        position += 1
        while position < bytes.count, bytes[position] & 0xC0 == 0x80 { position += 1 }
        while position < bytes.count, !Self.startsToken(bytes[position]) {
            position += 1
            while position < bytes.count, bytes[position] & 0xC0 == 0x80 { position += 1 }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        let shown = text.unicodeScalars.count > 12 ? String(text.unicodeScalars.prefix(12)) + "…" : text
        report(.invalidCharacter, "unexpected character\(text.unicodeScalars.count > 1 ? "s" : "") `\(shown)`",
               start: start, end: position, help: Self.helpForCharacter(text))
        emit(.invalid, from: start)
    }

    /// `'BF2026'` or `“BF2026”`: one diagnostic for the whole string, with the fix.
    private mutating func lexWronglyQuotedString() -> Bool {
        let start = position
        let opening: [UInt8]
        let closing: [[UInt8]]
        if bytes[position] == UInt8(ascii: "'") {
            opening = [UInt8(ascii: "'")]
            closing = [opening]
        } else if bytes[position...].starts(with: Array("“".utf8)) || bytes[position...].starts(with: Array("”".utf8)) {
            opening = Array("“".utf8)
            closing = [Array("”".utf8), Array("“".utf8)]
        } else {
            return false
        }
        var end = position + opening.count
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") {
            if let quote = closing.first(where: { bytes[end...].starts(with: $0) }) {
                let content = String(decoding: bytes[(position + opening.count)..<end], as: UTF8.self)
                position = end + quote.count
                report(.invalidCharacter, "strings use straight double quotes", start: start, end: position,
                       help: "write `\"\(content)\"`")
                emit(.invalid, from: start)
                return true
            }
            end += 1
        }
        return false
    }

    // MARK: - Helpers

    func byte(at index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }
    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    mutating func emitChecked(_ kind: TokenKind, from start: Int) {
        if position - start > Limits.maxTokenBytes {
            report(.tokenTooLong, "\(kind == .string ? "string" : "name") is \(position - start) bytes long, more than the \(Limits.maxTokenBytes) allowed",
                   start: start, end: position)
            emit(.invalid, from: start)
            return
        }
        if kind == .string { emit(kind, from: start) } else { emitInterned(kind, from: start) }
    }

    mutating func emit(_ kind: TokenKind, from start: Int) {
        if let fixed = LexedTexts.punctuation(kind) {
            push(kind, text: fixed, from: start)
        } else if kind == .string || kind == .invalid {
            push(kind, text: texts.append(String(decoding: bytes[start..<position], as: UTF8.self)), from: start)
        } else {
            emitInterned(kind, from: start)
        }
    }

    /// Emits a word, code or number, whose text is looked up in `texts`: the path of
    /// most tokens, kept free of the kind tests of `emit`.
    mutating func emitInterned(_ kind: TokenKind, from start: Int) {
        let text = bytes.withUnsafeBufferPointer { [end = position] in texts.number($0, from: start, to: end) }
        push(kind, text: text, from: start)
    }

    /// Appends a token whose text's number is known.
    @inline(__always)
    private mutating func push(_ kind: TokenKind, text: UInt32, from start: Int) {
        lexed.append(LexedTokens.Entry(start: UInt32(clamping: start), end: UInt32(clamping: max(start, position)), text: text,
                                       kind: kind, startsLine: !tokenOnLine, atColumnOne: start == lineStart))
        tokenOnLine = true
    }

    mutating func report(_ code: DiagnosticCode, _ message: String, start: Int, end: Int, help: String? = nil) {
        diagnostics.append(Diagnostic(code, message, at: SourceSpan(file: file, start: start, end: end), help: help))
    }
}
