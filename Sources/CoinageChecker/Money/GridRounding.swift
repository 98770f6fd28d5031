import CoinageSyntax

/// The result of rounding onto a price grid, with what was used, for explanations.
public struct GridRoundingResult: Hashable, Sendable {
    /// The rounded amount in minor units.
    public let minorUnits: Int64
    public let grid: RoundingGrid
    /// The tier's bound in minor units when a tiered rule chose it; nil for `else`
    /// or a single rule.
    public let tierBound: Int64?
    public let tiered: Bool
}

extension RoundingGrid {
    /// Rounds `value` (in minor units) onto the candidates `k × step + ending`.
    ///
    /// Only positive candidates count: a value below the first one rounds up to it,
    /// whatever the mode, so a derived price is never zero.
    public func round(_ value: Fraction) throws(ArithmeticOverflow) -> Int64 {
        let step = UInt64(step)
        let ending = UInt64(ending)
        let smallestK: UInt64 = ending > 0 ? 0 : 1
        var k = smallestK
        if let offset = try value.subtracting(Fraction(ending)) {
            let position = try offset.dividedBy(step)
            let integerMode: IntegerRounding = switch mode {
            case .nearest: .halfUp
            case .up: .up
            case .down: .down
            }
            guard let rounded = position.rounded(integerMode) else { throw ArithmeticOverflow() }
            k = max(rounded, smallestK)
        }
        let (scaled, o1) = k.multipliedReportingOverflow(by: step)
        let (candidate, o2) = scaled.addingReportingOverflow(ending)
        guard !o1, !o2, candidate <= UInt64(Int64.max) else { throw ArithmeticOverflow() }
        return Int64(candidate)
    }
}

extension RoundingRule {
    /// Rounds `value` (in minor units): a tiered rule picks the first tier whose bound
    /// the unrounded value is below, else its `else` tier.
    public func round(_ value: Fraction) throws(ArithmeticOverflow) -> GridRoundingResult {
        switch self {
        case .single(let grid):
            return GridRoundingResult(minorUnits: try grid.round(value), grid: grid, tierBound: nil, tiered: false)
        case .tiers(let tiers):
            for tier in tiers {
                if let bound = tier.below, !(value < Fraction(UInt64(bound))) { continue }
                return GridRoundingResult(minorUnits: try tier.grid.round(value), grid: tier.grid,
                                          tierBound: tier.below, tiered: true)
            }
            // The checker guarantees a closing `else` tier; without one, stay exact.
            guard let last = tiers.last else { throw ArithmeticOverflow() }
            return GridRoundingResult(minorUnits: try last.grid.round(value), grid: last.grid, tierBound: nil, tiered: true)
        }
    }
}

extension RoundingRule {
    /// Rounds an exact value of any size (in minor units), through the `Fraction` that
    /// rounds exactly like it; overflow only when its whole part exceeds 64 bits.
    public func round(_ value: BigFraction) throws(ArithmeticOverflow) -> GridRoundingResult {
        guard let equivalent = value.roundingEquivalent else { throw ArithmeticOverflow() }
        return try round(equivalent)
    }
}
