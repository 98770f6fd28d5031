import CoinageChecker
import CoinageSyntax

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
        for index in reaching where reach[index]?.contains(item: item, region: region, channel: channel) == true {
            guard let condition = conditions[index] else { continue }
            let truth = condition.partial(item: item, region: region, currency: currency, coins: coins, channel: channel)
            if truth != .no { found.append(CandidateEntry(index: index, needsCondition: truth != .yes)) }
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
