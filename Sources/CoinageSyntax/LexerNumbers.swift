/// Numbers, dates, date-times and times of day, as the lexer reads them: the shape of
/// each is checked here, its value by the parser.
extension Lexer {
    mutating func lexNumberLike() {
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
}
