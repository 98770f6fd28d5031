import CoinageChecker
import CoinageSyntax

/// The list price of every bundle in every region on every channel: precomputed
/// while that table is small, derived on demand when it is huge.
///
/// Cells of one price class (regions and channels alike in currency, level and
/// explicit prices) have one price, so the table is filled by deriving one price
/// per bundle and class and copying it to the rest of the class.
package struct PriceGrid: Sendable {
    /// The bundle × region × channel cells the table numbers.
    package let cells: CellGrid
    /// List prices in minor units, numbered by `cells`; `overflowed` where the
    /// derivation overflowed (quoting that cell is an `overflow` error). Empty when
    /// the table is derived on demand. Plain integers with a sentinel: an optional
    /// takes 16 bytes a cell, and a big shop has tens of thousands of cells.
    let listPrices: [Int64]
    /// What `listPrices` holds for a cell whose derivation overflowed: a derived
    /// price is a whole number of minor units that fits in 64 bits, not below zero
    /// (past rounding's few units at worst), so never this.
    static let overflowed = Int64.min
    /// Whether `listPrices` holds every cell.
    package let precomputed: Bool
    /// Whether the rule set declares channels (else the one channel slot is none).
    private let channelsDeclared: Bool
    /// Per region and per channel slot, the number of its price class.
    package let regionClasses: [Int]
    package let channelClasses: [Int]
    /// How prices are derived, behind one reference: the derivation holds the rule
    /// set, and a grid that held it inline would be copied whole where it is read.
    private let deriver: Deriver
    package var derivation: ListPriceDerivation { deriver.derivation }

    /// A derivation held by reference.
    private final class Deriver: Sendable {
        let derivation: ListPriceDerivation
        init(_ derivation: ListPriceDerivation) { self.derivation = derivation }
    }

    /// The grid of `rules`, precomputed when it has at most `maxCells` cells (`itemCount`
    /// items, custom amounts counted) and at most `maxPrices` prices to derive.
    init(_ rules: RuleSet, channelSlots: [Channel?], itemCount: Int, maxCells: Int, maxPrices: Int) {
        cells = CellGrid(items: rules.bundles.count, regions: rules.regions.count, channels: channelSlots.count)
        channelsDeclared = !rules.channels.isEmpty
        let derivation = ListPriceDerivation(rules)
        deriver = Deriver(derivation)
        regionClasses = derivation.regionPriceClasses()
        channelClasses = derivation.channelPriceClasses()
        let itemCells = CellGrid(items: itemCount, regions: rules.regions.count, channels: channelSlots.count).cellCount
        let classGrid = CellGrid(items: rules.bundles.count, regions: (regionClasses.max() ?? -1) + 1,
                                 channels: (channelClasses.max() ?? -1) + 1)
        let small: Bool = if let itemCells, let prices = classGrid.cellCount { itemCells <= maxCells && prices <= maxPrices } else { false }
        precomputed = small
        listPrices = small ? Self.precomputedListPrices(derivation, cells: cells, channelsDeclared: channelsDeclared,
                                                        regionClasses: regionClasses, channelClasses: channelClasses) : []
    }

    /// The list price of one cell, or nil when it overflowed: precomputed, or past
    /// the precomputed table derived here.
    @inline(__always)
    package func listPrice(bundle: Int, region: Int, channel: Int) -> Int64? {
        guard precomputed else { return derivedListPrice(bundle: bundle, region: region, channel: channel) }
        return Self.decoded(listPrices[cells.index(item: bundle, region: region, channel: channel)])
    }

    /// A list price as the table stores it: `overflowed` for none.
    @inline(__always)
    static func encoded(_ price: Int64?) -> Int64 { price ?? overflowed }

    /// A stored list price read back: nil for `overflowed`.
    @inline(__always)
    static func decoded(_ stored: Int64) -> Int64? { stored == overflowed ? nil : stored
    }

    @inline(never)
    private func derivedListPrice(bundle: Int, region: Int, channel: Int) -> Int64? {
        try? derivation.listPrice(bundle: bundle, region: region, channel: channelsDeclared ? channel : nil,
                                  labelled: false).price.minorUnits
    }

    /// How a cell's list price was found, for `--explain` and tables: apart, so the
    /// quote path never builds the steps.
    @inline(never)
    package func explainedListPrice(bundle: Int, region: Int, channel: Int) -> ListPriceExplanation? {
        try? derivation.listPrice(bundle: bundle, region: region, channel: channelsDeclared ? channel : nil)
    }

    /// Every cell's list price, derived once per bundle and price class of regions
    /// and channels (cells of one class have one price) and copied to the rest.
    private static func precomputedListPrices(_ derivation: ListPriceDerivation, cells: CellGrid, channelsDeclared: Bool,
                                              regionClasses: [Int], channelClasses: [Int]) -> [Int64] {
        let regionFirst = ListPriceDerivation.firstMembers(regionClasses)
        let channelFirst = ListPriceDerivation.firstMembers(channelClasses)
        // One price per bundle and pair of classes, numbered like the cells.
        let classGrid = CellGrid(items: 1, regions: regionFirst.count, channels: channelFirst.count)
        var prices: [Int64] = []
        prices.reserveCapacity(cells.cellCount ?? 0)
        var perClass = [Int64](repeating: overflowed, count: classGrid.cellCount ?? 0)
        for bundle in 0..<cells.items {
            for (regionClass, region) in regionFirst.enumerated() {
                for (channelClass, channel) in channelFirst.enumerated() {
                    perClass[classGrid.index(item: 0, region: regionClass, channel: channelClass)] = encoded(
                        try? derivation.listPrice(bundle: bundle, region: region, channel: channelsDeclared ? channel : nil,
                                                  labelled: false).price.minorUnits)
                }
            }
            for region in 0..<cells.regions {
                for channel in 0..<cells.channels {
                    prices.append(perClass[classGrid.index(item: 0, region: regionClasses[region], channel: channelClasses[channel])])
                }
            }
        }
        return prices
    }
}
