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

    /// A prepared condition in a cell, or its negation when `negated`: each of the
    /// cell's comparisons is settled by `outcomes` (nil: it may go either way, and
    /// counts as true in both polarities).
    init(_ node: PreparedCondition.Node, outcomes: [Bool?], negated: Bool = false) {
        switch node {
        case .and(let a, let b):
            let left = CellFormula(a, outcomes: outcomes, negated: negated)
            let right = CellFormula(b, outcomes: outcomes, negated: negated)
            self = negated ? .either(left, right) : .both(left, right)
        case .or(let a, let b):
            let left = CellFormula(a, outcomes: outcomes, negated: negated)
            let right = CellFormula(b, outcomes: outcomes, negated: negated)
            self = negated ? .both(left, right) : .either(left, right)
        case .not(let a): self = CellFormula(a, outcomes: outcomes, negated: !negated)
        case .cell(let atom): self = .constant(outcomes[atom].map { $0 != negated } ?? true)
        case .user(let slot, let holds, let fails): self = .user(slot: slot, negated ? fails : holds)
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
