import CoinageSyntax

/// How derived prices in one currency are rounded onto its price grid.
public enum RoundingRule: Hashable, Sendable {
    case single(RoundingGrid)
    /// Tiers in ascending order of their bound; the last tier has no bound (`else`).
    case tiers([RoundingTier])

    /// One tier of a tiered rule: amounts below `bound` use `grid`.
    public struct RoundingTier: Hashable, Sendable {
        /// In minor units; nil for the closing `else` tier.
        public let below: Int64?
        public let grid: RoundingGrid
    }
}

/// Candidates `k × step + ending` (in minor units) and how to pick among them.
public struct RoundingGrid: Hashable, Sendable {
    public let mode: RoundingMode
    /// In minor units, positive.
    public let step: Int64
    /// In minor units, `0 <= ending < step`.
    public let ending: Int64

    public init(mode: RoundingMode, step: Int64, ending: Int64) {
        self.mode = mode
        self.step = step
        self.ending = ending
    }
}
