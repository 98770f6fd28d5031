import CoinageChecker
import CoinageSyntax

/// The custom amounts of a price book: which one each channel sells, the coins each
/// allows, and how their prices are derived.
package struct CustomAmountTable: Sendable {
    package let names: [String]
    let minimumCoins: [Int64]
    let maximumCoins: [Int64]
    /// Per channel slot, the custom amount sold there (the first declared that is),
    /// or nil.
    let soldOnSlot: [Int?]
    /// Per custom amount and channel slot, whether it is sold there.
    private let sold: [[Bool]]
    /// The channels some custom amount names, for the refusal's help.
    let namedChannels: [String]
    /// How prices are derived, behind one reference (the derivation holds the rule set).
    private let deriver: Deriver
    private let channelsDeclared: Bool

    var isEmpty: Bool { names.isEmpty }

    /// A derivation held by reference.
    private final class Deriver: Sendable {
        let derivation: CustomAmountDerivation
        init(_ derivation: CustomAmountDerivation) { self.derivation = derivation }
    }

    init(_ rules: RuleSet, channelSlots: [Channel?]) {
        names = rules.customAmounts.map { $0.name }
        minimumCoins = rules.customAmounts.map { $0.minimumCoins }
        maximumCoins = rules.customAmounts.map { $0.maximumCoins }
        let sold = rules.customAmounts.map { custom in
            channelSlots.map { channel in custom.channels.isEmpty || channel.map { custom.channels.contains($0.name) } ?? false }
        }
        self.sold = sold
        soldOnSlot = channelSlots.indices.map { slot in sold.firstIndex { $0[slot] } }
        namedChannels = rules.customAmounts.flatMap { $0.channels }
        deriver = Deriver(CustomAmountDerivation(rules))
        channelsDeclared = !rules.channels.isEmpty
    }

    /// Whether custom amount `custom` is sold on channel slot `slot`.
    package func isSold(_ custom: Int, onSlot slot: Int) -> Bool { sold[custom][slot] }

    /// The exact price of one coin of custom amount `custom`, in minor units, before rounding.
    func minorUnitsPerCoin(_ custom: Int, region: Int, channel: Int) throws(ArithmeticOverflow) -> BigFraction {
        try deriver.derivation.minorUnitsPerCoin(custom: custom, region: region, channel: channelsDeclared ? channel : nil)
    }

    /// The price of `coins` coins of custom amount `custom`, with how it was found.
    func price(_ custom: Int, coins: Int64, region: Int, channel: Int) throws(ArithmeticOverflow) -> CustomAmountExplanation {
        try deriver.derivation.price(custom: custom, coins: coins, region: region, channel: channelsDeclared ? channel : nil)
    }
}

extension PriceBook {
    /// Prices `amount` coins on channel slot `channel`: the custom amount's index
    /// among the declared ones, and how its price was found.
    func customAmountPrice(_ amount: Int64, region: Int, channel: Int) throws(QuoteError) -> (index: Int, explanation: CustomAmountExplanation) {
        guard let index = customAmounts.soldOnSlot[channel] else {
            let on = channels.names[channel].map { " on `\($0)`" } ?? ""
            throw QuoteError(.noCustomAmount, "no custom amount is sold\(on)",
                             help: customAmounts.isEmpty ? "quote a bundle instead"
                                 : "custom amounts are sold on \(customAmounts.namedChannels.map { "`\($0)`" }.joined(separator: ", "))")
        }
        let name = customAmounts.names[index]
        let minimum = customAmounts.minimumCoins[index]
        let maximum = customAmounts.maximumCoins[index]
        guard amount >= minimum, amount <= maximum else {
            let side = amount < minimum ? "below the smallest" : "above the largest"
            throw QuoteError(.amountOutOfRange,
                             "\(unit.count(amount)) is \(side) custom amount of `\(name)`",
                             help: "a custom amount runs from \(minimum) to \(unit.count(maximum))")
        }
        do throws(ArithmeticOverflow) {
            return (index, try customAmounts.price(index, coins: amount, region: region, channel: channel))
        } catch {
            throw QuoteError(.overflow, "the price of \(unit.count(amount)) in `\(regions.codes[region])` is too large to compute")
        }
    }
}
