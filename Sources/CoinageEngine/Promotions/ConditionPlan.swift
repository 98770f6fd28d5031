import CoinageChecker
import CoinageSyntax

/// The promotions' conditions laid out for the quote's walk: every condition's nodes
/// in one flat array of plain values, their sets in one array of words and their
/// amounts in one array of fractions, so testing a condition follows indices and
/// touches no reference count.
///
/// It is planned from the compiled conditions (`CompiledCondition`) and means
/// exactly what they mean: `truth` below is their `truth`, node for node, and a
/// property test holds the two to the same answers.
struct ConditionPlan: Sendable {
    /// One node: a connective with its operands' nodes, or a comparison.
    struct Node: Hashable, Sendable {
        enum Kind: UInt8, Sendable {
            /// `all` and `any`: `and` and `or` chains flattened, their operands listed
            /// in `children`.
            case all, any, not, item, region, channel, currency, coins, list
            case userBool, userInt, userValue, userValueExcluded
        }

        let kind: Kind
        let op: ComparisonOperator
        /// `not`: the operand's node. A user comparison: the slot.
        let first: Int32
        /// `all`, `any`: the first operand in `children`. A set: its first word in
        /// `words`; `list`: its first amount in `amounts`.
        let second: Int32
        /// `all`, `any`: how many operands. A set: how many words; `list`: how many amounts.
        let count: Int32
        /// The compared value (a bool as 0 or 1).
        let value: Int64
    }

    private(set) var nodes: [Node] = []
    private(set) var children: [Int32] = []
    private(set) var words: [UInt64] = []
    private(set) var amounts: [Fraction?] = []
    /// Each promotion's root node (walk order), -1 without a condition.
    private(set) var roots: [Int32] = []
    /// Each promotion's condition in a cell that lists it (`restRoot(of:root:)`):
    /// the node of what is left to test, -1 when nothing is.
    private(set) var restRoots: [Int32] = []
    /// Every condition that is an `and` of tests of the buyer's facts, as those
    /// tests (`FactTest`); equal lists are stored once.
    private(set) var factTests: [FactTest] = []
    /// Each promotion's condition, and the rest of it (`restRoots`), as fact tests:
    /// the walk's fast path, taken for all but the conditions that are something else.
    private(set) var rootTests: [FactTestSpan] = []
    private(set) var restTests: [FactTestSpan] = []

    init(_ conditions: [CompiledCondition?]) {
        // Equal sets (a market, a list of bundles, written in many conditions) share
        // their words.
        var setStarts: [IndexSet64: Int32] = [:]
        roots = conditions.map { condition in condition.map { plan($0, sharing: &setStarts) } ?? -1 }
        restRoots = conditions.indices.map { restRoot(of: conditions[$0], root: roots[$0]) }
        shareComparisons()
        var spans: [[FactTest]: FactTestSpan] = [:]
        rootTests = roots.map { factTestSpan(of: $0, sharing: &spans) }
        restTests = restRoots.map { factTestSpan(of: $0, sharing: &spans) }
        factTests = factTests.withUnsafeBufferPointer(Array.init)
        // Grown by appending, the arrays hold up to twice what they need for as long
        // as the book lives: a copy of each is its exact size.
        nodes = nodes.withUnsafeBufferPointer(Array.init)
        children = children.withUnsafeBufferPointer(Array.init)
        words = words.withUnsafeBufferPointer(Array.init)
        amounts = amounts.withUnsafeBufferPointer(Array.init)
    }

