/// The result of parsing one file: the declarations that parsed, and every
/// diagnostic found on the way. Parsing never throws and never stops at the first
/// problem.
public struct ParseResult: Sendable {
    public let file: RuleFile
    public let diagnostics: [Diagnostic]
}

/// Thrown inside the parser once a diagnostic has been recorded, to unwind to the
/// nearest recovery point (a clause or a declaration). Never escapes `parse`.
struct ParseAbort: Error {}

/// A recursive-descent parser for the Coinage rule language.
///
/// Keywords are contextual: the lexer gives words, the parser reads them by
/// position. Recovery happens at declaration boundaries (a declaration keyword
/// first on its line) and, inside blocks, at clause boundaries, so one file with
/// five mistakes gets five diagnostics.
public struct Parser {
    var tokens: LexedTokens
    var index = 0
    var diagnostics: [Diagnostic] = []
    let source: SourceFile
    /// Parentheses and `not`s open around the expression being read.
    var expressionDepth = 0
    /// `and`s and `or`s read in the current condition.
    var conditionTerms = 0
    /// How many experiment arms' blocks are open: an arm holds declarations, so a
    /// declaration keyword in the first column there is an item, not the sign of an
    /// unclosed block.
    var armDepth = 0
    var incomplete: [IncompleteDeclaration] = []
    /// Where the declaration or block item being read starts: a missing token is
    /// placed at the end of the previous line only once the item has begun.
    var itemStart = 0
    /// Where the parser gave up, past `Limits.maxDiagnostics` problems.
    var stoppedAt: Int?

    /// Keywords that start a top-level declaration.
    static let declarationKeywords: KeywordSet = [
        "base", "stacking", "floor", "currency", "rate", "round", "region", "market", "channel",
        "bundle", "custom", "price", "user", "promotion", "gift", "payout", "test", "guard", "allow", "unit", "points",
        "experiment",
    ]

    /// Words that cannot be names: they would make conditions ambiguous.
    package static let reservedWords: KeywordSet = ["and", "or", "not", "in", "true", "false"]

    /// Parses one source file.
    public static func parse(_ source: SourceFile) -> ParseResult {
        if source.bytes.count > Limits.maxFileBytes {
            let diagnostic = Diagnostic(
                .fileTooLarge,
                "file is larger than the \(Limits.maxFileBytes / (1024 * 1024)) MiB a rules file may have",
                at: SourceSpan(file: source.id, start: 0, end: 0),
                help: "split the rules over several `.coin` files in the directory"
            )
            return ParseResult(file: RuleFile(file: source.id, declarations: [], comments: [], incomplete: []), diagnostics: [diagnostic])
        }
        if let offset = firstInvalidUTF8Offset(source.bytes) {
            let diagnostic = Diagnostic(
                .invalidUTF8, "file is not valid UTF-8",
                at: SourceSpan(file: source.id, start: offset, end: offset + 1),
                help: "save the file as UTF-8"
            )
            return ParseResult(file: RuleFile(file: source.id, declarations: [], comments: [], incomplete: []), diagnostics: [diagnostic])
        }
        let lexer = Lexer.tokenize(source)
        var parser = Parser(tokens: lexer.lexed, source: source)
        parser.diagnostics = lexer.diagnostics
        let declarations = parser.parseFile()
        if let offset = lexer.stoppedAt ?? parser.stoppedAt {
            // Every problem found is reported; this says that there may be more.
            parser.report(.tooManyDiagnostics, "this file was not read past here: it has more than \(Limits.maxDiagnostics) problems",
                          at: SourceSpan(file: source.id, start: offset, end: offset),
                          help: "fix the problems above and run the check again")
        }
        return ParseResult(
            file: RuleFile(file: source.id, declarations: declarations, comments: lexer.comments, incomplete: parser.incomplete),
            diagnostics: parser.diagnostics
        )
    }

    init(tokens: LexedTokens, source: SourceFile) {
        self.tokens = tokens
        self.source = source
    }

    // MARK: - The file

