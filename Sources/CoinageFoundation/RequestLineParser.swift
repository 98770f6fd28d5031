import Coinage
import CoinageSyntax

/// Why a request line was refused; the message names the key or the byte.
public struct RequestLineError: Error, Hashable, Sendable {
    public let message: String
}

/// Reads one JSON request line into a `QuoteRequest`: exact and strict.
///
/// Built for the request shape only, so a batch does not pay for a general JSON
/// decoder: a line is read once, byte by byte, into the request. Anything it does
/// not expect (an unknown key, a key given twice, a wrong type, a fraction where a
/// count goes, trailing text) refuses the line with a reason, never a guess.
///
/// `{"bundle":"coins_700","region":"DE","channel":"web","at":"2026-11-28T10:00:00Z",
///   "user":{"segment":"vip","first_purchase":true},"codes":["BF2026"],
///   "redemptions":{"vip_code":{"total":120,"user":0}},"explain":false}`
public struct RequestLineParser {
    private let bytes: ArraySlice<UInt8>
    private var position: Int
    private let attributes: [String: UserAttribute]

    /// What every line of one rule set needs: built once per batch, not per line.
    public struct Context: Sendable {
        let attributes: [String: UserAttribute]

        public init(rules: RuleSet) {
            attributes = Dictionary(uniqueKeysWithValues: rules.userAttributes.map { ($0.name, $0) })
        }
    }

    /// Parses a line; `now` is used when the request gives no `"at"`.
    public static func parse(_ line: ArraySlice<UInt8>, rules: RuleSet, now: Int64) -> Result<QuoteRequest, RequestLineError> {
        parse(line, context: Context(rules: rules), now: now)
    }

    /// Parses a line with a context made once for many lines.
    public static func parse(_ line: ArraySlice<UInt8>, context: Context, now: Int64) -> Result<QuoteRequest, RequestLineError> {
        var parser = RequestLineParser(bytes: line, attributes: context.attributes)
        do throws(RequestLineError) {
            return .success(try parser.request(now: now))
        } catch {
            return .failure(error)
        }
    }

    init(bytes: ArraySlice<UInt8>, attributes: [String: UserAttribute]) {
        self.bytes = bytes
        self.position = bytes.startIndex
        self.attributes = attributes
    }

    private mutating func request(now: Int64) throws(RequestLineError) -> QuoteRequest {
        // JSON allows whitespace before the value; editors may put a byte-order mark first.
        if bytes[position...].starts(with: [0xEF, 0xBB, 0xBF]) { position += 3 }
        skipWhitespace()
        var item: QuoteRequest.Item?
        var region: String?
        var channel: String?
        var instant: Int64?
        var user: [String: UserValue] = [:]
        var codes: [String] = []
        var redemptions: [String: Redemptions] = [:]
        var explain = false
        // The top-level keys are few and fixed: a bit each marks them seen.
        var seen: UInt16 = 0
        try object { (parser: inout RequestLineParser, key: String) throws(RequestLineError) in
            let bit: UInt16 = switch key {
            case "bundle": 1
            case "coins": 2
            case "region": 4
            case "channel": 8
            case "at": 16
            case "user": 32
            case "codes": 64
            case "redemptions": 128
            case "explain": 256
            default: 0
            }
            if bit != 0 {
                guard seen & bit == 0 else { throw parser.error("key `\(key)` is given twice") }
                seen |= bit
            }
            switch key {
            case "bundle":
                guard item == nil else { throw parser.error("give `bundle` or `coins`, not both") }
                item = .bundle(try parser.string())
            case "coins":
                guard item == nil else { throw parser.error("give `bundle` or `coins`, not both") }
                let count = try parser.integer()
                guard count > 0 else { throw parser.error("`coins` must be 1 or more") }
                item = .coins(count)
            case "region": region = try parser.string()
            case "channel": channel = try parser.nullOr { (p: inout RequestLineParser) throws(RequestLineError) in try p.string() }
            case "at":
                let text = try parser.string()
                guard let value = InstantParser.parse(text) else {
                    throw parser.error("`at` is not a date or date-time: `\(text)`; write `2026-11-28T10:00:00Z` or `2026-11-28`")
                }
                instant = value
            case "user": user = try parser.userFacts()
            case "codes":
                try parser.array { (p: inout RequestLineParser) throws(RequestLineError) in codes.append(try p.string()) }
            case "redemptions": redemptions = try parser.redemptions()
            case "explain": explain = try parser.boolean()
            default:
                throw parser.error("unknown key `\(key)`; a request has bundle or coins, region, channel, at, user, codes, redemptions, explain")
            }
        }
        skipWhitespace()
        guard position == bytes.endIndex else { throw error("unexpected text after the request object") }
        guard let item else { throw error("the request names no `bundle` and no `coins`") }
        guard let region else { throw error("the request names no `region`") }
        return QuoteRequest(item: item, region: region, channel: channel, instant: instant ?? now, user: user,
                            codes: codes, redemptions: redemptions, explain: explain)
    }