    /// Gives equal comparisons one node: a big shop writes one market or one list of
    /// bundles in many conditions, and a node each was most of the plan. Nodes are
    /// never changed once added, so a comparison may be the operand of any number of
    /// connectives; each reference (a `not`'s operand, a chain's operands, a root) is
    /// renumbered to the node kept.
    private mutating func shareComparisons() {
        var kept: [Node] = []
        kept.reserveCapacity(nodes.count)
        var number = [Int32](repeating: -1, count: nodes.count)
        var comparisons: [Node: Int32] = [:]
        for (index, node) in nodes.enumerated() {
            switch node.kind {
            case .all, .any, .not:
                number[index] = Int32(truncatingIfNeeded: kept.count)
                kept.append(node)
            default:
                if let existing = comparisons[node] {
                    number[index] = existing
                } else {
                    let new = Int32(truncatingIfNeeded: kept.count)
                    comparisons[node] = new
                    number[index] = new
                    kept.append(node)
                }
            }
        }
        func renumbered(_ node: Int32) -> Int32 { node < 0 ? node : number[Int(node)] }
        for index in kept.indices where kept[index].kind == .not {
            let not = kept[index]
            kept[index] = Node(kind: .not, op: not.op, first: renumbered(not.first), second: not.second, count: not.count,
                               value: not.value)
        }
        nodes = kept
        children = children.map(renumbered)
        roots = roots.map(renumbered)
        restRoots = restRoots.map(renumbered)
    }

    /// The part of a condition left to test in a cell that lists its promotion: an
    /// `and` chain without the operands the cell decides (`CompiledCondition.isDecidedByCell`).
    ///
    /// A cell lists a promotion only where its condition is not false on the cell's
    /// facts, so each operand the cell decides is true there (one false operand makes
    /// the chain false), and the chain holds exactly when the rest does. Any other
    /// condition is left whole.
    private mutating func restRoot(of condition: CompiledCondition?, root: Int32) -> Int32 {
        guard let condition, case .and = condition else { return root }
        let operands = operands(of: condition, joinedBy: .all)
        let chain = nodes[Int(root)]
        let rest = operands.indices.filter { !operands[$0].isDecidedByCell }.map { children[Int(chain.second) + $0] }
        switch rest.count {
        case 0: return -1
        case 1: return rest[0]
        case operands.count: return root
        default:
            let start = Int32(truncatingIfNeeded: children.count)
            children += rest
            return add(.all, second: start, count: Int32(truncatingIfNeeded: rest.count))
        }
    }

    /// Where the fact tests of node `root` lie, added unless an equal list already
    /// is; `nodes` when the node is not an `and` of fact tests or the tests do not fit
    /// a span.
    private mutating func factTestSpan(of root: Int32, sharing spans: inout [[FactTest]: FactTestSpan]) -> FactTestSpan {
        guard let tests = conjunctFactTests(of: root) else { return .nodes }
        if tests.isEmpty { return .empty }
        if let span = spans[tests] { return span }
        guard tests.count <= FactTestSpan.maximumCount, factTests.count <= FactTestSpan.maximumStart else { return .nodes }
        let span = FactTestSpan(start: factTests.count, count: tests.count)
        factTests += tests
        spans[tests] = span
        return span
    }

    /// Lays out `condition`; `setStarts` holds where each set's words already lie.
    private mutating func plan(_ condition: CompiledCondition, sharing setStarts: inout [IndexSet64: Int32]) -> Int32 {
        switch condition {
        case .and: return addChain(.all, operands(of: condition, joinedBy: .all), sharing: &setStarts)
        case .or: return addChain(.any, operands(of: condition, joinedBy: .any), sharing: &setStarts)
        case .not(let a): return add(.not, first: plan(a, sharing: &setStarts))
        case .item(let set): return add(.item, set: set, sharing: &setStarts)
        case .region(let set): return add(.region, set: set, sharing: &setStarts)
        case .channel(let set): return add(.channel, set: set, sharing: &setStarts)
        case .currency(let set): return add(.currency, set: set, sharing: &setStarts)
        case .coins(let op, let value): return add(.coins, op: op, value: value)
        case .list(let op, let perCurrency):
            let start = Int32(truncatingIfNeeded: amounts.count)
            amounts += perCurrency
            return add(.list, op: op, second: start, count: Int32(truncatingIfNeeded: perCurrency.count))
        case .userBool(let slot, let value): return add(.userBool, first: Int32(truncatingIfNeeded: slot), value: value ? 1 : 0)
        case .userInt(let slot, let op, let value), .userDate(let slot, let op, let value):
            return add(.userInt, op: op, first: Int32(truncatingIfNeeded: slot), value: value)
        case .userValue(let slot, let set):
            return add(.userValue, first: Int32(truncatingIfNeeded: slot), set: set, sharing: &setStarts)
        case .userValueExcluded(let slot, let set):
            return add(.userValueExcluded, first: Int32(truncatingIfNeeded: slot), set: set, sharing: &setStarts)
        }
    }

