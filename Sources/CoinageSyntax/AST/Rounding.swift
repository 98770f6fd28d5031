/// How a rounding rule picks among its candidates.
public enum RoundingMode: String, Hashable, Sendable {
    /// The nearest candidate; a tie goes up.
    case nearest
    /// The smallest candidate not below the value.
    case up
    /// The largest candidate not above the value.
    case down
}

/// `nearest 1.00 ending 0.99`: candidates are `k × step + ending`.
public struct RoundingStep: Hashable, Sendable {
    public let mode: RoundingMode
    public let step: NumberLiteral
    public let ending: NumberLiteral?
    public let span: SourceSpan
}

/// One line of a tiered rule: `below 10.00: nearest 0.10 ending 0.09`, or the
/// closing `else: nearest 1.00 ending 0.99` (then `bound` is nil).
public struct RoundingTier: Hashable, Sendable {
    public let bound: NumberLiteral?
    public let step: RoundingStep
    public let span: SourceSpan
}

public enum RoundingBody: Hashable, Sendable {
    case single(RoundingStep)
    case tiers([RoundingTier])
}

/// `round JPY nearest 10` or `round USD { below 10.00: ... else: ... }`, and scoped
/// like an explicit price: `round USD on web nearest 0.05`, `round EUR in DE on ios ...`.
public struct RoundingDeclaration: Hashable, Sendable {
    public let currency: Code
    /// `in REGION` or `in MARKET`; nil for every region of the currency.
    public let scope: PriceScope?
    /// `on CHANNEL`; nil for every channel.
    public let channel: Name?
    public let body: RoundingBody
    /// False when recovery dropped a broken tier.
    public let isComplete: Bool
    public let span: SourceSpan
}

extension RoundingDeclaration {
    /// True for the currency's own rule (`round USD ...`), with no `in` or `on`.
    public var isCurrencyWide: Bool { scope == nil && channel == nil }
}
