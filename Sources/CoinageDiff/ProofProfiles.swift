import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// The buyers one slice of the proof quotes: one profile per class of profiles that
/// the slice's promotions cannot tell apart.
///
/// A promotion reads the buyer only through its condition, and only whether the
/// condition is true matters (a promotion is a candidate only then; an unknown
/// comparison on a missing attribute is not true: Kleene logic, as the engine's
/// `CompiledCondition.truth`). Its comparisons on the cell (bundle, region,
/// channel, currency, coins, list) are fixed in a cell, but the slice stands for
/// several cells, so each condition is evaluated under every assignment of its cell
/// comparisons: two profiles are alike when every condition of both sides agrees
/// under every assignment, and their values that either side's declarations refuse
/// are the same. Alike profiles get the same quote in every cell of the slice.
enum ProofProfiles {
    /// Most cell comparisons in one condition whose assignments are enumerated; past
    /// it no profiles of the slice are merged (still exact, only larger).
    static let maximumCellComparisons = 10

    /// One profile per class of `profiles`, in their order.
    static func representatives(_ profiles: [[String: UserValue]], conditions: [Condition], old: RuleSet,
                                new: RuleSet) -> [[String: UserValue]] {
        // A condition too tangled to enumerate leaves the profiles as they are.
        guard conditions.allSatisfy({ cellComparisons($0) <= maximumCellComparisons }) else { return profiles }
        var seen = Set<Key>()
        var kept: [[String: UserValue]] = []
        for profile in profiles {
            var key = Key()
            for (name, value) in profile.sorted(by: { $0.key < $1.key }) {
                if !accepts(old.userAttribute(name), value) || !accepts(new.userAttribute(name), value) {
                    key.refused.append("\(name)=\(value)")
                }
            }
            for condition in conditions {
                let count = cellComparisons(condition)
                for assignment in 0..<(1 << count) {
                    var next = 0
                    key.holds.append(truth(condition, profile, assignment: assignment, next: &next) == true)
                }
            }
            if seen.insert(key).inserted { kept.append(profile) }
        }
        return kept
    }

    private struct Key: Hashable {
        var holds: [Bool] = []
        var refused: [String] = []
    }

    /// Whether a declaration accepts a value (a missing declaration accepts none).
    private static func accepts(_ attribute: UserAttribute?, _ value: UserValue) -> Bool {
        switch (attribute?.kind, value) {
        case (.bool?, .bool), (.date?, .date): true
        case let (.int(range)?, .int(number)): range?.contains(number) ?? true
        case let (.oneOf(names)?, .value(name)): names.contains(name)
        default: false
        }
    }

    /// How many comparisons on the cell a condition makes.
    static func cellComparisons(_ condition: Condition) -> Int {
        switch condition.kind {
        case .and(let a, let b), .or(let a, let b): cellComparisons(a) + cellComparisons(b)
        case .not(let a): cellComparisons(a)
        case .bundle, .region, .channel, .currency, .coins, .list: 1
        case .userBool, .userInt, .userDate, .userValue, .userValueExcluded: 0
        }
    }

    /// Kleene truth (nil: unknown) of `condition` for `profile`, its cell comparisons
    /// taken from the bits of `assignment` in the order they are met.
    private static func truth(_ condition: Condition, _ profile: [String: UserValue], assignment: Int, next: inout Int) -> Bool? {
        switch condition.kind {
        case .and(let a, let b):
            let left = truth(a, profile, assignment: assignment, next: &next)
            let right = truth(b, profile, assignment: assignment, next: &next)
            if left == false || right == false { return false }
            return left == true && right == true ? true : nil
        case .or(let a, let b):
            let left = truth(a, profile, assignment: assignment, next: &next)
            let right = truth(b, profile, assignment: assignment, next: &next)
            if left == true || right == true { return true }
            return left == false && right == false ? false : nil
        case .not(let a):
            return truth(a, profile, assignment: assignment, next: &next).map { !$0 }
        case .bundle, .region, .channel, .currency, .coins, .list:
            defer { next += 1 }
            return assignment & (1 << next) != 0
        case let .userBool(name, expected):
            guard case .bool(let value)? = profile[name] else { return nil }
            return value == expected
        case let .userInt(name, op, constant):
            guard case .int(let value)? = profile[name] else { return nil }
            return holds(op, value, constant)
        case let .userDate(name, op, constant):
            guard case .date(let value)? = profile[name] else { return nil }
            return holds(op, CivilTime.days(from: value), CivilTime.days(from: constant))
        case let .userValue(name, values):
            guard case .value(let value)? = profile[name] else { return nil }
            return values.contains(value)
        case let .userValueExcluded(name, values):
            guard case .value(let value)? = profile[name] else { return nil }
            return !values.contains(value)
        }
    }

    private static func holds(_ op: ComparisonOperator, _ left: Int64, _ right: Int64) -> Bool {
        op.holds(left, right)
    }
}
