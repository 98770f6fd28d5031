import CoinageChecker
import CoinageSyntax

/// What a quote reads out of its price book by index, behind one shared reference:
/// the names of items, regions, channels and promotions, the currencies, the tax
/// rates and the rules' hash.
///
/// A quote holds integers and this one reference, so making a quote copies no
/// string; its names and amounts with their currency are read out on demand.
@usableFromInline package final class QuoteLabels: Sendable {
    /// Bundles first, then custom amounts.
    package let items: [String]
    package let regions: [String]
    /// By channel slot: one nil slot where the rules declare no channel.
    package let channels: [String?]
    /// By walk-order index.
    package let promotions: [String]
    /// By currency index (`RegionTable.currencies`).
    package let currencies: [Currency]
    /// By region.
    package let taxRates: [Percentage]
    package let taxIncluded: [Bool]
    package let ruleSetHash: String

    init(items: [String] = [], regions: [String] = [], channels: [String?] = [nil], promotions: [String], currencies: [Currency],
         taxRates: [Percentage] = [], taxIncluded: [Bool] = [], ruleSetHash: String = "") {
        self.items = items
        self.regions = regions
        self.channels = channels
        self.promotions = promotions
        self.currencies = currencies
        self.taxRates = taxRates
        self.taxIncluded = taxIncluded
        self.ruleSetHash = ruleSetHash
    }
}
