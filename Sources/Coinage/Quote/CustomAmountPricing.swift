import CoinageSyntax

extension PriceBook {
    /// The index of the custom amount sold on a channel (`nil`: the rule set declares none).
    func customAmountIndex(on channel: Channel?) -> Int? {
        rules.customAmounts.firstIndex { custom in
            custom.channels.isEmpty || channel.map { custom.channels.contains($0.name) } ?? false
        }
    }

    /// Prices `amount` coins: the custom amount's index among the declared ones, and
    /// how its price was found.
    func customAmountPrice(_ amount: Int64, region: Region, channel: Channel?) throws(QuoteError) -> (index: Int, explanation: CustomAmountExplanation) {
        guard let index = customAmountIndex(on: channel) else {
            throw QuoteError(.noCustomAmount, "no custom amount is sold\(channel.map { " on `\($0.name)`" } ?? "")",
                             help: rules.customAmounts.isEmpty ? "quote a bundle instead"
                                 : "custom amounts are sold on \(rules.customAmounts.flatMap(\.channels).map { "`\($0)`" }.joined(separator: ", "))")
        }
        let custom = rules.customAmounts[index]
        guard amount >= custom.minimumCoins, amount <= custom.maximumCoins else {
            let side = amount < custom.minimumCoins ? "below the smallest" : "above the largest"
            throw QuoteError(.amountOutOfRange,
                             "\(amount) coins is \(side) custom amount of `\(custom.name)`",
                             help: "a custom amount runs from \(custom.minimumCoins) to \(custom.maximumCoins) coins")
        }
        do throws(ArithmeticOverflow) {
            return (index, try CustomAmountDerivation(rules).price(custom, coins: amount, region: region, channel: channel))
        } catch {
            throw QuoteError(.overflow, "the price of \(amount) coins in `\(region.code)` is too large to compute")
        }
    }
}

/// `coins × unit price`, converted with the rates, times the channel and region
/// levels, half-even to the minor unit (no price grid): the price of a custom amount.
struct CustomAmountDerivation {
    let rules: RuleSet

    init(_ rules: RuleSet) {
        self.rules = rules
    }

    func price(_ custom: CustomAmount, coins amount: Int64, region: Region, channel: Channel?) throws(ArithmeticOverflow) -> CustomAmountExplanation {
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
