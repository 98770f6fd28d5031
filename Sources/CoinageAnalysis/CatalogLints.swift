import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// Lints of the catalogue: explicit prices off their grid, rates nothing needs,
/// markets of one region.
enum CatalogLints {
    /// W0201: a region or market price whose amount is not a candidate of the grid
    /// that governs its own scope (`RuleSet.governingRounding`: a price `in US on web`
    /// is judged by the grid of US on web, so a price on its own scope's grid never
    /// warns). A channel-wide price is exempt: like a bundle's base price it is a
    /// starting point in the base currency, and derived prices are rounded from it.
    ///
    /// On a channel that snaps to a price-point table, the table is the grid: a
    /// price that is not a point of its storefront's column warns instead.
    static func offGridPrices(_ rules: RuleSet) -> [Diagnostic] {
        rules.explicitPrices.compactMap { price -> Diagnostic? in
            guard price.scope != .everywhere, let written = price.money else { return nil }
            if let snapping = price.channel.flatMap({ rules.channel($0)?.points }) {
                return notAPoint(price, written, snapping, rules: rules)
            }
            guard let found = rules.governingRounding(currency: written.currency, scope: price.scope, channel: price.channel)
            else { return nil }
            let rule = found.rule
            guard let governing = rule.governingGrid(for: written.minorUnits),
                  !governing.grid.contains(written.minorUnits) else { return nil }
            let currency = written.currency
            let money = { (minor: Int64) in Money(minorUnits: minor, currency: currency).description }
            let range = switch (governing.from, governing.below) {
            case let (from?, below?): " from \(money(from)) to below \(money(below))"
            case let (nil, below?): " below \(money(below))"
            case let (from?, nil): " from \(money(from)) up"
            case (nil, nil): ""
            }
            let place = found.scopedIndex.map { rules.scopedRoundingRules[$0] }.map { scoped in
                [scoped.scope.placeText, scoped.channel.map { "on \($0)" }].compactMap { $0 }.joined(separator: " ")
            }.map { " " + $0 } ?? ""
            let noteText = "the \(currency.code)\(place) grid\(range) is `\(governing.grid.text(in: currency))`"
            let neighbours = governing.grid.neighbours(of: written.minorUnits)
            let onGrid = [neighbours.below, neighbours.above].compactMap { $0 }.filter(rule.isOnGrid)
            let help = onGrid.isEmpty
                ? "use a price on the \(currency.code) grid, or remove this line to derive the price"
                : "write " + onGrid.map { "`\(money($0))`" }.joined(separator: " or ")
                    + ", the nearest price\(onGrid.count == 1 ? "" : "s") on the grid, or remove this line to derive the price"
            return Diagnostic(
                .priceOffGrid,
                "`\(written)` for `\(price.bundle)` is off the \(currency.code) price grid",
                at: price.span,
                notes: [DiagnosticNote(noteText, at: found.span)],
                help: help)
        }
    }

    /// W0201 for a price on a channel that snaps to `snapping`'s table: the amount is
    /// not a point of the column that prices its place.
    private static func notAPoint(_ price: ExplicitPrice, _ written: Money, _ snapping: PointsSnapping, rules: RuleSet) -> Diagnostic? {
        guard let table = rules.pricePointTables[snapping.table] else { return nil }
        let regions: [Region] = switch price.scope {
        case .region(let code): rules.region(code).map { [$0] } ?? []
        case .market(let name): (rules.market(name)?.regions ?? []).compactMap(rules.region)
        case .everywhere: []
        }
        // Each region of a market has its own column: the first one the amount is not a point of warns.
        for region in regions {
            guard let column = table.column(region: region.code, currency: region.currency),
                  !column.points.contains(where: { $0.price == written }) else { continue }
            let above = column.points.first { $0.price.minorUnits > written.minorUnits }
            let below = column.points.last { $0.price.minorUnits < written.minorUnits }
            let nearest = [below, above].compactMap { $0 }.map { "`points \(table.name) tier \($0.tier)` (\($0.price))" }
            let place = regions.count > 1 ? " in \(region.code)" : ""
            return Diagnostic(
                .priceOffGrid,
                "`\(written)` for `\(price.bundle)`\(place) is not a point of `\(table.name)`, the table channel `\(price.channel ?? "")` snaps to",
                at: price.span,
                notes: [DiagnosticNote("`\(column.storefront)` has \(column.points.count) point\(column.points.count == 1 ? "" : "s") in `\(table.name)`", at: table.span)],
                help: nearest.isEmpty ? "use a point of the table, or remove this line to snap the derived price"
                    : "write " + nearest.joined(separator: " or ") + ", or remove this line to snap the derived price")
        }
        return nil
    }

    /// W0204: a rate whose currency no region sells in and no amount is written in.
    /// Amounts in a currency (a fixed discount, a `list` condition, a custom amount's
    /// unit price, the payout) need its rate to be converted, so they count as uses.
    static func unusedRates(_ rules: RuleSet) -> [Diagnostic] {
        var used = Set(rules.regions.map(\.currency.code))
        for promotion in rules.promotions {
            switch promotion.priceEffect {
            case .amountOff(let money)?, .setPrice(let money)?: used.insert(money.currency.code)
            case .percentOff?, nil: break
            }
            if let condition = promotion.condition { used.formUnion(listCurrencies(condition)) }
        }
        used.formUnion(rules.customAmounts.map(\.unitCurrency.code))
        if let payout = rules.payout {
            used.insert(payout.diamondCurrency.code)
            for limit in [payout.minimumWithdrawal, payout.maximumWithdrawalPerDay] {
                if let limit { used.insert(limit.currency.code) }
            }
        }
        return rules.rates.keys.sorted().compactMap { code in
            guard !used.contains(code), let span = rules.rateSpans[code] else { return nil }
            return Diagnostic(
                .unusedRate,
                "the rate of `\(code)` is never used: no region sells in \(code)",
                at: span,
                notes: [DiagnosticNote("no price, discount or payout is written in \(code) either")],
                help: "remove this line, or declare the region that sells in \(code)")
        }
    }

    /// The currencies of the amounts `list` comparisons are written in.
    private static func listCurrencies(_ condition: Condition) -> Set<String> {
        switch condition.kind {
        case .and(let a, let b), .or(let a, let b): listCurrencies(a).union(listCurrencies(b))
        case .not(let a): listCurrencies(a)
        case .list(_, let money): [money.currency.code]
        default: []
        }
    }

    /// W0205: a market that groups a single region, so it says nothing the region
    /// code would not.
    static func singleRegionMarkets(_ rules: RuleSet) -> [Diagnostic] {
        rules.markets.compactMap { market in
            guard Set(market.regions).count == 1, let region = market.regions.first else { return nil }
            let declared = rules.region(region).map { [DiagnosticNote("`\(region)` is declared here", at: $0.span)] } ?? []
            return Diagnostic(
                .singleRegionMarket,
                "market `\(market.name)` has a single region, `\(region)`",
                at: market.span,
                notes: declared,
                help: "add the market's other regions, or write `\(region)` where the market is used and remove it")
        }
    }
}
