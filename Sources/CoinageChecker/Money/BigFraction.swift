import CoinageSyntax

/// An exact non-negative rational of any size: the running value of a price
/// derivation.
///
/// A derivation multiplies a price by a channel level, a rate and a region level. An
/// 18-decimal rate and two 6-decimal levels on a 6-digit price make an exact value
/// whose numerator needs about 131 bits in lowest terms, although the price it
/// rounds to is ordinary. `Fraction`'s 128-bit parts cannot hold that, so this type
/// keeps a `Fraction` while the value fits one (always, for realistic rules, at no
/// extra cost) and arbitrary-width parts when it does not. Every price whose rounded
/// result fits in 64 bits is therefore computed exactly.
public struct BigFraction: Hashable, Sendable, CustomStringConvertible {
    private enum Storage: Hashable, Sendable {
        case narrow(Fraction)
        /// In lowest terms, and only when a part does not fit in 128 bits: equal values
        /// are stored alike, so the synthesized `==` is equality of values.
        case wide(numerator: BigUInt, denominator: BigUInt)
    }

    private let storage: Storage

    public init(_ fraction: Fraction) {
        storage = .narrow(fraction)
    }

    /// `numerator / denominator` in lowest terms, narrowed when both parts fit.
    private init(reduced numerator: BigUInt, _ denominator: BigUInt) {
        if numerator.isZero {
            storage = .narrow(.zero)
        } else if let n = numerator.uint128, let d = denominator.uint128, let fraction = Fraction(wide: n, d) {
            storage = .narrow(fraction)
        } else {
            storage = .wide(numerator: numerator, denominator: denominator)
        }
    }

    /// The same value as a `Fraction`, when its parts fit in 128 bits.
    public var fraction: Fraction? {
        if case .narrow(let fraction) = storage { return fraction }
        return nil
    }

    private var parts: (numerator: BigUInt, denominator: BigUInt) {
        switch storage {
        case .narrow(let fraction): (BigUInt(fraction.numerator), BigUInt(fraction.denominator))
        case .wide(let numerator, let denominator): (numerator, denominator)
        }
    }

    /// The exact product; it never overflows.
    public func multiplied(by other: Fraction) -> BigFraction {
        if case .narrow(let fraction) = storage, let product = try? fraction.multiplied(by: other) {
            return BigFraction(product)
        }
        let (n1, d1) = parts
        let (n2, d2) = (BigUInt(other.numerator), BigUInt(other.denominator))
        // Both factors are in lowest terms: cancelling across them leaves the product in lowest terms.
        let g1 = BigUInt.gcd(n1, d2)
        let g2 = BigUInt.gcd(n2, d1)
        guard !g1.isZero, !g2.isZero else { return BigFraction(.zero) }
        let numerator = n1.quotientAndRemainder(dividingBy: g1).quotient * n2.quotientAndRemainder(dividingBy: g2).quotient
        let denominator = d1.quotientAndRemainder(dividingBy: g2).quotient * d2.quotientAndRemainder(dividingBy: g1).quotient
        return BigFraction(reduced: numerator, denominator)
    }

    public func multiplied(by integer: UInt64) -> BigFraction {
        multiplied(by: Fraction(integer))
    }

    /// The exact quotient; dividing by zero is an overflow, as for `Fraction`.
    public func dividedBy(_ other: Fraction) throws(ArithmeticOverflow) -> BigFraction {
        guard !other.isZero, let reciprocal = Fraction(wide: other.denominator, other.numerator) else { throw ArithmeticOverflow() }
        return multiplied(by: reciprocal)
    }

    /// A `Fraction` that every rounding to a whole number and every comparison with a
    /// whole number treats exactly as this value; nil when its whole part does not
    /// fit in 64 bits (then no rounding of it fits either).
    ///
    /// A narrow value is itself. A wide one becomes `q + f/4`, with `q` its whole part
    /// and `f` 0, 1, 2 or 3 as its fractional part is zero, below a half, a half, or
    /// above. Rounding `(v − e) / s` on a grid of whole `s` and `e` (`RoundingGrid`),
    /// half-even to a whole number, and comparing with a whole tier bound depend only
    /// on the whole part and on where the fractional part lies against 0 and ½, which
    /// `q + f/4` keeps.
    public var roundingEquivalent: Fraction? {
        switch storage {
        case .narrow(let fraction):
            return fraction
        case .wide(let numerator, let denominator):
            // A quotient of 65 bits or more cannot be a 64-bit price: skip dividing.
            guard numerator.bitWidth - denominator.bitWidth < 65 else { return nil }
            let (whole, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
            guard let q = whole.uint64 else { return nil }
            let twice = remainder << 1
            let quarter: UInt128 = remainder.isZero ? 0 : twice < denominator ? 1 : twice == denominator ? 2 : 3
            return Fraction(wide: UInt128(q) * 4 + quarter, 4)
        }
    }

    /// Whether this value is at most `other`, exactly.
    public func isAtMost(_ other: BigFraction) -> Bool {
        let (n1, d1) = parts
        let (n2, d2) = other.parts
        return !(n2 * d1 < n1 * d2)
    }

    /// The value rounded to a whole number; nil when that does not fit in 64 bits.
    public func rounded(_ mode: IntegerRounding) -> UInt64? {
        roundingEquivalent?.rounded(mode)
    }

    /// As `Fraction.description`: the decimal expansion, cut at 12 digits with `…`.
    public var description: String { decimalText(maximumDigits: 12) }

    public func decimalText(maximumDigits: Int) -> String {
        switch storage {
        case .narrow(let fraction):
            return fraction.decimalText(maximumDigits: maximumDigits)
        case .wide(let numerator, let denominator):
            let (whole, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
            guard !remainder.isZero else { return whole.description }
            var digits = ""
            var rest = remainder
            while !rest.isZero, digits.count < maximumDigits {
                let (digit, next) = (rest * BigUInt(10 as UInt64)).quotientAndRemainder(dividingBy: denominator)
                digits += digit.description
                rest = next
            }
            return "\(whole).\(digits)\(rest.isZero ? "" : "…")"
        }
    }
}
