import CoinageChecker
import CoinageSyntax

/// A promotion condition compiled for quoting: names are indices into bit sets,
/// amounts are precomputed per currency, so evaluating it is integer work.
package indirect enum CompiledCondition: Sendable {
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

/// What a condition sees of a quote.
struct ConditionFacts {
    let item: Int
    let region: Int
    let channel: Int
    let currency: Int
    let coins: Int64
    let list: Int64
    /// By attribute slot; nil where the request carries no fact.
    let user: UserFacts
}

/// Three-valued truth, for deciding ahead of time which promotions can concern a
/// bundle and a region.
package enum Truth {
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
    /// Whether the condition is true for the quote: the test a promotion must pass.
    ///
    /// Conditions have three values. A comparison on a user attribute the request does
    /// not carry is unknown, neither true nor false, and so is `not` of it; `and` is
    /// false when either side is false, `or` is true when either side is true. So a
    /// missing fact never makes a promotion apply, and `x not in [...]` is exactly
    /// `not (x in [...])`, `x != v` exactly `not (x == v)`, however they are spelled.
    /// Each value is two booleans, `holds` and `fails`, so the usual case (no `not`)
    /// costs what a two-valued test costs.
    func holds(_ facts: ConditionFacts) -> Bool {
        switch self {
        case .and(let a, let b): return a.holds(facts) && b.holds(facts)
        case .or(let a, let b): return a.holds(facts) || b.holds(facts)
        case .not(let a): return a.fails(facts)
        case .item(let set): return set.contains(facts.item)
        case .region(let set): return set.contains(facts.region)
        case .channel(let set): return set.contains(facts.channel)
        case .currency(let set): return set.contains(facts.currency)
        case .coins(let op, let value): return op.holds(facts.coins, value)
        case .list(let op, let amounts):
            guard let amount = amounts[facts.currency] else { return false }
            return op.holds(Fraction(UInt64(max(0, facts.list))), amount)
        case .userBool(let slot, let value):
            guard let actual = facts.user[slot] else { return false }
            return (actual != 0) == value
        case .userInt(let slot, let op, let value):
            guard let actual = facts.user[slot] else { return false }
            return op.holds(actual, value)
        case .userDate(let slot, let op, let days):
            guard let actual = facts.user[slot] else { return false }
            return op.holds(actual, days)
        case .userValue(let slot, let values):
            guard let actual = facts.user[slot] else { return false }
            return values.contains(Int(actual))
        case .userValueExcluded(let slot, let values):
            guard let actual = facts.user[slot] else { return false }
            return !values.contains(Int(actual))
        }
    }

    /// Whether the condition is false for the quote, not merely unknown: what `not`
    /// turns into true. A comparison on a missing user attribute neither holds nor fails.
    func fails(_ facts: ConditionFacts) -> Bool {
        switch self {
        case .and(let a, let b): return a.fails(facts) || b.fails(facts)
        case .or(let a, let b): return a.fails(facts) && b.fails(facts)
        case .not(let a): return a.holds(facts)
        case .item, .region, .channel, .currency, .coins, .list: return !holds(facts)
        case .userBool(let slot, _), .userInt(let slot, _, _), .userDate(let slot, _, _), .userValue(let slot, _),
             .userValueExcluded(let slot, _):
            return facts.user[slot] != nil && !holds(facts)
        }
    }

    /// Evaluates what can be known ahead of time from the item, the region and its
    /// currency, and the coins of a bundle; a nil input and everything else is `unknown`.
    package func partial(item: Int?, region: Int?, currency: Int?, coins: Int64?, channel: Int? = nil) -> Truth {
        switch self {
        case .and(let a, let b):
            return .and(a.partial(item: item, region: region, currency: currency, coins: coins, channel: channel),
                        b.partial(item: item, region: region, currency: currency, coins: coins, channel: channel))
        case .or(let a, let b):
            return .or(a.partial(item: item, region: region, currency: currency, coins: coins, channel: channel),
                       b.partial(item: item, region: region, currency: currency, coins: coins, channel: channel))
        case .not(let a):
            return a.partial(item: item, region: region, currency: currency, coins: coins, channel: channel).negated
        case .channel(let set): return channel.map { set.contains($0) ? .yes : .no } ?? .unknown
        case .item(let set): return item.map { set.contains($0) ? .yes : .no } ?? .unknown
        case .region(let set): return region.map { set.contains($0) ? .yes : .no } ?? .unknown
        case .currency(let set): return currency.map { set.contains($0) ? .yes : .no } ?? .unknown
        case .coins(let op, let value): return coins.map { op.holds($0, value) ? .yes : .no } ?? .unknown
        default: return .unknown
        }
    }

    /// The smallest part of a condition that is not true, for traces: in an `and`, the
    /// first false operand, else the first unknown one; the whole of an `or` or a
    /// `not`; a leaf otherwise. The part fails exactly when the whole does.
    func failingPart(_ facts: ConditionFacts, source: Condition) -> (compiled: CompiledCondition, source: Condition) {
        switch (self, source.kind) {
        case let (.and(a, b), .and(sa, sb)):
            if a.fails(facts) { return a.failingPart(facts, source: sa) }
            if b.fails(facts) { return b.failingPart(facts, source: sb) }
            return a.holds(facts) ? b.failingPart(facts, source: sb) : a.failingPart(facts, source: sa)
        default:
            return (self, source)
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
