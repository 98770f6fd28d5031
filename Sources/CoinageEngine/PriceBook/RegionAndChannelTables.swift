import CoinageChecker
import CoinageSyntax

/// What a quote copies out of each region, one flat array each, so the quote path
/// never copies a whole declaration; and the currencies of the price book.
package struct RegionTable: Sendable {
    package let codes: [String]
    /// Each region's currency, and its number among `currencies`.
    package let currency: [Currency]
    package let currencyIndex: [Int]
    package let taxRates: [Percentage]
    package let taxIncluded: [Bool]
    /// The tax share of a price: `r/(1+r)` when included, `r` when added.
    let taxRatios: [Ratio?]
    /// The price book's currencies: the base currency, then each region's in order.
    package let currencies: [Currency]
    /// Currency codes to their number among `currencies`, for the compiler.
    let currencyNumbers: [String: Int]

    var count: Int { codes.count }

    init(_ rules: RuleSet) {
        codes = rules.regions.map { $0.code }
        currency = rules.regions.map { $0.currency }
        taxRates = rules.regions.map { $0.tax.rate }
        taxIncluded = rules.regions.map { $0.tax.mode == .included }
        // The checker bounds percentages to 6 decimals, so these ratios always exist;
        // a missing one would refuse its quotes as `overflow`, never compute zero.
        taxRatios = rules.regions.map { region in
            guard let rate = try? percentFraction(region.tax.rate) else { return nil }
            guard region.tax.mode == .included else { return Ratio(rate) }
            return (try? rate.dividedBy(Fraction.one.adding(rate))).flatMap(Ratio.init)
        }
        var currencies: [Currency] = [rules.baseCurrency]
        for region in rules.regions where !currencies.contains(region.currency) { currencies.append(region.currency) }
        self.currencies = currencies
        let numbers = Dictionary(uniqueKeysWithValues: currencies.enumerated().map { ($1.code, $0) })
        currencyNumbers = numbers
        currencyIndex = rules.regions.map { numbers[$0.currency.code] ?? 0 }
    }
}

/// What a quote copies out of each channel slot: its name and its fee. A rule set
/// without channels has one slot, none.
package struct ChannelTable: Sendable {
    /// Whether the rule set declares channels (else the one slot is none).
    package let declared: Bool
    /// Per slot, the channel's name (nil for the one slot of a rule set without channels).
    package let names: [String?]
    /// Per slot, the fee share of the price without tax.
    let feeRatios: [Ratio?]

    var count: Int { names.count }

    init(_ slots: [Channel?]) {
        declared = slots.first.map { $0 != nil } ?? false
        names = slots.map { $0?.name }
        feeRatios = slots.map { channel in
            guard let channel else { return Ratio(.zero) }
            return (try? percentFraction(channel.fee)).flatMap(Ratio.init)
        }
    }
}
