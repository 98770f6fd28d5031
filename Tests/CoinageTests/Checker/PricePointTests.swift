@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageEngine
import CoinageFormat
import CoinageFoundation
import Coinage
import CoinageIO
import CoinageSyntax
import Testing

/// Price-point tables: written in the rules or read from a CSV file; a channel
/// snapping its derived prices to one (nearest, up, down), an explicit price taking
/// a tier or snapping; a region's own column beating its currency's; and the
/// explanation naming the tier, the column and the row.
@Suite struct PricePointTests {
    typealias F = PricingFixtures
    static let gbp = Currency(code: "GBP", exponent: 2)

    /// An app-store-like shop: ios snaps to the Apple table (read from CSV), android
    /// snaps up to an inline Google table, web keeps derived prices.
    static let shop = """
        base currency USD
        rate EUR 0.92
        rate JPY 150
        rate GBP 0.79
        region US: USD, tax 7.25% added
        region DE: EUR, tax 19% included
        region FI: EUR, tax 24% included
        region JP: JPY, tax 10% included
        region GB: GBP, tax 20% included
        channel web: fee 3%
        channel ios: fee 30%, points apple nearest
        channel android: fee 15%, points google up
        points apple from "tables/apple.csv"
        points google {
          tier 1: 0.99 USD, 0.99 EUR, 1.09 EUR in FI, 150 JPY, 0.89 GBP
          tier 2: 1.99 USD, 1.99 EUR, 2.19 EUR in FI, 300 JPY, 1.79 GBP
          tier 3: 4.99 USD, 4.99 EUR, 5.49 EUR in FI, 750 JPY, 4.49 GBP
          tier 4: 9.99 USD, 9.99 EUR, 10.99 EUR in FI, 1500 JPY, 8.99 GBP
          tier 5: 49.99 USD, 49.99 EUR, 54.99 EUR in FI, 7500 JPY, 44.99 GBP
        }
        bundle gems_100: 100 coins, 0.99 USD
        bundle gems_550: 550 coins, 4.99 USD
        bundle gems_1200: 1_200 coins, 9.99 USD
        bundle gems_3000: 3_000 coins, 25.00 USD
        bundle gems_6500: 6_500 coins, 49.99 USD
        price gems_6500 on ios: points apple tier 7
        price gems_3000 in JP on web: points apple down
        price gems_100 in GB on ios: 0.99 GBP
        """

    /// Apple-like points with a UTF-8 byte order mark, CRLF line ends, a comment, a
    /// quoted field, an empty field (GB has no tier 6) and a column for a storefront
    /// the shop does not sell in (BR).
    static let appleCSV = "\u{FEFF}# exported 2026-11\r\ntier,USD,EUR,JP,GB,BR\r\n"
        + "1,0.99,0.99,160,0.89,5.90\r\n2,1.99,1.99,300,1.79,10.90\r\n3,\"2.99\",2.99,480,2.49,16.90\r\n"
        + "4,4.99,4.99,800,4.49,27.90\r\n5,9.99,9.99,1600,8.99,54.90\r\n6,19.99,19.99,3000,,109.90\r\n"
        + "7,49.99,49.99,8000,44.99,279.90\r\n"

    static func sources(_ rules: String = shop, csv: String = appleCSV) -> SourceMap {
        var sources = SourceMap()
        sources.add(path: "shop/shop.coin", text: rules)
        sources.add(path: "shop/tables/apple.csv", text: csv)
        return sources
    }

    static func checked(_ rules: String = shop, csv: String = appleCSV) -> CheckResult {
        Checker.check(sources(rules, csv: csv), zones: SystemTimeZones())
    }

    static func book() throws -> PriceBook {
        let result = checked()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map { "\($0.code.rawValue) \($0.message)" })")
        return PriceBook(try #require(result.ruleSet))
    }

    static func money(_ minor: Int64, _ currency: Currency) -> Money { Money(minorUnits: minor, currency: currency) }

