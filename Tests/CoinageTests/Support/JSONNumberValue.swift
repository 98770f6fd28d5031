import CoinageJSON

/// The exact value of a JSON number, for the schema validator's `integer`,
/// `minimum`, `maximum`, `enum` and `const`: `1`, `1.0` and `10e-1` are one value,
/// and `9223372036854775808` is compared exactly, never through a `Double`.
///
/// The value is `0.d₁d₂…dₙ × 10^exponent`, with no leading or trailing zero digits;
/// zero has no digits.
struct JSONNumberValue: Comparable {
    let negative: Bool
    let digits: [UInt8]
    let exponent: Int

    /// The value of a number as `JSONReader` reads it; nil for anything else, or an
    /// exponent too large to hold.
    init?(_ value: JSONValue) {
        switch value {
        case .integer(let integer): self.init(text: String(integer))
        case .number(let text): self.init(text: text)
        default: return nil
        }
    }

    /// `-? digits (. digits)? ([eE] [+-]? digits)?`, the text already checked by the reader.
    init?(text: String) {
        var rest = Substring(text)
        negative = rest.first == "-"
        if negative { rest = rest.dropFirst() }
        var scale = 0
        if let e = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let power = Int(rest[rest.index(after: e)...]), abs(power) < 1 << 40 else { return nil }
            scale = power
            rest = rest[..<e]
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts[0].utf8.map { $0 - UInt8(ascii: "0") }
        let fraction = parts.count > 1 ? parts[1].utf8.map { $0 - UInt8(ascii: "0") } : []
        var all = whole + fraction
        var point = whole.count + scale
        while all.first == 0 { all.removeFirst(); point -= 1 }
        while all.last == 0 { all.removeLast() }
        digits = all
        exponent = all.isEmpty ? 0 : point
    }

    var isZero: Bool { digits.isEmpty }

    /// True when the value has no fractional part, as JSON Schema's `integer` asks.
    var isIntegral: Bool { digits.count <= exponent || isZero }

    static func < (a: JSONNumberValue, b: JSONNumberValue) -> Bool {
        let aSign = a.isZero ? 0 : (a.negative ? -1 : 1)
        let bSign = b.isZero ? 0 : (b.negative ? -1 : 1)
        guard aSign == bSign else { return aSign < bSign }
        guard aSign != 0 else { return false }
        return aSign > 0 ? smallerMagnitude(a, b) : smallerMagnitude(b, a)
    }

    static func == (a: JSONNumberValue, b: JSONNumberValue) -> Bool {
        (a.isZero && b.isZero) || (a.negative == b.negative && a.digits == b.digits && a.exponent == b.exponent)
    }

    /// `|a| < |b|` for two non-zero values: the larger exponent is larger, then the
    /// digits decide (a prefix is smaller, as no digit string ends in zero).
    private static func smallerMagnitude(_ a: JSONNumberValue, _ b: JSONNumberValue) -> Bool {
        guard a.exponent == b.exponent else { return a.exponent < b.exponent }
        return a.digits.lexicographicallyPrecedes(b.digits)
    }
}
