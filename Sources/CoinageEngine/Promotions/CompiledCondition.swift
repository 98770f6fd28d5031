import CoinageChecker
import CoinageSyntax

/// A promotion condition compiled for quoting: names are indices into bit sets,
/// amounts are precomputed per currency, so evaluating it is integer work.
/// Hashable, so the compiler gives equal comparisons one box (`PromotionCompiler.Sharing`).
package indirect enum CompiledCondition: Hashable, Sendable {
    case and(CompiledCondition, CompiledCondition)
    case or(CompiledCondition, CompiledCondition)
    case not(CompiledCondition)
    /// Item index: bundles first, then custom amounts.
    case item(IndexSet64)
    case region(IndexSet64)
    case channel(IndexSet64)
    case currency(IndexSet64)
    case coins(ComparisonOperator, Int64)
    /// The compared amount in each currency's minor units, as an exact fraction.
    case list(ComparisonOperator, [Fraction?])
    /// User attributes by slot (their index among the declared attributes).
    case userBool(Int, Bool)
    case userInt(Int, ComparisonOperator, Int64)
    case userDate(Int, ComparisonOperator, Int64)
    /// A `one of` attribute: the allowed values' indices in its declaration.
    case userValue(Int, IndexSet64)
    /// A `one of` attribute carried and not one of these values.
    case userValueExcluded(Int, IndexSet64)
}

/// Three-valued truth: a condition on a fact that is not known is neither true
/// nor false.
package enum Truth: Sendable {
    case yes, no, unknown

    static func and(_ a: Truth, _ b: Truth) -> Truth {
        if a == .no || b == .no { return .no }
        return a == .yes && b == .yes ? .yes : .unknown
    }

    static func or(_ a: Truth, _ b: Truth) -> Truth {
        if a == .yes || b == .yes { return .yes }
        return a == .no && b == .no ? .no : .unknown
    }

    var negated: Truth {
        switch self {
        case .yes: .no
        case .no: .yes
        case .unknown: .unknown
        }
    }

    @inline(__always)
    init(_ value: Bool) { self = value ? .yes : .no }
}

extension ComparisonOperator {
    @inline(__always)
    package func holds<T: Comparable>(_ left: T, _ right: T) -> Bool {
        switch self {
        case .equal: left == right
        case .notEqual: left != right
        case .less: left < right
        case .lessOrEqual: left <= right
        case .greater: left > right
        case .greaterOrEqual: left >= right
        }
    }
}

extension CompiledCondition {
    /// The condition's truth on `facts`: the one definition of what a condition
    /// means, for the promotion index, `--explain` and the analysis; the quote's walk
    /// tests the same conditions laid out flat (`ConditionPlan`).
    ///
    /// Conditions have three values. A comparison on a fact that is not known (a
    /// user attribute the request does not carry; ahead of time, anything not yet
    /// fixed) is unknown, neither true nor false, and so is `not` of it; `and` is
    /// false when either side is false, `or` is true when either side is true. So a
    /// missing fact never makes a promotion apply, and `x not in [...]` is exactly
    /// `not (x in [...])`, `x != v` exactly `not (x == v)`, however they are spelled.
    package func truth(_ facts: ConditionFacts) -> Truth {
        switch self {
        case .and(let a, let b):
            let left = a.truth(facts)
            return left == .no ? .no : .and(left, b.truth(facts))
        case .or(let a, let b):
            let left = a.truth(facts)
            return left == .yes ? .yes : .or(left, b.truth(facts))
        case .not(let a): return a.truth(facts).negated
        case .item(let set): return facts.item.map { Truth(set.contains($0)) } ?? .unknown
        case .region(let set): return facts.region.map { Truth(set.contains($0)) } ?? .unknown
        case .channel(let set): return facts.channel.map { Truth(set.contains($0)) } ?? .unknown
        case .currency(let set): return facts.currency.map { Truth(set.contains($0)) } ?? .unknown
        case .coins(let op, let value): return facts.coins.map { Truth(op.holds($0, value)) } ?? .unknown
        case .list(let op, let amounts):
            guard let currency = facts.currency, let list = facts.list else { return .unknown }
            guard let amount = amounts[currency] else { return .no }
            return Truth(op.holds(Fraction(UInt64(max(0, list))), amount))
        case .userBool(let slot, let value):
            return facts.user[slot].map { Truth(($0 != 0) == value) } ?? .unknown
        case .userInt(let slot, let op, let value), .userDate(let slot, let op, let value):
            return facts.user[slot].map { Truth(op.holds($0, value)) } ?? .unknown
        case .userValue(let slot, let values):
            return facts.user[slot].map { Truth(values.contains(Int($0))) } ?? .unknown
        case .userValueExcluded(let slot, let values):
            return facts.user[slot].map { Truth(!values.contains(Int($0))) } ?? .unknown
        }
    }

