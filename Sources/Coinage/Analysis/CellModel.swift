/// One promotion as it stands in one cell: what a request must bring for it to be
/// a candidate there, and what keeps it from being one.
struct CellPromotion {
    /// Its index in the price book's walk order.
    let index: Int
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
struct Cell {
    /// The item: a bundle index, or for a custom amount the bundle count plus its index.
    let bundle: Int
    let region: Int
    let channel: Int
    let facts: CellFacts
    let promotions: [CellPromotion]
}

/// What the analysis shares across cells: the price book, the user attribute
/// classes and the promotions' times.
final class AnalysisContext {
    let book: PriceBook
    let options: AnalysisOptions
    let domains: UserDomains
    let times: PromotionTimes
    /// Every bundle × region × channel, bundle-major, as the price book keeps them.
    let cellCoordinates: [(bundle: Int, region: Int, channel: Int)]
    /// The same with the custom amounts after the bundles: where a promotion may apply.
    let itemCoordinates: [(bundle: Int, region: Int, channel: Int)]

    init(book: PriceBook, options: AnalysisOptions) {
        self.book = book
        self.options = options
        domains = UserDomains(book: book)
        times = PromotionTimes(book: book, options: options)
        var all: [(bundle: Int, region: Int, channel: Int)] = []
        for bundle in book.rules.bundles.indices {
            for region in book.rules.regions.indices {
                for channel in book.channelSlots.indices { all.append((bundle, region, channel)) }
            }
        }
        cellCoordinates = all
        for custom in book.rules.customAmounts.indices {
            for region in book.rules.regions.indices {
                for channel in book.channelSlots.indices { all.append((book.rules.bundles.count + custom, region, channel)) }
            }
        }
        itemCoordinates = all
    }

    var regionCount: Int { book.rules.regions.count }
    var channelCount: Int { book.channelSlots.count }


    /// Indices of the promotions the price book considers for a cell, in walk order.
    func promotionIndices(bundle: Int, region: Int, channel: Int) -> [Int] {
        let listed = book.promotionCells[(bundle * regionCount + region) * channelCount + channel]
        return (listed.map(Int.init) + book.globalPromotions.map(Int.init)).sorted()
    }

    /// The cell, or nil when it cannot be quoted: its list price overflowed, or a
    /// custom amount is not sold on the channel.
    func cell(bundle: Int, region: Int, channel: Int, only: Set<Int>? = nil) -> Cell? {
        let facts: CellFacts
        if bundle < book.rules.bundles.count {
            guard let list = book.listPrice(bundle: bundle, region: region, channel: channel) else { return nil }
            facts = CellFacts(item: bundle, region: region, channel: channel, currency: book.regionCurrency[region],
                              coins: book.rules.bundles[bundle].coins, list: list)
        } else {
            let custom = book.rules.customAmounts[bundle - book.rules.bundles.count]
            if !custom.channels.isEmpty {
                guard let name = book.channelSlots[channel]?.name, custom.channels.contains(name) else { return nil }
            }
            facts = CellFacts(item: bundle, region: region, channel: channel, currency: book.regionCurrency[region],
                              coins: 0, list: 0, amountsKnown: false)
        }
        var promotions: [CellPromotion] = []
        for index in promotionIndices(bundle: bundle, region: region, channel: channel) where only?.contains(index) ?? true {
            promotions.append(promotion(index, facts: facts))
        }
        return Cell(bundle: bundle, region: region, channel: channel, facts: facts, promotions: promotions)
    }

    func promotion(_ index: Int, facts: CellFacts) -> CellPromotion {
        let compiled = book.promotions[index]
        let slots = domains.slotCount
        let include: [UserBox]
        let exclude: [UserBox]
        if let condition = compiled.condition {
            include = CellFormula(condition, cell: facts, domains: domains).boxes(slotCount: slots)
            exclude = CellFormula(condition, cell: facts, domains: domains, negated: true).boxes(slotCount: slots)
        } else {
            include = [UserBox(slotCount: slots)]
            exclude = []
        }
        return CellPromotion(index: index, include: include, exclude: exclude,
                             times: times.times(index, region: facts.region), code: compiled.source.code,
                             hasLimits: compiled.hasLimits, exclusive: compiled.source.exclusive,
                             group: compiled.groupIndex, hasPriceEffect: compiled.hasPriceEffect)
    }
}
