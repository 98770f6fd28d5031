import CoinageSyntax

extension PriceBook {
    /// The custom amount sold on a channel (`nil`: the rule set declares none).
    func customAmount(on channel: Channel?) -> CustomAmount? {
        rules.customAmounts.first { custom in
            custom.channels.isEmpty || channel.map { custom.channels.contains($0.name) } ?? false
        }
    }

    /// Prices `amount` coins: `coins × unit price`, converted with the rates, times
    /// the channel and region levels, half-even to the minor unit (no price grid).
    func customAmountPrice(_ amount: Int64, region: Region, channel: Channel?) throws(QuoteError) -> CustomAmountExplanation {
        guard let custom = customAmount(on: channel) else {
            throw QuoteError(.noCustomAmount, "no custom amount is sold\(channel.map { " on `\($0.name)`" } ?? "")",
                             help: rules.customAmounts.isEmpty ? "quote a bundle instead"
                                 : "custom amounts are sold on \(rules.customAmounts.flatMap(\.channels).map { "`\($0)`" }.joined(separator: ", "))")
        }
        guard amount >= custom.minimumCoins, amount <= custom.maximumCoins else {
            let side = amount < custom.minimumCoins ? "below the smallest" : "above the largest"
            throw QuoteError(.amountOutOfRange,
                             "\(amount) coins is \(side) custom amount of `\(custom.name)`",
                             help: "a custom amount runs from \(custom.minimumCoins) to \(custom.maximumCoins) coins")
        }
        do throws(ArithmeticOverflow) {
            var steps: [ListPriceExplanation.Step] = []
            guard let unit = Fraction(custom.unitPrice) else { throw ArithmeticOverflow() }
            var value = try unit.multiplied(by: UInt64(amount))
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
            let minor = try value.multiplied(by: region.currency.minorUnitsPerMajorUnsigned)
            guard let rounded = minor.rounded(.halfEven), rounded <= UInt64(Int64.max) else { throw ArithmeticOverflow() }
            return CustomAmountExplanation(custom: custom.name, coins: amount, steps: steps,
                                           price: Money(minorUnits: Int64(rounded), currency: region.currency))
        } catch {
            throw QuoteError(.overflow, "the price of \(amount) coins in `\(region.code)` is too large to compute")
        }
    }
}
