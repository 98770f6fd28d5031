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
            var user = UserFacts()
            for (slot, attribute) in slots.enumerated() where rng.next() % 4 != 0 {
                let fact: Int64 = switch attribute.kind {
                case .bool: Int64(rng.next() % 2)
                case .int: Int64(rng.next() % 40) - 5
                case .date: 19_000 + Int64(rng.next() % 2_000)
                case .oneOf: Int64(rng.next() % UInt64(attribute.valueNames.count))
                }
                user.set(fact, slot: slot)
            }
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
}
