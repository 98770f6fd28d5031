import CoinageJSON

/// Reads any JSON text (RFC 8259) into a `JSONValue`, for tests that look at what
/// Coinage writes as a whole document, such as the schema tests.
///
/// The package itself never needs a general reader: `RequestLineParser` reads the
/// request shape only. This one is strict like it: no leading zeros, no trailing
/// commas, no control characters in strings, only JSON's escapes, and a key given
/// twice in one object is refused, since a schema cannot say which value counts.
/// A whole number that fits 64 bits is `.integer`; any other number is `.number`
/// with its text as written.
struct JSONReader {
    /// Why a text is not JSON, and the byte (counted from 1) where that was found.
    struct Failure: Error, CustomStringConvertible {
        let message: String
        let byte: Int
        var description: String { "\(message) (at byte \(byte))" }
    }

    /// Nesting deeper than this is refused rather than recursed into.
    static let maxDepth = 256

    private let bytes: [UInt8]
    private var position = 0

    /// The one JSON value `text` holds, with nothing but whitespace around it.
    static func read(_ text: String) throws(Failure) -> JSONValue {
        var reader = JSONReader(bytes: Array(text.utf8))
        reader.skipWhitespace()
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.position == reader.bytes.count else { throw reader.failure("text after the value") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func value(depth: Int) throws(Failure) -> JSONValue {
        guard depth < Self.maxDepth else { throw failure("nested deeper than \(Self.maxDepth)") }
        guard let byte = peek() else { throw failure("expected a JSON value") }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw failure("expected a JSON value")
        }
    }

    private mutating func object(depth: Int) throws(Failure) -> JSONValue {
        position += 1
        var members: [(String, JSONValue)] = []
        var keys: Set<String> = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { position += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw failure("expected a key") }
            let keyStart = position
            let key = try string()
            guard keys.insert(key).inserted else { position = keyStart; throw failure("key `\(key)` is given twice") }
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            members.append((key, try value(depth: depth + 1)))
            skipWhitespace()
            if peek() == UInt8(ascii: ",") { position += 1; continue }
            try expect(UInt8(ascii: "}"))
            return .object(members)
        }
    }

    private mutating func array(depth: Int) throws(Failure) -> JSONValue {
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { position += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            if peek() == UInt8(ascii: ",") { position += 1; continue }
            try expect(UInt8(ascii: "]"))
            return .array(elements)
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func number() throws(Failure) -> JSONValue {
        let start = position
        if peek() == UInt8(ascii: "-") { position += 1 }
        if peek() == UInt8(ascii: "0") {
            position += 1
            if let next = peek(), isDigit(next) { throw failure("a number has a leading zero") }
        } else {
            guard try digits() > 0 else { throw failure("expected a digit") }
        }
        var whole = true
        if peek() == UInt8(ascii: ".") {
            whole = false
            position += 1
            guard try digits() > 0 else { throw failure("expected a digit after `.`") }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            whole = false
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            guard try digits() > 0 else { throw failure("expected a digit in the exponent") }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if whole, let integer = Int64(text) { return .integer(integer) }
        return .number(text)
    }

    private mutating func digits() throws(Failure) -> Int {
        let start = position
        while let byte = peek(), isDigit(byte) { position += 1 }
        return position - start
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func string() throws(Failure) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var run = position
        func flush(_ end: Int) { scalars.append(contentsOf: String(decoding: bytes[run..<end], as: UTF8.self).unicodeScalars) }
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "\""):
                flush(position)
                position += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush(position)
                position += 1
                scalars.append(try escape())
                run = position
            case 0..<0x20:
                throw failure("control character in a string")
            default:
                position += 1
            }
        }
        throw failure("a string has no closing quote")
    }

    /// The character of the escape after a backslash; `\u` takes exactly four hex
    /// digits, and a high surrogate must be followed by a low one.
    private mutating func escape() throws(Failure) -> Unicode.Scalar {
        guard let byte = peek() else { throw failure("a string ends in an escape") }
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try hex4()
            if (0xD800...0xDBFF).contains(unit) {
                guard peek() == UInt8(ascii: "\\") else { throw failure("a high surrogate without a low one") }
                position += 1
                guard peek() == UInt8(ascii: "u") else { throw failure("a high surrogate without a low one") }
                position += 1
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low),
                      let scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) else {
                    throw failure("a high surrogate without a low one")
                }
                return scalar
            }
            guard let scalar = Unicode.Scalar(unit) else { throw failure("a lone low surrogate") }
            return scalar
        default:
            position -= 1
            throw failure("invalid escape")
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek(), let digit = Character(Unicode.Scalar(byte)).hexDigitValue else {
                throw failure("`\\u` takes four hex digits")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    private mutating func literal(_ word: String) throws(Failure) {
        guard bytes[position...].starts(with: word.utf8) else { throw failure("expected `\(word)`") }
        position += word.utf8.count
    }

    private mutating func expect(_ byte: UInt8) throws(Failure) {
        guard peek() == byte else { throw failure("expected `\(Character(Unicode.Scalar(byte)))`") }
        position += 1
    }

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 32 || byte == 9 || byte == 10 || byte == 13 { position += 1 }
    }

    private func failure(_ message: String) -> Failure { Failure(message: message, byte: position + 1) }
}
