import CoinageSyntax

/// The prices of a rule set that cannot be computed: a bundle's list price or a
/// custom amount's largest price whose exact value rounds past 64-bit minor units,
/// or whose total with an added tax does. A quote of such a cell could only be
/// refused as `overflow`, so the checker reports them before the rules ship (E0407).
///
/// Derivations are exact at any width (`BigFraction`), so only a result that truly
/// does not fit is found. Checking every bundle in every region and channel would
/// cost as much as the price book itself; a bound per region (the largest starting
/// price times the largest levels and the rate) clears almost every region at once,
/// and only a region the bound cannot clear is derived cell by cell.
enum UncomputablePrices {
    /// One bundle or custom amount, and the cells where its price does not fit.
    struct Finding: Hashable, Sendable {
        let item: String
        let isCustomAmount: Bool
        let span: SourceSpan
        /// `DE on web`, in region and channel order.
        let cells: [String]
        /// True when the list price fits but the total with the added tax does not.
        let taxOnly: Bool
    }

    /// One E0407 error per bundle or custom amount with an uncomputable price.
    static func diagnostics(_ rules: RuleSet) -> [Diagnostic] {
        find(rules).map { finding in
            let what = finding.isCustomAmount ? "the largest price of the custom amount `\(finding.item)`" : "the price of `\(finding.item)`"
            let total = finding.taxOnly ? ", with its added tax," : ""
            let more = finding.cells.count > 1 ? " and \(finding.cells.count - 1) more region\(finding.cells.count == 2 ? "" : "s") or channel\(finding.cells.count == 2 ? "" : "s")" : ""
            return Diagnostic(.priceOverflow, "\(what)\(total) is too large to compute in \(finding.cells[0])\(more)",
                              at: finding.span,
                              notes: [DiagnosticNote("amounts are kept in 64-bit minor units, at most 9_223_372_036_854_775_807 of them; a quote there could only be refused as `overflow`")],
                              help: finding.isCustomAmount
                                  ? "lower the unit price or the largest amount, or the rate or level that multiplies it"
                                  : "lower the price, or the rate or level that multiplies it")
        }
    }

    /// Every bundle and custom amount with a price that does not fit, in declaration order.
    static func find(_ rules: RuleSet) -> [Finding] {
        let derivation = ListPriceDerivation(rules)
        let channels = derivation.storefronts.channelSlots
        var bundleCells = [[String]](repeating: [], count: rules.bundles.count)
        var bundleTaxOnly = [Bool](repeating: true, count: rules.bundles.count)
        let bound = StartingBound(rules)
        for (regionIndex, region) in rules.regions.enumerated() where !bound.clears(region, rules: rules) {
            for index in rules.bundles.indices {
                for channel in channels {
                    let price = try? derivation.listPrice(bundle: index, region: regionIndex, channel: channel).price
                    guard let problem = problem(price, region: region) else { continue }
                    bundleCells[index].append(cell(region, channel.map { rules.channels[$0] }))
                    bundleTaxOnly[index] = bundleTaxOnly[index] && problem == .tax
                }
            }
        }
        var findings: [Finding] = []
        for (index, bundle) in rules.bundles.enumerated() where !bundleCells[index].isEmpty {
            findings.append(Finding(item: bundle.name, isCustomAmount: false, span: bundle.span, cells: bundleCells[index],
                                    taxOnly: bundleTaxOnly[index]))
        }
        // The largest amount of each custom amount, in every cell it is sold in, in
        // the regions the bound does not clear. An amount sold on named channels is
        // derived on those alone: a shop can have as many amounts as channels.
        let customs = CustomAmountDerivation(rules)
        var channelsByName: [String: Int] = [:]
        for (index, channel) in rules.channels.enumerated() where channelsByName[channel.name] == nil { channelsByName[channel.name] = index }
        for (customIndex, custom) in rules.customAmounts.enumerated() {
            var cells: [String] = []
            var taxOnly = true
            let sold: [Int?] = custom.channels.isEmpty ? channels
                : rules.channels.isEmpty ? [nil] : custom.channels.compactMap { channelsByName[$0] }
            for (regionIndex, region) in rules.regions.enumerated() where !bound.clears(region, rules: rules) {
                for channel in sold {
                    let price = try? customs.price(custom: customIndex, coins: custom.maximumCoins, region: regionIndex, channel: channel).price
                    guard let problem = problem(price, region: region) else { continue }
                    cells.append(cell(region, channel.map { rules.channels[$0] }))
                    taxOnly = taxOnly && problem == .tax
                }
            }
            if !cells.isEmpty {
                findings.append(Finding(item: custom.name, isCustomAmount: true, span: custom.span, cells: cells, taxOnly: taxOnly))
            }
        }
        return findings
    }

