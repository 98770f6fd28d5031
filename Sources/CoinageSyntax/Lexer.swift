/// Turns the bytes of one rules file into tokens and comments.
///
/// The lexer checks the shape of each token only (a date looks like `2026-11-27`);
/// the parser checks values (that the 30th of February does not exist).
public struct Lexer {
    private let bytes: [UInt8]
    private let file: SourceFileID
    private var position = 0
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

    // MARK: - Numbers, dates and times

    private mutating func lexNumberLike() {
        let start = position
        let integerEnd = scanDigits()
        let integerDigits = integerEnd - start
        let next = byte(at: position)

        if integerDigits == 4, next == UInt8(ascii: "-"), isDigit(byte(at: position + 1)) {
            lexDate(from: start)
            return
        }
        if integerDigits <= 2, next == UInt8(ascii: ":"), isDigit(byte(at: position + 1)) {
            position = start
            if integerDigits == 2, scanTime() {
                emit(.time, from: start)
            } else {
                if position == start { _ = skipTimeRest() }
                report(.invalidTime, "malformed time of day", start: start, end: position, help: "write times as `HH:MM`, e.g. `18:00`")
                emit(.invalid, from: start)
            }
            return
        }
        var kind = TokenKind.integer
        if next == UInt8(ascii: "."), isDigit(byte(at: position + 1)) {
            position += 1
            _ = scanDigits()
            kind = .decimal
        }
        let numberEnd = position
        if byte(at: position) == UInt8(ascii: "%") {
            position += 1
            kind = .percent
        }
        // Checked on the bytes: the text is made once, by `emit`, or here for a message.
        let digits = bytes[start..<numberEnd]
        if !Self.hasWellPlacedUnderscores(digits) {
            let text = String(decoding: digits, as: UTF8.self)
            report(.malformedNumber, "malformed number `\(text)`", start: start, end: numberEnd,
                   help: "underscores may only stand between two digits, as in `2_500_000`")
            emit(.invalid, from: start)
            return
        }
        let digitCount = digits.count(where: { $0 != UInt8(ascii: "_") && $0 != UInt8(ascii: ".") })
        if digitCount > Limits.maxLiteralDigits {
            report(.literalTooLarge, "number has \(digitCount) digits, more than the \(Limits.maxLiteralDigits) allowed",
                   start: start, end: numberEnd)
            emit(.invalid, from: start)
            return
        }
        emitInterned(kind, from: start)
    }

    private mutating func lexDate(from start: Int) {
        // Shape: YYYY-MM-DD, then optionally THH:MM or THH:MM:SS. The year was scanned
        // as a number, which may hold `_`: a year is four digits and nothing else.
        var ok = (start..<position).allSatisfy { isDigit(byte(at: $0)) } && byte(at: position) == UInt8(ascii: "-")
        position += 1
        ok = ok && scanExactly(2) && byte(at: position) == UInt8(ascii: "-")
        if ok { position += 1 }
        ok = ok && scanExactly(2)
        guard ok, !isDigit(byte(at: position)) else {
            while isDigit(byte(at: position)) || byte(at: position) == UInt8(ascii: "-") { position += 1 }
            report(.invalidDate, "malformed date", start: start, end: position, help: "write dates as `YYYY-MM-DD`, e.g. `2026-11-27`")
            emit(.invalid, from: start)
            return
        }
        guard byte(at: position) == UInt8(ascii: "T"), isDigit(byte(at: position + 1)) else {
            emit(.date, from: start)
            return
        }
        position += 1
        if scanTime() {
            emit(.dateTime, from: start)
        } else {
            report(.invalidTime, "malformed date-time", start: start, end: position,
                   help: "write date-times as `YYYY-MM-DDTHH:MM`, e.g. `2026-11-27T18:00`")
            emit(.invalid, from: start)
        }
    }

    /// Scans `HH:MM` or `HH:MM:SS` at the current position.
    private mutating func scanTime() -> Bool {
        guard scanExactly(2), byte(at: position) == UInt8(ascii: ":") else { return skipTimeRest() }
        position += 1
        guard scanExactly(2) else { return skipTimeRest() }
        if byte(at: position) == UInt8(ascii: ":"), isDigit(byte(at: position + 1)) {
            position += 1
            guard scanExactly(2) else { return skipTimeRest() }
        }
        return !isDigit(byte(at: position)) || skipTimeRest()
    }

    private mutating func skipTimeRest() -> Bool {
        while isDigit(byte(at: position)) || byte(at: position) == UInt8(ascii: ":") { position += 1 }
        return false
    }

