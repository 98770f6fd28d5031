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
    init(_ condition: CompiledCondition, items: [Int], regions: [Int], channels: [Int],
         itemCoins: [Int64?], regionCurrency: [Int]) {
        let leaves = ConditionLeaves(condition)
        let (itemClass, itemRepresentatives) = leaves.items(items, itemCoins: itemCoins).classify(items)
        let (regionClass, regionRepresentatives) = leaves.regions(regions, regionCurrency: regionCurrency).classify(regions)
        let (channelClass, channelRepresentatives) = leaves.channels(channels).classify(channels)
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
    /// `every` lists each dimension's values, `0..<count`, made once for every promotion.
    static func reach(of condition: CompiledCondition, every: (items: [Int], regions: [Int], channels: [Int]),
                      itemCoins: [Int64?], regionCurrency: [Int]) -> (items: [Int], regions: [Int], channels: [Int]) {
        let leaves = ConditionLeaves(condition)
        let (allItems, allRegions, allChannels) = every
        let items = leaves.allItems(allItems.count, itemCoins: itemCoins).possible(allItems) {
            condition.partial(item: $0, region: nil, currency: nil, coins: itemCoins[$0])
        }
        let regions = leaves.allRegions(allRegions.count, regionCurrency: regionCurrency).possible(allRegions) {
            condition.partial(item: nil, region: $0, currency: regionCurrency[$0], coins: nil)
        }
        let channels = leaves.channels(allChannels).possible(allChannels) {
            condition.partial(item: nil, region: nil, currency: nil, coins: nil, channel: $0)
        }
        return (items, regions, channels)
    }
}

/// What a condition's leaves answer for each of a list of values, one word per
/// value: values with the same word are alike to the condition. Nil words make
/// every value its own class (more leaves than a word has bits).
private struct Signatures {
    let words: [UInt64]?

    /// Each position of `values` numbered by its class, and the first value of each class.
    func classify(_ values: [Int]) -> (classes: [Int32], representatives: [Int]) {
        guard let words else {
            return ((0..<values.count).map { Int32(truncatingIfNeeded: $0) }, values)
        }
        var classes = [Int32](repeating: 0, count: values.count)
        var representatives: [Int] = []
        var known: [UInt64] = []
        for position in values.indices {
            // A condition as written sorts values into a few classes: a scan beats a hash.
            if let number = known.firstIndex(of: words[position]) {
                classes[position] = Int32(truncatingIfNeeded: number)
            } else {
                classes[position] = Int32(truncatingIfNeeded: representatives.count)
                representatives.append(values[position])
                known.append(words[position])
            }
        }
        return (classes, representatives)
    }

    /// The values whose class's `truth` is not false, in order.
    func possible(_ values: [Int], _ truth: (Int) -> Truth) -> [Int] {
        guard let words else { return values.filter { truth($0) != .no } }
        var possible: [Int] = []
        possible.reserveCapacity(values.count)
        var known: [(word: UInt64, holds: Bool)] = []
        // Values of one class mostly come in runs (the regions outside a market):
        // the last answer is tried before the list of classes.
        var last: (word: UInt64, holds: Bool)?
        for position in values.indices {
            let word = words[position]
            let holds: Bool
            if let last, last.word == word {
                holds = last.holds
            } else if let found = known.first(where: { $0.word == word }) {
                holds = found.holds
            } else {
                holds = truth(values[position]) != .no
                known.append((word, holds))
            }
            last = (word, holds)
            if holds { possible.append(values[position]) }
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

    func items(_ items: [Int], itemCoins: [Int64?]) -> Signatures {
        guard itemSets.count + 2 * coins.count <= Self.signatureBits else { return Signatures(words: nil) }
        return Signatures(words: items.map { item in
            var word: UInt64 = 0
            // By index: iterating the sets would copy each one.
            for bit in itemSets.indices where itemSets[bit].contains(item) { word |= 1 << UInt64(bit) }
            if let known = itemCoins[item] {
                for position in coins.indices {
                    let holds = coins[position].0.holds(known, coins[position].1)
                    word |= (holds ? 3 : 2) << UInt64(itemSets.count + 2 * position)
                }
            }
            return word
        })
    }

    /// The signatures of every item `0..<count`: set bits are placed member by member,
    /// so a set of three bundles costs three steps, not one per item.
    func allItems(_ count: Int, itemCoins: [Int64?]) -> Signatures {
        guard itemSets.count + 2 * coins.count <= Self.signatureBits else { return Signatures(words: nil) }
        var words = [UInt64](repeating: 0, count: count)
        for bit in itemSets.indices {
            itemSets[bit].forEachMember { if $0 < count { words[$0] |= 1 << UInt64(bit) } }
        }
        for position in coins.indices {
            let (op, value) = coins[position]
            for item in 0..<count {
                guard let known = itemCoins[item] else { continue }
                words[item] |= (op.holds(known, value) ? 3 : 2) << UInt64(itemSets.count + 2 * position)
            }
        }
        return Signatures(words: words)
    }

    /// The signatures of every region `0..<count`, as `allItems` does.
    func allRegions(_ count: Int, regionCurrency: [Int]) -> Signatures {
        guard regionSets.count + currencySets.count <= Self.signatureBits else { return Signatures(words: nil) }
        var words = [UInt64](repeating: 0, count: count)
        for bit in regionSets.indices {
            regionSets[bit].forEachMember { if $0 < count { words[$0] |= 1 << UInt64(bit) } }
        }
        for position in currencySets.indices {
            let bit: UInt64 = 1 << UInt64(regionSets.count + position)
            for region in 0..<count where currencySets[position].contains(regionCurrency[region]) { words[region] |= bit }
        }
        return Signatures(words: words)
    }

    func regions(_ regions: [Int], regionCurrency: [Int]) -> Signatures {
        guard regionSets.count + currencySets.count <= Self.signatureBits else { return Signatures(words: nil) }
        return Signatures(words: regions.map { region in
            var word: UInt64 = 0
            for bit in regionSets.indices where regionSets[bit].contains(region) { word |= 1 << UInt64(bit) }
            for position in currencySets.indices where currencySets[position].contains(regionCurrency[region]) {
                word |= 1 << UInt64(regionSets.count + position)
            }
            return word
        })
    }

    func channels(_ channels: [Int]) -> Signatures {
        guard channelSets.count <= Self.signatureBits else { return Signatures(words: nil) }
        return Signatures(words: channels.map { channel in
            var word: UInt64 = 0
            for bit in channelSets.indices where channelSets[bit].contains(channel) { word |= 1 << UInt64(bit) }
            return word
        })
    }
}