    private mutating func userFacts() throws(RequestLineError) -> [String: UserValue] {
        var facts: [String: UserValue] = [:]
        try object { (parser: inout RequestLineParser, name: String) throws(RequestLineError) in
            guard facts[name] == nil else { throw parser.error("user attribute `\(name)` is given twice") }
            switch parser.peek() {
            case UInt8(ascii: "t"), UInt8(ascii: "f"):
                facts[name] = .bool(try parser.boolean())
            case UInt8(ascii: "\""):
                let text = try parser.string()
                if let declared = parser.attributes[name], case .date = declared.kind {
                    guard let value = declared.value(fromText: text) else {
                        throw parser.error("user attribute `\(name)` is a date; `\(text)` is not one")
                    }
                    facts[name] = value
                } else {
                    facts[name] = .value(text)
                }
            default:
                facts[name] = .int(try parser.integer())
            }
        }
        return facts
    }

    private mutating func redemptions() throws(RequestLineError) -> [String: Redemptions] {
        var result: [String: Redemptions] = [:]
        try object { (parser: inout RequestLineParser, promotion: String) throws(RequestLineError) in
            guard result[promotion] == nil else { throw parser.error("redemptions of `\(promotion)` are given twice") }
            var total: Int64 = 0
            var perUser: Int64 = 0
            var keys: Set<String> = []
            try parser.object { (inner: inout RequestLineParser, key: String) throws(RequestLineError) in
                guard keys.insert(key).inserted else { throw inner.error("key `\(key)` is given twice in redemptions of `\(promotion)`") }
                switch key {
                case "total": total = try inner.integer()
                case "user": perUser = try inner.integer()
                default: throw inner.error("unknown key `\(key)` in redemptions of `\(promotion)`; give `total` and `user`")
                }
                guard total >= 0, perUser >= 0 else { throw inner.error("redemption counts cannot be negative") }
            }
            result[promotion] = Redemptions(total: total, perUser: perUser)
        }
        return result
    }

    // MARK: - JSON pieces

    private mutating func object(_ member: (inout RequestLineParser, String) throws(RequestLineError) -> Void) throws(RequestLineError) {
        try consume(UInt8(ascii: "{"), "`{`")
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { position += 1; return }
        while true {
            skipWhitespace()
            let key = try string()
            skipWhitespace()
            try consume(UInt8(ascii: ":"), "`:` after the key `\(key)`")
            skipWhitespace()
            try member(&self, key)
            skipWhitespace()
            if peek() == UInt8(ascii: ",") { position += 1; continue }
            try consume(UInt8(ascii: "}"), "`,` or `}`")
            return
        }
    }

    private mutating func array(_ element: (inout RequestLineParser) throws(RequestLineError) -> Void) throws(RequestLineError) {
        try consume(UInt8(ascii: "["), "`[`")
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { position += 1; return }
        while true {
            skipWhitespace()
            try element(&self)
            skipWhitespace()
            if peek() == UInt8(ascii: ",") { position += 1; continue }
            try consume(UInt8(ascii: "]"), "`,` or `]`")
            return
        }
    }

    private mutating func nullOr<T>(_ value: (inout RequestLineParser) throws(RequestLineError) -> T) throws(RequestLineError) -> T? {
        if bytes[position...].starts(with: [110, 117, 108, 108]) { position += 4; return nil }
        return try value(&self)
    }

