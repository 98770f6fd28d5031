/// The cells of a price book: every item × region × channel, numbered item-major.
///
/// A cell is one place a quote can land: an item (a bundle, or a custom amount
/// after the bundles), a region, and a channel slot. The price book keeps one value
/// per cell in flat arrays (list prices, candidate lists), and everything that
/// reads or writes those arrays numbers the cells through this one type, so the
/// numbering `(item × regions + region) × channels + channel` is written once.
///
/// It is also the collection of every cell's coordinates, in that order, without
/// storing them: the analysis walks a table cell by cell through it.
package struct CellGrid: RandomAccessCollection, Sendable {
    /// How many items, regions and channel slots the grid spans.
    package let items: Int
    package let regions: Int
    package let channels: Int

    /// A grid of `items × regions × channels` cells.
    package init(items: Int, regions: Int, channels: Int) {
        self.items = items
        self.regions = regions
        self.channels = channels
    }

    /// The number of one cell.
    @inline(__always)
    package func index(item: Int, region: Int, channel: Int) -> Int {
        (item * regions + region) * channels + channel
    }

    /// How many cells there are, or nil when the count does not fit in an `Int`.
    package var cellCount: Int? {
        let (perItem, wide) = regions.multipliedReportingOverflow(by: channels)
        let (count, huge) = items.multipliedReportingOverflow(by: perItem)
        return wide || huge ? nil : count
    }

    package var startIndex: Int { 0 }
    package var endIndex: Int { cellCount ?? 0 }

    /// The coordinates of cell number `position`: the inverse of `index`.
    package subscript(position: Int) -> (item: Int, region: Int, channel: Int) {
        (position / (regions * channels), position / channels % regions, position % channels)
    }
}
