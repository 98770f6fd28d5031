import CoinageChecker
import CoinageSyntax

/// The names a request uses, each table mapping a name to its index: bundles,
/// regions, channels and user attributes; and every quotable item's name.
///
/// A request's names are read once, at the top of a quote; from there on the quote
/// is indices into the price book's flat arrays.
package struct QuoteNames: Sendable {
    package let bundles: NameTable
    package let regions: NameTable
    /// Channels by name, to their slot.
    package let channels: NameTable
    /// Quotable items: the bundles, then the custom amounts (what `bundle ==` compares).
    package let items: [String]
    /// How many of `items` are bundles.
    package let bundleCount: Int

    init(_ rules: RuleSet) {
        bundles = NameTable(rules.bundles.map { $0.name })
        regions = NameTable(rules.regions.map { $0.code })
        channels = NameTable(rules.channels.map { $0.name })
        items = rules.bundles.map { $0.name } + rules.customAmounts.map { $0.name }
        bundleCount = rules.bundles.count
    }

    /// The names of the bundles, for suggestions.
    var bundleNames: ArraySlice<String> { items[..<bundleCount] }
}
