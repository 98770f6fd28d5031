/// The kinds of token a rules file is made of.
///
/// Keywords are not token kinds: the language reads them in context, so a lowercase
/// word is a `word` and the parser decides whether it is `bundle` the keyword or a
/// name such as `coins_700`.
public enum TokenKind: Hashable, Sendable {
    /// `[a-z][a-z0-9_]*`: keywords and names.
    case word
    /// Starts with a capital: region and currency codes, zone names (`Europe/Berlin`).
    case code
    /// `1_000`
    case integer
    /// `4.99`
    case decimal
    /// `20%`, `12.5%`
    case percent
    /// `2026-11-27`
    case date
    /// `2026-11-27T18:00` or `2026-11-27T18:00:30`
    case dateTime
    /// `18:00`
    case time
    /// `"BF2026"`
    case string
    case leftBrace, rightBrace, leftBracket, rightBracket, leftParen, rightParen
    case colon, comma, dot
    case equal, equalEqual, notEqual, less, lessEqual, greater, greaterEqual
    /// Something the lexer could not read; it has already reported why.
    case invalid
    case endOfFile

    /// How the token kind is named in "expected ..." messages.
    public var displayName: String {
        switch self {
        case .word: "a name"
        case .code: "a code"
        case .integer: "a whole number"
        case .decimal: "a decimal number"
        case .percent: "a percentage"
        case .date: "a date"
        case .dateTime: "a date-time"
        case .time: "a time of day"
        case .string: "a string"
        case .leftBrace: "`{`"
        case .rightBrace: "`}`"
        case .leftBracket: "`[`"
        case .rightBracket: "`]`"
        case .leftParen: "`(`"
        case .rightParen: "`)`"
        case .colon: "`:`"
        case .comma: "`,`"
        case .dot: "`.`"
        case .equal: "`=`"
        case .equalEqual: "`==`"
        case .notEqual: "`!=`"
        case .less: "`<`"
        case .lessEqual: "`<=`"
        case .greater: "`>`"
        case .greaterEqual: "`>=`"
        case .invalid: "an invalid token"
        case .endOfFile: "the end of the file"
        }
    }
}

/// One token: its kind, its text and where it stands.
public struct Token: Hashable, Sendable {
    // Text and span first, the one-byte fields after them: 32 bytes a token, not 40
    // (a big file has hundreds of thousands of tokens alive at once).
    public let text: String
    public let span: SourceSpan
    public let kind: TokenKind
    /// True when the token is the first on its line: the parser's recovery uses it
    /// to find where the next declaration starts.
    public let startsLine: Bool
    /// True when the token starts in the first column: a declaration keyword there,
    /// inside a block, means the block was never closed.
    public let atColumnOne: Bool

    public func isWord(_ keyword: String) -> Bool {
        // Lengths first: comparing two different short strings is a call into the
        // runtime, and the parser asks this of nearly every word it reads.
        kind == .word && text.utf8.count == keyword.utf8.count && text == keyword
    }

    /// How the token is named in "found ..." messages.
    public var description: String {
        switch kind {
        case .endOfFile: "the end of the file"
        case .string: "the string \(text)"
        default: "`\(text)`"
        }
    }
}

/// A `#` comment, kept so that the formatter can put every comment back.
public struct Comment: Hashable, Sendable {
    public let text: String
    public let span: SourceSpan
    /// True when code precedes the comment on its line (`rate EUR 0.92  # ...`).
    public let isTrailing: Bool
}