    private enum Problem { case price, tax }

    /// Why a derived price cannot be quoted: it did not fit (nil price), or its total
    /// with the region's added tax does not.
    private static func problem(_ price: Money?, region: Region) -> Problem? {
        guard let price else { return .price }
        guard region.tax.mode == .added, !region.tax.rate.isZero else { return nil }
        guard let rate = try? percentFraction(region.tax.rate), let ratio = Ratio(rate),
              let tax = ratio.apply(to: price.minorUnits), !price.minorUnits.addingReportingOverflow(tax).overflow
        else { return .tax }
        return nil
    }

    private static func cell(_ region: Region, _ channel: Channel?) -> String {
        "`\(region.code)`" + (channel.map { " on `\($0.name)`" } ?? "")
    }
}

/// An upper bound on every list price a region can derive, to clear it without
/// deriving its cells: the largest starting price (a base price, or a channel-wide
/// price), times the largest channel level, the region's rate and level, plus the
/// widest step of its rounding rule; and the largest price written for it.
private struct StartingBound {
    let start: Fraction
    let channelLevel: Fraction

    init(_ rules: RuleSet) {
        var start = Fraction.zero
        for bundle in rules.bundles { if let value = Fraction(bundle.basePrice.decimal), start < value { start = value } }
        for price in rules.explicitPrices where price.scope == .everywhere {
            if let money = price.money, let value = Fraction(money.decimal), start < value { start = value }
        }
        // A custom amount's largest price, in the base currency.
        let conversion = Conversion(rules)
        for custom in rules.customAmounts {
            guard let unit = Fraction(custom.unitPrice), let total = try? unit.multiplied(by: UInt64(max(0, custom.maximumCoins))),
                  let inBase = try? conversion.convert(total, from: custom.unitCurrency, to: rules.baseCurrency) else {
                // Not even the bound fits: no region is cleared.
                start = Fraction(UInt64.max, 1) ?? start
                continue
            }
            if start < inBase { start = inBase }
        }
        self.start = start
        // A channel-wide price is not multiplied by a channel level: count 100% too.
        var level = Fraction.one
        for channel in rules.channels {
            if let value = try? percentFraction(channel.level), level < value { level = value }
        }
        channelLevel = level
    }

    /// True when no cell of `region` can overflow; false when it might.
    func clears(_ region: Region, rules: RuleSet) -> Bool {
        guard let level = try? percentFraction(region.level), let rate = try? Conversion(rules).rate(region.currency),
              let tax = try? percentFraction(region.tax.mode == .added ? region.tax.rate : .zero),
              let taxed = try? Fraction.one.adding(tax) else { return false }
        let value = BigFraction(start).multiplied(by: channelLevel).multiplied(by: rate).multiplied(by: level)
            .multiplied(by: region.currency.minorUnitsPerMajorUnsigned)
        // A grid rounds up by less than its widest step plus its ending; half-even by at most one.
        var slack: UInt64 = 1
        // Every rule that may round a price of the region's currency, scoped or not.
        let currencyRules = [rules.roundingRules[region.currency.code]].compactMap { $0 }
            + rules.scopedRoundingRules.filter { $0.currency == region.currency }.map { $0.rule }
        for rule in currencyRules {
            let grids: [RoundingGrid] = switch rule {
            case .single(let grid): [grid]
            case .tiers(let tiers): tiers.map { $0.grid }
            }
            for grid in grids {
                let (sum, overflow) = UInt64(max(0, grid.step)).addingReportingOverflow(UInt64(max(0, grid.ending)))
                slack = max(slack, overflow ? UInt64.max : sum)
            }
        }
        var written: UInt64 = 0
        for price in rules.explicitPrices {
            if let money = price.money, money.currency == region.currency { written = max(written, UInt64(max(0, money.minorUnits))) }
        }
        // A price from a table is one of its points: the highest of the region's columns bounds it.
        for table in rules.pricePointTables.values {
            if let highest = table.column(region: region.code, currency: region.currency)?.points.last {
                written = max(written, UInt64(max(0, highest.price.minorUnits)))
            }
        }
        // Below 2^62 with the tax on top, every price and total of the region fits.
        let limit = Fraction(UInt64(1) << 62)
        guard let list = value.roundingEquivalent, let rounded = list.rounded(.up),
              case let (sum, false) = rounded.addingReportingOverflow(slack) else { return false }
        let highest = max(sum, written)
        guard let total = try? Fraction(highest).multiplied(by: taxed) else { return false }
        return total < limit
    }
}