    @Test(arguments: [
        // ios, nearest: 9.99 USD × 150 = 1498.5 JPY; the nearest Apple JP point is 1600 (tier 5), not 800.
        ("gems_1200", "JP", "ios", money(1_600, F.jpy)),
        // 25.00 USD → 3750 JPY: between 3000 and 8000, nearer 3000.
        ("gems_3000", "JP", "ios", money(3_000, F.jpy)),
        // 25.00 USD → 23.00 EUR: between 19.99 and 49.99, nearer 19.99.
        ("gems_3000", "DE", "ios", money(1_999, F.eur)),
        // GB has no tier 6: 25.00 × 0.79 = 19.75 GBP snaps between 8.99 and 44.99, to 8.99.
        ("gems_3000", "GB", "ios", money(899, gbp)),
        // android, up: 0.99 USD × 0.92 = 0.9108 EUR, up to 0.99; FI has its own column: 1.09.
        ("gems_100", "DE", "android", money(99, F.eur)),
        ("gems_100", "FI", "android", money(109, F.eur)),
        // 4.99 × 150 = 748.5 JPY, up to 750.
        ("gems_550", "JP", "android", money(750, F.jpy)),
        // 25.00 USD up: 49.99.
        ("gems_3000", "US", "android", money(4_999, F.usd)),
        // A tier names the same tier in every storefront: tier 7.
        ("gems_6500", "JP", "ios", money(8_000, F.jpy)),
        ("gems_6500", "GB", "ios", money(4_499, gbp)),
        ("gems_6500", "US", "ios", money(4_999, F.usd)),
        // An explicit price snapping down on a channel without a table: 3750 JPY → 3000.
        ("gems_3000", "JP", "web", money(3_000, F.jpy)),
        // An amount beats the channel's table: written as it is.
        ("gems_100", "GB", "ios", money(99, gbp)),
        // web has no table: derived and half-even to the minor unit.
        ("gems_1200", "JP", "web", money(1_498, F.jpy)),
    ])
    func eachCellTakesItsPoint(bundle: String, region: String, channel: String, expected: Money) throws {
        #expect(F.list(try Self.book(), bundle, region, channel) == expected)
    }

    @Test func nearestTakesTheHigherPointAtATie() throws {
        let column = PricePointTable.Column(storefront: .currency("USD"), points: [100, 200, 400].enumerated().map { index, minor in
            PricePointTable.Point(tier: index + 1, price: Self.money(minor, F.usd), span: SourceSpan(file: SourceFileID(0), start: 0, end: 0), row: "t:1")
        })
        #expect(column.snap(Fraction(150), .nearest)?.tier == 2)
        #expect(column.snap(Fraction(149), .nearest)?.tier == 1)
        #expect(column.snap(try #require(Fraction(299, 1)), .nearest)?.tier == 2)
        #expect(column.snap(Fraction(300), .nearest)?.tier == 3)
        #expect(column.snap(Fraction(200), .up)?.tier == 2)
        #expect(column.snap(Fraction(200), .down)?.tier == 2)
        #expect(column.snap(Fraction(201), .up)?.tier == 3)
        #expect(column.snap(Fraction(201), .down)?.tier == 2)
        #expect(column.snap(Fraction(401), .up) == nil)
        #expect(column.snap(Fraction(99), .down) == nil)
        #expect(column.snap(Fraction(1), .nearest)?.tier == 1)
        #expect(column.snap(Fraction(10_000), .nearest)?.tier == 3)
    }

    /// FI and DE share a currency but FI has a column of its own: the price book
    /// must not take one region's prices for the other's.
    @Test func aRegionWithItsOwnColumnPricesApartFromItsCurrency() throws {
        let book = try Self.book()
        for bundle in ["gems_100", "gems_550", "gems_1200"] {
            #expect(F.list(book, bundle, "FI", "android") != F.list(book, bundle, "DE", "android"), "\(bundle)")
        }
    }