    mutating func parseFile() -> [Declaration] {
        var declarations: [Declaration] = []
        while !atEnd {
            if diagnostics.count > Limits.maxDiagnostics { stoppedAt = stoppedAt ?? Int(current.span.start); break }
            let start = index
            itemStart = index
            do {
                if let declaration = try parseDeclaration() {
                    declarations.append(declaration)
                }
            } catch {
                recordIncompleteDeclaration(from: start)
                skipToNextDeclaration(from: start)
            }
            if index == start { index += 1 }
        }
        return declarations
    }

    /// Remembers the keyword and name of an abandoned declaration (`bundle coins_70`,
    /// `region DE`, `base currency`).
    private mutating func recordIncompleteDeclaration(from start: Int) {
        guard tokens.isKeyword(at: start, bits: KeywordNumber.declarationKeywords) else { return }
        let keyword = tokens[start]
        let next = tokens[min(start + 1, tokens.count - 1)]
        let name = next.kind == .word || next.kind == .code ? next.text : nil
        incomplete.append(IncompleteDeclaration(keyword: keyword.text, name: name, span: keyword.span.merged(with: previousSpan)))
    }

    /// Skips the rest of a broken declaration that started at token `start`: up to
    /// the next declaration keyword first on its line, outside any block the broken
    /// declaration opened. The token that broke it may itself start the next
    /// declaration (`rate EUR` followed by `channel web`), so it is not skipped blindly.
    mutating func skipToNextDeclaration(from start: Int) {
        var depth = tokens[start..<index].reduce(0) { $0 + braceDelta($1) }
        if index == start { depth += braceDelta(current); index += 1 }
        while !atEnd {
            let token = current
            if token.startsLine, isDeclarationStart(at: index), depth <= 0 || token.atColumnOne { return }
            // A word in the first column starts a line of its own: a misspelt keyword
            // there is reported rather than skipped.
            if token.atColumnOne, token.kind == .word, depth <= 0 { return }
            depth += braceDelta(token)
            index += 1
        }
    }

    private func braceDelta(_ token: Token) -> Int {
        switch token.kind {
        case .leftBrace: 1
        case .rightBrace: -1
        default: 0
        }
    }

    /// True when `token` starts a top-level declaration. `price` is also a promotion
    /// effect, so it counts only when a name follows (`price coins_70 in JP: ...`).
    func isDeclarationStart(at position: Int) -> Bool {
        guard tokens.isKeyword(at: position, bits: KeywordNumber.declarationKeywords) else { return false }
        let token = tokens[position]
        switch token.text {
        case "price":
            // `price coins_70 in JP: ...`, not the effect `price 4.99 USD`.
            return position + 1 < tokens.count && tokens[position + 1].kind == .word
        case "unit":
            // `unit bit, bits`, not an experiment's `unit user.id`.
            return !(position + 2 < tokens.count && tokens[position + 1].isWord("user") && tokens[position + 2].kind == .dot)
        case "user":
            // `user segment: ...`, not a test's `user segment = vip`.
            return position + 2 < tokens.count && tokens[position + 2].kind == .colon
        case "points":
            // `points app_store {` or `points app_store from "..."`, not a channel's
            // `points app_store nearest` continued on its own line.
            guard position + 2 < tokens.count, tokens[position + 1].kind == .word else { return false }
            let third = tokens[position + 2]
            // A snap's direction may wait for the next line (`points app_store` then `down`).
            let snapDirection = third.isWord("nearest") || third.isWord("up") || third.isWord("down")
            return third.kind == .leftBrace || third.isWord("from") || (third.startsLine && !snapDirection)
        default:
            return true
        }
    }

    // MARK: - Token navigation

    var current: Token { tokens[index] }
    /// The current token's kind, without making the token.
    var currentKind: TokenKind { tokens.kind(at: index) }
    var atEnd: Bool { tokens.kind(at: index) == .endOfFile }

    func peek(_ offset: Int = 1) -> Token {
        tokens[min(index + offset, tokens.count - 1)]
    }

    /// Moves past the current token, unless it is the end of the file. The token is
    /// not made: most callers have read it already, or only its kind.
    mutating func advance() {
        if tokens.kind(at: index) != .endOfFile { index += 1 }
    }