    private mutating func scanExactly(_ count: Int) -> Bool {
        for _ in 0..<count {
            guard isDigit(byte(at: position)) else { return false }
            position += 1
        }
        return true
    }

    /// Scans `[0-9_]*` and returns the position after it.
    private mutating func scanDigits() -> Int {
        while isDigit(byte(at: position)) || byte(at: position) == UInt8(ascii: "_") { position += 1 }
        return position
    }

    // MARK: - Helpers

    private func byte(at index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }
    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func emitChecked(_ kind: TokenKind, from start: Int) {
        if position - start > Limits.maxTokenBytes {
            report(.tokenTooLong, "\(kind == .string ? "string" : "name") is \(position - start) bytes long, more than the \(Limits.maxTokenBytes) allowed",
                   start: start, end: position)
            emit(.invalid, from: start)
            return
        }
        if kind == .string { emit(kind, from: start) } else { emitInterned(kind, from: start) }
    }

    private mutating func emit(_ kind: TokenKind, from start: Int) {
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
    private mutating func emitInterned(_ kind: TokenKind, from start: Int) {
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

    private mutating func report(_ code: DiagnosticCode, _ message: String, start: Int, end: Int, help: String? = nil) {
        diagnostics.append(Diagnostic(code, message, at: SourceSpan(file: file, start: start, end: end), help: help))
    }

    /// Where the run of name bytes (`[A-Za-z0-9_]`) from `start` ends: eight bytes
    /// at a time where eight are there to read, as names are most of a rules file.
    @inline(__always)
    static func nameEnd(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if let base = buffer.baseAddress {
            while index + 8 <= buffer.count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                let others = ~nameBytes(word) & 0x8080_8080_8080_8080
                if others != 0 { return index + others.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index < buffer.count, isNameByte(buffer[index]) { index += 1 }
        return index
    }

    /// The high bit of each byte of `word` set when that byte is a name byte. Each
    /// range test adds to the byte's low seven bits, which cannot carry into the next.
    @inline(__always)
    static func nameBytes(_ word: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low = word & ~high
        func inRange(_ bytes: UInt64, _ first: UInt64, _ last: UInt64) -> UInt64 {
            (bytes &+ ones &* (0x80 - first)) & ~(bytes &+ ones &* (0x7F - last)) & high
        }
        // `| 0x20` folds capitals onto small letters and nothing else onto them.
        let letters = inRange(low | ones &* 0x20, 0x61, 0x7A)
        let digits = inRange(low, 0x30, 0x39)
        let underscores = inRange(low, 0x5F, 0x5F)
        return (letters | digits | underscores) & ~word
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"): true
        default: false
        }
    }

    static func isZoneByte(_ byte: UInt8) -> Bool {
        isNameByte(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }

    private static func startsToken(_ byte: UInt8) -> Bool {
        if isNameByte(byte) { return byte != UInt8(ascii: "_") }
        return Array("{}[]():,.=<>\"# \t\r\n".utf8).contains(byte)
    }

    /// A positive whole number as the language writes it (`5000`, `5_000`), for
    /// command-line arguments that take counts.
    public static func positiveWholeNumber(_ text: String) -> Int64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "_") }),
              hasWellPlacedUnderscores(text), let value = ExactDecimal(parsing: Substring(text))?.integerValue,
              value > 0 else { return nil }
        return value
    }

    static func hasWellPlacedUnderscores(_ text: String) -> Bool {
        hasWellPlacedUnderscores(text.utf8)
    }

    static func hasWellPlacedUnderscores(_ bytes: some Sequence<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            // A separator must follow a digit; the scanner reads only digits, `_` and `.`.
            if byte == UInt8(ascii: "_") || byte == UInt8(ascii: "."),
               !(previous >= UInt8(ascii: "0") && previous <= UInt8(ascii: "9")) { return false }
            previous = byte
        }
        return previous != UInt8(ascii: "_")
    }

    private static func helpForCharacter(_ text: String) -> String? {
        switch text.first {
        case "-": "amounts are never negative; dates are written `2026-11-27`"
        case "'": "strings use double quotes: `\"BF2026\"`"
        case "&": "write `and` for both conditions"
        case "|": "write `or` for either condition"
        case "$", "€", "£", "¥": "write money as an amount and a currency code, e.g. `4.99 USD`"
        case ";": "declarations need no terminator; start the next one on its own line"
        case "_": "names start with a letter, and numbers with a digit"
        default: nil
        }
    }
}
