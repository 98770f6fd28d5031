import CoinageSyntax

/// Arithmetic that would not fit in 64 bits. Reported, never trapped.
public struct ArithmeticOverflow: Error, Hashable, Sendable {
    public init() {}
}

/// An exact non-negative rational number, always in lowest terms.
///
/// Prices, rates, levels and percentages are all non-negative, and their products
/// are exact fractions: derivation multiplies them without losing a digit, and only
/// the final rounding step leaves the rationals. Numerator and denominator have 128
/// bits, so the exact intermediate of a realistic derivation (a 4-decimal rate
/// times levels with decimals times a base price) always fits, even when the result
/// is an ordinary price; overflow means the exact value itself is out of reach.
public struct Fraction: Hashable, Sendable, Comparable, CustomStringConvertible {
    public typealias Part = UInt128

    public let numerator: Part
    public let denominator: Part

    /// `numerator / denominator`, reduced; nil for a zero denominator.
    public init?(_ numerator: UInt64, _ denominator: UInt64) {
        self.init(wide: Part(numerator), Part(denominator))
    }

    package init?(wide numerator: Part, _ denominator: Part) {
        guard denominator != 0 else { return nil }
        let divisor = Fraction.gcd(numerator, denominator)
        self.numerator = numerator / divisor
        self.denominator = denominator / divisor
    }

    private init(reduced numerator: Part, _ denominator: Part) {
        self.numerator = numerator
        self.denominator = denominator
    }

    public init(_ integer: UInt64) {
        self.init(reduced: Part(integer), 1)
    }

    public static let zero = Fraction(0)
    public static let one = Fraction(1)

    /// A non-negative exact decimal as a fraction; nil for a negative one.
    public init?(_ decimal: ExactDecimal) {
        guard decimal.significand >= 0, let power = Fraction.powerOfTen(decimal.scale) else { return nil }
        self.init(UInt64(decimal.significand), power)
    }

    /// A percentage as a fraction of one: `19%` is 19/100.
    public init?(percent: ExactDecimal) {
        guard let value = Fraction(percent) else { return nil }
        guard let scaled = try? value.dividedBy(100) else { return nil }
        self = scaled
    }

    public var isZero: Bool { numerator == 0 }

    public func multiplied(by other: Fraction) throws(ArithmeticOverflow) -> Fraction {
        let g1 = Fraction.gcd(numerator, other.denominator)
        let g2 = Fraction.gcd(other.numerator, denominator)
        let (n, nOverflow) = (numerator / g1).multipliedReportingOverflow(by: other.numerator / g2)
        let (d, dOverflow) = (denominator / g2).multipliedReportingOverflow(by: other.denominator / g1)
        guard !nOverflow, !dOverflow else { throw ArithmeticOverflow() }
        return Fraction(reduced: n, d)
    }

    public func multiplied(by integer: UInt64) throws(ArithmeticOverflow) -> Fraction {
        try multiplied(by: Fraction(integer))
    }

    public func dividedBy(_ integer: UInt64) throws(ArithmeticOverflow) -> Fraction {
        guard integer != 0 else { throw ArithmeticOverflow() }
        return try multiplied(by: Fraction(reduced: 1, Part(integer)))
    }

    public func dividedBy(_ other: Fraction) throws(ArithmeticOverflow) -> Fraction {
        guard other.numerator != 0 else { throw ArithmeticOverflow() }
        return try multiplied(by: Fraction(reduced: other.denominator, other.numerator))
    }

    public func adding(_ other: Fraction) throws(ArithmeticOverflow) -> Fraction {
        let divisor = Fraction.gcd(denominator, other.denominator)
        let (left, o1) = numerator.multipliedReportingOverflow(by: other.denominator / divisor)
        let (right, o2) = other.numerator.multipliedReportingOverflow(by: denominator / divisor)
        let (sum, o3) = left.addingReportingOverflow(right)
        let (d, o4) = denominator.multipliedReportingOverflow(by: other.denominator / divisor)
        guard !(o1 || o2 || o3 || o4) else { throw ArithmeticOverflow() }
        return Fraction(wide: sum, d) ?? .zero
    }

    /// `self - other`, for `self >= other`; nil when `other` is larger.
    public func subtracting(_ other: Fraction) throws(ArithmeticOverflow) -> Fraction? {
        guard !(self < other) else { return nil }
        let divisor = Fraction.gcd(denominator, other.denominator)
        let (left, o1) = numerator.multipliedReportingOverflow(by: other.denominator / divisor)
        let (right, o2) = other.numerator.multipliedReportingOverflow(by: denominator / divisor)
        let (d, o3) = denominator.multipliedReportingOverflow(by: other.denominator / divisor)
        guard !(o1 || o2 || o3) else { throw ArithmeticOverflow() }
        return Fraction(wide: left - right, d) ?? .zero
    }

    /// The integer part and the remainder: `self = quotient + remainder / denominator`.
    public var quotientAndRemainder: (quotient: Part, remainder: Part) {
        numerator.quotientAndRemainder(dividingBy: denominator)
    }

    /// The value rounded to a whole number; nil when that does not fit in 64 bits.
    public func rounded(_ mode: IntegerRounding) -> UInt64? {
        let (wide, r) = quotientAndRemainder
        guard wide <= Part(UInt64.max) else { return nil }
        let q = UInt64(wide)
        guard r != 0 else { return q }
        // Compare the remainder with half the denominator without doubling it.
        let aboveHalf = r > denominator - r
        let isHalf = r == denominator - r
        let roundUp: Bool = switch mode {
        case .down: false
        case .up: true
        case .halfUp: aboveHalf || isHalf
        case .halfEven: aboveHalf || (isHalf && q % 2 == 1)
        }
        guard roundUp else { return q }
        let (next, overflow) = q.addingReportingOverflow(1)
        return overflow ? nil : next
    }

    public static func < (a: Fraction, b: Fraction) -> Bool {
        // a/b < c/d  ⇔  a·d < c·b, compared full-width.
        let left = a.numerator.multipliedFullWidth(by: b.denominator)
        let right = b.numerator.multipliedFullWidth(by: a.denominator)
        return (left.high, left.low) < (right.high, right.low)
    }

    /// The exact decimal expansion when the denominator has only the factors 2 and 5
    /// (always, for products of decimals); otherwise up to 12 digits and `…`.
    public var description: String { decimalText(maximumDigits: 12) }

    public func decimalText(maximumDigits: Int) -> String {
        let (whole, remainder) = quotientAndRemainder
        guard remainder != 0 else { return String(whole) }
        var digits = ""
        var rest = remainder
        while rest != 0, digits.count < maximumDigits {
            let product = rest.multipliedFullWidth(by: 10)
            let (digit, next) = denominator.dividingFullWidth(product)
            digits.append(String(digit))
            rest = next
        }
        return "\(whole).\(digits)\(rest != 0 ? "…" : "")"
    }

    package static func gcd(_ a: Part, _ b: Part) -> Part {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x == 0 ? 1 : x
    }

    package static func powerOfTen(_ exponent: Int) -> UInt64? {
        guard exponent >= 0, exponent <= 19 else { return nil }
        var value: UInt64 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}

/// How a fraction becomes a whole number of minor units.
public enum IntegerRounding: String, Hashable, Sendable {
    /// Ties to the even neighbour: the rule for discounts, tax and conversions.
    case halfEven = "half-even"
    /// Ties up: the `nearest` of rounding rules.
    case halfUp = "nearest"
    /// Never below the value.
    case up
    /// Never above the value.
    case down
}
