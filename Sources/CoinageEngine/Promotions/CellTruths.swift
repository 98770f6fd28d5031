import CoinageChecker
import CoinageSyntax

/// A condition's truth on every cell it may reach, found once per class of cells
/// it cannot tell apart rather than once per cell.
///
/// Ahead of time a condition reads an item only through its item sets and its
/// coins comparisons, a region only through its region and currency sets, and a
/// channel only through its channel sets. Two items that every such leaf answers
/// alike give the same truth in every region and channel, and likewise for regions
/// and channels. `bundle in [coins_70, coins_140] and region in market_3` has two
/// classes of items and two of regions, so its truth on 20,000 cells takes four
/// evaluations, and each cell's answer is then three lookups.
///
/// Building a big shop's price book evaluated each promotion's condition on every
/// cell of its reach and on every item and region alone: most of the compile's
/// time. A condition with more leaves of one kind than a signature tells apart
/// (`ConditionLeaves.signatureBits`) makes every value of that kind its own class.
struct CellTruths {
    /// Per position in the reach's items, regions and channels: its class.
    private let itemClass: [Int32]
    private let regionClass: [Int32]
    private let channelClass: [Int32]
    /// The truth of each combination of classes, item-major.
    private let table: [Truth]
    private let regionClasses: Int
    private let channelClasses: Int

    /// The truths of `condition` over the cells of `items × regions × channels`
    /// (the promotion's reach).
    init(_ condition: CompiledCondition, items: [Int], regions: [Int], channels: [Int], grid: CellGrid,
         itemCoins: [Int64?], regionCurrency: [Int]) {
        let signatures = ConditionLeaves(condition).signatures(grid: grid, itemCoins: itemCoins, regionCurrency: regionCurrency)
        let (itemClass, itemRepresentatives) = signatures.items.classify(items)
        let (regionClass, regionRepresentatives) = signatures.regions.classify(regions)
        let (channelClass, channelRepresentatives) = signatures.channels.classify(channels)
        var table: [Truth] = []
        table.reserveCapacity(itemRepresentatives.count * regionRepresentatives.count * channelRepresentatives.count)
        for item in itemRepresentatives {
            for region in regionRepresentatives {
                for channel in channelRepresentatives {
                    table.append(condition.partial(item: item, region: region, currency: regionCurrency[region],
                                                   coins: itemCoins[item], channel: channel))
                }
            }
        }
        self.itemClass = itemClass
        self.regionClass = regionClass
        self.channelClass = channelClass
        self.table = table
        self.regionClasses = regionRepresentatives.count
        self.channelClasses = channelRepresentatives.count
    }

    /// The condition's truth on the cell of the reach's `item`th item, `region`th
    /// region and `channel`th channel (positions in the lists it was made with).
    @inline(__always)
    func truth(item: Int, region: Int, channel: Int) -> Truth {
        let row = Int(itemClass[item]) * regionClasses + Int(regionClass[region])
        return table[row * channelClasses + Int(channelClass[channel])]
    }

    /// The items, regions and channels `condition` can hold for, each taken alone
    /// (everything else unknown), found once per class of values.
    static func reach(of condition: CompiledCondition, grid: CellGrid, itemCoins: [Int64?],
                      regionCurrency: [Int]) -> (items: [Int], regions: [Int], channels: [Int]) {
        let signatures = ConditionLeaves(condition).signatures(grid: grid, itemCoins: itemCoins, regionCurrency: regionCurrency)
        let items = signatures.items.possible {
            condition.partial(item: $0, region: nil, currency: nil, coins: itemCoins[$0])
        }
        let regions = signatures.regions.possible {
            condition.partial(item: nil, region: $0, currency: regionCurrency[$0], coins: nil)
        }
        let channels = signatures.channels.possible {
            condition.partial(item: nil, region: nil, currency: nil, coins: nil, channel: $0)
        }
        return (items, regions, channels)
    }
}

/// What a condition's leaves answer for each value of one kind (every item, region or
/// channel of the grid), one word per value: values with the same word are alike to
/// the condition. Nil words make every value its own class (more leaves than a word
/// has bits).
private struct Signatures {
    let words: [UInt64]?
    /// How many values there are: `0..<count`.
    let count: Int