    /// The current token, moved past.
    mutating func take() -> Token {
        let token = tokens[index]
        if token.kind != .endOfFile { index += 1 }
        return token
    }

    /// The span of the token just consumed.
    var previousSpan: SourceSpan { tokens.span(at: max(0, index - 1)) }

    func at(_ kind: TokenKind) -> Bool { tokens.kind(at: index) == kind }
    func atWord(_ keyword: String) -> Bool { tokens.isWord(at: index, keyword) }

    /// True when the current token continues the current line (no newline before it).
    var onSameLine: Bool { !tokens.startsLine(at: index) && !atEnd }

    mutating func consume(_ kind: TokenKind) -> Token? {
        guard at(kind) else { return nil }
        return take()
    }

    /// Moves past the current token when it is of `kind`, and says whether it did.
    mutating func skip(_ kind: TokenKind) -> Bool {
        guard at(kind) else { return false }
        index += 1
        return true
    }

    mutating func consumeWord(_ keyword: String) -> Bool {
        guard atWord(keyword) else { return false }
        index += 1
        return true
    }

    // The context and help of `expect...` are built only when the token is missing:
    // built eagerly, their interpolations were a tenth of parsing a big shop.
    mutating func expect(_ kind: TokenKind, _ context: @autoclosure () -> String,
                         help: @autoclosure () -> String? = nil) throws(ParseAbort) -> Token {
        if let token = consume(kind) { return token }
        throw fail("expected \(kind.displayName) \(context()), found \(found)", help: help())
    }

    mutating func expectWord(_ keyword: String, _ context: @autoclosure () -> String,
                             help: @autoclosure () -> String? = nil) throws(ParseAbort) {
        if consumeWord(keyword) { return }
        throw fail("expected `\(keyword)` \(context()), found \(found)", help: help())
    }

    /// Reports an unexpected token at the current position and returns the abort to throw.
    /// An invalid token was already reported by the lexer, so it is not reported twice.
    mutating func fail(_ message: String, help: String? = nil, code: DiagnosticCode = .expectedToken) -> ParseAbort {
        if currentKind != .invalid {
            report(code, message, at: missingTokenSpan, help: help)
        }
        return ParseAbort()
    }

    /// How the unexpected current token is named in messages. A token on a new line
    /// means the previous line ended too early: that is what the user must fix.
    var found: String {
        tokens.startsLine(at: index) && index > itemStart ? "the end of the line" : current.description
    }

    /// Where a missing token belongs: at the current token, or just after the previous
    /// one when the current token starts a new line.
    var missingTokenSpan: SourceSpan {
        tokens.startsLine(at: index) && index > itemStart ? previousSpan.endPoint : current.span
    }

    mutating func report(_ code: DiagnosticCode, _ message: String, at span: SourceSpan,
                         notes: [DiagnosticNote] = [], help: String? = nil) {
        // The parser looks at the limit between declarations and block items, but one
        // declaration's list can hold a problem per entry (a million uppercase names
        // in a `one of`): past the limit they stop here, and `parse` says where.
        if diagnostics.count > Limits.maxDiagnostics && code != .tooManyDiagnostics {
            if stoppedAt == nil { stoppedAt = Int(span.start) }
            return
        }
        diagnostics.append(Diagnostic(code, message, at: span, notes: notes, help: help))
    }

    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        // Rules are nearly all ASCII: skip the ASCII prefix eight bytes at a time, then
        // decode from the first byte that is not (the decoder cost a tenth of parsing).
        let asciiEnd = asciiPrefixLength(bytes)
        if asciiEnd == bytes.count { return nil }
        var iterator = bytes[asciiEnd...].makeIterator()
        var decoder = UTF8()
        var offset = asciiEnd
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }

    /// How many bytes at the start of `bytes` are ASCII.
    static func asciiPrefixLength(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBytes { raw in
            let count = raw.count
            var offset = 0
            while offset + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                offset += 8
            }
            while offset < count, raw[offset] < 0x80 { offset += 1 }
            return offset
        }
    }
}
