import CoinageSyntax

/// The compiled promotions of a price book, in walk order, and which of them can
/// concern each item (bundle or custom amount) in each region.
struct PromotionIndex {
    var promotions: [CompiledPromotion] = []
    /// Windows and hours of each promotion, apart from the promotions themselves:
    /// the walk tests them first and wants them contiguous.
    var windows: [CompiledWindow?] = []
    var weekly: [CompiledWeekly?] = []
    /// `discount P%` of each promotion, and `bonus P%`, as fractions of one.
    var discountPercents: [Fraction?] = []
    var bonusPercents: [Fraction?] = []
    /// Per `(item × regions + region) × channels + channel`: indices of promotions
    /// whose condition can hold there, ascending (walk order).
    var cells: [[Int32]] = []
    /// Promotions that can hold for every item in every region: kept once, not in
    /// every cell, and merged in at quote time.
    var global: [Int32] = []

    init(rules: RuleSet, compiler: PromotionCompiler, items: [String], itemCoins: [Int64?], regionCurrency: [Int],
         channelCount: Int) {
        // Walk order: priority descending, then name ascending.
        let ordered = rules.promotions.sorted { ($0.priority, $1.name) > ($1.priority, $0.name) }
        var groups: [String: Int] = [:]
        for promotion in ordered { if let group = promotion.group, groups[group] == nil { groups[group] = groups.count } }
        promotions = ordered.map { compiler.compile($0, groups: groups) }
        windows = ordered.map(compiler.window)
        weekly = ordered.map(compiler.weekly)
        discountPercents = ordered.map { promotion in
            guard case .percentOff(let percent)? = promotion.priceEffect else { return nil }
            return try? percentFraction(percent)
        }
        bonusPercents = ordered.map { promotion in
            guard case .percent(let percent)? = promotion.bonus else { return nil }
            return try? percentFraction(percent)
        }
        let regionCount = rules.regions.count
        cells = [[Int32]](repeating: [], count: items.count * regionCount * channelCount)
        for (index, promotion) in promotions.enumerated() {
            guard let condition = promotion.condition else {
                global.append(Int32(index))
                continue
            }
            let possibleItems = items.indices.filter {
                condition.partial(item: $0, region: nil, currency: nil, coins: itemCoins[$0]) != .no
            }
            let possibleRegions = (0..<regionCount).filter {
                condition.partial(item: nil, region: $0, currency: regionCurrency[$0], coins: nil) != .no
            }
            if possibleItems.count == items.count && possibleRegions.count == regionCount {
                global.append(Int32(index))
                continue
            }
            let possibleChannels = (0..<channelCount).filter {
                condition.partial(item: nil, region: nil, currency: nil, coins: nil, channel: $0) != .no
            }
            for item in possibleItems {
                for region in possibleRegions
                where condition.partial(item: item, region: region, currency: regionCurrency[region], coins: itemCoins[item]) != .no {
                    for channel in possibleChannels {
                        cells[(item * regionCount + region) * channelCount + channel].append(Int32(index))
                    }
                }
            }
        }
    }
}
