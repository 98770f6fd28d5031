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
package struct CustomAmountDerivation {
    let rules: RuleSet

    package init(_ rules: RuleSet) {
        self.rules = rules
    }

    /// The price of `amount` coins of the rule set's custom amount number `custom`
    /// in region number `region` on channel number `channel` (nil: none declared).
    package func price(custom: Int, coins amount: Int64, region: Int, channel: Int?) throws(ArithmeticOverflow) -> CustomAmountExplanation {
        try price(rules.customAmounts[custom], coins: amount, region: rules.regions[region], channel: channel.map { rules.channels[$0] })
    }

    package func price(_ custom: CustomAmount, coins amount: Int64, region: Region, channel: Channel?) throws(ArithmeticOverflow) -> CustomAmountExplanation {
        var steps: [ListPriceExplanation.Step] = []
        guard let unit = Fraction(custom.unitPrice), amount >= 0 else { throw ArithmeticOverflow() }
        // Exact at any width: an 18-decimal rate and levels with decimals outgrow 128 bits.
        var value = BigFraction(unit).multiplied(by: UInt64(amount))
        steps.append(.init(label: "\(amount) coins × \(custom.unitPrice) \(custom.unitCurrency.code)", value: value,
                           currency: custom.unitCurrency))
        if custom.unitCurrency != region.currency {
            value = try Conversion(rules).convert(value, from: custom.unitCurrency, to: region.currency)
            steps.append(.init(label: Conversion(rules).label(from: custom.unitCurrency, to: region.currency),
                               value: value, currency: region.currency))
        }
        if let channel, channel.level != .hundred {
            value = try value.multiplied(by: percentFraction(channel.level))
            steps.append(.init(label: "channel \(channel.name) level \(channel.level)", value: value, currency: region.currency))
        }
        if region.level != .hundred {
            value = try value.multiplied(by: percentFraction(region.level))
            steps.append(.init(label: "region \(region.code) level \(region.level)", value: value, currency: region.currency))
        }
        let minor = value.multiplied(by: region.currency.minorUnitsPerMajorUnsigned)
        guard let rounded = minor.rounded(.halfEven), rounded <= UInt64(Int64.max) else { throw ArithmeticOverflow() }
        return CustomAmountExplanation(custom: custom.name, coins: amount, steps: steps,
                                       price: Money(minorUnits: Int64(rounded), currency: region.currency))
    }
}
