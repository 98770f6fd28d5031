import CoinageSyntax

/// The cells a price-point table is asked to price and cannot: a region whose
/// storefront has no column in the table, a tier missing from a storefront's
/// column (E0524), or a derived price that `up` or `down` finds no point for
/// (E0525). A quote there could only fail, so the checker reports them before the
/// rules ship.
///
/// Every bundle is derived in every region on every channel, but only when some
/// channel or explicit price takes its prices from a table; a shop without tables
/// pays nothing.
enum PricePointCoverage {
    static func diagnostics(_ rules: RuleSet) -> [Diagnostic] {
        let usesTables = rules.channels.contains { $0.points != nil }
            || rules.explicitPrices.contains { $0.money == nil }
        guard usesTables else { return [] }
        let derivation = ListPriceDerivation(rules)
        // One diagnostic per use and storefront (and tier or mode), naming its first cell.
        var first: [PricePointMiss: (cell: String, miss: PricePointMiss)] = [:]
        var cellCounts: [PricePointMiss: Int] = [:]
        var order: [PricePointMiss] = []
        for (regionIndex, region) in rules.regions.enumerated() {
            for channel in derivation.storefronts.channelSlots {
                for (bundleIndex, bundle) in rules.bundles.enumerated() {
                    guard let miss = derivation.pricePointMiss(bundle: bundleIndex, region: regionIndex, channel: channel) else { continue }
                    let key = miss.groupKey
                    if first[key] == nil {
                        let on = channel.map { " on \(rules.channels[$0].name)" } ?? ""
                        first[key] = ("`\(bundle.name)` in \(region.code)\(on)", miss)
                        order.append(key)
                    }
                    cellCounts[key, default: 0] += 1
                }
            }
        }
        return order.compactMap { key in
            first[key].map { diagnostic($0.miss, example: $0.cell, cells: cellCounts[key] ?? 1, rules: rules) }
        }
    }

    private static func diagnostic(_ miss: PricePointMiss, example: String, cells: Int, rules: RuleSet) -> Diagnostic {
        let more = cells > 1 ? " and \(cells - 1) more price\(cells == 2 ? "" : "s")" : ""
        var notes: [DiagnosticNote] = []
        switch miss {
        case .noColumn(let table, _, _, _), .noTier(let table, _, _, _), .beyond(let table, _, _, _, _):
            if let declared = rules.pricePointTables[table] {
                let source = declared.file.map { " (read from `\($0)`)" } ?? ""
                notes.append(DiagnosticNote("the table `\(table)` is declared here\(source)", at: declared.span))
            }
        }
        switch miss {
        case .noColumn(let table, let region, let currency, let use):
            return Diagnostic(.missingPricePoint, "`\(table)` has no column for `\(region)` or its currency `\(currency)`: it cannot price \(example)\(more)",
                              at: use, notes: notes,
                              help: "add a column for `\(currency)` to the table (or one for `\(region)`), or price `\(region)` without the table")
        case .noTier(let table, let storefront, let tier, let use):
            return Diagnostic(.missingPricePoint, "`\(table)` has no tier \(tier) for `\(storefront)`: it cannot price \(example)\(more)",
                              at: use, notes: notes,
                              help: "give `\(storefront)` a point in the table's tier \(tier), or an explicit price of its own")
        case .beyond(let table, let storefront, let mode, let price, let use):
            let side = mode == .up ? "above every" : "below every"
            let fix = mode == .up ? "add a higher point, snap `nearest` or `down`" : "add a lower point, snap `nearest` or `up`"
            return Diagnostic(.priceBeyondPoints,
                              "the price of \(example) derives to \(price), \(side) `\(storefront)` point of `\(table)`: `\(mode.rawValue)` finds none\(cells > 1 ? " (nor for \(cells - 1) more price\(cells == 2 ? "" : "s"))" : "")",
                              at: use, notes: notes, help: "\(fix), or give the bundle an explicit price there")
        }
    }
}

extension PricePointMiss {
    /// The miss without what differs from one cell to the next, so that one
    /// diagnostic stands for every cell that fails for the same reason.
    fileprivate var groupKey: PricePointMiss {
        switch self {
        case .beyond(let table, let storefront, let mode, let price, let use):
            .beyond(table: table, storefront: storefront, mode: mode, price: Money(minorUnits: 0, currency: price.currency), use: use)
        default: self
        }
    }
}
