import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// The worst case the analysis found for one guard: the concrete request that comes
/// closest to breaking it (or breaks it), and the value measured on its real quote.
///
/// The `coinage test` runner uses these to tell whether a rule-set test exercises
/// a guard's worst case; `coinage check` reports the ones that break their guard.
public struct GuardWorstCase: Hashable, Sendable {
    /// What was measured, and how it compares with the guard's bound.
    public enum Measure: Hashable, Sendable {
        /// `discount at most P%`: the share of the list price the promotions take.
        case discount(share: Fraction, limit: Fraction)
        /// `price per coin falls with size`: the bigger bundle's list price per coin
        /// over the smaller one's (at least one breaks the guard).
        case pricePerCoin(ratio: Fraction)
        /// `region price within P% of base`: how far the list price, converted back
        /// to the base currency, lies from the base price on that channel and in that
        /// region's level, as a share of that price.
        case regionPrice(deviation: Fraction, limit: Fraction)
    }

    /// The guard as declared.
    public let guardRule: Guard
    /// The request whose quote shows the worst case.
    public let request: QuoteRequest
    /// Its quote, from `PriceBook.quote`.
    public let quote: Quote
    /// For `price per coin falls with size`: the smaller bundle it is compared with.
    public let comparedRequest: QuoteRequest?
    public let comparedQuote: Quote?
    /// The promotions that applied in the quote, in walk order.
    public var promotions: [String] { quote.applied }
    public let measure: Measure
    /// True when the worst case still keeps the guard.
    public let holds: Bool

    public init(guardRule: Guard, request: QuoteRequest, quote: Quote, comparedRequest: QuoteRequest? = nil,
                comparedQuote: Quote? = nil, measure: Measure, holds: Bool) {
        self.guardRule = guardRule
        self.request = request
        self.quote = quote
        self.comparedRequest = comparedRequest
        self.comparedQuote = comparedQuote
        self.measure = measure
        self.holds = holds
    }
}

/// What a guard's proof over every bundle, region and channel found: the worst case,
/// how many combinations break the guard, and where the proof is incomplete.
struct GuardFinding {
    let worstCase: GuardWorstCase?
    /// Combinations that break the guard.
    let breaking: Int
    let cellCount: Int
    let gaps: ProofGaps
}
