import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// A promotion's condition prepared for the analysis, once per rule set: its user
/// comparisons as the classes on which they hold (and fail), its comparisons on the
/// cell (bundle, region, channel, currency, coins, list) numbered, and the boxes of
/// each outcome of those cached, since many cells share an outcome.
final class PreparedCondition {
    indirect enum Node {
        case and(Node, Node)
        case or(Node, Node)
        case not(Node)
        /// A comparison on the cell, by its number in `cellAtoms`.
        case cell(Int)
        /// A user comparison: the classes where it holds and where it fails.
        case user(slot: Int, holds: ClassSet, fails: ClassSet)
    }

    let root: Node
    private let cellAtoms: [CompiledCondition]
    private var cache: [[Bool?]: (include: [UserBox], exclude: [UserBox])] = [:]

    init(_ condition: CompiledCondition, domains: UserDomains) {
        var atoms: [CompiledCondition] = []
        func prepare(_ condition: CompiledCondition) -> Node {
            switch condition {
            case .and(let a, let b): return .and(prepare(a), prepare(b))
            case .or(let a, let b): return .or(prepare(a), prepare(b))
            case .not(let a): return .not(prepare(a))
            case .item, .region, .channel, .currency, .coins, .list:
                atoms.append(condition)
                return .cell(atoms.count - 1)
            case .userBool(let slot, _), .userInt(let slot, _, _), .userDate(let slot, _, _), .userValue(let slot, _),
                 .userValueExcluded(let slot, _):
                guard slot < domains.slotCount else { return .cell(Self.never(&atoms)) }
                // The comparison decided on each class's representative, as the quote
                // decides it; a missing attribute (class 0) neither holds nor fails.
                return .user(slot: slot, holds: domains.classes(slot) { condition.truth(ConditionFacts(userSlot: slot, value: $0)) == .yes },
                             fails: domains.classes(slot) { condition.truth(ConditionFacts(userSlot: slot, value: $0)) == .no })
            }
        }
        root = prepare(condition)
        cellAtoms = atoms
    }

    /// A comparison that never holds (an attribute slot out of range: the checker
    /// rules it out, and the quote path reads it as false).
    private static func never(_ atoms: inout [CompiledCondition]) -> Int {
        atoms.append(.item(IndexSet64(capacity: 1)))
        return atoms.count - 1
    }

    /// The condition's alternatives in a cell, and its negation's, with the outcomes
    /// of its cell comparisons they follow from (cells with equal outcomes agree).
    func evaluate(in cell: CellFacts, slotCount: Int) -> (outcomes: [Bool?], include: [UserBox], exclude: [UserBox]) {
        let outcomes = cellAtoms.map { Self.outcome($0, cell) }
        if let cached = cache[outcomes] { return (outcomes, cached.include, cached.exclude) }
        let result = (include: CellFormula(root, outcomes: outcomes).boxes(slotCount: slotCount),
                      exclude: CellFormula(root, outcomes: outcomes, negated: true, orMissing: true).boxes(slotCount: slotCount))
        cache[outcomes] = result
        return (outcomes, result.include, result.exclude)
    }

    /// A cell comparison's truth, as the quote path decides it; nil for a custom
    /// amount's coins or list price, which range over an interval.
    private static func outcome(_ atom: CompiledCondition, _ cell: CellFacts) -> Bool? {
        let facts = ConditionFacts(item: cell.item, region: cell.region, channel: cell.channel, currency: cell.currency,
                                 coins: cell.amountsKnown ? cell.coins : nil, list: cell.amountsKnown ? cell.list : nil)
        switch atom.truth(facts) {
        case .yes: return true
        case .no: return false
        case .unknown: return nil
        }
    }
}

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
    /// counts as true in both polarities). With `orMissing`, a user comparison also
    /// admits its attribute missing: the negation of "true" is "false or unknown".
    init(_ node: PreparedCondition.Node, outcomes: [Bool?], negated: Bool = false, orMissing: Bool = false) {
        switch node {
        case .and(let a, let b):
            let left = CellFormula(a, outcomes: outcomes, negated: negated, orMissing: orMissing)
            let right = CellFormula(b, outcomes: outcomes, negated: negated, orMissing: orMissing)
            self = negated ? .either(left, right) : .both(left, right)
        case .or(let a, let b):
            let left = CellFormula(a, outcomes: outcomes, negated: negated, orMissing: orMissing)
            let right = CellFormula(b, outcomes: outcomes, negated: negated, orMissing: orMissing)
            self = negated ? .both(left, right) : .either(left, right)
        case .not(let a): self = CellFormula(a, outcomes: outcomes, negated: !negated, orMissing: orMissing)
        case .cell(let atom): self = .constant(outcomes[atom].map { $0 != negated } ?? true)
        case .user(let slot, let holds, let fails):
            var set = negated ? fails : holds
            if orMissing { set.insert(0) }
            self = .user(slot: slot, set)
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
