import CoinageSyntax

/// An exact percentage as written: `19%` is `Percentage(19)`, `12.5%` is
/// `Percentage(12.5)`. Kept as the written decimal so nothing is lost.
public struct Percentage: Hashable, Sendable, CustomStringConvertible {
    /// The number before the `%` sign, without trailing zeros: `100.0%` and `100%`
    /// are one percentage.
    public let value: ExactDecimal

    public init(_ value: ExactDecimal) {
        self.value = value.normalized
    }

    public static let zero = Percentage(.zero)
    public static let hundred = Percentage(ExactDecimal(100))

    /// True when `low <= self <= high` (bounds in percent).
    public func isWithin(_ low: Int64, _ high: Int64) -> Bool {
        ExactDecimal.compare(value, ExactDecimal(low)) >= 0 && ExactDecimal.compare(value, ExactDecimal(high)) <= 0
    }

    public var isZero: Bool { value.isZero }

    public var description: String { "\(value)%" }
}
