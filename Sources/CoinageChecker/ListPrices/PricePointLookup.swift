import CoinageSyntax

/// Why a price-point table cannot price a cell. The checker reports each (E0524,
/// E0525), so rules that ship never have one.
package enum PricePointMiss: Hashable, Sendable {
    /// The table has no column for the region or its currency.
    case noColumn(table: String, region: String, currency: String, use: SourceSpan)
    /// The storefront's column has no point at the tier.
    case noTier(table: String, storefront: PricePointTable.Storefront, tier: Int, use: SourceSpan)
    /// `up` from a price above the storefront's highest point, or `down` from one
    /// below its lowest: `price` is the derived amount, in minor units, rounded for display.
    case beyond(table: String, storefront: PricePointTable.Storefront, mode: SnapMode, price: Money, use: SourceSpan)

    /// Where the table is used: the explicit price or the channel's `points` clause.
    package var use: SourceSpan {
        switch self {
        case .noColumn(_, _, _, let use), .noTier(_, _, _, let use), .beyond(_, _, _, _, let use): use
        }
    }
}

/// Why a list price could not be derived.
enum DerivationFailure: Error {
    case overflow
    case pricePoint(PricePointMiss)
}

extension Storefronts {
    /// The tables in which region `region` has a column of its own (by region code).
    package func tablesWithOwnColumn(region: Int) -> [String] {
        regionColumns.compactMap { table, columns in
            if case .region? = columns[region]?.storefront { table } else { nil }
        }.sorted()
    }

    /// The point of tier `tier` in the column of `table` that prices region `region`.
    func tierPoint(table: String, tier: Int, region: Int, use: SourceSpan) throws(DerivationFailure) -> PricePointMatch {
        let column = try self.column(table: table, region: region, use: use)
        guard let point = column.point(tier: tier) else {
            throw .pricePoint(.noTier(table: table, storefront: column.storefront, tier: tier, use: use))
        }
        return PricePointMatch(table: table, storefront: column.storefront, point: point, how: .tier)
    }

    /// The point `minor` (the exact derived price in minor units) snaps to.
    func snappedPoint(_ minor: BigFraction, _ snapping: PointsSnapping, region: Int) throws(DerivationFailure) -> PricePointMatch {
        let column = try self.column(table: snapping.table, region: region, use: snapping.span)
        guard let value = minor.roundingEquivalent else { throw .overflow }
        guard let point = column.snap(value, snapping.mode) else {
            let shown = Int64(clamping: value.rounded(.halfEven) ?? UInt64(Int64.max))
            throw .pricePoint(.beyond(table: snapping.table, storefront: column.storefront, mode: snapping.mode,
                                      price: Money(minorUnits: shown, currency: regionCurrencies[region]), use: snapping.span))
        }
        return PricePointMatch(table: snapping.table, storefront: column.storefront, point: point, how: .snapped(snapping.mode))
    }

    private func column(table: String, region: Int, use: SourceSpan) throws(DerivationFailure) -> PricePointTable.Column {
        guard let column = regionColumns[table]?[region] else {
            throw .pricePoint(.noColumn(table: table, region: regionCodes[region], currency: regionCurrencies[region].code, use: use))
        }
        return column
    }
}
