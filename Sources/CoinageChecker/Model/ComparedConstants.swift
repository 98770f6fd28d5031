import CoinageSyntax

/// What the promotion conditions of rule sets read: the user attributes they
/// compare, and the constants they compare coins, ints and dates with.
///
/// A quote's answer can change only where a fact crosses one of these constants,
/// so this is where every reader of conditions that enumerates user values (the
/// analysis's classes of values, the diff's buyer profiles) starts from: one walk
/// over the conditions, in one place.
package struct ComparedConstants: Hashable, Sendable {
    /// The user attributes some condition compares, by name.
    package private(set) var attributes = Set<String>()
    /// Per int attribute, the constants it is compared with.
    package private(set) var ints: [String: Set<Int64>] = [:]
    /// Per date attribute, the dates it is compared with, as day counts
    /// (`CivilTime.days(from:)`).
    package private(set) var days: [String: Set<Int64>] = [:]
    /// The constants `coins` is compared with.
    package private(set) var coins = Set<Int64>()

    /// The constants of every promotion condition of `rules`.
    package init(_ rules: RuleSet) {
        for promotion in rules.promotions {
            if let condition = promotion.condition { visit(condition) }
        }
    }

    /// The constants of either set.
    package func merged(with other: ComparedConstants) -> ComparedConstants {
        var merged = self
        merged.attributes.formUnion(other.attributes)
        merged.ints.merge(other.ints, combining: { $0.union($1) })
        merged.days.merge(other.days, combining: { $0.union($1) })
        merged.coins.formUnion(other.coins)
        return merged
    }

    private mutating func visit(_ condition: Condition) {
        switch condition.kind {
        case .and(let a, let b), .or(let a, let b):
            visit(a)
            visit(b)
        case .not(let a):
            visit(a)
        case .coins(_, let value):
            coins.insert(value)
        case .userBool(let name, _), .userValue(let name, _), .userValueExcluded(let name, _):
            attributes.insert(name)
        case .userInt(let name, _, let value):
            attributes.insert(name)
            ints[name, default: []].insert(value)
        case .userDate(let name, _, let date):
            attributes.insert(name)
            days[name, default: []].insert(CivilTime.days(from: date))
        case .bundle, .region, .channel, .currency, .list:
            break
        }
    }
}
