import CoinageJSON

/// Reads one JSON document (a request body) into a `JSONValue`, object members in
/// the order given. It accepts what Foundation's `JSONSerialization` accepted, which
/// the service read bodies with before: RFC 8259 text in UTF-8, one leading byte
/// order mark, and a trailing comma before a closing `}` or `]`. Containers nest at
/// most `maxDepth` deep, so a body of brackets cannot exhaust a thread's stack.
///
/// A number without fraction or exponent that fits 64 bits is `.integer`; any other
/// is `.number` with its text, whose value `wholeNumber(_:)` reads exactly.
struct JSONDocumentReader {
    /// The deepest nesting read, the top-level container counting 1: as deep as
    /// `JSONSerialization` reads.
    static let maxDepth = 512

    private let bytes: [UInt8]
    private var position = 0

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The document, or nil when the bytes are not exactly one JSON value.
    static func read(_ bytes: [UInt8]) -> JSONValue? {
        var reader = JSONDocumentReader(bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.position = 3 }
        reader.skipSpace()
        guard let value = reader.value(depth: 1) else { return nil }
        reader.skipSpace()
        return reader.position == bytes.count ? value : nil
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipSpace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    /// Consumes `byte` when it comes next.
    private mutating func take(_ byte: UInt8) -> Bool {
        guard current == byte else { return false }
        position += 1
        return true
    }

    private mutating func value(depth: Int) -> JSONValue? {
        switch current {
        case UInt8(ascii: "{"): return depth <= Self.maxDepth ? object(depth: depth) : nil
        case UInt8(ascii: "["): return depth <= Self.maxDepth ? array(depth: depth) : nil
        case UInt8(ascii: "\""): return string().map { .string($0) }
        case UInt8(ascii: "t"): return word("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return word("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return word("null") ? .null : nil
        default: return number()
        }
    }

    private mutating func word(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard bytes.count - position >= count,
              bytes[position..<position + count].elementsEqual(UnsafeBufferPointer(start: text.utf8Start, count: count)) else {
            return false
        }
        position += count
        return true
    }

    private mutating func object(depth: Int) -> JSONValue? {
        position += 1
        var members: [(String, JSONValue)] = []
        skipSpace()
        if take(UInt8(ascii: "}")) { return .object(members) }
        while true {
            guard current == UInt8(ascii: "\""), let key = string() else { return nil }
            skipSpace()
            guard take(UInt8(ascii: ":")) else { return nil }
            skipSpace()
            guard let value = value(depth: depth + 1) else { return nil }
            members.append((key, value))
            skipSpace()
            if take(UInt8(ascii: "}")) { return .object(members) }
            guard take(UInt8(ascii: ",")) else { return nil }
            skipSpace()
            if take(UInt8(ascii: "}")) { return .object(members) }
        }
    }

    private mutating func array(depth: Int) -> JSONValue? {
        position += 1
        var elements: [JSONValue] = []
        skipSpace()
        if take(UInt8(ascii: "]")) { return .array(elements) }
        while true {
            guard let element = value(depth: depth + 1) else { return nil }
            elements.append(element)
            skipSpace()
            if take(UInt8(ascii: "]")) { return .array(elements) }
            guard take(UInt8(ascii: ",")) else { return nil }
            skipSpace()
            if take(UInt8(ascii: "]")) { return .array(elements) }
        }
    }

    /// A string literal, its escapes resolved; nil for a control character, a bad
    /// escape, a lone surrogate or bytes that are not UTF-8.
    private mutating func string() -> String? {
        position += 1
        var utf8: [UInt8] = []
        while let byte = current {
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(validating: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escaped = escape() else { return nil }
                UTF8.encode(escaped) { utf8.append($0) }
            case ..<0x20:
                return nil
            default:
                utf8.append(byte)
            }
        }
        return nil
    }

    /// The character after a backslash (already consumed), with its `\uXXXX` pair.
    private mutating func escape() -> Unicode.Scalar? {
        guard let byte = current else { return nil }
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return Unicode.Scalar(byte)
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            guard let unit = hexUnit() else { return nil }
            guard (0xD800..<0xDC00).contains(unit) else { return Unicode.Scalar(unit) }
            // A high surrogate counts only with the low one escaped right after it.
            guard word("\\u"), let low = hexUnit(), (0xDC00..<0xE000).contains(low) else { return nil }
            return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
        default: return nil
        }
    }

    /// Four hex digits, as a UTF-16 code unit.
    private mutating func hexUnit() -> UInt32? {
        guard bytes.count - position >= 4 else { return nil }
        var unit: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Self.hexValue(bytes[position]) else { return nil }
            unit = unit << 4 | UInt32(digit)
            position += 1
        }
        return unit
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`; a number too large for a
    /// `Double` is refused, as `JSONSerialization` refused it.
    private mutating func number() -> JSONValue? {
        let start = position
        _ = take(UInt8(ascii: "-"))
        guard let first = current, Self.isDigit(first) else { return nil }
        position += 1
        if first != UInt8(ascii: "0") { _ = skipDigits() }
        var whole = true
        if take(UInt8(ascii: ".")) {
            whole = false
            guard skipDigits() else { return nil }
        }
        if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
            whole = false
            if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
            guard skipDigits() else { return nil }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if whole, let integer = Int64(text) { return .integer(integer) }
        guard whole || Double(text)?.isFinite == true else { return nil }
        return .number(text)
    }

    /// Skips a run of digits: whether there was one.
    private mutating func skipDigits() -> Bool {
        let start = position
        while let byte = current, Self.isDigit(byte) { position += 1 }
        return position > start
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// The value of a number when it is a whole number that fits 64 bits, read from
    /// its text exactly: `3`, `3.0`, `1e2` and `1.5e1` are whole, `2.5` and
    /// `1.000000000000000001` are not. Nil for anything else, `true` included.
    static func wholeNumber(_ value: JSONValue) -> Int64? {
        switch value {
        case .integer(let integer): return integer
        case .number(let text): return wholeNumber(text: Array(text.utf8))
        default: return nil
        }
    }

    /// The digits of a number's text with the decimal point moved into the exponent,
    /// then multiplied out when the result has no fraction and fits.
    private static func wholeNumber(text: [UInt8]) -> Int64? {
        var index = 0
        let negative = text.first == UInt8(ascii: "-")
        if negative { index += 1 }
        var digits: [UInt8] = []
        var exponent = 0
        while index < text.count, isDigit(text[index]) { digits.append(text[index] - 48); index += 1 }
        if index < text.count, text[index] == UInt8(ascii: ".") {
            index += 1
            while index < text.count, isDigit(text[index]) { digits.append(text[index] - 48); exponent -= 1; index += 1 }
        }
        if index < text.count, text[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            let minus = index < text.count && text[index] == UInt8(ascii: "-")
            if index < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") { index += 1 }
            var written = 0
            // Capped: any exponent past a million makes the number too large or not whole alike.
            while index < text.count, isDigit(text[index]) { written = min(written * 10 + Int(text[index] - 48), 1_000_000); index += 1 }
            exponent += minus ? -written : written
        }
        while digits.last == 0 { digits.removeLast(); exponent += 1 }
        guard let firstSignificant = digits.firstIndex(where: { $0 != 0 }) else { return 0 }
        digits.removeFirst(firstSignificant)
        guard exponent >= 0, digits.count + exponent <= 19 else { return nil }
        var result: Int64 = 0
        for digit in digits + [UInt8](repeating: 0, count: exponent) {
            let (shifted, over) = result.multipliedReportingOverflow(by: 10)
            let (sum, carry) = shifted.addingReportingOverflow(Int64(digit))
            guard !over, !carry else { return nil }
            result = sum
        }
        return negative ? -result : result
    }
}
