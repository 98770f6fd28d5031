import CoinageSyntax

/// One test of one of the buyer's facts, as the walk runs it: a condition that is
/// an `and` of such tests (most are: `user.first_purchase`, `user.segment in [vip,
/// whale] and user.purchases >= 10`) holds when each test does, with no node to
/// follow and no call to make.
///
/// A test holds only when the request carries the fact: a missing fact leaves a
/// comparison unknown, and neither an `and` nor a `not` turns unknown into true.
struct FactTest: Hashable, Sendable {
    /// The attribute's slot, below `InlineFacts.slots`: a condition on a later slot
    /// is tested node by node.
    let slot: Int32
    /// Whether the fact is tested against `bits` rather than the range.
    let isMembership: Bool
    /// Whether the test holds when the fact is outside the range (or the set).
    let isNegated: Bool
    /// The range `low...low + width` (`width` unsigned), or the set as one word.
    let low: Int64
    let width: UInt64

    /// Whether the buyer's fact passes the test (false when the request has none).
    // Every comparison is a range or its complement, and every set one word: one
    // branch-free test instead of a jump through the operators.
    @inline(__always)
    func holds(_ facts: inout InlineFacts) -> Bool {
        guard let fact = InlineFacts.fact(Int(slot), in: &facts) else { return false }
        return holds(for: fact)
    }

    /// Whether a fact of `value` passes the test.
    @inline(__always)
    func holds(for value: Int64) -> Bool {
        let inside = isMembership
            ? UInt64(bitPattern: value) < 64 && width >> UInt64(bitPattern: value) & 1 != 0
            : UInt64(bitPattern: value &- low) <= width
        return inside != isNegated
    }

    /// The values where the test's answer can change: it is the same for every value
    /// from one of them up to the next (`FactClasses`).
    var boundaries: [Int64] {
        guard isMembership else {
            let high = Int64(bitPattern: UInt64(bitPattern: low) &+ width)
            return high == .max ? [low] : [low, high + 1]
        }
        // A set's members are below 64: each run of members or non-members starts a class.
        var found: [Int64] = [0, 64]
        for value in 1..<64 where (width >> UInt64(value)) & 1 != (width >> UInt64(value - 1)) & 1 {
            found.append(Int64(value))
        }
        return found
    }

    /// The test that holds exactly when this one's comparison is false (for `not`):
    /// the fact must still be present.
    var negated: FactTest {
        FactTest(slot: slot, isMembership: isMembership, isNegated: !isNegated, low: low, width: width)
    }

    /// `fact op value` as a test.
    static func comparing(slot: Int32, _ op: ComparisonOperator, _ value: Int64) -> FactTest {
        switch op {
        case .equal: range(slot: slot, value, value)
        case .notEqual: range(slot: slot, value, value).negated
        case .less: value == .min ? range(slot: slot, 1, 0) : range(slot: slot, .min, value - 1)
        case .lessOrEqual: range(slot: slot, .min, value)
        case .greater: value == .max ? range(slot: slot, 1, 0) : range(slot: slot, value + 1, .max)
        case .greaterOrEqual: range(slot: slot, value, .max)
        }
    }

    /// Membership of the set whose members are the bits of `word`.
    static func member(slot: Int32, of word: UInt64) -> FactTest {
        FactTest(slot: slot, isMembership: true, isNegated: false, low: 0, width: word)
    }

    /// `low <= fact <= high`; empty (never holds) when `low > high`.
    private static func range(slot: Int32, _ low: Int64, _ high: Int64) -> FactTest {
        // An empty range: outside every fact, as a negated whole range.
        guard low <= high else { return FactTest(slot: slot, isMembership: false, isNegated: true, low: .min, width: .max) }
        return FactTest(slot: slot, isMembership: false, isNegated: false, low: low,
                        width: UInt64(bitPattern: high) &- UInt64(bitPattern: low))
    }
}

/// Where a condition's fact tests lie in `ConditionPlan.factTests`: a start and a
/// count, or `nodes` for a condition that is not an `and` of fact tests (an `or`, a
/// cell's field the cell leaves open, a set past 64 values), which the walk tests
/// node by node.
struct FactTestSpan: Hashable, Sendable {
    private let rawValue: UInt32

    /// The most tests a span holds, and the first test it can start at.
    static let maximumCount = 255
    static let maximumStart = (1 << 24) - 2

    /// Nothing to test: the condition holds.
    static let empty = FactTestSpan(rawValue: 0)
    /// Not fact tests: the plan's nodes are tested.
    static let nodes = FactTestSpan(rawValue: .max)

    private init(rawValue: UInt32) { self.rawValue = rawValue }

    init(start: Int, count: Int) {
        rawValue = UInt32(truncatingIfNeeded: start) << 8 | UInt32(truncatingIfNeeded: count)
    }

    @inline(__always) var isNodes: Bool { rawValue == .max }
    @inline(__always) var start: Int { Int(rawValue >> 8) }
    @inline(__always) var count: Int { Int(rawValue & 0xFF) }
}

extension ConditionPlan {
    /// The tests of the buyer's facts that node `root` is the `and` of, or nil when
    /// it is something else (see `FactTestSpan`).
    func conjunctFactTests(of root: Int32) -> [FactTest]? {
        guard root >= 0 else { return [] }
        let node = nodes[Int(root)]
        guard node.kind == .all else { return factTest(node).map { [$0] } }
        var tests: [FactTest] = []
        for position in Int(node.second)..<Int(node.second) + Int(node.count) {
            guard let test = factTest(nodes[Int(children[position])]) else { return nil }
            tests.append(test)
        }
        return tests
    }

    /// A comparison of one fact, or the `not` of one, as a fact test.
    private func factTest(_ node: Node) -> FactTest? {
        if node.kind == .not { return factTest(nodes[Int(node.first)], negated: true) }
        return factTest(node, negated: false)
    }

    private func factTest(_ n: Node, negated: Bool) -> FactTest? {
        guard n.first >= 0, n.first < InlineFacts.slots else { return nil }
        let test: FactTest
        switch n.kind {
        case .userBool:
            // A bool fact is 0 or 1: `== true` is `!= 0`, as `truth` reads it.
            test = .comparing(slot: n.first, n.value != 0 ? .notEqual : .equal, 0)
        case .userInt:
            test = .comparing(slot: n.first, n.op, n.value)
        case .userValue, .userValueExcluded:
            guard n.count <= 1 else { return nil }
            let word = n.count == 1 ? words[Int(n.second)] : 0
            let member = FactTest.member(slot: n.first, of: word)
            test = n.kind == .userValue ? member : member.negated
        default:
            return nil
        }
        return negated ? test.negated : test
    }
}
