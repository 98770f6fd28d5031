import CoinageChecker
import CoinageSyntax

/// The gifts of a price book and the payout that turns them into a creator's cash,
/// as values: what a gift quote reads.
package struct GiftTable: Sendable {
    /// Gift names, in declaration order, and each one's price in coins.
    package let names: [String]
    let coins: [Int64]
    private let index: NameTable
    /// The payout, or nil when the rules declare none (a gift quote is then refused).
    let payout: CompiledPayout?
    /// Rates to convert the creator's cash, and the currency it is reported in.
    let conversion: Conversion

    init(_ rules: RuleSet) {
        names = rules.gifts.map { $0.name }
        coins = rules.gifts.map { $0.coins }
        index = NameTable(names)
        payout = rules.payout.map(CompiledPayout.init)
        conversion = Conversion(rules)
    }

    /// The index of gift `name`, or nil.
    func gift(named name: String) -> Int? { index[name] }
}

/// `payout { share 50% diamond 0.005 USD minimum 100.00 USD }`, as values.
package struct CompiledPayout: Sendable {
    /// Diamonds a creator earns per gifted coin.
    let share: Percentage
    /// Cash value of one diamond, and its currency.
    let diamondValue: ExactDecimal
    let diamondCurrency: Currency
    let minimumWithdrawal: Money?

    init(_ payout: Payout) {
        share = payout.share
        diamondValue = payout.diamondValue
        diamondCurrency = payout.diamondCurrency
        minimumWithdrawal = payout.minimumWithdrawal
    }
}
