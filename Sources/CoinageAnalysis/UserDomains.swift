import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// The values of every declared user attribute, cut into finitely many classes on
/// which every comparison in the rules is constant: a request's user facts matter
/// to the promotions only through the class of each fact.
///
/// Class 0 of every attribute is "not carried" (every comparison on it is unknown).
/// A bool has `false` and `true`; a `one of` attribute each declared value; an int
/// or a date the constants the conditions compare it with, and the runs between
/// them, within the declared range.
struct UserDomains: Sendable {
    /// Per slot, a representative fact of each class (nil for class 0), as the
    /// integer a quote resolves a fact to (see `UserFacts`): a bool 0 or 1, a date
    /// its day count, a `one of` value its index in the declaration.
    let representatives: [[Int64?]]
    /// The declared attributes as the quote reads facts for them, by slot.
    private let slots: [UserSlot]

    init(rules: RuleSet, book: PriceBook) {
        slots = book.users.slots
        let compared = ComparedConstants(rules)
        let constants = rules.userAttributes.map { UserValueClasses.constants(of: $0.name, in: compared) }
        representatives = rules.userAttributes.enumerated().map { slot, attribute in
            switch attribute.kind {
            case .bool: return [nil, 0, 1]
            case .oneOf(let values): return [nil] + values.indices.map { Int64($0) }
            case .int(let range):
                let bounds = range ?? Int64.min...Int64.max
                return [nil] + UserValueClasses.representatives(constants[slot], within: bounds, fallback: 0)
            case .date:
                return [nil] + UserValueClasses.representatives(constants[slot], within: UserValueClasses.dayRange,
                                                                fallback: UserValueClasses.fallbackDay)
            case .text:
                // No condition compares a text attribute: carried or not is all there is.
                return [nil]
            }
        }
    }

    var slotCount: Int { representatives.count }

    func classCount(_ slot: Int) -> Int { representatives[slot].count }

    /// The classes of `slot` on which a user comparison holds.
    func classes(_ slot: Int, where holds: (Int64) -> Bool) -> ClassSet {
        var set = ClassSet(empty: classCount(slot))
        for (index, value) in representatives[slot].enumerated() {
            if let value, holds(value) { set.insert(index) }
        }
        return set
    }

    /// The fact a request carries for a class, in the form requests are written:
    /// the quote's own reading of the fact, inverted.
    func userValue(slot: Int, classIndex: Int, attribute: UserAttribute) -> UserValue? {
        guard classIndex < representatives[slot].count, let value = representatives[slot][classIndex] else { return nil }
        return slots[slot].userValue(value)
    }
}
