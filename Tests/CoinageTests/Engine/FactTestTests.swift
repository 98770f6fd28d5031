@testable import CoinageChecker
@testable import CoinageEngine
import CoinageSyntax
import CoinageTestSupport
import Testing

/// The walk's tests of the buyer's facts (`FactTest`): each comparison as a range or
/// its complement, each set as a word, answering as the comparison does at the edges
/// of `Int64`, and never holding, negated or not, when the fact is missing.
@Suite struct FactTestTests {
    static let operators: [ComparisonOperator] = [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual]
    static let edges: [Int64] = [.min, .min + 1, -2, -1, 0, 1, 2, 63, 64, .max - 1, .max]

    private static func facts(_ value: Int64, slot: Int = 3) -> InlineFacts {
        var facts = InlineFacts()
        facts.set(value, slot: slot)
        return facts
    }

    @Test func everyComparisonAnswersAsItsOperatorAtTheEdges() {
        for op in Self.operators {
            for value in Self.edges {
                let test = FactTest.comparing(slot: 3, op, value)
                for fact in Self.edges {
                    var facts = Self.facts(fact)
                    #expect(test.holds(&facts) == op.holds(fact, value), "\(fact) \(op.rawValue) \(value)")
                    #expect(test.negated.holds(&facts) == !op.holds(fact, value), "not \(fact) \(op.rawValue) \(value)")
                }
            }
        }
    }

    @Test func aSetIsTestedByItsMembersBits() {
        let word: UInt64 = 1 << 0 | 1 << 5 | 1 << 63
        let member = FactTest.member(slot: 0, of: word)
        for fact in Self.edges + [5, 6] {
            var facts = Self.facts(fact, slot: 0)
            let expected = fact >= 0 && fact < 64 && word & (1 << UInt64(fact)) != 0
            #expect(member.holds(&facts) == expected, "\(fact)")
            #expect(member.negated.holds(&facts) == !expected, "\(fact) not in")
        }
    }

    @Test func aMissingFactHoldsNoTestNorItsNegation() {
        var facts = Self.facts(7, slot: 1)
        for op in Self.operators {
            let test = FactTest.comparing(slot: 2, op, 7)
            #expect(!test.holds(&facts) && !test.negated.holds(&facts))
        }
        let member = FactTest.member(slot: 5, of: .max)
        #expect(!member.holds(&facts) && !member.negated.holds(&facts))
    }

    /// The shop using every clause: its conditions that are an `and` of fact tests
    /// take the fast path, the others (an `or`, a cell's field) the plan's nodes, and
    /// both answer as the compiled conditions (`ConditionPlanTests`).
    @Test func conditionsOfFactsAloneTakeTheFastPath() throws {
        let shop = try ReferenceEvaluatorPropertyTests.everyClauseCompiled()
        let plan = shop.book.program.plan
        var fast = 0
        var nodes = 0
        for (index, condition) in shop.book.program.conditions.enumerated() where condition != nil {
            if plan.rootTests[index].isNodes { nodes += 1 } else { fast += 1 }
        }
        #expect(fast > 0 && nodes > 0)
    }

    @Test func aSpanSaysWhereItsTestsLie() {
        let span = FactTestSpan(start: FactTestSpan.maximumStart, count: FactTestSpan.maximumCount)
        #expect(span.start == FactTestSpan.maximumStart && span.count == FactTestSpan.maximumCount && !span.isNodes)
        #expect(FactTestSpan.empty.count == 0 && !FactTestSpan.empty.isNodes)
        #expect(FactTestSpan.nodes.isNodes)
    }
}
