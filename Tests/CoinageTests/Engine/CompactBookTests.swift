@testable import CoinageChecker
@testable import CoinageEngine
import CoinageSyntax
import Testing

/// The compact forms a price book keeps its promotions in read back exactly what
/// was compiled: sets rebuilt from their words, reaches from one array of words, a
/// promotion's times and clauses from its header and its rare clauses, labels from
/// one table, and amounts and comparisons shared between promotions.
@Suite struct CompactBookTests {
    typealias F = WalkFixture

    @Test(arguments: [1, 64, 100, 256, 300, 700])
    func aSetRebuiltFromItsWordsIsTheSameSet(capacity: Int) {
        let members = stride(from: 0, to: capacity, by: 7).map { $0 } + [capacity - 1]
        let set = IndexSet64(members, capacity: capacity)
        let rebuilt = IndexSet64(words: set.words)
        #expect(rebuilt == set)
        #expect(rebuilt.members == set.members)
        #expect(IndexSet64(words: IndexSet64(capacity: capacity).words) == IndexSet64(capacity: capacity))
    }

    @Test func reachesReadBackAsRecordedAndContainAsTheirSets() {
        let grid = CellGrid(items: 130, regions: 300, channels: 3)
        var builder = CandidateReaches.Builder(grid: grid, promotionCount: 4)
        let first = CandidateReach(items: IndexSet64([0, 64, 129], capacity: 130),
                                   regions: IndexSet64([5, 299], capacity: 300), channels: IndexSet64([1], capacity: 3))
        let third = CandidateReach(items: IndexSet64([7], capacity: 130),
                                   regions: IndexSet64(0..<300, capacity: 300), channels: IndexSet64([0, 2], capacity: 3))
        builder.set(0, first)
        builder.set(2, third)
        let reaches = CandidateReaches(builder)
        #expect(reaches[1] == nil && reaches[3] == nil)
        #expect(!reaches.has(1) && reaches.has(0) && reaches.has(2))
        for (promotion, reach) in [(0, first), (2, third)] {
            let read = reaches[promotion]
            #expect(read != nil, "promotion \(promotion) lost its reach")
            #expect(read?.items == reach.items && read?.regions == reach.regions && read?.channels == reach.channels)
            for item in [-1, 0, 7, 64, 129, 130] {
                for region in [0, 5, 299, 300] {
                    for channel in [0, 1, 2, 3] {
                        #expect(reaches.contains(promotion, item: item, region: region, channel: channel)
                                == reach.contains(item: item, region: region, channel: channel))
                    }
                }
            }
        }
        #expect(!reaches.contains(1, item: 0, region: 5, channel: 1))
    }

    /// Window, hours, code, limits, group and exclusivity live in the header and the
    /// rare clauses; each reads back as the compiler made it, and a promotion
    /// without them has none.
    @Test func aPromotionsClausesReadBackAsCompiled() throws {
        let shop = try F.shop("user vip: bool\nbundle b: 100 coins, 10.00 USD\n"
                              + "promotion full { during 2026-06-01 to 2026-06-30 local\n every sat, sun from 18:00 to 22:00 Europe/Berlin\n"
                              + " code \"Spring\"\n limit 100, 2 per user\n group g\n exclusive\n discount 15%\n priority 2 }\n"
                              + "promotion bare { when user.vip\n every mon\n discount 1.00 USD\n priority 1 }\n"
                              + "promotion gift { bonus 10% }")
        let compiler = PromotionCompiler(rules: shop.rules, itemIndex: NameTable(["b"]), regionIndex: shop.book.names.regions,
                                         channelIndex: shop.book.names.channels, currencyIndex: shop.book.regions.currencyNumbers,
                                         currencies: shop.book.regions.currencies, zoneIndex: shop.book.zones.numbers)
        let ordered = PromotionProgram.walkOrder(shop.rules.promotions)
        let (full, bare) = (shop.book.program.promotions[0], shop.book.program.promotions[1])
        #expect(full.name == "full" && bare.name == "bare")

        let window = try #require(full.window)
        let compiledWindow = try #require(compiler.window(ordered[0]))
        #expect(window.start == compiledWindow.start && window.end == compiledWindow.end && window.zone == compiledWindow.zone)
        let weekly = try #require(full.weekly)
        let compiledWeekly = try #require(compiler.weekly(ordered[0]))
        #expect(weekly.dayMask == compiledWeekly.dayMask && weekly.from == compiledWeekly.from && weekly.to == compiledWeekly.to)
        #expect(weekly.zone == compiledWeekly.zone)
        #expect(full.code == "SPRING" && full.totalLimit == 100 && full.perUserLimit == 2)
        #expect(full.groupIndex == 0 && full.groupName == "g" && full.exclusive && full.brokenInvariant == nil)
        #expect(full.discountRatio != nil && full.bonusRatio == nil && full.effectText == "15% off")
        let gift = shop.book.program.promotions[2]
        #expect(gift.bonusRatio != nil && gift.discountRatio == nil && gift.bonusCoins(baseCoins: 100) == 10)

        #expect(bare.window == nil && bare.code == nil && bare.totalLimit == nil && bare.perUserLimit == nil)
        #expect(bare.groupIndex == nil && bare.groupName == nil && !bare.exclusive)
        #expect(bare.discountRatio == nil && bare.bonusRatio == nil && bare.bonus == nil)
        let bareWeekly = try #require(bare.weekly)
        #expect(bareWeekly.includes(1) && !bareWeekly.includes(2) && bareWeekly.from == nil && bareWeekly.to == nil)
    }

    /// Labels of every condition lie in one table: each still has its condition's
    /// shape, spans and fields.
    @Test func labelsKeepEachConditionsShapeInOneTable() throws {
        let book = try F.book("user segment: one of new, vip\nuser vip: bool\nbundle b: 100 coins, 10.00 USD\n"
                              + "promotion p { when bundle == b and (user.segment in [vip] or not user.vip)\n discount 10%\n priority 2 }\n"
                              + "promotion q { when user.vip\n discount 5%\n priority 1 }\n"
                              + "promotion r { discount 1% }")
        let (p, q, r) = (book.program.promotions[0], book.program.promotions[1], book.program.promotions[2])
        let label = try #require(p.conditionLabel)
        guard case .and = label.kind else { Issue.record("not an and: \(label.kind)"); return }
        #expect(label.operands.count == 2)
        #expect(label.fields == [.bundle, .user("segment"), .user("vip")])
        let either = label.operands[1]
        guard case .or = either.kind else { Issue.record("not an or: \(either.kind)"); return }
        guard case .not = either.operands[1].kind else { Issue.record("not a not"); return }
        #expect(either.operands[1].operands.count == 1 && either.operands[0].operands.isEmpty)
        #expect(label.operands[0].span.start < either.span.start && either.span.end <= label.span.end)
        #expect(try #require(q.conditionLabel).fields == [.user("vip")])
        #expect(r.conditionLabel == nil)
    }

    /// Promotions of one amount share its per-currency amounts, and equal
    /// comparisons one box; each still quotes its own discount.
    @Test func equalAmountsAndComparisonsCompileAlike() throws {
        let book = try F.book("bundle b: 100 coins, 10.00 USD\nbundle c: 200 coins, 20.00 USD\n"
                              + "promotion a { when bundle in [b, c]\n discount 1.00 USD\n priority 3 }\n"
                              + "promotion b2 { when bundle in [b, c]\n discount 1.00 USD\n priority 2 }\n"
                              + "promotion c2 { when bundle in [c]\n price 1.00 USD\n priority 1 }")
        let (a, b, c) = (book.program.promotions[0], book.program.promotions[1], book.program.promotions[2])
        #expect(a.amounts == [100] && b.amounts == [100] && c.amounts == [100])
        #expect(a.discount(running: 900, list: 1_000, currency: 0, additive: false) == 100)
        #expect(c.discount(running: 900, list: 1_000, currency: 0, additive: false) == 800)
        #expect(a.condition == b.condition && a.condition != c.condition)
        // The walk's plan gives the equal comparisons one node, and still tells them apart.
        let plan = book.program.plan
        #expect(plan.roots[0] == plan.roots[1] && plan.roots[0] != plan.roots[2])
        #expect(plan.nodes.count == 2)
    }

    /// The precomputed list prices are plain integers with a sentinel for a cell
    /// that overflowed: every price, the largest and zero among them, reads back,
    /// and an overflow reads back as none.
    @Test(arguments: [Int64?.none, 0, 1, 499, Int64.max, Int64.min + 1])
    func aStoredListPriceReadsBackAsDerived(price: Int64?) {
        #expect(PriceGrid.decoded(PriceGrid.encoded(price)) == price)
    }

    @Test func theBookQuotesTheListPricesItStores() throws {
        let book = try F.book("bundle b: 100 coins, 10.00 USD\nbundle c: 200 coins, 19.99 USD\n")
        #expect(book.prices.precomputed)
        #expect(book.prices.listPrice(bundle: 0, region: 0, channel: 0) == 1_000)
        #expect(book.prices.listPrice(bundle: 1, region: 0, channel: 0) == 1_999)
    }
}
