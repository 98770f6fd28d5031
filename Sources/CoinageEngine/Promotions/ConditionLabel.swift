import CoinageChecker
import CoinageSyntax

/// Where each part of a compiled condition is written and what it reads, for the
/// traces of `--explain`: a tree of the same shape as the `CompiledCondition` it
/// labels, kept apart so the quote path's conditions stay small.
///
/// A label is one node of its condition's tree; the tree's nodes lie in one array,
/// each node's operands side by side, so a condition's labels are two allocations
/// instead of an object and an array of operands per part (a big shop's labels were
/// a tenth of its price book).
package struct ConditionLabel: Sendable {
    /// What a part of a condition is.
    package enum Kind: Sendable {
        case and, or, not
        /// A comparison, and the quote field it reads.
        case comparison(ConditionField)
    }

    /// One part: what it is, where it is written, and where its operands lie.
    private struct Node: Sendable {
        var kind: Kind
        var span: SourceSpan
        var firstOperand: Int32
        var operandCount: Int32
    }

    private final class Tree: Sendable {
        let nodes: [Node]

        init(nodes: [Node]) {
            self.nodes = nodes
        }
    }

    private let tree: Tree
    private let node: Int

    /// What the part is.
    package var kind: Kind { tree.nodes[node].kind }
    /// Where the part is written in the rule files.
    package var span: SourceSpan { tree.nodes[node].span }
    /// The operands of `and`, `or` and `not`, in order; empty for a comparison.
    package var operands: [ConditionLabel] {
        let part = tree.nodes[node]
        return (0..<Int(part.operandCount)).map { ConditionLabel(tree: tree, node: Int(part.firstOperand) + $0) }
    }

    private init(tree: Tree, node: Int) {
        self.tree = tree
        self.node = node
    }

    /// Labels a checked condition, part by part.
    init(_ condition: Condition) {
        var nodes: [Node] = []
        nodes.reserveCapacity(Self.count(condition))
        nodes.append(Node(kind: .and, span: condition.span, firstOperand: 0, operandCount: 0))
        Self.place(condition, at: 0, in: &nodes)
        tree = Tree(nodes: nodes)
        node = 0
    }

    /// How many parts `condition` has, itself included.
    private static func count(_ condition: Condition) -> Int {
        switch condition.kind {
        case .and(let a, let b), .or(let a, let b): 1 + count(a) + count(b)
        case .not(let a): 1 + count(a)
        default: 1
        }
    }

    /// Writes `condition` into `nodes[index]`, its operands into new nodes side by side.
    private static func place(_ condition: Condition, at index: Int, in nodes: inout [Node]) {
        let kind: Kind
        let operands: [Condition]
        switch condition.kind {
        case .and(let a, let b): (kind, operands) = (.and, [a, b])
        case .or(let a, let b): (kind, operands) = (.or, [a, b])
        case .not(let a): (kind, operands) = (.not, [a])
        case .bundle: (kind, operands) = (.comparison(.bundle), [])
        case .region: (kind, operands) = (.comparison(.region), [])
        case .channel: (kind, operands) = (.comparison(.channel), [])
        case .currency: (kind, operands) = (.comparison(.currency), [])
        case .coins: (kind, operands) = (.comparison(.coins), [])
        case .list: (kind, operands) = (.comparison(.list), [])
        case .userBool(let name, _), .userInt(let name, _, _), .userDate(let name, _, _), .userValue(let name, _),
             .userValueExcluded(let name, _):
            (kind, operands) = (.comparison(.user(name)), [])
        }
        let first = nodes.count
        nodes[index] = Node(kind: kind, span: condition.span, firstOperand: Int32(truncatingIfNeeded: first),
                            operandCount: Int32(truncatingIfNeeded: operands.count))
        for operand in operands {
            nodes.append(Node(kind: .and, span: operand.span, firstOperand: 0, operandCount: 0))
        }
        for (offset, operand) in operands.enumerated() { place(operand, at: first + offset, in: &nodes) }
    }

    /// The fields the comparisons of this part read, in the order they are written,
    /// each once.
    package var fields: [ConditionField] {
        var found: [ConditionField] = []
        func collect(_ label: ConditionLabel) {
            if case .comparison(let field) = label.kind {
                if !found.contains(field) { found.append(field) }
            }
            label.operands.forEach(collect)
        }
        collect(self)
        return found
    }
}

/// A field of a quote that a condition's comparison reads.
package enum ConditionField: Hashable, Sendable {
    case bundle, region, channel, currency, coins, list
    /// A user attribute, by name.
    case user(String)
}
