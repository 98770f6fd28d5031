@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import Coinage
import CoinageFoundation
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// Past `PriceBook.maxPrecomputedCells` a price book derives each quote's list price
/// and scans its cell's candidates on demand. The bounds are lowered here so a small
/// shop takes that path, and every answer is compared with the precomputed book's.
@Suite struct LargeTableTests {
    /// Explicit prices of every scope, a market, grids, region and channel levels,
    /// a custom amount, and promotions reaching bundles, regions, currencies,
    /// channels, coins and list prices.
    static let shop = """
        base currency USD
        stacking compound
        floor 30%
        rate EUR 0.92
        rate JPY 150
        round EUR nearest 1.00 ending 0.99
        round JPY nearest 10
        region US: USD, tax 7.25% added
        region CA: USD, tax 5% added
        region DE: EUR, tax 19% included, zone Europe/Berlin
        region FR: EUR, tax 20% included, zone Europe/Paris
        region AT: EUR, tax 20% included, level 80%
        region JP: JPY, tax 10% included, zone Asia/Tokyo
        market eu: DE, FR, AT
        channel ios: fee 30%
        channel android: fee 30%
        channel web: fee 3%, level 75%
        user segment: one of new, vip
        user first_purchase: bool
        bundle coins_70: 70 coins, 0.99 USD
        bundle coins_350: 350 coins, 4.99 USD, bonus 38 coins
        bundle coins_700: 700 coins, 9.99 USD, bonus 100 coins
        bundle coins_1400: 1400 coins, 19.99 USD
        custom coins: 30 to 100_000, 0.0141 USD each, on web
        price coins_70 in eu: 0.99 EUR
        price coins_350 in FR on ios: 5.49 EUR
        price coins_700 on web: 7.49 USD
        price coins_1400 in CA: 24.99 USD
        promotion everyone {
          discount 5%
        }
        promotion eu_vips {
          when region in eu and user.segment == vip
          discount 10%
          group seasonal
        }
        promotion yen {
          when currency == JPY and bundle in [coins_700, coins_1400]
          discount 100 JPY
        }
        promotion web_first {
          when channel == web and user.first_purchase
          discount 20%
          exclusive
        }
        promotion big_baskets {
          when coins >= 700 and list >= 10.00 USD
          bonus 10%
          group seasonal
        }
        promotion weekend {
          when bundle == coins
          every sat, sun local
          discount 15%
        }
        guard discount at most 40%
        guard price per coin falls with size
        guard region price within 30% of base
        """