    /// Whether the condition is true for the quote: the test a promotion must pass.
    @inline(__always)
    func holds(_ facts: ConditionFacts) -> Bool { truth(facts) == .yes }

    /// Whether the condition is false for the quote, not merely unknown: what `not`
    /// turns into true. A comparison on a missing user attribute neither holds nor fails.
    func fails(_ facts: ConditionFacts) -> Bool { truth(facts) == .no }

    /// Evaluates what can be known ahead of time from the item, the region and its
    /// currency, the coins of a bundle and the channel; everything else is `unknown`.
    package func partial(item: Int?, region: Int?, currency: Int?, coins: Int64?, channel: Int? = nil) -> Truth {
        truth(ConditionFacts(item: item, region: region, channel: channel, currency: currency, coins: coins))
    }

    /// The smallest part of a condition that is not true, for traces: in an `and`, the
    /// first false operand, else the first unknown one; the whole of an `or` or a
    /// `not`; a leaf otherwise. The part fails exactly when the whole does.
    func failingPart(_ facts: ConditionFacts, label: ConditionLabel) -> (compiled: CompiledCondition, label: ConditionLabel) {
        switch (self, label.kind) {
        case (.and(let a, let b), .and):
            let (la, lb) = (label.operands[0], label.operands[1])
            if a.fails(facts) { return a.failingPart(facts, label: la) }
            if b.fails(facts) { return b.failingPart(facts, label: lb) }
            return a.holds(facts) ? b.failingPart(facts, label: lb) : a.failingPart(facts, label: la)
        default:
            return (self, label)
        }
    }

    /// The slots of user attributes a leaf reads that the request does not carry.
    func missingAttributes(_ facts: ConditionFacts) -> [Int] {
        switch self {
        case .and(let a, let b), .or(let a, let b): return a.missingAttributes(facts) + b.missingAttributes(facts)
        case .not(let a): return a.missingAttributes(facts)
        case .userBool(let slot, _), .userInt(let slot, _, _), .userDate(let slot, _, _), .userValue(let slot, _),
             .userValueExcluded(let slot, _):
            return facts.user[slot] == nil ? [slot] : []
        default: return []
        }
    }
}

extension CompiledCondition {
    /// Whether a cell decides this condition ahead of time: it reads only the item,
    /// the region, the channel, the currency and the coins (those of a bundle; a
    /// custom amount's come with the request, so see `readsCoins`).
    var isDecidedByCell: Bool {
        switch self {
        case .and(let a, let b), .or(let a, let b): a.isDecidedByCell && b.isDecidedByCell
        case .not(let a): a.isDecidedByCell
        case .item, .region, .channel, .currency, .coins: true
        case .list, .userBool, .userInt, .userDate, .userValue, .userValueExcluded: false
        }
    }

    /// Whether the condition reads the coins anywhere.
    var readsCoins: Bool {
        switch self {
        case .and(let a, let b), .or(let a, let b): a.readsCoins || b.readsCoins
        case .not(let a): a.readsCoins
        case .coins: true
        default: false
        }
    }
}
