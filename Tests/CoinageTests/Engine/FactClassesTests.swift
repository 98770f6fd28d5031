@testable import CoinageChecker
@testable import CoinageEngine
import CoinageSyntax
import Testing

/// The buyer's fact classes (`FactClasses`): for any tests and any facts, the
/// promotions it says fail are exactly those with a test that does not hold, in the
/// dense tables, past them, through the binary search over wide spans, and for
/// missing facts.
@Suite struct FactClassesTests {
    static let operators: [ComparisonOperator] = [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual]
    static let edges: [Int64] = [.min, .min + 1, -300, -2, -1, 0, 1, 2, 9, 10, 11, 63, 64, 65, 255, 256, 257, 10_000, .max - 1, .max]

    /// A seeded generator of tests: small numbers most of the time, so classes are
    /// dense, and now and then a far one, so spans are wide.
    struct TestGenerator {
        var state: UInt64

        mutating func next(_ bound: UInt64) -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (state >> 33) % bound
        }

        mutating func value() -> Int64 {
            switch next(10) {
            case 0: FactClassesTests.edges[Int(next(UInt64(FactClassesTests.edges.count)))]
            case 1: Int64(next(1_000_000)) - 500_000
            default: Int64(next(40)) - 5
            }
        }

        mutating func test(slot: Int32) -> FactTest {
            let test: FactTest
            if next(4) == 0 {
                test = .member(slot: slot, of: state &* 0x9E37_79B9_7F4A_7C15)
            } else {
                test = .comparing(slot: slot, FactClassesTests.operators[Int(next(6))], value())
            }
            return next(5) == 0 ? test.negated : test
        }
    }

    /// The promotions with a test `facts` fail, one test at a time.
    static func expected(_ tests: [[FactTest]], _ facts: InlineFacts) -> UInt64 {
        var failed: UInt64 = 0
        for (promotion, list) in tests.enumerated() {
            for test in list {
                var copy = facts
                if !test.holds(&copy) { failed |= 1 << UInt64(promotion) }
            }
        }
        return failed
    }

    @Test func theFailedPromotionsAreThoseWithATestThatDoesNotHold() {
        var generator = TestGenerator(state: 0xFAC7_C1A5)
        var mismatches: [String] = []
        var wideSlots = 0
        for _ in 0..<200 {
            let promotions = 1 + Int(generator.next(64))
            let tests = (0..<promotions).map { _ in
                (0..<Int(generator.next(4))).map { _ in generator.test(slot: Int32(generator.next(4))) }
            }
            let classes = FactClasses(tests: tests)
            wideSlots += classes.slots.filter { $0.denseCount == 0 && $0.boundaryCount > 1 }.count
            for _ in 0..<50 {
                var facts = InlineFacts()
                for slot in 0..<4 where generator.next(5) != 0 { facts.set(generator.value(), slot: slot) }
                let asked: UInt64 = generator.next(3) == 0 ? generator.state : .max
                let expected = Self.expected(tests, facts) & asked
                var copy = facts
                let found = classes.failed(of: asked, &copy) & asked
                if found != expected, mismatches.count < 5 {
                    mismatches.append("tests \(tests), facts \(facts): found \(found), expected \(expected)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
        #expect(wideSlots >= 50, "the spans wider than the dense tables were not reached")
    }

    @Test func aMissingFactFailsEveryTestOfItsSlotNegatedOrNot() {
        let tests: [[FactTest]] = [[.comparing(slot: 1, .greaterOrEqual, 10)], [.comparing(slot: 1, .less, 10).negated], [],
                                   [.member(slot: 2, of: 0b101)]]
        let classes = FactClasses(tests: tests)
        var facts = InlineFacts()
        facts.set(3, slot: 2)
        #expect(classes.failed(of: .max, &facts) == 0b1011)
    }

    @Test func noTestsFailNothing() {
        let classes = FactClasses(tests: [[], []])
        var facts = InlineFacts()
        #expect(classes.slots.isEmpty)
        #expect(classes.failed(of: .max, &facts) == 0)
    }

    @Test func aSetAndSmallThresholdsAreLookedUpValueByValue() {
        let classes = FactClasses(tests: [[.member(slot: 0, of: 1 << 3 | 1 << 4)], [.comparing(slot: 1, .greaterOrEqual, 30)],
                                          [.comparing(slot: 1, .less, 1_000_000)]])
        // The set spans 0 to 64; the thresholds 30 and 1,000,000 are too far apart.
        #expect(classes.slots.map(\.denseCount) == [64, 0])
        var facts = InlineFacts()
        facts.set(4, slot: 0)
        facts.set(29, slot: 1)
        #expect(classes.failed(of: .max, &facts) == 0b010)
        facts.set(5, slot: 0)
        facts.set(1_000_000, slot: 1)
        #expect(classes.failed(of: .max, &facts) == 0b101)
    }
}
