import CoinageChecker
import CoinageEngine

/// What two custom-amount formulas (`CustomAmountFormula`) say about every amount at
/// once, without quoting each: the arguments `ChangeProof` uses to decide a class of
/// amounts whose promotions are known on both sides.
///
/// Every price step of a walk is, for a fixed list price `L`, a function of the
/// running price `x` that never raises it and never falls as `x` grows:
/// - a percent off the running price: `x − min(round(x·p), x)`, since `round(x·p)`
///   grows by at most one when `x` does (for `p ≤ 1`; past 1 it is always 0);
/// - a percent off the list price (additive stacking): `max(x − round(L·p), 0)`;
/// - an amount off: `max(x − A, 0)`; a set price: `min(x, X)`.
///
/// The floor (`max(price, ⌈L·f⌉)` for `f ≤ 1`, which is what clipping comes to) and
/// an added tax (`price + round(price·t)`) keep that order too. Hence:
/// - **more steps, each at least as deep, never cost more**: if the old steps can be
///   matched in order to new steps that take at least as much, the new walk's price
///   is at most the old one at every list price (the extra steps only lower it);
/// - **a total that grows with the list price**: when every step is also
///   non-decreasing in `L` (always with compound stacking; with additive stacking,
///   when at most one step is a percent and no set price comes before it), a lower
///   price per coin can only lower the total.
extension CustomAmountFormula {
    /// True when the total never falls as the list price grows, all else equal.
    var totalGrowsWithList: Bool {
        guard floorIsAtMostList else { return false }
        guard additive else { return true }
        var percents = 0
        var setPriceSeen = false
        for case let step? in steps.map(\.price) {
            switch step {
            case .percentOff:
                percents += 1
                if percents > 1 || setPriceSeen { return false }
            case .setPrice: setPriceSeen = true
            case .amountOff: break
            }
        }
        return true
    }

    private var floorIsAtMostList: Bool {
        floor.map { $0.numerator <= $0.denominator } ?? true
    }

    /// True when, at every amount, the total of `self` is at most that of `old`: the
    /// same currency, tax and floor; a price per coin no higher (and, when lower, a
    /// total of `old` that grows with the list price); and the old steps matched in
    /// order to steps of `self` that take at least as much.
    func totalIsNeverAbove(_ old: CustomAmountFormula) -> Bool {
        guard currency == old.currency, tax == old.tax, taxIncluded == old.taxIncluded, floor == old.floor,
              additive == old.additive, floorIsAtMostList else { return false }
        if minorUnitsPerCoin != old.minorUnitsPerCoin {
            guard minorUnitsPerCoin.isAtMost(old.minorUnitsPerCoin), old.totalGrowsWithList else { return false }
        }
        var next = 0
        let mine = steps.compactMap(\.price)
        for step in old.steps.compactMap(\.price) {
            // Greedy: the first later step of `self` that takes at least as much.
            while next < mine.count, !Self.takesAtLeast(mine[next], as: step) { next += 1 }
            guard next < mine.count else { return false }
            next += 1
        }
        return true
    }

    /// Whether step `a` leaves at most what step `b` leaves, at every running and list price.
    private static func takesAtLeast(_ a: PriceStep, as b: PriceStep) -> Bool {
        switch (a, b) {
        case (.percentOff(nil), .percentOff), (.amountOff(nil), .amountOff):
            return true
        case (.percentOff(let p?), .percentOff(let q?)):
            return isAtLeast(p, q)
        case (.amountOff(let x?), .amountOff(let y?)):
            return x >= y
        case (.setPrice(let x), .setPrice(let y)):
            guard let x, let y else { return x == y }
            return x <= y
        default:
            return false
        }
    }

    /// `p ≥ q`, exactly.
    private static func isAtLeast(_ p: Ratio, _ q: Ratio) -> Bool {
        let left = p.numerator.multipliedFullWidth(by: q.denominator)
        let right = q.numerator.multipliedFullWidth(by: p.denominator)
        return (left.high, left.low) >= (right.high, right.low)
    }
}
