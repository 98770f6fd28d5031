import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// The bundle × region × channel cells grouped into classes the analysis sees
/// alike, so that a huge table is analysed once per class and each finding counted
/// for every cell of its class.
///
/// For one item and a set of promotions, two regions are alike when they price alike
/// (same currency, level and explicit prices), share a zone where those promotions
/// read `local` times, and fall on the same side of every region and currency
/// comparison in their conditions; channels likewise with their level, explicit
/// prices, channel comparisons and, for a custom amount, whether it is sold there.
/// Cells of one class then have the same list price, the same candidates and the
/// same outcomes of every comparison on the cell: every guard and lint answers the
/// same for them. Classes are ordered by their first member, and a class is named by
/// its first cell, so the first cell of the table that shows a finding still names it.
final class CellClasses {
    /// One class of cells of one item: its first cell and how many cells it holds.
    struct Member {
        let item: Int
        let region: Int
        let channel: Int
        let count: Int
    }

    /// Regions and channels of one item in classes, each ascending, ordered by first
    /// member; and per region and per channel, the number of its class.
    struct Partition {
        let regions: [[Int]]
        let channels: [[Int]]

        var regionClass: [Int] { Self.numbers(regions) }
        var channelClass: [Int] { Self.numbers(channels) }

        private static func numbers(_ groups: [[Int]]) -> [Int] {
            var numbers = [Int](repeating: 0, count: groups.reduce(0) { $0 + $1.count })
            for (number, group) in groups.enumerated() {
                for member in group { numbers[member] = number }
            }
            return numbers
        }
    }

    private unowned let context: AnalysisContext
    /// Per region and per channel slot, its price class.
    let regionPrice: [Int]
    let channelPrice: [Int]
    /// Bundles × price classes of regions × of channels: a table of one price per class.
    let priceClassGrid: CellGrid
    /// The cells of `priceClassGrid`, when they are at most
    /// `PriceBook.maxPrecomputedCells`: a table of one price per class is then small.
    let priceTableSize: Int?
    /// Per promotion: the sets of regions its region and currency comparisons hold
    /// for, the sets of channels its channel comparisons hold for, whether it reads
    /// `local` times, whether it compares the list price.
    private let regionTests: [[IndexSet64]]
    private let channelTests: [[IndexSet64]]
    private let readsLocalTimes: [Bool]
    private let comparesList: [Bool]
    private var partitions: [PartitionKey: Partition] = [:]

    private struct PartitionKey: Hashable {
        let promotions: [Int]
        let amounts: Bool
        let custom: Int?
    }

    init(context: AnalysisContext) {
        self.context = context
        let book = context.book
        regionPrice = book.prices.regionClasses
        channelPrice = book.prices.channelClasses
        priceClassGrid = CellGrid(items: context.bundles.count, regions: (regionPrice.max() ?? -1) + 1,
                                  channels: (channelPrice.max() ?? -1) + 1)
        priceTableSize = priceClassGrid.cellCount.flatMap { $0 > PriceBook.maxPrecomputedCells ? nil : $0 }
        var regionTests: [[IndexSet64]] = []
        var channelTests: [[IndexSet64]] = []
        var comparesList: [Bool] = []
        for condition in book.program.conditions {
            var regions: [IndexSet64] = []
            var channels: [IndexSet64] = []
            var list = false
            if let condition {
                Self.collect(condition, context: context, regions: &regions, channels: &channels, list: &list)
            }
            regionTests.append(regions)
            channelTests.append(channels)
            comparesList.append(list)
        }
        self.regionTests = regionTests
        self.channelTests = channelTests
        self.comparesList = comparesList
        readsLocalTimes = book.program.promotions.map { promotion in
            (promotion.window.map { $0.zone == nil } ?? false) || (promotion.weekly.map { $0.zone == nil } ?? false)
        }
    }

    private static func collect(_ condition: CompiledCondition, context: AnalysisContext, regions: inout [IndexSet64],
                                channels: inout [IndexSet64], list: inout Bool) {
        switch condition {
        case .and(let a, let b), .or(let a, let b):
            collect(a, context: context, regions: &regions, channels: &channels, list: &list)
            collect(b, context: context, regions: &regions, channels: &channels, list: &list)
        case .not(let a):
            collect(a, context: context, regions: &regions, channels: &channels, list: &list)
        case .region(let set):
            regions.append(set)
        case .currency(let set):
            regions.append(IndexSet64(context.regionCurrency.indices.filter { set.contains(context.regionCurrency[$0]) },
                                      capacity: context.regionCount))
        case .channel(let set):
            channels.append(set)
        case .list:
            list = true
        default:
            break
        }
    }

    /// The promotions that may concern an item's cells: the global ones and those
    /// whose reach holds the item, ascending.
    func promotions(concerning item: Int) -> [Int] {
        let program = context.book.program
        return program.promotions.indices.filter { program.reach(of: $0)?.items.contains(item) ?? true }
    }

    /// The regions and channels of `item` in classes for `promotions`; `amounts`
    /// keeps regions and channels that price differently apart.
    func partition(item: Int, promotions: [Int], amounts: Bool) -> Partition {
        let custom = item >= context.bundles.count ? item - context.bundles.count : nil
        let key = PartitionKey(promotions: promotions, amounts: amounts, custom: custom)
        if let known = partitions[key] { return known }
        let prices = amounts || promotions.contains { comparesList[$0] }
        let zones = promotions.contains { readsLocalTimes[$0] }
        let regionSets = promotions.flatMap { regionTests[$0] }
        let channelSets = promotions.flatMap { channelTests[$0] }
        let regions = Self.group((0..<context.regionCount).map { region -> [Int] in
            [prices ? regionPrice[region] : 0, zones ? context.regionZones[region] : 0]
                + regionSets.map { $0.contains(region) ? 1 : 0 }
        })
        let sold: (Int) -> Int = { channel in
            guard let custom else { return 0 }
            return self.context.book.customAmounts.isSold(custom, onSlot: channel) ? 1 : 0
        }
        let channels = Self.group((0..<context.channelCount).map { channel -> [Int] in
            [prices ? channelPrice[channel] : 0, sold(channel)] + channelSets.map { $0.contains(channel) ? 1 : 0 }
        })
        let partition = Partition(regions: regions, channels: channels)
        partitions[key] = partition
        return partition
    }

    /// The classes of the cells of `item` for `promotions`, in the order of their first cells.
    func members(item: Int, promotions: [Int], amounts: Bool) -> [Member] {
        let partition = partition(item: item, promotions: promotions, amounts: amounts)
        var members: [Member] = []
        members.reserveCapacity(partition.regions.count * partition.channels.count)
        for regions in partition.regions {
            for channels in partition.channels {
                members.append(Member(item: item, region: regions[0], channel: channels[0], count: regions.count * channels.count))
            }
        }
        return members
    }

    /// Regions and channels grouped by their price classes alone: what the list-price
    /// guards and lints need.
    var priceClasses: Partition {
        Partition(regions: Self.group(regionPrice.map { [$0] }), channels: Self.group(channelPrice.map { [$0] }))
    }

    /// Indices with equal keys grouped, each group ascending, groups by first member.
    private static func group(_ keys: [[Int]]) -> [[Int]] {
        var groups: [[Int]] = []
        var numbers: [[Int]: Int] = [:]
        for (index, key) in keys.enumerated() {
            if let number = numbers[key] {
                groups[number].append(index)
            } else {
                numbers[key] = groups.count
                groups.append([index])
            }
        }
        return groups
    }
}