    /// The operands of a chain of `and` (or of `or`), in order, however it nests.
    private func operands(of condition: CompiledCondition, joinedBy kind: Node.Kind) -> [CompiledCondition] {
        switch (condition, kind) {
        case (.and(let a, let b), .all), (.or(let a, let b), .any):
            return operands(of: a, joinedBy: kind) + operands(of: b, joinedBy: kind)
        default: return [condition]
        }
    }

    private mutating func addChain(_ kind: Node.Kind, _ operands: [CompiledCondition],
                                   sharing setStarts: inout [IndexSet64: Int32]) -> Int32 {
        let planned = operands.map { plan($0, sharing: &setStarts) }
        let start = Int32(truncatingIfNeeded: children.count)
        children += planned
        return add(kind, second: start, count: Int32(truncatingIfNeeded: planned.count))
    }

    private mutating func add(_ kind: Node.Kind, first: Int32 = -1, set: IndexSet64,
                              sharing setStarts: inout [IndexSet64: Int32]) -> Int32 {
        let setWords = set.words
        let start: Int32
        if let placed = setStarts[set] {
            start = placed
        } else {
            start = Int32(truncatingIfNeeded: words.count)
            words += setWords
            setStarts[set] = start
        }
        return add(kind, first: first, second: start, count: Int32(truncatingIfNeeded: setWords.count))
    }

    private mutating func add(_ kind: Node.Kind, op: ComparisonOperator = .equal, first: Int32 = -1, second: Int32 = -1,
                              count: Int32 = 0, value: Int64 = 0) -> Int32 {
        nodes.append(Node(kind: kind, op: op, first: first, second: second, count: count, value: value))
        return Int32(truncatingIfNeeded: nodes.count - 1)
    }
}

extension ConditionPlan {
    /// Whether promotion `index`'s condition is true for a quote's cell and buyer
    /// (true without a condition).
    func holds(_ index: Int, _ cell: CellFacts, _ user: borrowing UserFacts) -> Bool {
        var facts = user.inline
        return factsHold(index, rest: false, &facts) ?? nodesHold(index, rest: false, cell, user)
    }

    /// Whether the condition of promotion `index`, listed in a quote's cell, is true
    /// for the quote: only the part the cell leaves open is tested (`restRoots`).
    func restHolds(_ index: Int, _ cell: CellFacts, _ user: borrowing UserFacts) -> Bool {
        var facts = user.inline
        return factsHold(index, rest: true, &facts) ?? nodesHold(index, rest: true, cell, user)
    }

    /// Whether promotion `index`'s whole condition (`holds`), or its rest
    /// (`restHolds`), holds for a buyer, when it is an `and` of fact tests; nil when it
    /// is to be tested node by node (`nodesHold`). `facts` are the request's inline
    /// facts, in a variable (`InlineFacts.fact`).
    // Transparent: the walk is generic over its observer, and there the optimizer
    // declines `@inline(__always)`. The nodes are left to the caller: a call on the
    // plan from here copied the plan before every test (callgrind: about 30
    // instructions a quote).
    @_transparent
    func factsHold(_ index: Int, rest: Bool, _ facts: inout InlineFacts) -> Bool? {
        let span = rest ? restTests[index] : rootTests[index]
        guard span.isNodes else { return factsHold(span, &facts) }
        return nil
    }

    /// Whether promotion `index`'s whole condition, or its rest, holds, node by node.
    func nodesHold(_ index: Int, rest: Bool, _ cell: CellFacts, _ user: borrowing UserFacts) -> Bool {
        nodesHold(rest ? restRoots[index] : roots[index], cell, user)
    }

