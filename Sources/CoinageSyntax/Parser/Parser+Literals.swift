extension Parser {
    /// A lowercase name for a declaration: `bundle coins_70`.
    mutating func parseName(_ what: String) throws(ParseAbort) -> Name {
        let token = current
        switch token.kind {
        case .word:
            let isReserved = tokens.isKeyword(at: index, bits: KeywordNumber.reservedWords)
            advance()
            if hasCapital(token.span) {
                report(.invalidName, "\(what) names are lowercase, found `\(token.text)`", at: token.span,
                       help: "write `\(Self.lowercaseName(token.text))`")
            } else if isReserved {
                report(.reservedName, "`\(token.text)` is a reserved word and cannot name a \(what)", at: token.span,
                       help: "choose another name, e.g. `\(token.text)_\(what)`")
            }
            return Name(token.text, span: token.span)
        case .code:
            advance()
            report(.invalidName, "\(what) names are lowercase, found `\(token.text)`", at: token.span,
                   help: "write `\(Self.lowercaseName(token.text))`")
            return Name(Self.lowercaseName(token.text), span: token.span)
        default:
            throw fail("expected a \(what) name, found \(found)")
        }
    }

    /// True when the source text of `span` (a word's) has a capital letter: read from
    /// the file's bytes, which is quicker than the word's string for every name parsed.
    func hasCapital(_ span: SourceSpan) -> Bool {
        source.bytes.withUnsafeBufferPointer { bytes in
            let end = min(Int(span.end), bytes.count)
            var index = min(Int(span.start), end)
            while index < end {
                if bytes[index] >= UInt8(ascii: "A") && bytes[index] <= UInt8(ascii: "Z") { return true }
                index += 1
            }
            return false
        }
    }

    /// A region code: two capital letters.
    mutating func parseRegionCode(_ context: String) throws(ParseAbort) -> Code {
        try parseCode(length: 2, what: "region code", context: context, example: "DE")
    }

    /// A currency code: three capital letters.
    mutating func parseCurrencyCode(_ context: String) throws(ParseAbort) -> Code {
        try parseCode(length: 3, what: "currency code", context: context, example: "EUR")
    }

    private mutating func parseCode(length: Int, what: String, context: String, example: String) throws(ParseAbort) -> Code {
        let token = current
        guard token.kind == .code || (token.kind == .word && token.text.count == length) else {
            throw fail("expected a \(what) \(context), found \(found)")
        }
        advance()
        let isWellFormed = token.kind == .code && token.text.utf8.count == length
            && token.text.utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
        if !isWellFormed {
            let capitals = Self.uppercaseCode(token.text)
            let help = token.text.utf8.count == length && capitals != token.text
                ? "codes are written in capitals: `\(capitals)`"
                : "a \(what) is \(length) capital letters, e.g. `\(example)`"
            report(.invalidCode, "`\(token.text)` is not a \(what)", at: token.span, help: help)
        }
        return Code(token.text, span: token.span)
    }

    /// A number literal, integer or decimal.
    mutating func parseNumber(_ context: @autoclosure () -> String) throws(ParseAbort) -> NumberLiteral {
        let token = current
        guard token.kind == .integer || token.kind == .decimal else {
            throw fail("expected a number \(context()), found \(found)")
        }
        advance()
        // Decoded once, from the file's bytes: the text is only needed for a message.
        guard let value = decimal(of: token.span) else { throw outOfRange(token, text: Substring(token.text)) }
        return NumberLiteral(value: value, isInteger: token.kind == .integer, span: token.span)
    }

    /// A whole number: `1_000`. Anything else is reported, and the item abandoned.
    mutating func parseInteger(_ what: @autoclosure () -> String) throws(ParseAbort) -> NumberLiteral {
        let literal = try parseNumber("for \(what())")
        if !literal.isInteger || literal.value.integerValue == nil {
            report(.integerExpected, "\(what()) must be a whole number, found `\(source.text(of: literal.span))`",
                   at: literal.span)
            throw ParseAbort()
        }
        return literal
    }

    /// The value of the number written at `span` (a `%` excluded by the caller), or
    /// nil when an exact 64-bit decimal cannot hold it.
    func decimal(of span: SourceSpan, droppingLast dropped: Int = 0) -> ExactDecimal? {
        source.bytes.withUnsafeBufferPointer { bytes in
            let end = min(Int(span.end) - dropped, bytes.count)
            return ExactDecimal(parsing: UnsafeBufferPointer(rebasing: bytes[min(Int(span.start), max(end, 0))..<max(end, 0)]))
        }
    }

    /// Reports a number that an exact 64-bit decimal cannot hold, and returns the
    /// abort that abandons the item: a value read as zero instead would only cause
    /// more diagnostics.
    mutating func outOfRange(_ token: Token, text: Substring) -> ParseAbort {
        let decimals = text.firstIndex(of: ".").map { text[text.index(after: $0)...].count(where: { $0 != "_" }) } ?? 0
        if decimals > Limits.maxDecimalScale {
            report(.literalTooLarge, "number `\(text)` has \(decimals) decimals, more than the \(Limits.maxDecimalScale) allowed",
                   at: token.span)
        } else {
            report(.literalTooLarge, "number `\(text)` is too large", at: token.span,
                   help: "numbers must stay below 9_223_372_036_854_775_807 once the decimal point is removed")
        }
        return ParseAbort()
    }

    /// `20%` or `12.5%`.
    mutating func parsePercent(_ context: String) throws(ParseAbort) -> PercentLiteral {
        let token = current
        guard token.kind == .percent else {
            if token.kind == .integer || token.kind == .decimal {
                throw fail("expected a percentage \(context), found \(found)",
                           help: "write a percentage with its sign: `\(token.text)%`")
            }
            throw fail("expected a percentage \(context), found \(found)")
        }
        advance()
        guard let value = decimal(of: token.span, droppingLast: 1) else { throw outOfRange(token, text: token.text.dropLast()) }
        return PercentLiteral(value: value, span: token.span)
    }

    /// `4.99 USD`.
    mutating func parseMoney(_ context: String, percentAllowed: Bool = false) throws(ParseAbort) -> MoneyLiteral {
        let amount = try parseNumber(context)
        guard currentKind == .code else {
            let written = source.text(of: amount.span)
            throw fail("expected a currency code after `\(written)`, found \(found)",
                       help: percentAllowed ? "write `\(written)%` for a percentage, or `\(written) USD` for an amount"
                           : "money is an amount and a currency, e.g. `\(written) USD`")
        }
        let currency = try parseCurrencyCode("after the amount")
        return MoneyLiteral(amount: amount, currency: currency)
    }

    /// A date or date-time token, checked to name a real day and time.
    mutating func parseTimePoint(_ context: String) throws(ParseAbort) -> TimePoint {
        let token = current
        guard token.kind == .date || token.kind == .dateTime else {
            throw fail("expected a date or a date-time \(context), found \(found)",
                       help: "write `2026-11-27` or `2026-11-27T18:00`")
        }
        advance()
        let bytes = tokenBytes(token)
        func digits(_ range: Range<Int>) -> Int {
            bytes[(bytes.startIndex + range.lowerBound)..<(bytes.startIndex + range.upperBound)]
                .reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        guard let date = CivilDate(year: digits(0..<4), month: digits(5..<7), day: digits(8..<10)) else {
            report(.invalidDate, "`\(token.text.prefix(10))` is not a date in the calendar", at: token.span,
                   help: "months run from 01 to 12, and days to the month's last day")
            throw ParseAbort()
        }
        guard token.kind == .dateTime else { return TimePoint(date: date, time: nil, span: token.span) }
        let time = try timeOfDay(bytes: bytes[(bytes.startIndex + 11)...], token: token)
        return TimePoint(date: date, time: time, span: token.span)
    }

    /// `18:00`.
    mutating func parseTime(_ context: String) throws(ParseAbort) -> TimeLiteral {
        let token = current
        guard token.kind == .time else {
            throw fail("expected a time of day \(context), found \(found)", help: "write times as `HH:MM`, e.g. `18:00`")
        }
        advance()
        return TimeLiteral(time: try timeOfDay(bytes: tokenBytes(token), token: token), span: token.span)
    }

    /// The bytes of `token` in the file: a slice, so reading a date or a time makes no array.
    private func tokenBytes(_ token: Token) -> ArraySlice<UInt8> {
        let end = min(Int(token.span.end), source.bytes.count)
        return source.bytes[min(Int(token.span.start), end)..<end]
    }

    private mutating func timeOfDay(bytes: ArraySlice<UInt8>, token: Token) throws(ParseAbort) -> TimeOfDay {
        func digits(_ range: Range<Int>) -> Int {
            bytes[(bytes.startIndex + range.lowerBound)..<(bytes.startIndex + range.upperBound)]
                .reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        // The lexer guarantees `H:MM`, `HH:MM` or `HH:MM:SS`.
        let colon = (bytes.firstIndex(of: UInt8(ascii: ":")) ?? bytes.startIndex) - bytes.startIndex
        let hour = digits(0..<colon)
        let minute = digits((colon + 1)..<(colon + 3))
        let second = bytes.count > colon + 3 ? digits((colon + 4)..<(colon + 6)) : 0
        guard let time = TimeOfDay(hour: hour, minute: minute, second: second) else {
            report(.invalidTime, "`\(token.text)` is not a time of day", at: token.span,
                   help: "hours run from 00 to 23 and minutes from 00 to 59; a day ends at `23:59` or at the next day's `00:00`")
            throw ParseAbort()
        }
        return time
    }

    /// `"BF2026"`, with escapes resolved.
    mutating func parseString(_ context: String) throws(ParseAbort) -> StringLiteral {
        let token = current
        guard token.kind == .string else {
            throw fail("expected a string \(context), found \(found)", help: "strings use double quotes: `\"BF2026\"`")
        }
        advance()
        // Nearly every string has no escape: its value is the bytes between the quotes.
        let inside = (Int(token.span.start) + 1)..<max(Int(token.span.start) + 1, Int(token.span.end) - 1)
        if inside.upperBound <= source.bytes.count, !source.bytes[inside].contains(UInt8(ascii: "\\")) {
            return StringLiteral(value: String(decoding: source.bytes[inside], as: UTF8.self), span: token.span)
        }
        var value = ""
        var escaped = false
        for character in token.text.dropFirst().dropLast() {
            if escaped || character != "\\" {
                value.append(character)
                escaped = false
            } else {
                escaped = true
            }
        }
        return StringLiteral(value: value, span: token.span)
    }

    /// `local` or an IANA zone name, if one follows on the same line.
    mutating func parseOptionalZone() throws(ParseAbort) -> ZoneSpec? {
        guard onSameLine else { return nil }
        if atWord("local") { return .local(take().span) }
        if currentKind == .code { return .named(Code(take().text, span: previousSpan)) }
        return nil
    }

    static func uppercaseCode(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            guard scalar.value >= 97, scalar.value <= 122, let upper = Unicode.Scalar(scalar.value - 32) else {
                return Character(scalar)
            }
            return Character(upper)
        })
    }

    static func lowercaseName(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            guard scalar.value >= 65, scalar.value <= 90, let lower = Unicode.Scalar(scalar.value + 32) else {
                return Character(scalar)
            }
            return Character(lower)
        })
    }
}
