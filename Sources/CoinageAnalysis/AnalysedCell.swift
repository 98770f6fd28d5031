import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// One promotion as it stands in one cell: what a request must bring for it to be
/// a candidate there, and what keeps it from being one.
struct CellPromotion {
    /// Its index in the price book's walk order.
    let index: Int
    /// The outcomes of its condition's comparisons on the cell, which decide its
    /// boxes: two cells with equal outcomes (and zone) see the promotion alike.
    let outcomes: [Bool?]
    /// The condition's alternatives in this cell (one box, unconstrained, without a condition).
    let include: [UserBox]
    /// The negated condition's alternatives.
    let exclude: [UserBox]
    /// When its window and hours hold; nil when it has neither.
    let times: TimeSet?
    let code: String?
    let hasLimits: Bool
    let exclusive: Bool
    let group: Int?
    let hasPriceEffect: Bool

    /// Whether being a candidate or not can change a quote's price: an inclusive
    /// promotion without a group or a price effect only adds coins.
    var mattersToPrice: Bool { hasPriceEffect || exclusive || group != nil }
}

/// A bundle (or, for the lints, a custom amount) in a region on a channel, with its
/// list price and the promotions that may concern it, in walk order.
struct AnalysedCell {
    /// What decides the analysis of a cell, so that cells alike are analysed once:
    /// the list price, currency and zone, and each promotion with its outcomes.
    struct Signature: Hashable {
        let list: Int64
        let currency: Int
        let zone: Int
        let promotions: [Int]
        let outcomes: [[Bool?]]
    }

    /// The item: a bundle index, or for a custom amount the bundle count plus its index.
    let bundle: Int
    let region: Int
    let channel: Int
    let facts: CellFacts
    let promotions: [CellPromotion]

    /// The cell's signature in `zone`; without `amounts`, for questions of candidacy
    /// alone, the list price and currency are left out, and without `list` the list
    /// price alone (cells that differ only in it take the same choices of candidates).
    func signature(zone: Int, amounts: Bool = true, list: Bool = true) -> Signature {
        Signature(list: amounts && list ? facts.list : 0, currency: amounts ? facts.currency : 0, zone: zone,
                  promotions: promotions.map(\.index), outcomes: promotions.map(\.outcomes))
    }
}

/// The parts of a quote a cell fixes, by index as the price book numbers them.
struct CellFacts: Sendable {
    let item: Int
    let region: Int
    let channel: Int
    let currency: Int
    let coins: Int64
    let list: Int64
    /// False for a custom amount, whose coins and list price are not one value:
    /// a comparison on them is then taken to go either way.
    var amountsKnown = true
}