    /// Each position of `values` numbered by its class, and the first value of each class.
    func classify(_ values: [Int]) -> (classes: [Int32], representatives: [Int]) {
        guard let words else {
            return ((0..<values.count).map { Int32(truncatingIfNeeded: $0) }, values)
        }
        var classes = [Int32](repeating: 0, count: values.count)
        var representatives: [Int] = []
        var known: [UInt64] = []
        for (position, value) in values.enumerated() {
            // A condition as written sorts values into a few classes: a scan beats a hash.
            if let number = known.firstIndex(of: words[value]) {
                classes[position] = Int32(truncatingIfNeeded: number)
            } else {
                classes[position] = Int32(truncatingIfNeeded: representatives.count)
                representatives.append(value)
                known.append(words[value])
            }
        }
        return (classes, representatives)
    }

    /// The values whose class's `truth` is not false, ascending.
    func possible(_ truth: (Int) -> Truth) -> [Int] {
        guard let words else { return (0..<count).filter { truth($0) != .no } }
        var possible: [Int] = []
        possible.reserveCapacity(count)
        var known: [(word: UInt64, holds: Bool)] = []
        // Values of one class mostly come in runs (the regions outside a market):
        // the last answer is tried before the list of classes.
        var last: (word: UInt64, holds: Bool)?
        for value in 0..<count {
            let word = words[value]
            let holds: Bool
            if let last, last.word == word {
                holds = last.holds
            } else if let found = known.first(where: { $0.word == word }) {
                holds = found.holds
            } else {
                holds = truth(value) != .no
                known.append((word, holds))
            }
            last = (word, holds)
            if holds { possible.append(value) }
        }
        return possible
    }
}

/// The leaves of a condition that a cell's item, region or channel answers, by kind.
private struct ConditionLeaves {
    /// The bits of a signature: a set takes one, a coins comparison two (whether the
    /// coins are known, and whether it holds).
    static let signatureBits = 64

    var itemSets: [IndexSet64] = []
    var coins: [(ComparisonOperator, Int64)] = []
    var regionSets: [IndexSet64] = []
    var currencySets: [IndexSet64] = []
    var channelSets: [IndexSet64] = []

    init(_ condition: CompiledCondition) {
        collect(condition)
    }

    private mutating func collect(_ condition: CompiledCondition) {
        switch condition {
        case .and(let a, let b), .or(let a, let b):
            collect(a)
            collect(b)
        case .not(let a): collect(a)
        case .item(let set): itemSets.append(set)
        case .coins(let op, let value): coins.append((op, value))
        case .region(let set): regionSets.append(set)
        case .currency(let set): currencySets.append(set)
        case .channel(let set): channelSets.append(set)
        case .list, .userBool, .userInt, .userDate, .userValue, .userValueExcluded: break
        }
    }

    /// The signatures of every item, region and channel of `grid`. A set's bit is
    /// placed member by member, so a set of three bundles costs three steps, not one
    /// per item.
    func signatures(grid: CellGrid, itemCoins: [Int64?], regionCurrency: [Int])
        -> (items: Signatures, regions: Signatures, channels: Signatures) {
        var items = Self.words(grid.items, sets: itemSets, signed: itemSets.count + 2 * coins.count)
        for position in coins.indices {
            let (op, value) = coins[position]
            let shift = UInt64(itemSets.count + 2 * position)
            for item in 0..<grid.items {
                guard let known = itemCoins[item] else { continue }
                items?[item] |= (op.holds(known, value) ? 3 : 2) << shift
            }
        }
        var regions = Self.words(grid.regions, sets: regionSets, signed: regionSets.count + currencySets.count)
        for position in currencySets.indices {
            let bit: UInt64 = 1 << UInt64(regionSets.count + position)
            for region in 0..<grid.regions where currencySets[position].contains(regionCurrency[region]) {
                regions?[region] |= bit
            }
        }
        let channels = Self.words(grid.channels, sets: channelSets, signed: channelSets.count)
        return (Signatures(words: items, count: grid.items), Signatures(words: regions, count: grid.regions),
                Signatures(words: channels, count: grid.channels))
    }

    /// One word per value of `0..<count` with bit `k` set where `sets[k]` holds it, or
    /// nil when the signature needs more than `signatureBits` bits (`signed`).
    private static func words(_ count: Int, sets: [IndexSet64], signed: Int) -> [UInt64]? {
        guard signed <= signatureBits else { return nil }
        var words = [UInt64](repeating: 0, count: count)
        // By index: iterating the sets would copy each one.
        for bit in sets.indices {
            sets[bit].forEachMember { if $0 < count { words[$0] |= 1 << UInt64(bit) } }
        }
        return words
    }
}
