import CoinageChecker
import CoinageSyntax

/// The compiled promotions of a price book, in walk order, and which of them can
/// concern each item (bundle or custom amount) in each region on each channel.
struct PromotionIndex {
    var promotions: [CompiledPromotion] = []
    /// Windows and hours of each promotion, for traces.
    var windows: [CompiledWindow?] = []
    var weekly: [CompiledWeekly?] = []
    /// What the walk tests first, contiguous (see `PromotionHeader`).
    var headers: [PromotionHeader] = []
    /// Each promotion's condition and (uppercased) code, contiguous, for the walk.
    var conditions: [CompiledCondition?] = []
    var codes: [String] = []
    /// `discount P%` of each promotion, and `bonus P%`, as fractions of one.
    var discountPercents: [Fraction?] = []
    var bonusPercents: [Fraction?] = []
    /// The candidates of every cell, `(item × regions + region) × channels + channel`,
    /// in one array: cell `c` holds `cellEntries[cellStarts[c] ..< cellStarts[c + 1]]`.
    var cells = CandidateCells()
    /// Promotions that can hold for every item in every region: kept once, not in
    /// every cell, and merged in at quote time.
    var global: [CandidateEntry] = []
    /// Per promotion (walk order): the items, regions and channels its condition can
    /// hold for, one at a time; nil for a global one. A cell outside them never lists it.
    var reach: [CandidateReach?] = []
    /// Whether `cells` holds every cell's list; false when the table is too large,
    /// and each quote finds its cell's candidates from `reach`.
    var listsEveryCell = false

    /// Builds the index; the per-cell lists only when `listCells` allows and the
    /// promotions' reach adds up to at most `maxListedEntries` entries.
    init(rules: RuleSet, compiler: PromotionCompiler, items: [String], itemCoins: [Int64?], regionCurrency: [Int],
         channelCount: Int, listCells: Bool = true, maxListedEntries: Int = Int.max) {
        // Walk order: priority descending, then name ascending.
        let ordered = rules.promotions.sorted { ($0.priority, $1.name) > ($1.priority, $0.name) }
        var groups: [String: Int] = [:]
        for promotion in ordered { if let group = promotion.group, groups[group] == nil { groups[group] = groups.count } }
        promotions = ordered.map { compiler.compile($0, groups: groups) }
        windows = ordered.map(compiler.window)
        weekly = ordered.map(compiler.weekly)
        headers = promotions.indices.map { PromotionHeader(promotions[$0], window: windows[$0], weekly: weekly[$0]) }
        conditions = promotions.map(\.condition)
        codes = ordered.map { $0.code ?? "" }
        discountPercents = ordered.map { promotion in
            guard case .percentOff(let percent)? = promotion.priceEffect else { return nil }
            return try? percentFraction(percent)
        }
        bonusPercents = ordered.map { promotion in
            guard case .percent(let percent)? = promotion.bonus else { return nil }
            return try? percentFraction(percent)
        }
        let regionCount = rules.regions.count
        var possible: [(items: [Int], regions: [Int], channels: [Int])?] = []
        var listedEntries = 0
        for (index, promotion) in promotions.enumerated() {
            guard let condition = promotion.condition else {
                global.append(CandidateEntry(index: index, needsCondition: false))
                possible.append(nil)
                continue
            }
            let possibleItems = items.indices.filter {
                condition.partial(item: $0, region: nil, currency: nil, coins: itemCoins[$0]) != .no
            }
            let possibleRegions = (0..<regionCount).filter {
                condition.partial(item: nil, region: $0, currency: regionCurrency[$0], coins: nil) != .no
            }
            if possibleItems.count == items.count && possibleRegions.count == regionCount {
                global.append(CandidateEntry(index: index, needsCondition: true))
                possible.append(nil)
                continue
            }
            let possibleChannels = (0..<channelCount).filter {
                condition.partial(item: nil, region: nil, currency: nil, coins: nil, channel: $0) != .no
            }
            possible.append((possibleItems, possibleRegions, possibleChannels))
            let (entries, tooMany) = possibleItems.count.multipliedReportingOverflow(by: possibleRegions.count * possibleChannels.count)
            let (sum, tooManyInAll) = listedEntries.addingReportingOverflow(entries)
            listedEntries = tooMany || tooManyInAll ? Int.max : sum
        }
        reach = possible.map { sets in
            sets.map { CandidateReach(items: IndexSet64($0.items, capacity: items.count),
                                      regions: IndexSet64($0.regions, capacity: regionCount),
                                      channels: IndexSet64($0.channels, capacity: channelCount)) }
        }
        guard listCells, listedEntries <= maxListedEntries else { return }
        listsEveryCell = true
        var perCell = [[CandidateEntry]](repeating: [], count: items.count * regionCount * channelCount)
        for (index, sets) in possible.enumerated() {
            guard let (possibleItems, possibleRegions, possibleChannels) = sets, let condition = promotions[index].condition else { continue }
            for item in possibleItems {
                for region in possibleRegions
                where condition.partial(item: item, region: region, currency: regionCurrency[region], coins: itemCoins[item]) != .no {
                    for channel in possibleChannels {
                        // Where the cell alone decides the condition, the walk skips it.
                        let truth = condition.partial(item: item, region: region, currency: regionCurrency[region],
                                                      coins: itemCoins[item], channel: channel)
                        guard truth != .no else { continue }
                        perCell[(item * regionCount + region) * channelCount + channel]
                            .append(CandidateEntry(index: index, needsCondition: truth != .yes))
                    }
                }
            }
        }
        cells = CandidateCells(perCell)
    }
}

/// A promotion's place in a candidate list: its walk-order index, and whether its
/// condition is still to be tested. Ordered by index, so lists merge in walk order.
package struct CandidateEntry: Comparable, Sendable {
    let rawValue: UInt32

    init(index: Int, needsCondition: Bool) {
        rawValue = UInt32(truncatingIfNeeded: index) << 1 | (needsCondition ? 1 : 0)
    }

    @inline(__always) package var index: Int { Int(rawValue >> 1) }
    @inline(__always) var needsCondition: Bool { rawValue & 1 != 0 }

    package static func < (a: CandidateEntry, b: CandidateEntry) -> Bool { a.rawValue < b.rawValue }
}

/// Every cell's candidate list in one flat array, with each cell's start: two reads
/// find a cell's list, where an array per cell would cost a pointer chase and a heap
/// object for each of tens of thousands of cells.
struct CandidateCells: Sendable {
    private(set) var starts: [Int32] = [0]
    private(set) var entries: [CandidateEntry] = []

    init() {}

    init(_ lists: [[CandidateEntry]]) {
        starts.reserveCapacity(lists.count + 1)
        entries.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for list in lists {
            entries += list
            starts.append(Int32(truncatingIfNeeded: entries.count))
        }
    }

    /// The range of `entries` that holds cell `cell`.
    @inline(__always)
    func range(of cell: Int) -> Range<Int> { Int(starts[cell])..<Int(starts[cell + 1]) }
}

extension CandidateCells {
    /// How many cells there are.
    var cellCount: Int { starts.count - 1 }

    /// The walk-order indices of the promotions listed for `cell`.
    func indices(of cell: Int) -> [Int] { entries[range(of: cell)].map(\.index) }
}
