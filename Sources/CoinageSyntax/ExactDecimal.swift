/// An exact decimal number: `significand × 10^-scale`.
///
/// Rule files write rates, percentages and prices as decimals (`0.0106`, `12.5%`,
/// `4.99`); they are kept exactly as written, never as floating point.
public struct ExactDecimal: Hashable, Sendable, CustomStringConvertible {
    public let significand: Int64
    public let scale: Int

    public init(significand: Int64, scale: Int) {
        self.significand = significand
        self.scale = scale
    }

    public init(_ integer: Int64) {
        self.init(significand: integer, scale: 0)
    }

    public static let zero = ExactDecimal(0)
    public static let one = ExactDecimal(1)

    public var isZero: Bool { significand == 0 }
    public var isNegative: Bool { significand < 0 }

    /// Digits after the decimal point once trailing zeros are dropped (`4.50` → 1).
    public var significantScale: Int { normalized.scale }

    /// The same value without trailing zeros after the point (`4.50` → `4.5`).
    public var normalized: ExactDecimal {
        var value = significand
        var scale = self.scale
        while scale > 0, value % 10 == 0 {
            value /= 10
            scale -= 1
        }
        return ExactDecimal(significand: value, scale: scale)
    }

    /// The value as a whole number, when it is one and fits.
    public var integerValue: Int64? {
        guard significantScale == 0 else { return nil }
        var value = significand
        for _ in 0..<scale { value /= 10 }
        return value
    }

    /// The value scaled to `scale` digits, or nil if that loses digits or overflows.
    public func significand(atScale target: Int) -> Int64? {
        if target == scale { return significand }
        if target > scale {
            var value = significand
            for _ in 0..<(target - scale) {
                let (product, overflow) = value.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                value = product
            }
            return value
        }
        guard significantScale <= target else { return nil }
        var value = significand
        for _ in 0..<(scale - target) { value /= 10 }
        return value
    }

    /// The value cut (toward zero) to `target` decimals, when that scale is coarser.
    public func truncated(toScale target: Int) -> ExactDecimal? {
        guard target >= 0, target <= scale else { return nil }
        var value = significand
        for _ in 0..<(scale - target) { value /= 10 }
        return ExactDecimal(significand: value, scale: target)
    }

    /// Compares two decimals exactly, whatever their scales.
    public static func compare(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        let scale = max(a.scale, b.scale)
        if let x = a.significand(atScale: scale), let y = b.significand(atScale: scale) {
            return x < y ? -1 : (x > y ? 1 : 0)
        }
        // Scaling overflowed: compare the integer parts first, then the fractions.
        let (ai, af) = a.split()
        let (bi, bf) = b.split()
        if ai != bi { return ai < bi ? -1 : 1 }
        return compare(af, bf)
    }

    private func split() -> (Int64, ExactDecimal) {
        var divisor: Int64 = 1
        for _ in 0..<scale { divisor *= 10 }
        return (significand / divisor, ExactDecimal(significand: significand % divisor, scale: scale))
    }

    /// Parses `123`, `1_000`, `4.99`. Returns nil for anything else or on overflow.
    public init?(parsing text: Substring) {
        var text = text
        guard let value = text.withUTF8({ ExactDecimal(parsing: $0) }) else { return nil }
        self = value
    }

    /// Parses the UTF-8 bytes of `123`, `1_000`, `4.99`: the parser's way, from the
    /// file's bytes, without making the token's text.
    init?(parsing bytes: UnsafeBufferPointer<UInt8>) {
        var value: Int64 = 0
        var scale = 0
        var seenPoint = false
        var digits = 0
        for character in bytes {
            switch character {
            case UInt8(ascii: "_"):
                continue
            case UInt8(ascii: "."):
                if seenPoint { return nil }
                seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(Int64(character - UInt8(ascii: "0")))
                if o1 || o2 { return nil }
                value = sum
                digits += 1
                if seenPoint { scale += 1 }
            default:
                return nil
            }
        }
        guard digits > 0, scale <= Limits.maxDecimalScale else { return nil }
        self.init(significand: value, scale: scale)
    }

    public var description: String {
        guard scale > 0 else { return String(significand) }
        let negative = significand < 0
        var digits = String(significand.magnitude)
        while digits.count <= scale { digits = "0" + digits }
        let point = digits.index(digits.endIndex, offsetBy: -scale)
        return (negative ? "-" : "") + digits[..<point] + "." + digits[point...]
    }
}
