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

    init(book: PriceBook) {
        slots = book.users.slots
        let compared = ComparedConstants(book.rules)
        let constants = book.rules.userAttributes.map { attribute in
            compared.ints[attribute.name] ?? compared.days[attribute.name] ?? []
        }
        representatives = book.rules.userAttributes.enumerated().map { slot, attribute in
            switch attribute.kind {
            case .bool: return [nil, 0, 1]
            case .oneOf(let values): return [nil] + values.indices.map { Int64($0) }
            case .int(let range):
                let bounds = range ?? Int64.min...Int64.max
                return [nil] + Self.classes(constants[slot], within: bounds, fallback: 0)
            case .date:
                return [nil] + Self.classes(constants[slot], within: Self.dayRange, fallback: Self.fallbackDay)
            }
        }
    }

    /// Days of the years 1 to 9999, the dates a request can carry.
    static let dayRange: ClosedRange<Int64> = -719_162...2_932_896
    /// 2000-01-01: the date used where no condition tells dates apart.
    static let fallbackDay: Int64 = 10_957

    var slotCount: Int { representatives.count }

    func classCount(_ slot: Int) -> Int { representatives[slot].count }

    /// Representatives of the classes `constants` cut `bounds` into: each constant
    /// alone, and one value from each run between them (the one nearest a constant).
    static func classes(_ constants: Set<Int64>, within bounds: ClosedRange<Int64>, fallback: Int64) -> [Int64] {
        let cuts = constants.filter { bounds.contains($0) }.sorted()
        guard let firstCut = cuts.first else { return [min(max(fallback, bounds.lowerBound), bounds.upperBound)] }
        var values: [Int64] = []
        if firstCut > bounds.lowerBound { values.append(firstCut - 1) }
        for (position, cut) in cuts.enumerated() {
            values.append(cut)
            let next = position + 1 < cuts.count ? cuts[position + 1] : nil
            if let next { if next > cut + 1 { values.append(cut + 1) } } else if cut < bounds.upperBound { values.append(cut + 1) }
        }
        return values
    }

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
