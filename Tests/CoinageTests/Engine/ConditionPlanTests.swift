@testable import CoinageChecker
@testable import CoinageEngine
import CoinageTestSupport
import Testing

/// The flat conditions the quote's walk tests (`ConditionPlan`) answer as the
/// compiled conditions do (`CompiledCondition.truth`), on every condition of a shop
/// using every clause, for cells and buyers drawn at random, with facts missing.
@Suite struct ConditionPlanTests {
    @Test func theFlatConditionsAnswerAsTheCompiledOnes() throws {
        let shop = try ReferenceEvaluatorPropertyTests.everyClauseCompiled()
        let program = shop.book.program
        let plan = program.plan
        let slots = shop.book.users.slots
        var rng = SplitMix64(seed: 0x9_1A4)
        var answers: [Truth: Int] = [:]
        for _ in 0..<3_000 {
            let cell = CellFacts(item: Int(rng.next() % UInt64(shop.book.names.items.count + 1)),
                                 region: Int(rng.next() % UInt64(shop.book.regions.count)),
                                 channel: Int(rng.next() % UInt64(shop.book.channels.count)),
                                 currency: Int(rng.next() % UInt64(shop.book.regions.currencies.count)),
                                 coins: Int64(rng.next() % 30_000), list: Int64(rng.next() % 100_000))
            let user = Self.randomBuyer(slots, &rng)
            let facts = ConditionFacts(cell: cell, user: user)
            for (index, condition) in program.conditions.enumerated() {
                guard let condition else {
                    #expect(plan.roots[index] < 0)
                    continue
                }
                let expected = condition.truth(facts)
                let planned = plan.truth(Int(plan.roots[index]), cell, user)
                #expect(planned == expected, "promotion \(program.promotions[index].name)")
                #expect(plan.holds(index, cell, user) == (expected == .yes))
                answers[expected, default: 0] += 1
            }
        }
        // The draw reaches every answer, so the comparison is not of `unknown` alone.
        #expect(answers[.yes, default: 0] > 100 && answers[.no, default: 0] > 100 && answers[.unknown, default: 0] > 100)
    }

    /// In a cell that lists a promotion, the part of its condition the cell leaves
    /// open (`restRoots`) answers as the whole condition, for every buyer: the walk
    /// tests only that part. A custom amount's coins come with the request, so a
    /// condition that reads them is tested whole there (the entry says so).
    @Test func theRestOfAConditionInAListingCellAnswersAsTheWhole() throws {
        let shop = try ReferenceEvaluatorPropertyTests.everyClauseCompiled()
        let program = shop.book.program
        let index = program.index
        let slots = shop.book.users.slots
        var rng = SplitMix64(seed: 0x9_1A5)
        var tested = 0
        var shortened = 0
        for _ in 0..<2_000 {
            let item = Int(rng.next() % UInt64(index.itemCoins.count))
            let region = Int(rng.next() % UInt64(index.regionCurrency.count))
            let channel = Int(rng.next() % UInt64(index.grid.channels))
            let coins = index.itemCoins[item] ?? Int64(30 + rng.next() % 30_000)
            let cell = CellFacts(item: item, region: region, channel: channel, currency: index.regionCurrency[region],
                                 coins: coins, list: Int64(rng.next() % 100_000))
            let user = Self.randomBuyer(slots, &rng)
            let facts = ConditionFacts(cell: cell, user: user)
            for (promotion, condition) in program.conditions.enumerated() {
                guard let condition else { continue }
                let ahead = condition.partial(item: item, region: region, currency: index.regionCurrency[region],
                                              coins: index.itemCoins[item], channel: channel)
                guard ahead == .unknown else { continue }
                let entry = CandidateEntry(index: promotion, listedWith: ahead, condition: condition, coins: index.itemCoins[item])
                #expect(entry.needsCondition)
                let whole = condition.truth(facts) == .yes
                let answer = entry.testsRest ? program.plan.restHolds(promotion, cell, user) : program.plan.holds(promotion, cell, user)
                #expect(answer == whole, "promotion \(program.promotions[promotion].name)")
                tested += 1
                if entry.testsRest, program.plan.restRoots[promotion] != program.plan.roots[promotion] { shortened += 1 }
            }
        }
        // Conditions the cell cuts short are among those tested, so the rest is not the whole every time.
        #expect(tested > 1_000 && shortened > 100)
    }

    /// A buyer with a random fact for about three of every four attributes of `slots`.
    private static func randomBuyer(_ slots: [UserSlot], _ rng: inout SplitMix64) -> UserFacts {
        var user = UserFacts()
        for (slot, attribute) in slots.enumerated() where rng.next() % 4 != 0 {
            let fact: Int64 = switch attribute.kind {
            case .bool: Int64(rng.next() % 2)
            case .int: Int64(rng.next() % 40) - 5
            case .date: 19_000 + Int64(rng.next() % 2_000)
            case .oneOf: Int64(rng.next() % UInt64(attribute.valueNames.count))
            case .text: 0
            }
            user.set(fact, slot: slot)
        }
        return user
    }
}
