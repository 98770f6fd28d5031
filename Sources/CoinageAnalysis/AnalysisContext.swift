import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// What the analysis shares across cells: the price book, the user attribute
/// classes, the promotions' prepared conditions and times.
///
/// The parts of the book the cell-by-cell work reads are kept here as arrays of
/// their own, so that reading one never copies the whole book.
final class AnalysisContext {
    /// The checked rules the book was compiled from, for guards, names and positions.
    let rules: RuleSet
    let book: PriceBook
    let options: AnalysisOptions
    let domains: UserDomains
    let times: PromotionTimes
    /// Per promotion (walk order): its prepared condition, nil without one.
    let conditions: [PreparedCondition?]
    /// The compiled promotions, in walk order.
    let promotions: [CompiledPromotion]
    /// Their checked declarations, in the same order, for priorities and positions.
    let declarations: [Promotion]
    let additive: Bool
    let bundles: [Bundle]
    let customAmounts: [CustomAmount]
    let channelSlots: [Channel?]
    let regionCurrency: [Int]
    /// Each region's own zone, by its index in the price book's zone tables.
    let regionZones: [Int]
    let regionCount: Int
    let channelCount: Int
    private let globalPromotions: [Int]
    /// Every bundle × region × channel, bundle-major, as the price book numbers them.
    let cellCoordinates: CellGrid
    /// The cells in classes the analysis sees alike, so a huge table is analysed
    /// once per class.
    private(set) lazy var classes = CellClasses(context: self)

    init(rules: RuleSet, book: PriceBook, options: AnalysisOptions) {
        self.rules = rules
        self.book = book
        self.options = options
        let domains = UserDomains(rules: rules, book: book)
        self.domains = domains
        times = PromotionTimes(book: book, options: options)
        let program = book.program
        promotions = program.promotions
        declarations = PromotionProgram.walkOrder(rules.promotions)
        conditions = program.promotions.map { promotion in promotion.condition.map { PreparedCondition($0, domains: domains) } }
        additive = program.additive
        bundles = rules.bundles
        customAmounts = rules.customAmounts
        channelSlots = rules.channels.isEmpty ? [nil] : rules.channels.map { $0 }
        regionCurrency = book.regions.currencyIndex
        regionZones = book.zones.regionZones
        regionCount = rules.regions.count
        channelCount = channelSlots.count
        globalPromotions = program.globalPromotions
        cellCoordinates = book.prices.cells
    }

    /// List prices derived so far: past the precomputed table, what a guard counts
    /// `AnalysisOptions.stepsPerListPrice` steps for (a price read costs one).
    private(set) var derivedListPrices = 0
    /// Past the precomputed table, the prices derived so far per bundle and price
    /// class of regions and channels (`unknown` where none was), when that table is
    /// itself small enough to keep: each guard then derives a class's price once.
    private var classPrices: [Int64] = []
    private static let unknown = Int64.min
    private static let overflowed = Int64.min + 1

    /// The list price of a bundle cell, nil where it overflowed.
    func listPrice(bundle: Int, region: Int, channel: Int) -> Int64? {
        if book.prices.precomputed { return book.prices.listPrice(bundle: bundle, region: region, channel: channel) }
        let classes = self.classes
        guard let size = classes.priceTableSize else {
            derivedListPrices += 1
            return book.prices.listPrice(bundle: bundle, region: region, channel: channel)
        }
        if classPrices.isEmpty { classPrices = [Int64](repeating: Self.unknown, count: size) }
        let slot = classes.priceClassGrid.index(item: bundle, region: classes.regionPrice[region], channel: classes.channelPrice[channel])
        if classPrices[slot] == Self.unknown {
            derivedListPrices += 1
            classPrices[slot] = book.prices.listPrice(bundle: bundle, region: region, channel: channel) ?? Self.overflowed
        }
        return classPrices[slot] == Self.overflowed ? nil : classPrices[slot]
    }

    /// Indices of the promotions the price book lists for a cell (an item: a bundle,
    /// or a custom amount after the bundles), in walk order.
    func promotionIndices(bundle: Int, region: Int, channel: Int) -> [Int] {
        let listed = book.program.listedCandidates(item: bundle, region: region, channel: channel)
        guard !globalPromotions.isEmpty else { return listed }
        return (listed + globalPromotions).sorted()
    }

    /// The cell's facts, or nil when it cannot be quoted: its list price overflowed,
    /// or a custom amount is not sold on the channel.
    func facts(bundle: Int, region: Int, channel: Int) -> CellFacts? {
        if bundle < bundles.count {
            guard let list = listPrice(bundle: bundle, region: region, channel: channel) else { return nil }
            return CellFacts(item: bundle, region: region, channel: channel, currency: regionCurrency[region],
                             coins: bundles[bundle].coins, list: list)
        }
        guard book.customAmounts.isSold(bundle - bundles.count, onSlot: channel) else { return nil }
        return CellFacts(item: bundle, region: region, channel: channel, currency: regionCurrency[region],
                         coins: 0, list: 0, amountsKnown: false)
    }

    /// The cell with every promotion the book lists there, in walk order.
    func cell(bundle: Int, region: Int, channel: Int) -> AnalysedCell? {
        guard let facts = facts(bundle: bundle, region: region, channel: channel) else { return nil }
        let promotions = promotionIndices(bundle: bundle, region: region, channel: channel).map { promotion($0, facts: facts) }
        return AnalysedCell(bundle: bundle, region: region, channel: channel, facts: facts, promotions: promotions)
    }

    /// The cell with only the given promotions (ascending) that the book lists there.
    func cell(bundle: Int, region: Int, channel: Int, only: [Int]) -> AnalysedCell? {
        guard let facts = facts(bundle: bundle, region: region, channel: channel) else { return nil }
        let promotions = only.filter { isListed($0, item: bundle, region: region, channel: channel) }
            .map { promotion($0, facts: facts) }
        return AnalysedCell(bundle: bundle, region: region, channel: channel, facts: facts, promotions: promotions)
    }

    /// Whether the price book lists a promotion in a cell: a global one everywhere,
    /// another where its reach holds and its condition does not fail on the cell alone.
    func isListed(_ index: Int, item: Int, region: Int, channel: Int) -> Bool {
        book.program.isListed(index, item: item, region: region, channel: channel)
    }

    func promotion(_ index: Int, facts: CellFacts) -> CellPromotion {
        let compiled = promotions[index]
        let slots = domains.slotCount
        let include: [UserBox]
        let exclude: [UserBox]
        var outcomes: [Bool?] = []
        if let condition = conditions[index] {
            (outcomes, include, exclude) = condition.evaluate(in: facts, slotCount: slots)
        } else {
            include = [UserBox(slotCount: slots)]
            exclude = []
        }
        return CellPromotion(index: index, outcomes: outcomes, include: include, exclude: exclude,
                             times: times.times(index, region: facts.region), code: compiled.code,
                             hasLimits: compiled.hasLimits, exclusive: compiled.exclusive,
                             group: compiled.groupIndex, hasPriceEffect: compiled.hasPriceEffect)
    }
}
