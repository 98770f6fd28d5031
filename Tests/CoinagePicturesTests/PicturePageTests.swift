import Coinage
import CoinageIO
import CoinagePictures
import CoinageTestSupport
import Foundation
import Testing

private let at = PictureShop.at

/// The pages as files: golden copies of the small shop's and the sample shop's
/// pictures (`COINAGE_UPDATE_GOLDENS=1` rewrites them), and what every page must be:
/// self-contained, light and dark, printable, with text for its charts.
@Suite struct PicturePageTests {
    static let goldens = RepositoryPaths.file("Tests/CoinagePicturesTests/Goldens")
    static let smallShop = RepositoryPaths.file("Tests/CoinageCLITests/Fixtures/pictures").path

    static func load(_ path: String) throws -> PictureShop {
        let result = try Pipeline.load(rulesDirectory: path)
        guard let rules = result.ruleSet, let book = result.priceBook else { throw PictureShop.SampleError() }
        return PictureShop(rules: rules, book: book)
    }

    static func pricePage(_ shop: PictureShop, name: String) -> String {
        let channels: [String?] = shop.rules.channels.isEmpty ? [nil] : shop.rules.channels.map(\.name)
        let cells = PriceMatrix.cells(shop.rules, book: shop.book, channels: channels)
        return PricePage.html(PriceLadder(cells, rules: shop.rules, channels: channels), rules: name, bundles: shop.rules.bundles.count)
    }

    static func timeline(_ shop: PictureShop) throws -> Timeline {
        try Timeline(shop.rules, book: shop.book, from: at("2026-11-23T00:00Z"), to: at("2026-12-07T00:00Z"))
    }

    @Test func smallShopPicturesMatchTheirGoldens() throws {
        let shop = try Self.load(Self.smallShop)
        let timeline = try Self.timeline(shop)
        GoldenFile.expect(TimelineChart.svg(timeline).standalone(), matches: Self.goldens.appendingPathComponent("timeline-small.svg"),
                          label: "timeline-small.svg")
        GoldenFile.expect(TimelinePage.html(timeline, rules: "pictures"), matches: Self.goldens.appendingPathComponent("timeline-small.html"),
                          label: "timeline-small.html")
        GoldenFile.expect(TimelineText.text(timeline), matches: Self.goldens.appendingPathComponent("timeline-small.txt"),
                          label: "timeline-small.txt")
        GoldenFile.expect(Self.pricePage(shop, name: "pictures"), matches: Self.goldens.appendingPathComponent("prices-small.html"),
                          label: "prices-small.html")
    }

    @Test func sampleShopTimelineMatchesItsGolden() throws {
        let shop = try PictureShop.sample()
        let timeline = try Self.timeline(shop)
        GoldenFile.expect(TimelinePage.html(timeline, rules: "rules"), matches: Self.goldens.appendingPathComponent("timeline-rules.html"),
                          label: "timeline-rules.html")
        // Black Friday is exclusive and live over the weekend's happy hours, in the regions it covers only.
        let happyHour = try #require(timeline.rows.first { $0.name == "weekend_happy_hour" })
        let cutLanes = happyHour.lanes.filter { !$0.cuts.isEmpty }
        #expect(!cutLanes.isEmpty)
        #expect(cutLanes.allSatisfy { $0.cutBy == ["black_friday (exclusive)"] })
        #expect(!cutLanes.contains { $0.regions.contains("JP") })
        #expect(happyHour.lanes.contains { $0.regions.contains("JP") })
    }

    /// The sample shop's price page is large; its structure is asserted instead of kept whole.
    @Test func sampleShopPricePageHasALadderPerRegionAndChannel() throws {
        let shop = try PictureShop.sample()
        let page = Self.pricePage(shop, name: "rules")
        let ladders = shop.rules.regions.count * shop.rules.channels.count
        #expect(page.occurrences(of: "<svg ") == ladders)
        #expect(page.occurrences(of: "<title id=\"ladder-") == ladders)
        #expect(page.occurrences(of: "<desc id=\"ladder-") == ladders)
        // The Japanese and British iOS ladders are written as explicit prices.
        #expect(page.contains("<title id=\"ladder-ios-JP-title\">Price per coin in JP on ios</title>"))
        #expect(page.occurrences(of: "class=\"explicit\"") >= 14)
        #expect(page.occurrences(of: "<table class=\"data\">") == shop.rules.channels.count)
        Self.expectSelfContained(page)
    }

    @Test func guardMarksFollowTheRegionGuardsBand() throws {
        let shop = try Self.load(Self.smallShop)
        let channels: [String?] = shop.rules.channels.map(\.name)
        let ladder = PriceLadder(PriceMatrix.cells(shop.rules, book: shop.book, channels: channels), rules: shop.rules, channels: channels)
        let jp = try #require(ladder.ladders.first { $0.region == "JP" && $0.channel == "app" })
        let small = try #require(jp.steps.first { $0.bundle == "small" })
        // 500 JPY at 155 JPY per USD is 3.2258 USD against 1.99 USD intended: 62% over, past the 20% band.
        #expect(small.source == .explicit)
        #expect(small.mark == .over(try #require(small.deviation?.share)))
        let large = try #require(ladder.ladders.first { $0.region == "DE" && $0.channel == "web" }?.steps.first { $0.bundle == "large" })
        #expect(large.source == .explicit)
        if case .under = large.mark {} else { Issue.record("8.49 EUR for large on web in DE should be under the band: \(String(describing: large.mark))") }
        let derived = try #require(ladder.ladders.first { $0.region == "US" && $0.channel == "app" }?.steps.first { $0.bundle == "medium" })
        #expect(derived.source == .derived)
        #expect(derived.mark == nil)
        #expect(derived.perCoin == Fraction(899, 55_000))
    }

