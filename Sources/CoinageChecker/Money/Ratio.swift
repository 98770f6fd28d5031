import CoinageSyntax

/// An exact share of an amount (tax, fee, percent discount) for the quote path:
/// `amount × numerator / denominator`, computed full-width and rounded once.
///
/// Unlike `Fraction`, it never reduces: applying it is one 128-bit multiply and one
/// divide, which is what keeps a quote in the hundreds of nanoseconds. The checker
/// bounds percentages to 6 decimals, so every ratio the price book builds fits.
public struct Ratio: Hashable, Sendable {
    public let numerator: UInt64
    public let denominator: UInt64

    public static let zero = Ratio(numerator: 0, denominator: 1)

    /// The same value as `fraction`, when both parts fit in 64 bits.
    public init?(_ fraction: Fraction) {
        guard fraction.numerator <= Fraction.Part(UInt64.max), fraction.denominator <= Fraction.Part(UInt64.max) else { return nil }
        numerator = UInt64(fraction.numerator)
        denominator = UInt64(fraction.denominator)
    }

    private init(numerator: UInt64, denominator: UInt64) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// `amount × self`, rounded half-even (or as `mode` says); nil if the result does
    /// not fit in an `Int64`.
    // Public and inlinable: the engine applies ratios in its hot loop, across the
    // module boundary, and Swift inlines across modules only what is public.
    @inlinable @inline(__always)
    public func apply(to amount: Int64, rounding mode: IntegerRounding = .halfEven) -> Int64? {
        guard amount >= 0 else { return nil }
        let product = UInt64(amount).multipliedFullWidth(by: numerator)
        // The quotient fits in 64 bits only when the high word is below the divisor.
        guard product.high < denominator else { return nil }
        // Most products fit in one word: a plain division there, not a 128-bit one.
        let (quotient, remainder) = product.high == 0
            ? (product.low / denominator, product.low % denominator)
            : denominator.dividingFullWidth(product)
        var result = quotient
        if remainder != 0 {
            let rest = denominator - remainder
            let roundUp: Bool = switch mode {
            case .down: false
            case .up: true
            case .halfUp: remainder >= rest
            case .halfEven: remainder > rest || (remainder == rest && quotient & 1 == 1)
            }
            if roundUp {
                let (next, overflow) = result.addingReportingOverflow(1)
                guard !overflow else { return nil }
                result = next
            }
        }
        return result <= UInt64(Int64.max) ? Int64(result) : nil
    }

    /// Whether `value ≥ amount × self`, exactly, without dividing: what a price is
    /// tested against before its floor (`amount × self`, rounded up) is computed.
    @inlinable @inline(__always)
    public func isAtMost(_ value: Int64, of amount: Int64) -> Bool {
        guard value >= 0 else { return false }
        guard amount > 0 else { return true }
        let left = UInt64(value).multipliedFullWidth(by: denominator)
        let right = UInt64(amount).multipliedFullWidth(by: numerator)
        return (left.high, left.low) >= (right.high, right.low)
    }
}
