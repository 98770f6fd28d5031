import CoinageChecker
import CoinageSyntax

/// The promises a compiled price book keeps, checked once when it is built.
///
/// The checker guarantees that every name a promotion uses resolves, every currency
/// a region or an amount uses has a rate, every region's zone has an offset table,
/// and every percentage has at most 6 decimals (so its ratio fits in 64 bits). The
/// price book leans on these, and where a lookup could still come back empty it
/// records the break here instead of quoting with a stand-in: a bug must surface as
/// the `internal` error, never as a plausible price.
extension PriceBook {
    /// The first broken promise of the book compiled from `rules`, described for the `internal` error, or nil.
    func firstBrokenInvariant(_ rules: RuleSet) -> String? {
        let currencies = regions.currencies
        for promotion in program.promotions {
            if let broken = promotion.brokenInvariant { return broken }
            if case .percentOff? = promotion.priceEffect, promotion.discountRatio == nil {
                return "promotion `\(promotion.name)`: its discount has no ratio"
            }
            if case .percent? = promotion.bonus, promotion.bonusRatio == nil {
                return "promotion `\(promotion.name)`: its bonus has no ratio"
            }
            if case .amountOff? = promotion.priceEffect, promotion.amounts.count != currencies.count {
                return "promotion `\(promotion.name)`: its amount is not in every currency"
            }
            if case .setPrice? = promotion.priceEffect, promotion.amounts.count != currencies.count {
                return "promotion `\(promotion.name)`: its price is not in every currency"
            }
        }
        for (position, region) in rules.regions.enumerated() {
            let currency = regions.currencyIndex[position]
            guard currencies.indices.contains(currency), currencies[currency] == region.currency else {
                return "region `\(region.code)`: its currency \(region.currency.code) has no index"
            }
            let zone = zones.regionZones[position]
            guard zones.names.indices.contains(zone), zones.names[zone] == region.zone else {
                return "region `\(region.code)`: its zone \(region.zone) has no offset table"
            }
            if regions.taxRatios[position] == nil { return "region `\(region.code)`: its tax of \(region.tax.rate) has no ratio" }
        }
        for (slot, ratio) in channels.feeRatios.enumerated() where ratio == nil {
            return "channel `\(channels.names[slot] ?? "")`: its fee has no ratio"
        }
        if program.floorRatio == nil { return "the floor of \(rules.floor) has no ratio" }
        return nil
    }
}
