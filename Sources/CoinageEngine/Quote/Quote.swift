import CoinageChecker
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
    /// The instant the quote was priced at (the request's), in seconds since
    /// 1970-01-01T00:00:00Z.
    public let instant: Int64
    public let currency: Currency
    public let coins: CoinCount
    public let list: Money
    /// The promotions that applied, in the order they applied, with their discounts.
    public let promotions: AppliedPromotions
    /// The lines that took something off the list price, in the order they applied.
    public var discounts: [DiscountLine] {
        promotions.compactMap { applied in applied.discount.map { DiscountLine(promotion: applied.promotion, amount: $0) } }
    }
    /// The price after promotions: what tax is computed on.
    public let price: Money
    public let tax: TaxLine
    public let total: Money
    public let proceeds: Money
    /// Promotions that applied, in the order they were applied.
    public var applied: [String] { promotions.map(\.promotion) }
    /// The content hash of the rule set that produced the quote.
    public let ruleSetHash: String
    /// Present when the request asked for it.
    public var explanation: QuoteExplanation? { explanationBox?.value }
    /// The explanation behind one reference: it is large and rare, and a quote is
    /// copied whole on every return.
    private let explanationBox: ExplanationBox?

    init(item: String, isCustomAmount: Bool, region: String, channel: String?, instant: Int64, currency: Currency, coins: CoinCount,
         list: Money, promotions: AppliedPromotions, price: Money, tax: TaxLine, total: Money, proceeds: Money,
         ruleSetHash: String, explanation: QuoteExplanation?) {
        self.item = item
        self.isCustomAmount = isCustomAmount
        self.region = region
        self.channel = channel
        self.instant = instant
        self.currency = currency
        self.coins = coins
        self.list = list
        self.promotions = promotions
        self.price = price
        self.tax = tax
        self.total = total
        self.proceeds = proceeds
        self.ruleSetHash = ruleSetHash
        self.explanationBox = explanation.map(ExplanationBox.init)
    }
}

/// A quote's explanation, held by reference and compared by value.
private final class ExplanationBox: Hashable, Sendable {
    let value: QuoteExplanation

    init(_ value: QuoteExplanation) { self.value = value }

    static func == (a: ExplanationBox, b: ExplanationBox) -> Bool { a.value == b.value }
    func hash(into hasher: inout Hasher) { hasher.combine(value) }
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