    /// Whether every fact test of `span` holds.
    @_transparent
    private func factsHold(_ span: FactTestSpan, _ facts: inout InlineFacts) -> Bool {
        var position = span.start
        let end = position + span.count
        while position < end {
            guard factTests[position].holds(&facts) else { return false }
            position += 1
        }
        return true
    }

    /// Whether the condition at node `root` is true, node by node (true for none).
    // Kept out of line: the walk inlines the fact tests, and most conditions are those.
    @inline(never)
    private func nodesHold(_ root: Int32, _ cell: CellFacts, _ user: borrowing UserFacts) -> Bool {
        root < 0 || operand(Int(root), cell, user) == .yes
    }

    /// The truth of node `node`: `CompiledCondition.truth`, on the flat nodes. A chain
    /// of `and` is false when an operand is false, true when all are true, unknown
    /// otherwise, as the nested `and`s it flattens; `or` likewise.
    func truth(_ node: Int, _ cell: CellFacts, _ user: borrowing UserFacts) -> Truth {
        let n = nodes[node]
        switch n.kind {
        case .all: return chain(n, decidedBy: .no, otherwise: .yes, cell, user)
        case .any: return chain(n, decidedBy: .yes, otherwise: .no, cell, user)
        case .not: return truth(Int(n.first), cell, user).negated
        default: return leaf(n, cell, user)
        }
    }

    /// A chain's truth: `decisive` as soon as an operand is, else `otherwise` when
    /// every operand is, else unknown (`all` is decided by a false operand, `any` by
    /// a true one).
    @inline(__always)
    private func chain(_ n: Node, decidedBy decisive: Truth, otherwise: Truth, _ cell: CellFacts,
                       _ user: borrowing UserFacts) -> Truth {
        var result = otherwise
        for position in Int(n.second)..<Int(n.second) + Int(n.count) {
            let truth = operand(Int(children[position]), cell, user)
            if truth == decisive { return decisive }
            if truth == .unknown { result = .unknown }
        }
        return result
    }

    /// An operand of a chain: a comparison tested in place, a connective in a call.
    @inline(__always)
    private func operand(_ node: Int, _ cell: CellFacts, _ user: borrowing UserFacts) -> Truth {
        let n = nodes[node]
        switch n.kind {
        case .all, .any, .not: return truth(node, cell, user)
        default: return leaf(n, cell, user)
        }
    }

    /// A comparison's truth.
    @inline(__always)
    private func leaf(_ n: Node, _ cell: CellFacts, _ user: borrowing UserFacts) -> Truth {
        switch n.kind {
        case .all, .any, .not: return .unknown  // connectives are `truth`'s
        case .item: return cell.item.map { Truth(contains(n, $0)) } ?? .unknown
        case .region: return cell.region.map { Truth(contains(n, $0)) } ?? .unknown
        case .channel: return cell.channel.map { Truth(contains(n, $0)) } ?? .unknown
        case .currency: return cell.currency.map { Truth(contains(n, $0)) } ?? .unknown
        case .coins: return cell.coins.map { Truth(n.op.holds($0, n.value)) } ?? .unknown
        case .list:
            guard let currency = cell.currency, let list = cell.list else { return .unknown }
            guard currency < Int(n.count), let amount = amounts[Int(n.second) + currency] else { return .no }
            return Truth(n.op.holds(Fraction(UInt64(max(0, list))), amount))
        case .userBool: return user[Int(n.first)].map { Truth(($0 != 0) == (n.value != 0)) } ?? .unknown
        case .userInt: return user[Int(n.first)].map { Truth(n.op.holds($0, n.value)) } ?? .unknown
        case .userValue: return user[Int(n.first)].map { Truth(contains(n, Int($0))) } ?? .unknown
        case .userValueExcluded: return user[Int(n.first)].map { Truth(!contains(n, Int($0))) } ?? .unknown
        }
    }

    /// Whether the set of node `n` holds `member`, as `IndexSet64.contains`.
    @inline(__always)
    private func contains(_ n: Node, _ member: Int) -> Bool {
        let word = member >> 6
        guard member >= 0, word < Int(n.count) else { return false }
        return words[Int(n.second) + word] & (1 << UInt64(member & 63)) != 0
    }
}
