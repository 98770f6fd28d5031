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

extension PriceBook {
    /// The candidates of one cell (an item: a bundle, or a custom amount after the
    /// bundles) other than the global ones, in walk order, found from each
    /// promotion's reach: what the precomputed lists hold for a table small enough
    /// to list, and what a quote uses past it.
    func scannedCandidates(item: Int, region: Int, channel: Int) -> [CandidateEntry] {
        let coins: Int64? = item < bundleCoins.count ? bundleCoins[item].base : nil
        let currency = regionCurrency[region]
        var found: [CandidateEntry] = []
        for index in reachingPromotions where promotionReach[index]?.contains(item: item, region: region, channel: channel) == true {
            guard let condition = promotionConditions[index] else { continue }
            let truth = condition.partial(item: item, region: region, currency: currency, coins: coins, channel: channel)
            if truth != .no { found.append(CandidateEntry(index: index, needsCondition: truth != .yes)) }
        }
        return found
    }

    /// The candidates of one cell other than the global ones: the precomputed list,
    /// or the scanned one past the precomputed table.
    package func listedCandidates(item: Int, region: Int, channel: Int) -> [CandidateEntry] {
        guard candidatesListed else { return scannedCandidates(item: item, region: region, channel: channel) }
        return Array(promotionCells.entries[promotionCells.range(of: (item * rules.regions.count + region) * channelSlots.count + channel)])
    }
}
