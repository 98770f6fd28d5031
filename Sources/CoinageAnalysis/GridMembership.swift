import CoinageChecker
import CoinageEngine
import CoinageSyntax

extension RoundingGrid {
    /// True when `minorUnits` is one of the grid's positive candidates `k × step + ending`.
    func contains(_ minorUnits: Int64) -> Bool {
        minorUnits > 0 && minorUnits >= ending && (minorUnits - ending) % step == 0
    }

    /// The candidates just below and just above an amount that is not one of them;
    /// nil where there is none (nothing positive below, or overflow above).
    func neighbours(of minorUnits: Int64) -> (below: Int64?, above: Int64?) {
        let offset = minorUnits - ending
        let below: Int64? = offset > 0 ? (offset - 1) / step * step + ending : nil
        let kAbove = offset >= 0 ? offset / step + 1 : 0
        let (scaled, o1) = kAbove.multipliedReportingOverflow(by: step)
        let (above, o2) = scaled.addingReportingOverflow(ending)
        return (below.flatMap { $0 > 0 ? $0 : nil }, o1 || o2 ? nil : above)
    }

    /// `up 0.50 ending 0.49`, with amounts in `currency`'s major units.
    func text(in currency: Currency) -> String {
        let step = ExactDecimal(significand: step, scale: currency.exponent)
        guard ending > 0 else { return "\(mode.rawValue) \(step)" }
        return "\(mode.rawValue) \(step) ending \(ExactDecimal(significand: ending, scale: currency.exponent))"
    }
}

extension RoundingRule {
    /// The grid an amount of `minorUnits` belongs to, chosen as rounding chooses it:
    /// the first tier whose bound the amount is below, else the closing tier. The
    /// bounds of that tier come with it, for messages.
    func governingGrid(for minorUnits: Int64) -> (grid: RoundingGrid, from: Int64?, below: Int64?)? {
        switch self {
        case .single(let grid):
            return (grid, nil, nil)
        case .tiers(let tiers):
            var from: Int64?
            for tier in tiers {
                if let bound = tier.below, minorUnits >= bound {
                    from = bound
                    continue
                }
                return (tier.grid, from, tier.below)
            }
            return nil
        }
    }

    /// True when a price of `minorUnits` is on the grid that governs it.
    func isOnGrid(_ minorUnits: Int64) -> Bool {
        governingGrid(for: minorUnits)?.grid.contains(minorUnits) ?? true
    }
}
