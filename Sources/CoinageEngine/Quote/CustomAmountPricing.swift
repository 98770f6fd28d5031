import CoinageChecker
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
