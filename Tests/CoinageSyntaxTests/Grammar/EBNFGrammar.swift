/// A grammar in the W3C style of EBNF, as Docs/Language.md writes it.
///
/// Expressions are stored as a flat array of nodes, so that a node's index names it:
/// the sentence generator counts which alternatives it has taken by index.
struct EBNFGrammar {
    /// One node of a rule's expression.
    enum Node: Hashable {
        case literal(String)
        case characters(CharacterSet)
        case rule(Int)
        case layout(LayoutCondition)
        case sequence([Int])
        case choice([Int])
        case optional(Int)
        case zeroOrMore(Int)
        case oneOrMore(Int)
        /// What the first node matches, except what the second matches.
        case exception(Int, Int)
    }

    /// A set of Unicode scalars: `[a-z]`, or `[^#xA]` when negated.
    struct CharacterSet: Hashable {
        var negated: Bool
        var ranges: [ClosedRange<UInt32>]

        func contains(_ scalar: UInt32) -> Bool {
            ranges.contains { $0.contains(scalar) } != negated
        }
    }

    /// The three words of the grammar that say where line breaks go; they match no text.
    enum LayoutCondition: String, CaseIterable, Hashable {
        /// The next token is the first on its line, or the file ends.
        case endOfLine = "EOL"
        /// The next token is on the same line as the one before.
        case sameLine = "SAME_LINE"
        /// The next token, if it starts a line, does not start in the first column.
        case indented = "INDENTED"
    }

    var nodes: [Node] = []
    var ruleNames: [String] = []
    /// The root node of each rule's expression.
    var ruleBodies: [Int] = []
    var ruleIndex: [String: Int] = [:]
    /// Whether each rule is lexical, worked out once: the recognizer asks at every step.
    var lexicalRules: [Bool] = []

    /// Lexical rules have CAPITAL names and describe the text of one token.
    static func isLexical(_ name: String) -> Bool {
        name.contains { $0.isLetter } && !name.contains { $0.isLowercase }
    }

    func isLexical(rule: Int) -> Bool { lexicalRules[rule] }

    func body(of name: String) -> Int? { ruleIndex[name].map { ruleBodies[$0] } }

    /// The direct children of a node.
    func children(of node: Int) -> [Int] {
        switch nodes[node] {
        case .literal, .characters, .rule, .layout: []
        case .sequence(let items), .choice(let items): items
        case .optional(let item), .zeroOrMore(let item), .oneOrMore(let item): [item]
        case .exception(let item, let excluded): [item, excluded]
        }
    }

    /// The rules a rule's expression refers to, in order of first mention.
    func references(ofRule rule: Int) -> [Int] {
        var found: [Int] = []
        var stack = [ruleBodies[rule]]
        while let node = stack.popLast() {
            if case .rule(let target) = nodes[node], !found.contains(target) { found.append(target) }
            stack.append(contentsOf: children(of: node).reversed())
        }
        return found
    }

    /// Every literal of the syntax rules that is a word (`"bundle"`, not `":"`).
    var keywords: Set<String> {
        var words: Set<String> = []
        for rule in ruleNames.indices where !isLexical(rule: rule) {
            var stack = [ruleBodies[rule]]
            while let node = stack.popLast() {
                if case .literal(let text) = nodes[node], text.first?.isLetter == true { words.insert(text) }
                stack.append(contentsOf: children(of: node))
            }
        }
        return words
    }

    /// The alternatives of a rule whose body is a choice of literals (`RESERVED`).
    func literalAlternatives(of name: String) -> Set<String>? {
        guard let body = body(of: name), case .choice(let items) = nodes[body] else { return nil }
        var texts: Set<String> = []
        for item in items {
            guard case .literal(let text) = nodes[item] else { return nil }
            texts.insert(text)
        }
        return texts
    }
}

/// Why a grammar could not be read, or is not well formed.
struct EBNFError: Error, CustomStringConvertible {
    let description: String
}

/// The checks that make a grammar fit for the tests: every rule used, the two
/// parts kept apart, and nothing the recognizer cannot handle.
extension EBNFGrammar {
    /// Every problem found, in words; empty for a well-formed grammar.
    func problems(roots: [String]) -> [String] {
        var problems: [String] = []
        for root in roots where ruleIndex[root] == nil { problems.append("the grammar has no rule `\(root)`") }
        let used = reachableRules(from: roots.compactMap { ruleIndex[$0] })
        for rule in ruleNames.indices where !used.contains(rule) {
            problems.append("rule `\(ruleNames[rule])` is defined but never used")
        }
        for rule in ruleNames.indices {
            problems += partProblems(rule)
        }
        problems += lexicalCycles()
        problems += leftRecursion()
        return problems
    }