    static func rules() throws -> RuleSet {
        var sources = SourceMap()
        sources.add(path: "shop.coin", text: shop)
        let result = Checker.check(sources, zones: SystemTimeZones())
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics.map(\.message))")
        return try #require(result.ruleSet)
    }

    /// The same rules compiled twice: with every price and candidate list
    /// precomputed, and with none.
    static func books() throws -> (rules: RuleSet, precomputed: PriceBook, onDemand: PriceBook) {
        let rules = try rules()
        return (rules, PriceBook(rules), PriceBook(rules, maxPrecomputedCells: 0, maxListedCandidates: 0))
    }

    @Test func aSmallTableIsPrecomputedAndALargeOneIsNot() throws {
        let (_, precomputed, onDemand) = try Self.books()
        #expect(precomputed.prices.precomputed && precomputed.program.listsEveryCell)
        #expect(!onDemand.prices.precomputed && !onDemand.program.listsEveryCell && onDemand.prices.listPrices.isEmpty)
        #expect(onDemand.program.index.cells.entries.isEmpty)
        // Precomputed prices but too many candidate entries to list: only the lists go.
        let listsTooLong = PriceBook(try Self.rules(), maxPrecomputedCells: PriceBook.maxPrecomputedCells, maxListedCandidates: 1)
        #expect(listsTooLong.prices.precomputed && !listsTooLong.program.listsEveryCell)
        // Few cells, but more prices to derive than the table may cost: none is precomputed.
        let tooManyPrices = PriceBook(try Self.rules(), maxPrecomputedCells: PriceBook.maxPrecomputedCells,
                                      maxListedCandidates: PriceBook.maxListedCandidates, maxPrecomputedPrices: 3)
        #expect(!tooManyPrices.prices.precomputed && !tooManyPrices.program.listsEveryCell)
    }

    @Test func listPricesDerivedOnDemandEqualThePrecomputedOnes() throws {
        let (rules, precomputed, onDemand) = try Self.books()
        let channelSlots = precomputed.prices.derivation.storefronts.channelSlots
        for bundle in rules.bundles.indices {
            for region in rules.regions.indices {
                for channel in channelSlots.indices {
                    let derived = try? precomputed.prices.derivation.listPrice(bundle: bundle, region: region,
                                                                                channel: channelSlots[channel]).price.minorUnits
                    // The table fills cells of one price class from one derivation: each
                    // still holds its own cell's price.
                    #expect(precomputed.prices.listPrice(bundle: bundle, region: region, channel: channel) == derived)
                    #expect(onDemand.prices.listPrice(bundle: bundle, region: region, channel: channel) == derived)
                }
            }
        }
    }

    @Test func scannedCandidatesEqualTheListedOnes() throws {
        let (rules, precomputed, onDemand) = try Self.books()
        let items = precomputed.names.items.count
        for item in 0..<items {
            for region in rules.regions.indices {
                for channel in precomputed.prices.derivation.storefronts.channelSlots.indices {
                    let (cells, range) = precomputed.program.index.candidates(item: item, region: region, channel: channel,
                                                                              conditions: precomputed.program.conditions)
                    let listed = Array(cells.entries[range])
                    #expect(listed == precomputed.program.index.scannedCandidates(item: item, region: region, channel: channel,
                                                                                  conditions: precomputed.program.conditions))
                    let (onDemandCells, onDemandRange) = onDemand.program.index.candidates(item: item, region: region, channel: channel,
                                                                                           conditions: onDemand.program.conditions)
                    #expect(listed == Array(onDemandCells.entries[onDemandRange]))
                }
            }
        }
    }

    @Test func quotesOnDemandEqualPrecomputedQuotes() throws {
        let (rules, precomputed, onDemand) = try Self.books()
        // A Saturday and a Wednesday, in June 2026.
        let instants: [Int64] = [1_781_942_400 + 3_600 * 14, 1_781_697_600]
        let users: [[String: UserValue]] = [[:], ["segment": .value("vip")], ["segment": .value("vip"), "first_purchase": .bool(true)]]
        var compared = 0
        for region in rules.regions {
            for channel in rules.channels {
                let items = rules.bundles.map { QuoteRequest.Item.bundle($0.name) } + [.coins(5_000)]
                for item in items {
                    for instant in instants {
                        for user in users {
                            for explain in [false, true] {
                                let request = QuoteRequest(item: item, region: region.code, channel: channel.name,
                                                           instant: instant, user: user, explain: explain)
                                #expect(precomputed.quote(request) == onDemand.quote(request), "\(request)")
                                compared += 1
                            }
                        }
                    }
                }
            }
        }
        #expect(compared == 6 * 3 * 5 * 2 * 3 * 2)
    }

    @Test func theAnalysisFindsTheSameOnDemand() throws {
        let (rules, precomputed, onDemand) = try Self.books()
        let options = AnalysisOptions(now: 1_781_697_600)
        let expected = Pipeline.findings(rules, book: precomputed, options: options)
        let actual = Pipeline.findings(rules, book: onDemand, options: options)
        #expect(actual == expected)
        #expect(!expected.isEmpty)
        #expect(RuleAnalysis.worstCases(rules, book: onDemand, options: options)
                == RuleAnalysis.worstCases(rules, book: precomputed, options: options))
    }
}
