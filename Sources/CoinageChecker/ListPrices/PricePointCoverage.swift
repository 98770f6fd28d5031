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
                    guard var miss = derivation.pricePointMiss(bundle: bundleIndex, region: regionIndex, channel: channel) else { continue }
                    // A tier no storefront has is one mistake, not one per storefront.
                    if case .noTier(let table, _, let tier, let use) = miss, !hasTier(tier, anywhereIn: rules.pricePointTables[table]) {
                        miss = .noTier(table: table, storefront: Self.everyStorefront, tier: tier, use: use)
                    }
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

    /// Stands for every storefront of a table, in a miss of a tier none of them has.
    private static let everyStorefront = PricePointTable.Storefront.currency("*")

    private static func hasTier(_ tier: Int, anywhereIn table: PricePointTable?) -> Bool {
        table?.columns.values.contains { $0.point(tier: tier) != nil } ?? true
    }

    /// `1 to 20`, or `1 to 12 and 15 to 20` when some are missing.
    private static func tierRanges(_ table: PricePointTable?) -> String {
        let tiers = Set(table?.columns.values.flatMap { $0.points.map { $0.tier } } ?? []).sorted()
        var runs: [(Int, Int)] = []
        for tier in tiers {
            if let last = runs.last, last.1 + 1 == tier { runs[runs.count - 1].1 = tier } else { runs.append((tier, tier)) }
        }
        let parts = runs.map { $0.0 == $0.1 ? "\($0.0)" : "\($0.0) to \($0.1)" }
        return parts.count <= 1 ? parts.first ?? "none" : parts.dropLast().joined(separator: ", ") + " and " + (parts.last ?? "")
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
        case .noTier(let table, let storefront, let tier, let use) where storefront == everyStorefront:
            return Diagnostic(.missingPricePoint, "`\(table)` has no tier \(tier) in any storefront: it cannot price \(example)\(more)",
                              at: use, notes: notes,
                              help: "the tiers of `\(table)` are \(tierRanges(rules.pricePointTables[table])): name one of them, or add the tier to the table")
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