    /// Proceeds come from the point's price, less tax and the channel's fee.
    @Test func proceedsFollowTheChannelsFee() throws {
        let book = try Self.book()
        let quote = try book.quote(QuoteRequest(item: .bundle("gems_1200"), region: "JP", channel: "ios", instant: F.instant)).get()
        // 1600 JPY with 10% included: 145 JPY of tax, 1455 net; the 30% fee, 436.5, is 436 half-even: 1019.
        #expect(quote.price == Self.money(1_600, F.jpy))
        #expect(quote.proceeds == Self.money(1_019, F.jpy))
        let android = try book.quote(QuoteRequest(item: .bundle("gems_1200"), region: "JP", channel: "android", instant: F.instant)).get()
        // 1500 JPY: 136 JPY of tax, 1364 net; the 15% fee, 204.6, is 205: 1159.
        #expect(android.proceeds == Self.money(1_159, F.jpy))
    }

    @Test func explainNamesTheTierTheColumnAndTheRow() throws {
        let book = try Self.book()
        let snapped = try book.quote(QuoteRequest(item: .bundle("gems_1200"), region: "JP", channel: "ios", instant: F.instant, explain: true)).get()
        let text = QuoteText.render(try #require(snapped.explanation))
        #expect(text.contains("snapped nearest to tier 5 of apple, JP column (shop/tables/apple.csv:7)"), "\(text)")
        let tier = try book.quote(QuoteRequest(item: .bundle("gems_6500"), region: "FI", channel: "ios", instant: F.instant, explain: true)).get()
        let tierText = QuoteText.render(try #require(tier.explanation))
        #expect(tierText.contains("from a price-point table: price gems_6500 on ios: points apple tier 7"), "\(tierText)")
        #expect(tierText.contains("tier 7 of apple, EUR column (shop/tables/apple.csv:9)"), "\(tierText)")
        let inline = try book.quote(QuoteRequest(item: .bundle("gems_100"), region: "FI", channel: "android", instant: F.instant, explain: true)).get()
        let inlineText = QuoteText.render(try #require(inline.explanation))
        #expect(inlineText.contains("snapped up to tier 1 of google, FI column (shop/shop.coin:15)"), "\(inlineText)")
    }

    @Test func quoteJSONCarriesThePricePoint() throws {
        let book = try Self.book()
        let quote = try book.quote(QuoteRequest(item: .bundle("gems_1200"), region: "JP", channel: "ios", instant: F.instant, explain: true)).get()
        let json = QuoteJSON.quote(quote).serialized()
        #expect(json.contains(#""pricePoint":{"table":"apple","storefront":"JP","tier":5,"how":"nearest","row":"shop/tables/apple.csv:7"}"#), "\(json)")
    }

    /// Quotes of the table shop, each with its explanation, written as JSON and
    /// validated against `quote.schema.json`; the sources of their list prices.
    static func schemaCheckedSourceKinds() throws -> Set<String> {
        let book = try book()
        let schema = try SchemaFiles.validator("quote")
        var kinds: Set<String> = []
        for (bundle, region, channel) in [("gems_1200", "JP", "ios"), ("gems_6500", "FI", "ios"), ("gems_3000", "JP", "web"),
                                          ("gems_100", "GB", "ios"), ("gems_550", "US", "android")] {
            let quote = try book.quote(QuoteRequest(item: .bundle(bundle), region: region, channel: channel, instant: F.instant, explain: true)).get()
            let text = QuoteJSON.quote(quote).serialized(pretty: true)
            if let failure = schema.validate(try JSONReader.read(text)) { Issue.record("\(text)\n\(failure)") }
            if let list = quote.explanation?.listPrice { kinds.insert(ExplanationText.sourceKind(list.source)) }
        }
        return kinds
    }

    @Test func quotesFromTablesMatchTheQuoteSchema() throws {
        #expect(try Self.schemaCheckedSourceKinds() == ["derived", "price points", "explicit"])
    }

    /// A market of regions in two currencies may take a tier: each region's storefront
    /// has its own point. Only an amount must fit them all (E0520).
    @Test func aMarketOfTwoCurrenciesTakesATier() throws {
        let rules = Self.shop + "\nmarket launch: US, JP\nprice gems_550 in launch on web: points apple tier 3\n"
        let result = Self.checked(rules)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let book = PriceBook(try #require(result.ruleSet))
        #expect(F.list(book, "gems_550", "JP", "web") == Self.money(480, F.jpy))
        #expect(F.list(book, "gems_550", "US", "web") == Self.money(299, F.usd))
    }

    @Test func anAmountThatIsNotAPointOfItsChannelsTableWarns() throws {
        let result = Pipeline.check(sources: Self.sources(Self.shop + "\nprice gems_550 in JP on ios: 790 JPY\n"),
                                    zones: SystemTimeZones(), analysis: AnalysisOptions()).checked
        // The shop's own `0.99 GBP` on ios is not an Apple GB point either: both warn.
        let warnings = result.diagnostics.filter { $0.code == DiagnosticCode.priceOffGrid }
        #expect(warnings.count == 2)
        let warning = try #require(warnings.first { $0.message.contains("gems_550") })
        #expect(warning.message == "`790 JPY` for `gems_550` is not a point of `apple`, the table channel `ios` snaps to")
        #expect(warning.help == "write `points apple tier 3` (480 JPY) or `points apple tier 4` (800 JPY), or remove this line to snap the derived price")
        let onPoint = Pipeline.check(sources: Self.sources(Self.shop + "\nprice gems_550 in JP on ios: 800 JPY\n"), zones: SystemTimeZones(), analysis: AnalysisOptions()).checked
        #expect(!onPoint.diagnostics.contains { $0.code == DiagnosticCode.priceOffGrid && $0.message.contains("gems_550") })
    }

    /// Every cell a table is asked for and cannot give is an error, one per use and storefront.
    @Test func theCheckerReportsEveryCellATableCannotPrice() {
        let missing = Self.checked(Self.shop + "\nregion CH: CHF\nrate CHF 0.9\nprice gems_1200 on ios: points apple tier 6\n")
        let messages = missing.diagnostics.map { "\($0.code.rawValue) \($0.message)" }
        #expect(messages.contains("E0524 `apple` has no column for `CH` or its currency `CHF`: it cannot price `gems_100` in CH on ios and 2 more prices"), "\(messages)")
        #expect(messages.contains("E0524 `google` has no column for `CH` or its currency `CHF`: it cannot price `gems_100` in CH on android and 4 more prices"), "\(messages)")
        #expect(messages.contains("E0524 `apple` has no tier 6 for `GB`: it cannot price `gems_1200` in GB on ios"), "\(messages)")
        #expect(missing.ruleSet == nil)

        let beyond = Self.checked(Self.shop.replacingOccurrences(of: "points google up", with: "points google down"))
        let beyondMessages = beyond.diagnostics.map { "\($0.code.rawValue) \($0.message)" }
        #expect(beyondMessages.contains("E0525 the price of `gems_100` in DE on android derives to 0.91 EUR, below every `EUR` point of `google`: `down` finds none"),
                "\(beyondMessages)")
    }

    /// A tier no storefront has is one error that names the table's tiers, not one per storefront.
    @Test func aTierNoStorefrontHasIsOneError() {
        let result = Self.checked(Self.shop.replacingOccurrences(of: "points apple tier 7", with: "points apple tier 21"))
        #expect(result.diagnostics.map(\.message) == ["`apple` has no tier 21 in any storefront: it cannot price `gems_6500` in DE on ios and 4 more prices"])
        #expect(result.diagnostics.first?.help == "the tiers of `apple` are 1 to 7: name one of them, or add the tier to the table")
    }

    @Test func tablesAreHeldToTheirCurrenciesAndToRisingTiers() {
        let rules = Self.shop.replacingOccurrences(of: "tier 2: 1.99 USD, 1.99 EUR, 2.19 EUR in FI", with: "tier 2: 0.99 USD, 1.99 EUR, 2.19 USD in FI")
            .replacingOccurrences(of: "tier 4: 9.99 USD", with: "tier 3: 9.99 USD")
        let messages = Self.checked(rules).diagnostics.map { "\($0.code.rawValue) \($0.message)" }
        #expect(messages.contains("E0506 point is in USD, but `FI` uses EUR"), "\(messages)")
        #expect(messages.contains("E0526 tier 3 of `google` is given twice"), "\(messages)")
        #expect(messages.contains("E0526 the `USD` point of tier 2, 0.99 USD, is not above tier 1's, 0.99 USD"), "\(messages)")
    }

    @Test func theCSVFileIsFoundBesideTheDeclaringFileAndReadStrictly() {
        let notFound = Self.checked(Self.shop.replacingOccurrences(of: "tables/apple.csv", with: "apple.csv"))
        #expect(notFound.diagnostics.map(\.message) == ["no price-point file `apple.csv` beside the rules"])
        #expect(notFound.diagnostics.first?.help == "the rules directory has `shop/tables/apple.csv`")

        let broken = Self.checked(csv: "tier,USD,EUR,JP,GB,ZZZ,US\n1,0.99,0.999,160,\"0.89\n2,1.99,1.99\nx,1,1,1,1,1,1\n0,1,1,1,1,1,1\n")
        let messages = broken.diagnostics.map { "\($0.code.rawValue) \($0.message)" }
        #expect(messages.contains("E0102 unknown currency `ZZZ`"), "\(messages)")
        #expect(messages.contains("E0211 this quoted field has no closing `\"`"), "\(messages)")
        #expect(messages.contains("E0211 this row has 3 fields, the header 7"), "\(messages)")
        #expect(messages.contains("E0211 `x` is not a tier number"), "\(messages)")
        #expect(messages.contains("E0403 tiers are numbered from 1, found `0`"), "\(messages)")

        let header = Self.checked(csv: "level,USD\n1,0.99\n").diagnostics.map(\.message)
        #expect(header.contains("the header's first field is `level`, not `tier`"), "\(header)")
        #expect(Self.checked(csv: "# nothing\n\n").diagnostics.map(\.message).contains("the price-point file is empty"))
    }

    @Test func unknownTablesAndModesAreReported() {
        let unknown = check("""
            channel ios: points appel nearest
            points apple {
              tier 1: 0.99 USD
            }
            bundle gems_100: 100 coins, 0.99 USD
            """)
        #expect(unknown.diagnostics.map(\.message) == ["unknown price-point table `appel`"])
        #expect(unknown.diagnostics.first?.help == "did you mean `apple`?")
        let mode = check("channel ios: points apple nearst\npoints apple {\n  tier 1: 0.99 USD\n}\n")
        #expect(mode.diagnostics.first?.message == "expected `nearest`, `up` or `down` after the table's name, found `nearst`")
        #expect(mode.diagnostics.first?.help == "did you mean `nearest`?")
    }

    /// The formatter lines up a table's points by column, puts `points` last among a
    /// channel's attributes, and keeps a price's tier or mode as written.
    @Test func theFormatterAlignsTablesAndKeepsTheirUses() throws {
        let text = """
            channel ios: points apple nearest,fee 30%
            points apple {
            tier 1: 0.99 USD, 160 JPY, 1.09 EUR in FI
              tier 10:   9.99 USD,1600 JPY
            }
            points google from   "google.csv"
            price gems_100 on ios:   points apple tier 1
            price gems_550 in JP: points google   up

            """
        let formatted = try #require(Self.formatted(text))
        #expect(formatted == """
            channel ios: fee 30%, points apple nearest
            points apple {
              tier 1:  0.99 USD, 160 JPY, 1.09 EUR in FI
              tier 10: 9.99 USD, 1600 JPY
            }
            points google from "google.csv"
            price gems_100        on ios: points apple tier 1
            price gems_550 in JP:         points google up

            """)
        #expect(Self.formatted(formatted) == formatted)
    }

    /// `text` formatted, or nil when the formatter refuses it.
    static func formatted(_ text: String) -> String? {
        guard case .formatted(let output) = RuleFormatter.format(SourceFile(id: SourceFileID(0), path: "f.coin", text: text)) else { return nil }
        return output
    }

    /// `points` after a comma may start a continuation line, as `level` may: only
    /// `points NAME {` and `points NAME from` start a declaration.
    @Test func aChannelsPointsMayContinueOnTheNextLine() throws {
        let rules = Self.shop.replacingOccurrences(of: "channel ios: fee 30%, points apple nearest", with: "channel ios: fee 30%,\n  points apple nearest")
        let result = Self.checked(rules)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        #expect(try #require(result.ruleSet).channel("ios")?.points?.table == "apple")
    }

    /// On a channel that snaps to a table, a channel-wide amount is a starting point
    /// in every region, its own currency's included: the US price is snapped too.
    @Test func aChannelWideAmountOnASnappingChannelIsSnapped() throws {
        let result = Self.checked(Self.shop + "\nprice gems_550 on android: 4.49 USD\n")
        let book = PriceBook(try #require(result.ruleSet))
        #expect(F.list(book, "gems_550", "US", "android") == Self.money(499, F.usd))
        // 4.49 USD × 0.92 = 4.1308 EUR, up to 4.99.
        #expect(F.list(book, "gems_550", "DE", "android") == Self.money(499, F.eur))
        let explained = try #require(book.explainListPrice(bundle: "gems_550", region: "US", channel: "android"))
        #expect(explained.pricePoint?.how == .snapped(.up))
    }

    /// A market's amount is held to the column of each of its regions.
    @Test func aMarketAmountIsHeldToEachRegionsColumn() throws {
        let rules = Self.shop + "\nmarket euro: DE, FI\nprice gems_100 in euro on android: 0.99 EUR\n"
        let result = Pipeline.check(sources: Self.sources(rules), zones: SystemTimeZones(), analysis: AnalysisOptions()).checked
        let messages = result.diagnostics.filter { $0.code == DiagnosticCode.priceOffGrid }.map(\.message)
        #expect(messages.contains("`0.99 EUR` for `gems_100` in FI is not a point of `google`, the table channel `android` snaps to"), "\(messages)")
    }

    /// A rounding rule on a channel that snaps never applies: W0006.
    @Test func aRoundingRuleOnASnappingChannelWarns() {
        let result = Self.checked(Self.shop + "\nround JPY on ios nearest 10\n")
        #expect(result.diagnostics.map(\.message) == ["this rounding of JPY never applies: `ios` snaps its prices to `apple`"])
        #expect(result.diagnostics.first?.code == .roundingNeverApplies)
    }

    @Test func aPricePointFileMustBeUTF8() {
        var sources = SourceMap()
        sources.add(path: "shop/shop.coin", text: Self.shop)
        sources.add(path: "shop/tables/apple.csv", bytes: Array("tier,USD\n1,0.99\n".utf8) + [0xFF, 0x0A])
        let result = Checker.check(sources, zones: SystemTimeZones())
        #expect(result.diagnostics.map { "\($0.code.rawValue) \($0.message)" } == ["E0010 file is not valid UTF-8"])
    }

    @Test func tierNumbersAreWholeAndFromOne() {
        let messages = Self.checked(Self.shop + "\nprice gems_100 in US on web: points apple tier 0\nprice gems_550 in US on web: points apple tier 2000000\n")
            .diagnostics.map { "\($0.code.rawValue) \($0.message)" }
        #expect(messages.contains("E0403 tiers are numbered from 1, found `0`"), "\(messages)")
        #expect(messages.contains("E0405 tier `2000000` is past the largest tier, 1000000"), "\(messages)")
    }
}

