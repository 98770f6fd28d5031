import CoinageChecker
import CoinageSyntax

/// Which promotions can concern each cell (an item: a bundle or a custom amount, in
/// a region, on a channel): the promotion index the walk reads its candidates from.
struct PromotionIndex: Sendable {
    /// The cells the lists are kept for.
    let grid: CellGrid
    /// The candidates of every cell, numbered by `grid`, in one array.
    private(set) var cells = CandidateCells()
    /// Promotions that can hold for every item in every region: kept once, not in
    /// every cell, and merged in at quote time.
    private(set) var global: [CandidateEntry] = []
    /// The items, regions and channels each promotion's condition can hold for, one
    /// at a time (`reach(of:)`); none for a global one. A cell outside them never lists it.
    private(set) var reaches = CandidateReaches()
    /// The promotions that have a reach, ascending.
    private(set) var reaching: [Int] = []
    /// Whether `cells` holds every cell's list; false when the table is too large,
    /// and each quote finds its cell's candidates from `reaches`.
    private(set) var listsEveryCell = false
    /// Per item, its base coins (nil for a custom amount); per region, its currency
    /// index: what a condition can be decided on ahead of time.
    let itemCoins: [Int64?]
    let regionCurrency: [Int]

    /// Builds the index of `promotions` (walk order); the per-cell lists only when
    /// `listCells` allows and the promotions' reach adds up to at most
    /// `maxListedEntries` entries.
    init(promotions: [CompiledPromotion], grid: CellGrid, itemCoins: [Int64?], regionCurrency: [Int],
         listCells: Bool = true, maxListedEntries: Int = Int.max) {
        self.grid = grid
        self.itemCoins = itemCoins
        self.regionCurrency = regionCurrency
        let (itemCount, regionCount, channelCount) = (grid.items, grid.regions, grid.channels)
        var reachBuilder = CandidateReaches.Builder(grid: grid, promotionCount: promotions.count)
        var listedEntries = 0
        for (index, promotion) in promotions.enumerated() {
            guard let condition = promotion.condition else {
                global.append(CandidateEntry(index: index, needsCondition: false))
                continue
            }
            let (possibleItems, possibleRegions, possibleChannels) = CellTruths.reach(
                of: condition, grid: grid, itemCoins: itemCoins, regionCurrency: regionCurrency)
            if possibleItems.count == itemCount && possibleRegions.count == regionCount {
                global.append(CandidateEntry(index: index, needsCondition: true))
                continue
            }
            reachBuilder.set(index, CandidateReach(items: IndexSet64(possibleItems, capacity: itemCount),
                                              regions: IndexSet64(possibleRegions, capacity: regionCount),
                                              channels: IndexSet64(possibleChannels, capacity: channelCount)))
            let (entries, tooMany) = possibleItems.count.multipliedReportingOverflow(by: possibleRegions.count * possibleChannels.count)
            let (sum, tooManyInAll) = listedEntries.addingReportingOverflow(entries)
            listedEntries = tooMany || tooManyInAll ? Int.max : sum
        }
        let reaches = CandidateReaches(reachBuilder)
        self.reaches = reaches
        reaching = (0..<promotions.count).filter { reaches.has($0) }
        guard listCells, listedEntries <= maxListedEntries, let cellCount = grid.cellCount else { return }
        listsEveryCell = true
        cells = CandidateCells(cellCount: cellCount) { [reaching] list in
            for index in reaching {
                guard let sets = reaches[index], let condition = promotions[index].condition else { continue }
                let (items, regions, channels) = (sets.items.members, sets.regions.members, sets.channels.members)
                let truths = CellTruths(condition, items: items, regions: regions, channels: channels, grid: grid,
                                        itemCoins: itemCoins, regionCurrency: regionCurrency)
                let readsCoins = condition.readsCoins
                for (itemPosition, item) in items.enumerated() {
                    for (regionPosition, region) in regions.enumerated() {
                        for (channelPosition, channel) in channels.enumerated() {
                            // Where the cell alone decides the condition, the walk skips it.
                            let truth = truths.truth(item: itemPosition, region: regionPosition, channel: channelPosition)
                            guard truth != .no else { continue }
                            list(grid.index(item: item, region: region, channel: channel),
                                 CandidateEntry(index: index, listedWith: truth, readsCoins: readsCoins, coins: itemCoins[item]))
                        }
                    }
                }
            }
        }
    }
}