    /// The gems shop snaps derived prices to app-store tables and names tiers: its
    /// page tells explicit prices, tiers and derived prices apart, and counts in gems.
    @Test func tierPricesAreToldApartAndTheShopsUnitIsUsed() throws {
        let shop = try Self.load(RepositoryPaths.file("Examples/gems").path)
        let channels: [String?] = shop.rules.channels.map(\.name)
        let ladder = PriceLadder(PriceMatrix.cells(shop.rules, book: shop.book, channels: channels), rules: shop.rules, channels: channels)
        let sources = Set(ladder.ladders.flatMap { $0.steps.map(\.source) })
        #expect(sources == [.explicit, .points, .derived])
        #expect(ladder.ladders.allSatisfy { $0.steps.allSatisfy { ($0.source == .points) == ($0.tier != nil && $0.source != .explicit) } })
        let page = PricePage.html(ladder, rules: "gems", bundles: shop.rules.bundles.count)
        #expect(page.contains(" per gem; price-point tier: derived, snapped to a table&#39;s point (google tier 1)</title>"))
        #expect(!page.contains("per coin"))
    }

    @Test func aShopWithoutChannelsHasOneLadderPerRegion() throws {
        let shop = try #require(PictureShop.make("bundle big: 1_000 coins, 9.99 USD\n"))
        let page = Self.pricePage(shop, name: "plain")
        #expect(page.contains("<h2>Every sale</h2>"))
        #expect(page.occurrences(of: "<svg ") == shop.rules.regions.count)
        #expect(page.contains("<title id=\"ladder-all-DE-title\">Price per coin in DE</title>"))
        Self.expectSelfContained(page)
    }

    @Test func ladderHeightsAreProportionalToThePricePerCoin() throws {
        let shop = try Self.load(Self.smallShop)
        let channels: [String?] = ["app"]
        let ladder = PriceLadder(PriceMatrix.cells(shop.rules, book: shop.book, channels: channels), rules: shop.rules, channels: channels)
        let us = try #require(ladder.ladders.first { $0.region == "US" })
        #expect(us.steps.map(\.bundle) == ["small", "medium", "large"])
        // 1.99/100, 8.99/550 and 16.99/1150 USD per coin: the first is the top of the chart.
        #expect(PriceLadder.heights(us, height: 100) == [100, 82, 74])
    }

    @Test func amountsPerCoinShowFourSignificantDigits() throws {
        #expect(Markup.significant(try #require(Fraction(899, 55_000))) == "0.01635")
        #expect(Markup.significant(try #require(Fraction(100, 7))) == "14.29")
        #expect(Markup.significant(try #require(Fraction(1_000_000, 7))) == "142857")
        #expect(Markup.significant(try #require(Fraction(1, 8))) == "0.1250")
        #expect(Markup.significant(Fraction.zero) == "0")
    }

    @Test func namesAndPathsAreEscaped() throws {
        let shop = try Self.load(Self.smallShop)
        let page = TimelinePage.html(try Self.timeline(shop), rules: "<script>alert('x')</script>&")
        #expect(!page.contains("<script>"))
        #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"))
        #expect(Markup.escape("a\u{1B}[2Jb\u{9B}") == "a\\u{1B}[2Jb\\u{9B}")
        #expect(Markup.escape("\"<&>'") == "&quot;&lt;&amp;&gt;&#39;")
    }

    @Test func everyPageIsSelfContainedReadableInLightAndDarkAndPrintable() throws {
        let shop = try Self.load(Self.smallShop)
        Self.expectSelfContained(TimelinePage.html(try Self.timeline(shop), rules: "pictures"))
        Self.expectSelfContained(Self.pricePage(shop, name: "pictures"))
    }

    static func expectSelfContained(_ page: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(page.hasPrefix("<!DOCTYPE html>"), sourceLocation: sourceLocation)
        #expect(!page.contains("<script"), sourceLocation: sourceLocation)
        #expect(!page.contains("<link"), sourceLocation: sourceLocation)
        #expect(!page.contains("@import"), sourceLocation: sourceLocation)
        #expect(!page.contains("url(http"), sourceLocation: sourceLocation)
        // The one address on a page is SVG's namespace, which is never fetched.
        #expect(page.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http") == false,
                sourceLocation: sourceLocation)
        #expect(page.contains("@media (prefers-color-scheme: dark)"), sourceLocation: sourceLocation)
        #expect(page.contains("@media print"), sourceLocation: sourceLocation)
        #expect(page.occurrences(of: "<svg ") == page.occurrences(of: "aria-labelledby="), sourceLocation: sourceLocation)
        #expect(page.occurrences(of: "<svg ") == page.occurrences(of: "-desc\">"), sourceLocation: sourceLocation)
        #expect(page.contains("<table"), sourceLocation: sourceLocation)
    }
}

extension String {
    func occurrences(of needle: String) -> Int {
        components(separatedBy: needle).count - 1
    }
}
