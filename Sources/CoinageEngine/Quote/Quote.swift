import CoinageChecker
import CoinageSyntax

/// An exact, explainable price for one request.
///
/// Every amount is in the region's currency. `list − sum(discounts) = price`,
/// `total` is what the buyer pays, and `proceeds` is what the shop keeps after tax
/// and the channel's fee.
public struct Quote: Hashable, Sendable {
    /// The bundle's name, or the custom amount's name for `N coins`.
    public var item: String { labels.items[Int(itemIndex)] }
    public let isCustomAmount: Bool
    public var region: String { labels.regions[Int(regionIndex)] }
    public var channel: String? { labels.channels[Int(channelSlot)] }
    /// The instant the quote was priced at (the request's), in seconds since
    /// 1970-01-01T00:00:00Z.
    public let instant: Int64
    public var currency: Currency { promotions.currency }
    public let coins: CoinCount
    public var list: Money { Money(minorUnits: listMinor, currency: currency) }
    /// The promotions that applied, in the order they applied, with their discounts.
    public let promotions: AppliedPromotions
    /// The lines that took something off the list price, in the order they applied.
    public var discounts: [DiscountLine] {
        promotions.compactMap { applied in applied.discount.map { DiscountLine(promotion: applied.promotion, amount: $0) } }
    }
    /// The price after promotions: what tax is computed on.
    public var price: Money { Money(minorUnits: priceMinor, currency: currency) }
    public var tax: TaxLine {
        TaxLine(rate: labels.taxRates[Int(regionIndex)], included: labels.taxIncluded[Int(regionIndex)],
                amount: Money(minorUnits: taxMinor, currency: currency))
    }
    public var total: Money { Money(minorUnits: totalMinor, currency: currency) }
    public var proceeds: Money { Money(minorUnits: proceedsMinor, currency: currency) }
    /// Promotions that applied, in the order they were applied.
    public var applied: [String] { promotions.map { $0.promotion } }
    /// The content hash of the rule set that produced the quote.
    public var ruleSetHash: String { labels.ruleSetHash }
    /// Present when the request asked for it.
    public var explanation: QuoteExplanation? { explanationBox?.value }

    // A quote holds integers and one shared reference (its promotions' labels): the
    // names, currency and tax rate are read out of the book's labels on demand, so
    // making a quote copies no string.
    @inlinable package var labels: QuoteLabels { promotions.labels }
    /// Whether the quote carries an explanation, without reading it out.
    package var hasExplanation: Bool { explanationBox != nil }
    /// How many promotions applied, and the one at `position` as its walk-order number
    /// and its discount in minor units (0 for none), without copying `promotions`.
    package var appliedCount: Int { promotions.count }
    package func applied(at position: Int) -> (promotion: Int, discount: Int64) { promotions.number(at: position) }
    /// The item, region and channel as numbers in the price book, for writers that
    /// keep each name's rendered bytes (`QuoteLineWriter`).
    // Inlinable, over stored properties the package sees: a writer in another module
    // reads each with one load, not a call.
    @inlinable package var itemNumber: Int { Int(itemIndex) }
    @inlinable package var regionNumber: Int { Int(regionIndex) }
    @inlinable package var channelNumber: Int { Int(channelSlot) }
    /// The currency's number in the price book (`RegionTable.currencies`).
    @inlinable package var currencyNumber: Int { promotions.currencyNumber }
    @usableFromInline package let itemIndex: Int32
    @usableFromInline package let regionIndex: Int32
    @usableFromInline package let channelSlot: Int32
    package let listMinor: Int64
    package let priceMinor: Int64
    package let taxMinor: Int64
    package let totalMinor: Int64
    package let proceedsMinor: Int64
    /// The explanation behind one reference: it is large and rare, and a quote is
    /// copied whole on every return.
    private let explanationBox: ExplanationBox?

    init(item: Int, isCustomAmount: Bool, region: Int, channel: Int, instant: Int64, coins: CoinCount, list: Int64,
         promotions: AppliedPromotions, price: Int64, tax: Int64, total: Int64, proceeds: Int64, explanation: QuoteExplanation?) {
        itemIndex = Int32(truncatingIfNeeded: item)
        self.isCustomAmount = isCustomAmount
        regionIndex = Int32(truncatingIfNeeded: region)
        channelSlot = Int32(truncatingIfNeeded: channel)
        self.instant = instant
        self.coins = coins
        listMinor = list
        self.promotions = promotions
        priceMinor = price
        taxMinor = tax
        totalMinor = total
        proceedsMinor = proceeds
        explanationBox = explanation.map(ExplanationBox.init)
    }

    /// The same quote with other applied promotions (for tests of equality).
    func replacingPromotions(_ other: AppliedPromotions) -> Quote {
        Quote(item: Int(itemIndex), isCustomAmount: isCustomAmount, region: Int(regionIndex), channel: Int(channelSlot), instant: instant,
              coins: coins, list: listMinor, promotions: other, price: priceMinor, tax: taxMinor, total: totalMinor,
              proceeds: proceedsMinor, explanation: explanation)
    }

    /// Equal when everything a caller can read is equal, whichever book made them.
    public static func == (a: Quote, b: Quote) -> Bool {
        a.item == b.item && a.isCustomAmount == b.isCustomAmount && a.region == b.region && a.channel == b.channel
            && a.instant == b.instant && a.currency == b.currency && a.coins == b.coins && a.listMinor == b.listMinor
            && a.promotions == b.promotions && a.priceMinor == b.priceMinor && a.tax == b.tax && a.totalMinor == b.totalMinor
            && a.proceedsMinor == b.proceedsMinor && a.ruleSetHash == b.ruleSetHash && a.explanation == b.explanation
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(item)
        hasher.combine(region)
        hasher.combine(channel)
        hasher.combine(instant)
        hasher.combine(currency)
        hasher.combine(coins)
        hasher.combine(listMinor)
        hasher.combine(promotions)
        hasher.combine(priceMinor)
        hasher.combine(totalMinor)
        hasher.combine(ruleSetHash)
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

