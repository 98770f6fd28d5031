/// Which point of a price-point table a derived price moves to.
public enum SnapMode: String, Hashable, Sendable, CaseIterable {
    /// The closest point; halfway between two, the higher.
    case nearest
    /// The lowest point at or above the price: never below it.
    case up
    /// The highest point at or below the price: never above it.
    case down
}

/// `points app_store nearest`: prices snapped to a table's points, on a channel
/// (`channel ios: points app_store nearest`) or for one price.
public struct PointsSnap: Hashable, Sendable {
    public let table: Name
    public let mode: SnapMode
    public let span: SourceSpan
}

/// `points app_store tier 10`: one tier of a table, in each storefront's currency.
public struct PointsTier: Hashable, Sendable {
    public let table: Name
    public let tier: NumberLiteral
    public let span: SourceSpan
}

/// What an explicit price is: an amount, a table's tier, or the derived price
/// snapped to a table.
public enum PriceValue: Hashable, Sendable {
    case money(MoneyLiteral)
    case tier(PointsTier)
    case snap(PointsSnap)

    public var span: SourceSpan {
        switch self {
        case .money(let literal): literal.span
        case .tier(let tier): tier.span
        case .snap(let snap): snap.span
        }
    }
}

/// `points app_store { tier 1: 0.99 USD, 160 JPY }` or
/// `points app_store from "app-store.csv"`: a named table of price points, one
/// column per storefront (a currency, or a region that prices apart).
public struct PointsDeclaration: Hashable, Sendable {
    public enum Body: Hashable, Sendable {
        /// Rows written in the rules, one per tier.
        case rows([PointsRow])
        /// A CSV file beside the rules, its path relative to the declaring file.
        case file(StringLiteral)
    }

    public let name: Name
    public let body: Body
    /// False when recovery dropped a broken row.
    public let isComplete: Bool
    public let span: SourceSpan
}

/// `tier 1: 0.99 USD, 0.99 EUR, 1.09 EUR in FI`: one tier's point in each storefront.
public struct PointsRow: Hashable, Sendable {
    public let tier: NumberLiteral
    public let points: [PointLiteral]
    public let span: SourceSpan
}

/// `0.99 EUR`, a currency's point, or `1.09 EUR in FI`, one region's.
public struct PointLiteral: Hashable, Sendable {
    public let price: MoneyLiteral
    public let region: Code?
    public var span: SourceSpan { region.map { price.span.merged(with: $0.span) } ?? price.span }
}
