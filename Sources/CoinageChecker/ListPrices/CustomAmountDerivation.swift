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
        let minor = try exactMinorUnits(custom: custom, coins: amount, region: region, channel: channel, steps: &steps, labelled: true)
        guard let rounded = minor.rounded(.halfEven), rounded <= UInt64(Int64.max) else { throw ArithmeticOverflow() }
        return CustomAmountExplanation(custom: names[custom], coins: amount, steps: steps,
                                       price: Money(minorUnits: Int64(rounded), currency: storefronts.regionCurrencies[region]))
    }

    /// The exact price of one coin of custom amount `custom` in minor units of region
    /// `region`'s currency, before rounding: `price(custom:coins:...)` of `n` coins is
    /// `n` times this, half-even to a whole number, since every step of the
    /// derivation multiplies. The diff's proofs reason over amounts with it.
    package func minorUnitsPerCoin(custom: Int, region: Int, channel: Int?) throws(ArithmeticOverflow) -> BigFraction {
        var steps: [ListPriceExplanation.Step] = []
        return try exactMinorUnits(custom: custom, coins: 1, region: region, channel: channel, steps: &steps, labelled: false)
    }

    /// `amount` coins at the unit price, converted and levelled, in minor units of the
    /// region's currency before rounding; each step in `steps` when `labelled`.
    private func exactMinorUnits(custom: Int, coins amount: Int64, region: Int, channel: Int?,
                                 steps: inout [ListPriceExplanation.Step], labelled: Bool) throws(ArithmeticOverflow) -> BigFraction {
        let unitPrice = unitPrices[custom]
        let unitCurrency = unitCurrencies[custom]
        guard let unit = Fraction(unitPrice), amount >= 0 else { throw ArithmeticOverflow() }
        // Exact at any width: an 18-decimal rate and levels with decimals outgrow 128 bits.
        var value = BigFraction(unit).multiplied(by: UInt64(amount))
        if labelled {
            steps.append(.init(label: "\(coinUnit.count(amount)) × \(unitPrice) \(unitCurrency.code)", value: value, currency: unitCurrency))
        }
        value = try storefronts.converting(value, from: unitCurrency, toRegion: region, steps: &steps, labelled: labelled)
        let currency = storefronts.regionCurrencies[region]
        value = try storefronts.applyingChannelLevel(value, channel: channel, currency: currency, steps: &steps, labelled: labelled)
        value = try storefronts.applyingRegionLevel(value, region: region, steps: &steps, labelled: labelled)
        return value.multiplied(by: currency.minorUnitsPerMajorUnsigned)
    }
}
