import CoinageChecker
import CoinageSyntax

/// Where each part of a compiled condition is written and what it reads, for the
/// traces of `--explain`: a tree of the same shape as the `CompiledCondition` it
/// labels, kept apart so the quote path's conditions stay small.
///
/// A label is one node of a table that holds the labels of every condition of a
/// rule set (`labels(of:)`), each node's operands side by side, in 20 bytes a node:
/// an object and an array of 40-byte nodes per condition were a tenth of a big
/// shop's price book.
package struct ConditionLabel: Sendable {
    /// What a part of a condition is.
    package enum Kind: Sendable {
        case and, or, not
        /// A comparison, and the quote field it reads.
        case comparison(ConditionField)
    }

    /// One part: what it is, where it is written, and where its operands lie, in
    /// 20 bytes.
    private struct Node: Sendable {
        let span: SourceSpan
        let firstOperand: Int32
        /// The tag in bits 0 to 3, the operand count (at most 2) in bits 4 to 7, and
        /// above them the user attribute's name plus one (0 for none): four bytes
        /// where the three apart took eight.
        private let packed: UInt32

        init(span: SourceSpan, firstOperand: Int32, userName: Int32, tag: Tag, operandCount: UInt8) {
            self.span = span
            self.firstOperand = firstOperand
            packed = UInt32(tag.rawValue & 15) | UInt32(operandCount & 15) << 4 | UInt32(truncatingIfNeeded: userName &+ 1) << 8
        }

        var tag: Tag { Tag(rawValue: UInt8(packed & 15)) ?? .and }
        var operandCount: Int { Int(packed >> 4 & 15) }
        /// A user attribute's name, as an index into `Table.userNames`; else -1.
        var userName: Int32 { Int32(packed >> 8) - 1 }
    }

    /// What a node is, in one byte: `Kind` without the attribute's name.
    private enum Tag: UInt8, Sendable {
        case and, or, not, bundle, region, channel, currency, coins, list, user
    }

    /// The labels of a rule set's conditions, in one array.
    private final class Table: Sendable {
        let nodes: [Node]
        /// The user attributes the comparisons read, each once.
        let userNames: [String]

        init(nodes: [Node], userNames: [String]) {
            self.nodes = nodes
            self.userNames = userNames
        }
    }

    private let table: Table
    private let node: Int32

    /// What the part is.
    package var kind: Kind {
        let part = table.nodes[Int(node)]
        switch part.tag {
        case .and: return .and
        case .or: return .or
        case .not: return .not
        case .bundle: return .comparison(.bundle)
        case .region: return .comparison(.region)
        case .channel: return .comparison(.channel)
        case .currency: return .comparison(.currency)
        case .coins: return .comparison(.coins)
        case .list: return .comparison(.list)
        case .user:
            let names = table.userNames
            return .comparison(.user(names.indices.contains(Int(part.userName)) ? names[Int(part.userName)] : ""))
        }
    }

    /// Where the part is written in the rule files.
    package var span: SourceSpan { table.nodes[Int(node)].span }
    /// The operands of `and`, `or` and `not`, in order; empty for a comparison.
    package var operands: [ConditionLabel] {
        let part = table.nodes[Int(node)]
        return (0..<Int32(part.operandCount)).map { ConditionLabel(table: table, node: part.firstOperand + $0) }
    }

    private init(table: Table, node: Int32) {
        self.table = table
        self.node = node
    }

    /// Labels each of `conditions` (nil for none), every one in one table of the
    /// exact size.
    static func labels(of conditions: [Condition?]) -> [ConditionLabel?] {
        var nodes: [Node] = []
        nodes.reserveCapacity(conditions.reduce(0) { $0 + ($1.map(count) ?? 0) })
        var userNames: [String] = []
        var userNumbers: [String: Int32] = [:]
        var roots: [Int32?] = []
        roots.reserveCapacity(conditions.count)
        for condition in conditions {
            guard let condition else {
                roots.append(nil)
                continue
            }
            let root = nodes.count
            roots.append(Int32(truncatingIfNeeded: root))
            nodes.append(Node(span: condition.span, firstOperand: 0, userName: -1, tag: .and, operandCount: 0))
            place(condition, at: root, in: &nodes) { name in
                if let number = userNumbers[name] { return number }
                let number = Int32(truncatingIfNeeded: userNames.count)
                userNames.append(name)
                userNumbers[name] = number
                return number
            }
        }
        let table = Table(nodes: nodes, userNames: userNames)
        return roots.map { root in root.map { ConditionLabel(table: table, node: $0) } }
    }

    /// How many parts `condition` has, itself included.
    private static func count(_ condition: Condition) -> Int {
        switch condition.kind {
        case .and(let a, let b), .or(let a, let b): 1 + count(a) + count(b)
        case .not(let a): 1 + count(a)
        default: 1
        }
    }

    /// Writes `condition` into `nodes[index]`, its operands into new nodes side by
    /// side; `number` numbers a user attribute's name.
    private static func place(_ condition: Condition, at index: Int, in nodes: inout [Node],
                              number: (String) -> Int32) {
        let tag: Tag
        var userName: Int32 = -1
        let operands: [Condition]
        switch condition.kind {
        case .and(let a, let b): (tag, operands) = (.and, [a, b])
        case .or(let a, let b): (tag, operands) = (.or, [a, b])
        case .not(let a): (tag, operands) = (.not, [a])
        case .bundle: (tag, operands) = (.bundle, [])
        case .region: (tag, operands) = (.region, [])
        case .channel: (tag, operands) = (.channel, [])
        case .currency: (tag, operands) = (.currency, [])
        case .coins: (tag, operands) = (.coins, [])
        case .list: (tag, operands) = (.list, [])
        case .userBool(let name, _), .userInt(let name, _, _), .userDate(let name, _, _), .userValue(let name, _),
             .userValueExcluded(let name, _):
            (tag, operands) = (.user, [])
            userName = number(name)
        }
        let first = nodes.count
        nodes[index] = Node(span: condition.span, firstOperand: Int32(truncatingIfNeeded: first), userName: userName,
                            tag: tag, operandCount: UInt8(truncatingIfNeeded: operands.count))
        for operand in operands {
            nodes.append(Node(span: operand.span, firstOperand: 0, userName: -1, tag: .and, operandCount: 0))
        }
        for (offset, operand) in operands.enumerated() { place(operand, at: first + offset, in: &nodes, number: number) }
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
