import CoinageSyntax

/// `points app_store { ... }` or `points app_store from "app-store.csv"`: a named
/// table of price points, as an app store fixes them. Each storefront (a currency,
/// or a region that prices apart from its currency) has its own column of points,
/// one per tier, rising with the tier.
public struct PricePointTable: Hashable, Sendable {
    /// Whose prices a column holds.
    public enum Storefront: Hashable, Sendable, Comparable, CustomStringConvertible {
        /// One region, in its currency: beats its currency's column.
        case region(String)
        /// Every region of the currency without a column of its own.
        case currency(String)

        public var description: String {
            switch self {
            case .region(let code), .currency(let code): code
            }
        }
    }

    /// One tier's price in one storefront, and the row that gives it.
    public struct Point: Hashable, Sendable {
        public let tier: Int
        public let price: Money
        /// The row of the table (in the rules or the CSV file).
        public let span: SourceSpan
        /// That row as `path:line`, for explanations that have no source map at hand.
        public let row: String
    }

    /// One storefront's points, by rising tier and rising price.
    public struct Column: Hashable, Sendable {
        public let storefront: Storefront
        public let points: [Point]

        /// The point of tier `tier`, if the storefront has one.
        public func point(tier: Int) -> Point? { points.first { $0.tier == tier } }
    }

    public let name: String
    /// The columns, keyed by storefront.
    public let columns: [Storefront: Column]
    /// The CSV file's path, when the table is read from one.
    public let file: String?
    public let span: SourceSpan

    /// The column that prices region `region` (in `currency`): its own, else its currency's.
    public func column(region: String, currency: Currency) -> Column? {
        columns[.region(region)] ?? columns[.currency(currency.code)]
    }
}

/// `points app_store nearest` on a channel or an explicit price: derived prices
/// move to a point of the table instead of onto a rounding grid.
public struct PointsSnapping: Hashable, Sendable {
    public let table: String
    public let mode: SnapMode
    public let span: SourceSpan
}

/// A list price taken from a price-point table: which point, from which row, and how.
public struct PricePointMatch: Hashable, Sendable {
    public enum How: Hashable, Sendable {
        /// Named by its tier (`points app_store tier 10`).
        case tier
        /// The derived price snapped to it.
        case snapped(SnapMode)
    }

    public let table: String
    public let storefront: PricePointTable.Storefront
    public let point: PricePointTable.Point
    public let how: How
}

extension PricePointTable.Column {
    /// The point `value` (in minor units, exact) snaps to by `mode`: nil when `up`
    /// finds none at or above it, or `down` none at or below it. `nearest` takes
    /// the higher point when `value` lies halfway between two.
    public func snap(_ value: Fraction, _ mode: SnapMode) -> PricePointTable.Point? {
        // The first point at or above the value: points rise, so a binary search.
        var low = 0
        var high = points.count
        while low < high {
            let mid = (low + high) / 2
            if Fraction(UInt64(max(0, points[mid].price.minorUnits))) < value { low = mid + 1 } else { high = mid }
        }
        let above = low < points.count ? points[low] : nil
        let exact = above.map { Fraction(UInt64(max(0, $0.price.minorUnits))) == value } ?? false
        let below = exact ? above : low > 0 ? points[low - 1] : nil
        switch mode {
        case .up: return above
        case .down: return below
        case .nearest:
            guard let above, let below else { return above ?? below }
            if exact { return above }
            let sum = UInt64(max(0, above.price.minorUnits)) + UInt64(max(0, below.price.minorUnits))
            guard let midpoint = Fraction(sum, 2) else { return above }
            return value < midpoint ? below : above
        }
    }
}