    private mutating func boolean() throws(RequestLineError) -> Bool {
        if bytes[position...].starts(with: Array("true".utf8)) { position += 4; return true }
        if bytes[position...].starts(with: Array("false".utf8)) { position += 5; return false }
        throw error("expected `true` or `false`")
    }

    /// A whole number: no fraction, no exponent, within 64 bits.
    private mutating func integer() throws(RequestLineError) -> Int64 {
        let start = position
        var negative = false
        if peek() == UInt8(ascii: "-") { negative = true; position += 1 }
        var value: Int64 = 0
        var digits = 0
        while position < bytes.endIndex, bytes[position] >= 48, bytes[position] <= 57 {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int64(bytes[position] - 48))
            guard !o1, !o2 else { throw error("number at byte \(start - bytes.startIndex + 1) is too large") }
            value = sum
            digits += 1
            position += 1
        }
        guard digits > 0 else { throw error("expected a whole number") }
        if let next = peek(), next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
            throw error("expected a whole number, found a fraction or an exponent")
        }
        return negative ? -value : value
    }

    private mutating func string() throws(RequestLineError) -> String {
        try consume(UInt8(ascii: "\""), "a string")
        let start = position
        var plain = true
        while position < bytes.endIndex {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                defer { position += 1 }
                if plain { return String(decoding: bytes[start..<position], as: UTF8.self) }
                return try unescape(bytes[start..<position])
            }
            if byte == UInt8(ascii: "\\") { plain = false; position += 1 }
            else if byte < 0x20 { throw error("control character in a string") }
            position += 1
        }
        throw error("a string has no closing quote")
    }

    private func unescape(_ raw: ArraySlice<UInt8>) throws(RequestLineError) -> String {
        var scalars = String.UnicodeScalarView()
        var index = raw.startIndex
        var utf8: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars)
            utf8.removeAll()
        }
        while index < raw.endIndex {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\") else { utf8.append(byte); index += 1; continue }
            flush()
            index += 1
            guard index < raw.endIndex else { throw error("a string ends in the middle of an escape") }
            switch raw[index] {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                guard let high = hex4(raw, after: index) else { throw error("invalid `\\u` escape in a string") }
                index += 4
                if (0xD800...0xDBFF).contains(high) {
                    // A UTF-16 surrogate pair, as JSON writes characters beyond the BMP.
                    guard index + 2 < raw.endIndex, raw[index + 1] == UInt8(ascii: "\\"), raw[index + 2] == UInt8(ascii: "u"),
                          let low = hex4(raw, after: index + 2), (0xDC00...0xDFFF).contains(low),
                          let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) else {
                        throw error("invalid `\\u` surrogate pair in a string")
                    }
                    scalars.append(scalar)
                    index += 6
                } else {
                    guard let scalar = Unicode.Scalar(high) else { throw error("invalid `\\u` escape in a string") }
                    scalars.append(scalar)
                }
            default:
                throw error("invalid escape in a string")
            }
            index += 1
        }
        flush()
        return String(scalars)
    }

    /// The four hex digits after position `index` (the `u` of `\\u`), as a number.
    private func hex4(_ raw: ArraySlice<UInt8>, after index: Int) -> UInt32? {
        guard index + 4 < raw.endIndex else { return nil }
        return UInt32(String(decoding: raw[(index + 1)...(index + 4)], as: UTF8.self), radix: 16)
    }

    /// `what` is built only when the byte is missing: the message interpolates, and
    /// building it for every key of every line would cost more than the parsing.
    private mutating func consume(_ byte: UInt8, _ what: @autoclosure () -> String) throws(RequestLineError) {
        guard peek() == byte else { throw error("expected \(what())") }
        position += 1
    }

    private func peek() -> UInt8? { position < bytes.endIndex ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while position < bytes.endIndex {
            switch bytes[position] {
            case 32, 9, 13, 10: position += 1
            default: return
            }
        }
    }

    private func error(_ message: String) -> RequestLineError {
        let at = position - bytes.startIndex + 1
        return RequestLineError(message: position < bytes.endIndex ? "\(message) (at byte \(at))" : "\(message) (at the end of the line)")
    }
}
