import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// A signed, exact change from one amount to another, as a percentage of the first.
///
/// The value is kept as an exact fraction (`magnitude`) and a direction, so ranking
/// two changes never loses a digit; only the text shown to people is rounded.
public struct PercentChange: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// True when the new amount is smaller.
    public let isDecrease: Bool
    /// `|new − old| / old × 100`, exact.
    public let magnitude: Fraction

    /// Decimals shown by `description`: enough to tell a 0.5% grid step from a rate change.
    public static let displayedDecimals = 2

    /// The change from `old` to `new` minor units; nil when `old` is not positive
    /// (a change from nothing has no percentage).
    public init?(from old: Int64, to new: Int64) {
        guard old > 0 else { return nil }
        let difference = Int128(new) - Int128(old)
        // |difference| < 2^65 and × 100 stays far below 2^128: no overflow is possible.
        guard let value = Fraction(wide: UInt128(difference.magnitude) * 100, UInt128(old)) else { return nil }
        isDecrease = difference < 0
        magnitude = value
    }

    /// True when both amounts are equal.
    public var isZero: Bool { magnitude.isZero }

    /// Signed order: every decrease sorts below every increase.
    public static func < (a: PercentChange, b: PercentChange) -> Bool {
        switch (a.isDecrease && !a.isZero, b.isDecrease && !b.isZero) {
        case (true, false): true
        case (false, true): false
        case (true, true): b.magnitude < a.magnitude
        case (false, false): a.magnitude < b.magnitude
        }
    }

    /// `+7.70%`, `-5.00%`, `0.00%`: the magnitude rounded half away from zero to
    /// `decimals` places, with its sign. A change too small to show keeps its sign
    /// (`+0.00%`), so a reader still sees which way it went.
    public func text(decimals: Int = displayedDecimals) -> String {
        let sign = isZero ? "" : (isDecrease ? "-" : "+")
        return sign + Self.fixed(magnitude, decimals: decimals) + "%"
    }

    public var description: String { text() }

    /// The exact value as a signed fraction in lowest terms: `+77/10`, `-100/3`, `0`.
    public var exactText: String {
        guard !isZero else { return "0" }
        let sign = isDecrease ? "-" : "+"
        return magnitude.denominator == 1 ? "\(sign)\(magnitude.numerator)" : "\(sign)\(magnitude.numerator)/\(magnitude.denominator)"
    }

    /// A non-negative fraction with exactly `decimals` digits after the point,
    /// rounded half up (for a magnitude: half away from zero).
    static func fixed(_ value: Fraction, decimals: Int) -> String {
        var scale: UInt64 = 1
        for _ in 0..<max(0, decimals) { scale *= 10 }
        guard let scaled = try? value.multiplied(by: scale), let units = scaled.rounded(.halfUp) else {
            return value.decimalText(maximumDigits: decimals)
        }
        let whole = String(units / scale)
        guard decimals > 0 else { return whole }
        let fraction = String(units % scale)
        return whole + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
}

extension Fraction {
    /// `self` as a percentage with a fixed number of decimals, rounded half up:
    /// `1/8` is `12.50%`.
    public func percentText(decimals: Int = PercentChange.displayedDecimals) -> String {
        guard let hundredfold = try? multiplied(by: 100) else { return decimalText(maximumDigits: decimals) + "%" }
        return PercentChange.fixed(hundredfold, decimals: decimals) + "%"
    }
}
