/// What is left of a promotion's condition once a cell (bundle, region, channel,
/// and so its currency, coins and list price) is fixed: a formula over the user
/// attributes alone, with every negation pushed onto a comparison.
indirect enum CellFormula: Sendable {
    case constant(Bool)
    /// The attribute's class lies in the set.
    case user(slot: Int, ClassSet)
    case and(CellFormula, CellFormula)
    case or(CellFormula, CellFormula)

    /// Alternatives (a disjunction of boxes) beyond which a formula is cut: a guard
    /// over a condition this tangled is proven over its first alternatives only.
    static let maximumBoxes = 256

    /// The condition in a cell, or its negation when `negated`.
    init(_ condition: CompiledCondition, cell: CellFacts, domains: UserDomains, negated: Bool = false) {
        func leaf(_ holds: Bool) -> CellFormula { .constant(holds != negated) }
        func user(_ slot: Int, _ test: (ResolvedUserValue) -> Bool) -> CellFormula {
            guard slot < domains.slotCount else { return .constant(negated) }
            let set = domains.classes(slot, where: test)
            return .user(slot: slot, negated ? set.complement : set)
        }
        switch condition {
        case .and(let a, let b):
            let left = CellFormula(a, cell: cell, domains: domains, negated: negated)
            let right = CellFormula(b, cell: cell, domains: domains, negated: negated)
            self = negated ? .either(left, right) : .both(left, right)
        case .or(let a, let b):
            let left = CellFormula(a, cell: cell, domains: domains, negated: negated)
            let right = CellFormula(b, cell: cell, domains: domains, negated: negated)
            self = negated ? .both(left, right) : .either(left, right)
        case .not(let a): self = CellFormula(a, cell: cell, domains: domains, negated: !negated)
        case .item(let set): self = leaf(set.contains(cell.item))
        case .region(let set): self = leaf(set.contains(cell.region))
        case .channel(let set): self = leaf(set.contains(cell.channel))
        case .currency(let set): self = leaf(set.contains(cell.currency))
        case .coins where !cell.amountsKnown, .list where !cell.amountsKnown:
            // A custom amount's coins and price range over an interval: either way.
            self = .constant(true)
        case .coins(let op, let value): self = leaf(op.holds(cell.coins, value))
        case .list(let op, let amounts):
            guard let amount = amounts[cell.currency] else { self = leaf(false); return }
            self = leaf(op.holds(Fraction(UInt64(max(0, cell.list))), amount))
        case .userBool(let slot, let value):
            self = user(slot) { if case .bool(let actual) = $0 { actual == value } else { false } }
        case .userInt(let slot, let op, let value):
            self = user(slot) { if case .int(let actual) = $0 { op.holds(actual, value) } else { false } }
        case .userDate(let slot, let op, let days):
            self = user(slot) { if case .date(let actual) = $0 { op.holds(actual, days) } else { false } }
        case .userValue(let slot, let values):
            self = user(slot) { if case .value(let actual) = $0 { values.contains(actual) } else { false } }
        case .userValueExcluded(let slot, let values):
            self = user(slot) { if case .value(let actual) = $0 { !values.contains(actual) } else { false } }
        }
    }

    private static func both(_ a: CellFormula, _ b: CellFormula) -> CellFormula {
        switch (a, b) {
        case (.constant(false), _), (_, .constant(false)): .constant(false)
        case (.constant(true), let other), (let other, .constant(true)): other
        default: .and(a, b)
        }
    }

    private static func either(_ a: CellFormula, _ b: CellFormula) -> CellFormula {
        switch (a, b) {
        case (.constant(true), _), (_, .constant(true)): .constant(true)
        case (.constant(false), let other), (let other, .constant(false)): other
        default: .or(a, b)
        }
    }

    /// The formula as alternatives: a request satisfies it exactly when its facts
    /// fall in one of the boxes. Empty when it cannot hold.
    func boxes(slotCount: Int) -> [UserBox] {
        switch self {
        case .constant(let value): return value ? [UserBox(slotCount: slotCount)] : []
        case .user(let slot, let set): return set.isEmpty ? [] : [UserBox(slotCount: slotCount, slot: slot, set: set)]
        case .or(let a, let b):
            return Array((a.boxes(slotCount: slotCount) + b.boxes(slotCount: slotCount)).prefix(Self.maximumBoxes))
        case .and(let a, let b):
            let right = b.boxes(slotCount: slotCount)
            var result: [UserBox] = []
            for left in a.boxes(slotCount: slotCount) {
                for other in right {
                    if let merged = left.intersection(other) { result.append(merged) }
                    if result.count >= Self.maximumBoxes { return result }
                }
            }
            return result
        }
    }
}

/// The parts of a quote a cell fixes, by index as the price book numbers them.
struct CellFacts: Sendable {
    let item: Int
    let region: Int
    let channel: Int
    let currency: Int
    let coins: Int64
    let list: Int64
    /// False for a custom amount, whose coins and list price are not one value:
    /// a comparison on them is then taken to go either way.
    var amountsKnown = true
}
