import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// How the quotes of a corpus of requests change from one rule set to another.
///
/// A request's quote changed when it is refused on one side only (or refused for
/// different reasons), when its currency, price or total differs, or when it
/// delivers a different number of coins. The names of applied promotions are not
/// compared: a renamed promotion that does the same changes no quote.
public struct QuoteImpact: Hashable, Sendable {
    /// One request whose total went up or down, with both totals.
    public struct TotalChange: Hashable, Sendable {
        public let request: QuoteRequest
        public let old: Money
        public let new: Money
        public let percent: PercentChange
    }

    /// Requests quoted on both sides (those of the corpus `including` took in).
    public let requests: Int
    /// Requests whose quote changed in any way.
    public let changed: Int
    /// Quoted on both sides, with another currency, price or total.
    public let priceChanged: Int
    /// Quoted on both sides, with another total of coins.
    public let coinsChanged: Int
    /// Refused on exactly one side, or for different reasons on the two.
    public let refusalChanged: Int
    /// The largest rise of a total, by percentage, in one currency; the first in
    /// corpus order among equals.
    public let largestIncrease: TotalChange?
    /// The largest fall of a total, by percentage.
    public let largestDecrease: TotalChange?

    /// `changed / requests`, exact; zero for an empty corpus.
    public var shareChanged: Fraction {
        Fraction(UInt64(max(0, changed)), UInt64(max(1, requests))) ?? .zero
    }

    /// Quotes every request of `corpus` that `including` takes in with both price
    /// books and compares them.
    public init(corpus: QuoteCorpus, old: PriceBook, new: PriceBook, including: (QuoteRequest) -> Bool = { _ in true }) {
        var considered = 0
        var changed = 0
        var priceChanged = 0
        var coinsChanged = 0
        var refusalChanged = 0
        var increase: TotalChange?
        var decrease: TotalChange?
        for position in 0..<corpus.count {
            let request = corpus.request(at: position)
            guard including(request) else { continue }
            considered += 1
            switch (old.quote(request), new.quote(request)) {
            case let (.failure(a), .failure(b)):
                guard a.kind != b.kind else { continue }
                refusalChanged += 1
                changed += 1
            case (.failure, .success), (.success, .failure):
                refusalChanged += 1
                changed += 1
            case let (.success(a), .success(b)):
                let price = a.currency != b.currency || a.total != b.total || a.price != b.price
                let coins = a.coins.total != b.coins.total
                guard price || coins else { continue }
                changed += 1
                if coins { coinsChanged += 1 }
                guard price else { continue }
                priceChanged += 1
                guard a.currency == b.currency, let percent = PercentChange(from: a.total.minorUnits, to: b.total.minorUnits),
                      !percent.isZero else { continue }
                let change = TotalChange(request: request, old: a.total, new: b.total, percent: percent)
                if percent.isDecrease {
                    if decrease.map({ percent < $0.percent }) ?? true { decrease = change }
                } else if increase.map({ $0.percent < percent }) ?? true {
                    increase = change
                }
            }
        }
        requests = considered
        self.changed = changed
        self.priceChanged = priceChanged
        self.coinsChanged = coinsChanged
        self.refusalChanged = refusalChanged
        largestIncrease = increase
        largestDecrease = decrease
    }
}
