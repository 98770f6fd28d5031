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