    private func reachableRules(from roots: [Int]) -> Set<Int> {
        var seen = Set(roots)
        var stack = roots
        while let rule = stack.popLast() {
            for target in references(ofRule: rule) where seen.insert(target).inserted { stack.append(target) }
        }
        return seen
    }

    /// A lexical rule describes characters; a syntax rule, tokens.
    private func partProblems(_ rule: Int) -> [String] {
        let name = ruleNames[rule]
        var problems: [String] = []
        var stack = [ruleBodies[rule]]
        while let node = stack.popLast() {
            stack.append(contentsOf: children(of: node))
            switch nodes[node] {
            case .rule(let target) where isLexical(rule: rule) && !isLexical(rule: target):
                problems.append("lexical rule `\(name)` refers to the syntax rule `\(ruleNames[target])`")
            case .layout(let layout) where isLexical(rule: rule):
                problems.append("lexical rule `\(name)` uses the layout word `\(layout.rawValue)`")
            case .characters where !isLexical(rule: rule):
                problems.append("syntax rule `\(name)` uses a character set; only lexical rules may")
            case .exception(let item, let excluded) where !isLexical(rule: rule):
                if !isSingleToken(item) || !isSingleToken(excluded) {
                    problems.append("syntax rule `\(name)` has an exception between more than single tokens")
                }
            default:
                break
            }
        }
        return problems
    }

    /// A literal or a lexical rule: what one token matches.
    func isSingleToken(_ node: Int) -> Bool {
        switch nodes[node] {
        case .literal: true
        case .rule(let target): isLexical(rule: target)
        default: false
        }
    }

    private func lexicalCycles() -> [String] {
        var problems: [String] = []
        for rule in ruleNames.indices where isLexical(rule: rule) {
            if reachableRules(from: references(ofRule: rule)).contains(rule) {
                problems.append("lexical rule `\(ruleNames[rule])` refers to itself; lexical rules must not recurse")
            }
        }
        return problems
    }

    // MARK: - Left recursion

    /// True for nodes that can match no token at all.
    func nullable() -> [Bool] {
        var result = [Bool](repeating: false, count: nodes.count)
        var changed = true
        while changed {
            changed = false
            for node in nodes.indices where !result[node] {
                let value: Bool = switch nodes[node] {
                case .literal, .characters: false
                case .layout, .optional, .zeroOrMore: true
                case .rule(let target): result[ruleBodies[target]]
                case .sequence(let items): items.allSatisfy { result[$0] }
                case .choice(let items): items.contains { result[$0] }
                case .oneOrMore(let item), .exception(let item, _): result[item]
                }
                if value { result[node] = true; changed = true }
            }
        }
        return result
    }

    /// A syntax rule that can reach itself before reading a token would make the
    /// recognizer loop; the grammar's rules use repetition instead.
    private func leftRecursion() -> [String] {
        let canBeEmpty = nullable()
        func leftmostRules(_ node: Int) -> [Int] {
            switch nodes[node] {
            case .literal, .characters, .layout: return []
            case .rule(let target): return isLexical(rule: target) ? [] : [target]
            case .choice(let items): return items.flatMap(leftmostRules)
            case .optional(let item), .zeroOrMore(let item), .oneOrMore(let item), .exception(let item, _):
                return leftmostRules(item)
            case .sequence(let items):
                var found: [Int] = []
                for item in items {
                    found += leftmostRules(item)
                    if !canBeEmpty[item] { break }
                }
                return found
            }
        }
        var problems: [String] = []
        let edges = ruleNames.indices.map { isLexical(rule: $0) ? [] : leftmostRules(ruleBodies[$0]) }
        for rule in ruleNames.indices where !isLexical(rule: rule) {
            var seen: Set<Int> = []
            var stack = edges[rule]
            while let next = stack.popLast() {
                if next == rule {
                    problems.append("syntax rule `\(ruleNames[rule])` is left-recursive")
                    break
                }
                if seen.insert(next).inserted { stack.append(contentsOf: edges[next]) }
            }
        }
        return problems
    }
}
