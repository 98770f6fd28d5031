import Coinage
import CoinageFoundation
import CoinageTestSupport
import Foundation
import Testing

/// Checked rules and their price book, compiled from text with the system's zones.
struct PictureShop {
    let rules: RuleSet
    let book: PriceBook

    /// The shop of `text` after a header of four regions in three zones' worth of clocks.
    static func make(_ text: String, header: String = PictureShop.header) -> PictureShop? {
        var sources = SourceMap()
        sources.add(path: "shop.coin", text: header + text)
        let result = Pipeline.check(sources: sources, zones: SystemTimeZones())
        guard let rules = result.ruleSet, let book = result.priceBook else {
            Issue.record("the test shop does not check: \(result.checked.diagnostics.map(\.message))")
            return nil
        }
        return PictureShop(rules: rules, book: book)
    }

    /// The bundled sample shop, `rules/`.
    static func sample() throws -> PictureShop {
        let result = try Pipeline.load(rulesDirectory: RepositoryPaths.sampleShop.path)
        guard let rules = result.ruleSet, let book = result.priceBook else { throw SampleError() }
        return PictureShop(rules: rules, book: book)
    }

    struct SampleError: Error {}

    static let header = """
        base currency USD
        rate EUR 0.86
        rate JPY 155
        region US: USD, zone America/New_York
        region DE: EUR, zone Europe/Berlin
        region FR: EUR, zone Europe/Paris
        region JP: JPY, zone Asia/Tokyo
        bundle small: 100 coins, 1.99 USD

        """

    /// Seconds since the epoch of a UTC date-time written `2026-11-27T23:00`.
    static func at(_ text: String) -> Int64 {
        InstantParser.parse(text) ?? -1
    }
}
