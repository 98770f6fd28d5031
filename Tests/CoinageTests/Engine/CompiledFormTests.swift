@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageEngine
import CoinageSyntax
import Testing

/// The compiled form's shared pieces: the one cell numbering, the one three-valued
/// truth of a condition on facts that may be unknown, the one discount rule, and
/// the one walk over the constants conditions compare.
@Suite struct CompiledFormTests {
    typealias F = WalkFixture

    @Test func cellNumbersAreItemMajorAndTheSubscriptInvertsThem() {
        let grid = CellGrid(items: 3, regions: 4, channels: 2)
        #expect(grid.count == 24)
        #expect(grid.index(item: 0, region: 0, channel: 1) == 1)
        #expect(grid.index(item: 0, region: 1, channel: 0) == 2)
        #expect(grid.index(item: 1, region: 0, channel: 0) == 8)
        for cell in grid.indices {
            let (item, region, channel) = grid[cell]
            #expect(grid.index(item: item, region: region, channel: channel) == cell)
        }
    }

    @Test func aGridTooLargeToCountHasNoCells() {
        let grid = CellGrid(items: Int.max / 2, regions: 4, channels: 2)
        #expect(grid.cellCount == nil)
        #expect(grid.isEmpty)
    }

    /// `bundle == b and not user.vip`: the item decides the first side, the missing
    /// fact leaves the second unknown, and a known fact decides it.
    @Test func aConditionIsUnknownExactlyWhereAFactItReadsIsUnknown() throws {
        let book = try F.book("user vip: bool\nbundle b: 100 coins, 1.00 USD\nbundle c: 200 coins, 2.00 USD\n"
                              + "promotion p { when bundle == b and not user.vip\n discount 10% }")
        let condition = try #require(book.program.promotions.first?.condition)
        #expect(condition.truth(ConditionFacts(item: 1)) == .no)
        #expect(condition.truth(ConditionFacts(item: 0)) == .unknown)
        #expect(condition.truth(ConditionFacts()) == .unknown)
        #expect(condition.truth(ConditionFacts(userSlot: 0, value: 1)) == .no)
        #expect(condition.truth(ConditionFacts(userSlot: 0, value: 0)) == .unknown)
        #expect(condition.partial(item: 1, region: 0, currency: 0, coins: 200) == .no)
    }

    /// The quote's discount and the analysis's are one function: a percent off the
    /// running price, an amount, a price never raised, none more than the price.
    @Test func theDiscountRuleIsTheQuotes() throws {
        let book = try F.book("bundle b: 100 coins, 10.00 USD\n"
                              + "promotion a { priority 3\n discount 10% }\n"
                              + "promotion b { priority 2\n discount 20.00 USD }\n"
                              + "promotion c { priority 1\n price 12.00 USD }")
        let (a, b, c) = (book.program.promotions[0], book.program.promotions[1], book.program.promotions[2])
        #expect(a.discount(running: 900, list: 1_000, currency: 0, additive: false) == 90)
        #expect(a.discount(running: 900, list: 1_000, currency: 0, additive: true) == 100)
        #expect(b.discount(running: 900, list: 1_000, currency: 0, additive: false) == 900)
        #expect(c.discount(running: 900, list: 1_000, currency: 0, additive: false) == 0)
        #expect(c.discount(running: 1_500, list: 1_500, currency: 0, additive: false) == 300)
        // A currency the promotion has no amount in takes the whole running price
        // (only a broken book has one), never traps.
        #expect(b.discount(running: 900, list: 1_000, currency: 7, additive: false) == 900)
    }

    @Test func comparedConstantsCollectEveryUserAndCoinComparison() throws {
        let rules = try F.shop("user n: int\nuser d: date\nuser f: bool\nbundle b: 100 coins, 1.00 USD\n"
                               + "promotion p { when (user.n >= 5 or not user.f) and user.d < 2026-01-02 and coins > 50\n discount 1% }").rules
        let compared = ComparedConstants(rules)
        #expect(compared.attributes == ["n", "d", "f"])
        #expect(compared.ints["n"] == [5])
        #expect(compared.days["d"] == [CivilTime.days(from: try #require(CivilDate(year: 2026, month: 1, day: 2)))])
        #expect(compared.coins == [50])
    }
}
