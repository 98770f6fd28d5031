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
    /// The longest request line read, in bytes, not counting its `\n` (a `\r` before
    /// it counts). A request is small (a few names, facts, codes and counters); a
    /// longer line is refused unread by `coinage quote --batch`, which keeps at most
    /// this much of any line in memory.
    public static let maxLineBytes = 1 << 20

    /// The most bytes of the request's own text an error message repeats.
    static let maxEchoBytes = 100

    private let bytes: ArraySlice<UInt8>
    private var position: Int
    private let context: Context
    /// The arms the line forces, by experiment.
    private var arms: [String: String] = [:]

    /// What every line of one rule set needs: built once per batch, not per line.
    /// A class, so the parser, copied into every closure of a line, retains one
    /// reference instead of each of its tables.
    public final class Context: Sendable {
        let attributes: [String: UserAttribute]
        /// Names of the rules a request may spell, so its strings come back as the
        /// rule set's own, without validating or allocating them.
        let names: NameTable
        /// The promotions, which `redemptions` must name.
        let promotions: NameTable
        let promotionNames: [String]

        public init(rules: RuleSet) {
            attributes = Dictionary(uniqueKeysWithValues: rules.userAttributes.map { ($0.name, $0) })
            var names = rules.bundles.map { $0.name } + rules.customAmounts.map { $0.name } + rules.regions.map { $0.code }
            names += rules.channels.map { $0.name } + rules.userAttributes.map { $0.name } + rules.promotions.map { $0.name }
            names += rules.promotions.compactMap { $0.code }
            for attribute in rules.userAttributes {
                if case .oneOf(let values) = attribute.kind { names += values }
            }
            self.names = NameTable(names)
            promotionNames = rules.promotions.map { $0.name }
            promotions = NameTable(promotionNames)
        }
    }

    /// Parses a line; `now` is used when the request gives no `"at"`.
    public static func parse(_ line: ArraySlice<UInt8>, rules: RuleSet, now: Int64) -> Result<QuoteRequest, RequestLineError> {
        parse(line, context: Context(rules: rules), now: now)
    }

    /// Parses a line with a context made once for many lines.
    public static func parse(_ line: ArraySlice<UInt8>, context: Context, now: Int64) -> Result<QuoteRequest, RequestLineError> {
        switch parseForcingArms(line, context: context, now: now) {
        case .failure(let error): return .failure(error)
        case .success(let parsed):
            // Only rules with experiments read `arms` (`ExperimentLines`).
            if let experiment = parsed.arms.keys.min() {
                return .failure(RequestLineError(message: "`arms` forces an arm of experiment `\(experiment)`, and the rules declare no experiment"))
            }
            return .success(parsed.request)
        }
    }

    /// Parses a line that may force experiment arms: `"arms":{"EXPERIMENT":"ARM"}`.
    public static func parseForcingArms(_ line: ArraySlice<UInt8>, context: Context, now: Int64)
        -> Result<(request: QuoteRequest, arms: [String: String]), RequestLineError> {
        var parser = RequestLineParser(bytes: line, context: context)
        do throws(RequestLineError) {
            let request = try parser.request(now: now)
            return .success((request, parser.arms))
        } catch {
            return .failure(error)
        }
    }

    init(bytes: ArraySlice<UInt8>, context: Context) {
        self.bytes = bytes
        self.position = bytes.startIndex
        self.context = context
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
        try object { (parser: inout RequestLineParser, keyBytes: ArraySlice<UInt8>) throws(RequestLineError) in
            guard let key = RequestKey(keyBytes) else {
                throw parser.error("unknown key `\(parser.echo(keyBytes))`; a request has bundle or coins, region, channel, at, user, codes, redemptions, explain")
            }
            let bit: UInt16 = 1 << key.rawValue
            guard seen & bit == 0 else { throw parser.error("key `\(parser.echo(keyBytes))` is given twice") }
            seen |= bit
            switch key {
            case .bundle:
                guard item == nil else { throw parser.error("give `bundle` or `coins`, not both") }
                item = .bundle(try parser.string())
            case .coins:
                guard item == nil else { throw parser.error("give `bundle` or `coins`, not both") }
                let count = try parser.integer()
                guard count > 0 else { throw parser.error("`coins` must be 1 or more") }
                item = .coins(count)
            case .region: region = try parser.string()
            case .channel: channel = try parser.nullOr { (p: inout RequestLineParser) throws(RequestLineError) in try p.string() }
            case .at:
                let text = try parser.string()
                guard let value = InstantParser.parse(text) else {
                    // `coinage quote --at "… local"` is for a person at a terminal; a request
                    // line, written by a program, gives the instant itself.
                    if text.hasSuffix(" local") {
                        throw parser.error("`at` is a `local` time: `\(parser.echo(ArraySlice(text.utf8)))`; a request line gives the instant, in UTC or with an offset, e.g. `2026-11-28T18:00:00Z` or `2026-11-28T19:00:00+01:00`")
                    }
                    throw parser.error("`at` is not a date or date-time: `\(parser.echo(ArraySlice(text.utf8)))`; write `2026-11-28T10:00:00Z` or `2026-11-28`")
                }
                instant = value
            case .user: user = try parser.userFacts()
            case .codes:
                try parser.array { (p: inout RequestLineParser) throws(RequestLineError) in codes.append(try p.string()) }
            case .redemptions: redemptions = try parser.redemptions()
            case .explain: explain = try parser.boolean()
            case .arms:
                try parser.object { (p: inout RequestLineParser, key: ArraySlice<UInt8>) throws(RequestLineError) in
                    let experiment = p.text(key)
                    guard p.arms.updateValue(try p.string(), forKey: experiment) == nil else {
                        throw p.error("experiment `\(p.echo(key))` is given twice in `arms`")
                    }
                }
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
        var facts: [String: UserValue] = Dictionary(minimumCapacity: context.attributes.count)
        try object { (parser: inout RequestLineParser, key: ArraySlice<UInt8>) throws(RequestLineError) in
            let name = parser.text(key)
            let valueStart = parser.position
            let value: UserValue
            switch parser.peek() {
            case UInt8(ascii: "t"), UInt8(ascii: "f"):
                value = .bool(try parser.boolean())
            case UInt8(ascii: "\""):
                let text = try parser.string()
                if let declared = parser.context.attributes[name], case .date = declared.kind {
                    guard case .success(let date) = declared.read(.text(text)) else {
                        throw parser.error("user attribute `\(name)` is a date; `\(parser.echo(ArraySlice(text.utf8)))` is not one")
                    }
                    value = date
                } else {
                    value = .value(text)
                }
            default:
                let number = try parser.integer()
                // A text attribute takes a number as its decimal text: ids come both ways.
                if let declared = parser.context.attributes[name], case .text = declared.kind {
                    value = .value(String(number))
                } else {
                    value = .int(number)
                }
            }
            guard facts.updateValue(value, forKey: name) == nil else {
                parser.position = valueStart  // the report points at the repeated value, where the key was found twice
                throw parser.error("user attribute `\(parser.echo(key))` is given twice")
            }
        }
        return facts
    }

    private mutating func redemptions() throws(RequestLineError) -> [String: Redemptions] {
        var result: [String: Redemptions] = [:]
        try object { (parser: inout RequestLineParser, promotionKey: ArraySlice<UInt8>) throws(RequestLineError) in
            // Like an unknown key, an unknown promotion is refused: a misspelt name would
            // leave the counters of the real one at zero, and its limit would not hold.
            guard let promotion = parser.context.promotions.name(utf8: promotionKey) else {
                let name = parser.text(promotionKey)
                let suggestion = Suggestion.help(for: name, among: parser.context.promotionNames).map { "; \($0)" } ?? ""
                throw parser.error("unknown promotion `\(parser.echo(promotionKey))` in redemptions\(suggestion)")
            }
            guard result[promotion] == nil else { throw parser.error("redemptions of `\(promotion)` are given twice") }
            var total: Int64 = 0
            var perUser: Int64 = 0
            var keys: Set<String> = []
            try parser.object { (inner: inout RequestLineParser, keyBytes: ArraySlice<UInt8>) throws(RequestLineError) in
                let key = inner.text(keyBytes)
                guard keys.insert(key).inserted else { throw inner.error("key `\(inner.echo(keyBytes))` is given twice in redemptions of `\(promotion)`") }
                switch key {
                case "total": total = try inner.integer()
                case "user": perUser = try inner.integer()
                default: throw inner.error("unknown key `\(inner.echo(keyBytes))` in redemptions of `\(promotion)`; give `total` and `user`")
                }
                guard total >= 0, perUser >= 0 else { throw inner.error("redemption counts cannot be negative") }
            }
            result[promotion] = Redemptions(total: total, perUser: perUser)
        }
        return result
    }

    // MARK: - JSON pieces

    /// An object's members, each given to `member` with its key's UTF-8 bytes (an
    /// escaped key arrives unescaped).
    private mutating func object(_ member: (inout RequestLineParser, ArraySlice<UInt8>) throws(RequestLineError) -> Void) throws(RequestLineError) {
        try consume(UInt8(ascii: "{"), "`{`")
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { position += 1; return }
        while true {
            skipWhitespace()
            let key = try stringBytes()
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw error("expected `:` after the key `\(echo(key))`") }
            position += 1
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

    /// A string: the rule set's own when it spells one of its names.
    private mutating func string() throws(RequestLineError) -> String {
        text(try stringBytes())
    }

    /// A string's UTF-8 bytes: a slice of the line, or the unescaped bytes when it
    /// has escapes.
    private mutating func stringBytes() throws(RequestLineError) -> ArraySlice<UInt8> {
        try consume(UInt8(ascii: "\""), "a string")
        let start = position
        var plain = true
        while position < bytes.endIndex {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                defer { position += 1 }
                if plain { return bytes[start..<position] }
                return ArraySlice(try unescape(bytes[start..<position]).utf8)
            }
            if byte == UInt8(ascii: "\\") { plain = false; position += 1 }
            else if byte < 0x20 { throw error("control character in a string") }
            position += 1
        }
        throw error("a string has no closing quote")
    }

    /// The text of a string's bytes, interned when the rules know it.
    func text(_ utf8: ArraySlice<UInt8>) -> String {
        context.names.name(utf8: utf8) ?? String(decoding: utf8, as: UTF8.self)
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

    func error(_ message: String) -> RequestLineError {
        let at = position - bytes.startIndex + 1
        return RequestLineError(message: position < bytes.endIndex ? "\(message) (at byte \(at))" : "\(message) (at the end of the line)")
    }
}

/// The keys of a request object.
private enum RequestKey: UInt16, CaseIterable {
    case bundle, coins, region, channel, at, user, codes, redemptions, explain, arms

    /// Spelled out, not interpolated: Embedded Swift (the WebAssembly build) has no
    /// reflection, so `"\(key)"` would not give the case's name there.
    private static let spellings: [(key: RequestKey, utf8: [UInt8])] = [
        (.bundle, Array("bundle".utf8)), (.coins, Array("coins".utf8)), (.region, Array("region".utf8)),
        (.channel, Array("channel".utf8)), (.at, Array("at".utf8)), (.user, Array("user".utf8)),
        (.codes, Array("codes".utf8)), (.redemptions, Array("redemptions".utf8)), (.explain, Array("explain".utf8)),
        (.arms, Array("arms".utf8)),
    ]

    /// The key these bytes spell, compared as bytes: no string is made for it.
    init?(_ bytes: ArraySlice<UInt8>) {
        for spelling in Self.spellings where spelling.utf8.count == bytes.count && spelling.utf8.elementsEqual(bytes) {
            self = spelling.key
            return
        }
        return nil
    }
}
