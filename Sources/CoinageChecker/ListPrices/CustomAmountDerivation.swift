import CoinageSyntax

/// `coins × unit price × rate × levels`, half-even to the minor unit.
public struct CustomAmountExplanation: Hashable, Sendable {
    public let custom: String
    public let coins: Int64
    public let steps: [ListPriceExplanation.Step]
    public let price: Money
}

/// `coins × unit price`, converted with the rates, times the channel and region
/// levels, half-even to the minor unit (no price grid): the price of a custom amount.
///
/// Like `ListPriceDerivation`, it holds values by index, never the rule set.
package struct CustomAmountDerivation: Sendable {
    package let storefronts: Storefronts
    private let names: [String]
    private let unitPrices: [ExactDecimal]
    private let unitCurrencies: [Currency]
    /// The shop's unit, for the words of the first step (`5000 bits × ...`).
    private let coinUnit: CoinUnit

    package init(_ rules: RuleSet) {
        storefronts = Storefronts(rules)
        names = rules.customAmounts.map { $0.name }
        unitPrices = rules.customAmounts.map { $0.unitPrice }
        unitCurrencies = rules.customAmounts.map { $0.unitCurrency }
        coinUnit = rules.unit
    }

    /// The price of `amount` coins of custom amount number `custom` in region number
    /// `region` on channel number `channel` (nil: none declared).
    package func price(custom: Int, coins amount: Int64, region: Int, channel: Int?) throws(ArithmeticOverflow) -> CustomAmountExplanation {
        var steps: [ListPriceExplanation.Step] = []
        let unitPrice = unitPrices[custom]
        let unitCurrency = unitCurrencies[custom]
        guard let unit = Fraction(unitPrice), amount >= 0 else { throw ArithmeticOverflow() }
        // Exact at any width: an 18-decimal rate and levels with decimals outgrow 128 bits.
        var value = BigFraction(unit).multiplied(by: UInt64(amount))
        steps.append(.init(label: "\(coinUnit.count(amount)) × \(unitPrice) \(unitCurrency.code)", value: value, currency: unitCurrency))
        value = try storefronts.converting(value, from: unitCurrency, toRegion: region, steps: &steps, labelled: true)
        let currency = storefronts.regionCurrencies[region]
        value = try storefronts.applyingChannelLevel(value, channel: channel, currency: currency, steps: &steps, labelled: true)
        value = try storefronts.applyingRegionLevel(value, region: region, steps: &steps, labelled: true)
        let minor = value.multiplied(by: currency.minorUnitsPerMajorUnsigned)
        guard let rounded = minor.rounded(.halfEven), rounded <= UInt64(Int64.max) else { throw ArithmeticOverflow() }
        return CustomAmountExplanation(custom: names[custom], coins: amount, steps: steps,
                                       price: Money(minorUnits: Int64(rounded), currency: currency))
    }

    /// The exact price of one coin of custom amount `custom` in minor units of region
    /// `region`'s currency, before rounding: `price(custom:coins:...)` of `n` coins is
    /// `n` times this, half-even to a whole number, since every step of the
    /// derivation multiplies. The diff's proofs reason over amounts with it.
    package func minorUnitsPerCoin(custom: Int, region: Int, channel: Int?) throws(ArithmeticOverflow) -> BigFraction {
        var steps: [ListPriceExplanation.Step] = []
        guard let unit = Fraction(unitPrices[custom]) else { throw ArithmeticOverflow() }
        let currency = storefronts.regionCurrencies[region]
        var value = try storefronts.converting(BigFraction(unit), from: unitCurrencies[custom], toRegion: region, steps: &steps, labelled: false)
        value = try storefronts.applyingChannelLevel(value, channel: channel, currency: currency, steps: &steps, labelled: false)
        value = try storefronts.applyingRegionLevel(value, region: region, steps: &steps, labelled: false)
        return value.multiplied(by: currency.minorUnitsPerMajorUnsigned)
    }
}
