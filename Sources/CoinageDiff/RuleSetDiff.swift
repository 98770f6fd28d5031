import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// What changes for buyers when one rule set replaces another: list prices,
/// promotions, and the quotes of a generated corpus of requests.
///
/// Everything is computed from the two rule sets and their price books, in an order that is
/// the same on every run, so its renderings can be golden files and PR comments.
public struct RuleSetDiff: Sendable {
    /// The content hashes of the two rule sets, as their quotes carry them.
    public let oldHash: String
    public let newHash: String
    public let listPrices: ListPriceDiff
    public let promotions: [PromotionChange]
    public let corpus: QuoteCorpus
    public let impact: QuoteImpact
    /// What the new rules call their coins, for the renderings' prose.
    public let unit: CoinUnit

    /// True when anything differs: a list price, a promotion or a quote.
    public var hasChanges: Bool {
        !listPrices.changes.isEmpty || !promotions.isEmpty || impact.changed > 0
    }

    /// Compares `old` with `new`; `reference` is the instant weekly hours are
    /// counted from (see `CorpusInstants`).
    /// `including` picks the corpus requests whose quotes are compared (all, unless
    /// told: an experiment's arm is compared on the requests it can price).
    public init(old: ComparedRules, new: ComparedRules, at reference: Int64, limits: CorpusLimits = .standard,
                including: (QuoteRequest) -> Bool = { _ in true }) {
        oldHash = old.book.contentHash
        newHash = new.book.contentHash
        listPrices = ListPriceDiff(old: old, new: new)
        promotions = PromotionDiff.compare(old: old.rules, new: new.rules)
        corpus = QuoteCorpus(old: old.rules, new: new.rules, at: reference, limits: limits)
        impact = QuoteImpact(corpus: corpus, old: old.book, new: new.book, including: including)
        unit = new.rules.unit
    }
}
