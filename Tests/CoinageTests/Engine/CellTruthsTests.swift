@testable import CoinageChecker
@testable import CoinageEngine
import CoinageFoundation
import CoinageSyntax
import Testing

/// `CellTruths` answers a condition once per class of items, regions and channels
/// it cannot tell apart; here every answer is held to the condition evaluated on
/// the one value or cell itself, for conditions of every kind of leaf and connective.
@Suite struct CellTruthsTests {
    static let shop = """
        base currency USD
        rate EUR 0.92
        region US: USD, tax 7.25% added
        region CA: USD, tax 5% added
        region DE: EUR, tax 19% included
        region FR: EUR, tax 20% included
        region AT: EUR, tax 20% included
        market eu: DE, FR, AT
        channel ios: fee 30%
        channel android: fee 30%
        channel web: fee 3%
        user segment: one of new, vip
        bundle coins_70: 70 coins, 0.99 USD
        bundle coins_350: 350 coins, 4.99 USD
        bundle coins_700: 700 coins, 9.99 USD
        bundle coins_1400: 1400 coins, 19.99 USD
        custom coins: 30 to 100_000, 0.0141 USD each, on web
        promotion sets {
          when bundle in [coins_70, coins_700] and region in eu and channel != ios
          discount 5%
        }
        promotion negated {
          when not (region in [US, DE] or currency == EUR) and user.segment == vip
          discount 5%
        }
        promotion amounts {
          when coins >= 350 and coins < 1400 or bundle == coins
          discount 5%
        }
        promotion mixed {
          when (channel == web or region == CA) and not (coins > 700 and currency == USD)
          discount 5%
        }
        promotion custom_only {
          when bundle == coins and coins >= 5000
          discount 5%
        }
        """

    /// More leaves of one kind than a signature has bits: 70 region comparisons and
    /// 40 coins comparisons, so every region and every item is its own class.
    static let manyLeaves: String = {
        let regions = ("AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV "
            + "BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI")
            .split(separator: " ").map(String.init)
        let bundles = (1...45).map { "bundle b\($0): \($0 * 10) coins, \($0).99 USD" }
        return (["base currency USD"] + regions.map { "region \($0): USD, tax 5% added" } + bundles + [
            "promotion every_region {",
            "  when " + regions.enumerated().filter { $0.offset % 2 == 0 }.map { "region == \($0.element)" }.joined(separator: " or ")
                + " or " + regions.enumerated().filter { $0.offset % 2 == 1 }.map { "region == \($0.element)" }.joined(separator: " or "),
            "  discount 5%",
            "}",
            "promotion every_size {",
            "  when " + (1...40).map { $0 % 3 == 0 ? "coins != \($0 * 10)" : "coins >= \($0 * 10 + 5)" }.joined(separator: " and "),
            "  discount 5%",
            "}",
        ]).joined(separator: "\n")
    }()

    static func book(_ text: String = shop) throws -> PriceBook {
        var sources = SourceMap()
        sources.add(path: "shop.coin", text: text)
        let result = Checker.check(sources, zones: SystemTimeZones())
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics.map(\.message))")
        return PriceBook(try #require(result.ruleSet))
    }

    @Test(arguments: [shop, manyLeaves])
    func theReachOfEveryConditionIsWhatEachValueAloneGives(_ text: String) throws {
        let book = try Self.book(text)
        let index = book.program.index
        let grid = index.grid
        let every = (Array(0..<grid.items), Array(0..<grid.regions), Array(0..<grid.channels))
        for condition in book.program.conditions.compactMap({ $0 }) {
            let reach = CellTruths.reach(of: condition, grid: grid, itemCoins: index.itemCoins, regionCurrency: index.regionCurrency)
            #expect(reach.items == every.0.filter {
                condition.partial(item: $0, region: nil, currency: nil, coins: index.itemCoins[$0]) != .no
            })
            #expect(reach.regions == every.1.filter {
                condition.partial(item: nil, region: $0, currency: index.regionCurrency[$0], coins: nil) != .no
            })
            #expect(reach.channels == every.2.filter {
                condition.partial(item: nil, region: nil, currency: nil, coins: nil, channel: $0) != .no
            })
        }
    }

    @Test(arguments: [shop, manyLeaves])
    func theTruthOfEveryCellIsTheConditionOnTheCell(_ text: String) throws {
        let book = try Self.book(text)
        let index = book.program.index
        let grid = index.grid
        let (items, regions, channels) = (Array(0..<grid.items), Array(0..<grid.regions), Array(0..<grid.channels))
        for condition in book.program.conditions.compactMap({ $0 }) {
            let truths = CellTruths(condition, items: items, regions: regions, channels: channels, grid: grid,
                                    itemCoins: index.itemCoins, regionCurrency: index.regionCurrency)
            for item in items {
                for region in regions {
                    for channel in channels {
                        let expected = condition.partial(item: item, region: region, currency: index.regionCurrency[region],
                                                         coins: index.itemCoins[item], channel: channel)
                        #expect(truths.truth(item: item, region: region, channel: channel) == expected)
                    }
                }
            }
        }
    }

    @Test func theManyLeavedConditionsOutnumberASignaturesBits() throws {
        func leaves(_ condition: CompiledCondition) -> (regions: Int, coins: Int) {
            switch condition {
            case .and(let a, let b), .or(let a, let b):
                let (x, y) = (leaves(a), leaves(b))
                return (x.regions + y.regions, x.coins + y.coins)
            case .not(let a): return leaves(a)
            case .region: return (1, 0)
            case .coins: return (0, 1)
            default: return (0, 0)
            }
        }
        let counts = try Self.book(Self.manyLeaves).program.conditions.compactMap { $0.map(leaves) }
        #expect(counts.contains { $0.regions > 64 })
        #expect(counts.contains { 2 * $0.coins > 64 })
    }

    @Test func candidateListsAreBuiltToTheirExactSize() throws {
        let cells = CandidateCells(cellCount: 3) { list in
            list(2, CandidateEntry(index: 0, needsCondition: true))
            list(0, CandidateEntry(index: 1, needsCondition: false))
            list(2, CandidateEntry(index: 2, needsCondition: true))
        }
        #expect(cells.cellCount == 3)
        #expect(cells.indices(of: 0) == [1])
        #expect(cells.indices(of: 1) == [])
        #expect(cells.indices(of: 2) == [0, 2])
        #expect(cells.entries.count == 3)
    }
}
