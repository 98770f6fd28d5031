import CoinageSyntax

/// An exact, explainable price for one request.
///
/// Every amount is in the region's currency. `list − sum(discounts) = price`,
/// `total` is what the buyer pays, and `proceeds` is what the shop keeps after tax
/// and the channel's fee.
public struct Quote: Hashable, Sendable {
    /// The bundle's name, or the custom amount's name for `N coins`.
    public let item: String
    public let isCustomAmount: Bool
    public let region: String
    public let channel: String?
    public let currency: Currency
    public let coins: CoinCount
    public let list: Money
    public let discounts: [DiscountLine]
    /// The price after promotions: what tax is computed on.
    public let price: Money
    public let tax: TaxLine
    public let total: Money
    public let proceeds: Money
    /// Promotions that applied, in the order they were applied.
    public let applied: [String]
    /// The content hash of the rule set that produced the quote.
    public let ruleSetHash: String
    /// Present when the request asked for it.
    public let explanation: QuoteExplanation?
}

/// The coins a quote delivers.
public struct CoinCount: Hashable, Sendable {
    public let base: Int64
    /// Bundle bonus plus promotion bonuses.
    public let bonus: Int64
    public var total: Int64 { base + bonus }
}

/// One promotion's share of the discount.
public struct DiscountLine: Hashable, Sendable {
    public let promotion: String
    public let amount: Money
}

/// The tax in a quote: its rate, whether the price contains it, and the amount.
public struct TaxLine: Hashable, Sendable {
    public let rate: Percentage
    public let included: Bool
    public let amount: Money
}

/// Why a quote came out as it did.
public struct QuoteExplanation: Hashable, Sendable {
    /// How the list price was found; nil for a custom amount.
    public let listPrice: ListPriceExplanation?
    /// How a custom amount was priced; nil for a bundle.
    public let customAmount: CustomAmountExplanation?
    /// Every promotion of the rule set, in walk order, and what happened to it.
    public let promotions: [PromotionTrace]
}

/// `coins × unit price × rate × levels`, half-even to the minor unit.
public struct CustomAmountExplanation: Hashable, Sendable {
    public let custom: String
    public let coins: Int64
    public let steps: [ListPriceExplanation.Step]
    public let price: Money
}