/// A promotion's place in a candidate list: its walk-order index, and what of its
/// condition is still to be tested. Ordered by index, so lists merge in walk order.
package struct CandidateEntry: Comparable, Sendable {
    let rawValue: UInt32

    /// A shop-wide candidate: its whole condition is tested, if it has one.
    init(index: Int, needsCondition: Bool) {
        rawValue = UInt32(truncatingIfNeeded: index) << 2 | (needsCondition ? 1 : 0)
    }

    /// A candidate listed for one cell, where its condition is `truth` on the cell's
    /// facts: nothing to test when true; else only the part the cell leaves open
    /// (`ConditionPlan.restRoots`), unless the condition reads the coins the cell
    /// does not fix (a custom amount's), when the whole is tested.
    init(index: Int, listedWith truth: Truth, condition: CompiledCondition, coins: Int64?) {
        self.init(index: index, listedWith: truth, readsCoins: condition.readsCoins, coins: coins)
    }

    /// As above, with whether the condition reads the coins known beforehand.
    init(index: Int, listedWith truth: Truth, readsCoins: Bool, coins: Int64?) {
        let test: UInt32 = truth == .yes ? 0 : coins == nil && readsCoins ? 1 : 2
        rawValue = UInt32(truncatingIfNeeded: index) << 2 | test
    }

    @inline(__always) package var index: Int { Int(rawValue >> 2) }
    /// Whether the condition is still to be tested, in whole or in part.
    @inline(__always) var needsCondition: Bool { rawValue & 3 != 0 }
    /// Whether only the part of the condition the cell leaves open is to be tested.
    @inline(__always) var testsRest: Bool { rawValue & 2 != 0 }

    package static func < (a: CandidateEntry, b: CandidateEntry) -> Bool { a.rawValue < b.rawValue }
}

/// Every cell's candidate list in one flat array, with each cell's start: two reads
/// find a cell's list, where an array per cell would cost a pointer chase and a heap
/// object for each of tens of thousands of cells.
struct CandidateCells: Sendable {
    private(set) var starts: [Int32] = [0]
    private(set) var entries: [CandidateEntry] = []

    init() {}

    /// The lists `listing` makes, in one array of their exact size: `listing` is run
    /// twice, to count each cell's entries and then to place them, so no list is
    /// ever grown or held apart (a big shop's lists, grown cell by cell, were the
    /// peak of memory of compiling its price book). `listing` must list the same
    /// entries both times, each cell's in order.
    init(cellCount: Int, listing: ((_ cell: Int, _ entry: CandidateEntry) -> Void) -> Void) {
        var counts = [Int32](repeating: 0, count: cellCount + 1)
        listing { cell, _ in counts[cell + 1] &+= 1 }
        for cell in 0..<cellCount { counts[cell + 1] &+= counts[cell] }
        var next = counts
        var placed = [CandidateEntry](repeating: CandidateEntry(index: 0, needsCondition: false), count: Int(counts[cellCount]))
        listing { cell, entry in
            placed[Int(next[cell])] = entry
            next[cell] &+= 1
        }
        starts = counts
        entries = placed
    }

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
    func indices(of cell: Int) -> [Int] { entries[range(of: cell)].map { $0.index } }
}

/// Where a promotion with a condition may be a candidate: the items, regions and
/// channels its condition can hold for, each taken alone. A cell outside them never
/// lists the promotion; a cell inside may, as its condition on the three together says.
package struct CandidateReach: Sendable {
    package let items: IndexSet64
    package let regions: IndexSet64
    package let channels: IndexSet64

    @inline(__always)
    package func contains(item: Int, region: Int, channel: Int) -> Bool {
        items.contains(item) && regions.contains(region) && channels.contains(channel)
    }
}

extension PromotionIndex {
    /// The candidates of one cell other than the global ones, in walk order, found
    /// from each promotion's reach and its condition (`conditions`, walk order):
    /// what the precomputed lists hold for a table small enough to list, and what a
    /// quote uses past it.
    func scannedCandidates(item: Int, region: Int, channel: Int, conditions: [CompiledCondition?]) -> [CandidateEntry] {
        let coins = itemCoins[item]
        let currency = regionCurrency[region]
        var found: [CandidateEntry] = []
        for index in reaching where reaches.contains(index, item: item, region: region, channel: channel) {
            guard let condition = conditions[index] else { continue }
            let truth = condition.partial(item: item, region: region, currency: currency, coins: coins, channel: channel)
            if truth != .no { found.append(CandidateEntry(index: index, listedWith: truth, condition: condition, coins: coins)) }
        }
        return found
    }

    /// The candidate lists and the range of one cell in them: the precomputed
    /// lists, or past the precomputed table the cell's own, scanned.
    @inline(__always)
    func candidates(item: Int, region: Int, channel: Int, conditions: [CompiledCondition?]) -> (CandidateCells, Range<Int>) {
        guard listsEveryCell else {
            let scanned = CandidateCells([scannedCandidates(item: item, region: region, channel: channel, conditions: conditions)])
            return (scanned, scanned.range(of: 0))
        }
        return (cells, cells.range(of: grid.index(item: item, region: region, channel: channel)))
    }
}
