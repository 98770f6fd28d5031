/// Decides whether a text fits a lexical rule of the grammar.
///
/// Lexical rules do not recurse, so a match is a walk over the expression that
/// keeps every place where a match can end: exact, with no backtracking limit.
/// Results are kept per rule and text, since a file repeats its names and codes.
final class LexicalMatcher {
    let grammar: EBNFGrammar
    private var cache: [Int: [String: Bool]] = [:]
    private var startCache: [Int: [UInt32: Bool]] = [:]

    init(grammar: EBNFGrammar) {
        self.grammar = grammar
    }

    /// True when all of `text` fits the lexical rule `name`.
    func matches(_ name: String, _ text: String) -> Bool {
        guard let rule = grammar.ruleIndex[name] else { return false }
        return matches(rule: rule, text)
    }

    func matches(rule: Int, _ text: String) -> Bool {
        if let known = cache[rule]?[text] { return known }
        let scalars = text.unicodeScalars.map(\.value)
        // Most tokens a rule is tried on fail at their first character: say so cheaply.
        let result = (scalars.first.map { canStart(rule: rule, with: $0) } ?? true)
            && ends(grammar.ruleBodies[rule], scalars, from: 0).contains(scalars.count)
        cache[rule, default: [:]][text] = result
        return result
    }

    /// False only when no match of the rule can start with `scalar`. Nodes that can
    /// match nothing answer true, so the answer errs only towards trying the match.
    private func canStart(rule: Int, with scalar: UInt32) -> Bool {
        if let known = startCache[rule]?[scalar] { return known }
        func starts(_ node: Int) -> Bool {
            switch grammar.nodes[node] {
            case .literal(let literal): literal.unicodeScalars.first?.value == scalar
            case .characters(let set): set.contains(scalar)
            case .rule(let target): starts(grammar.ruleBodies[target])
            case .layout, .optional, .zeroOrMore: true
            case .sequence(let items): items.first.map(starts) ?? true
            case .choice(let items): items.contains(where: starts)
            case .oneOrMore(let item), .exception(let item, _): starts(item)
            }
        }
        let result = starts(grammar.ruleBodies[rule])
        startCache[rule, default: [:]][scalar] = result
        return result
    }

    /// True when a token with this text fits a single-token node of a syntax rule:
    /// a literal, a lexical rule, or an exception between two of them.
    func matchesToken(node: Int, text: String) -> Bool {
        switch grammar.nodes[node] {
        case .literal(let literal): literal == text
        case .rule(let rule): matches(rule: rule, text)
        case .exception(let item, let excluded): matchesToken(node: item, text: text) && !matchesToken(node: excluded, text: text)
        default: false
        }
    }

    /// Every position where a match of `node` that starts at `start` can end.
    func ends(_ node: Int, _ text: [UInt32], from start: Int) -> Set<Int> {
        switch grammar.nodes[node] {
        case .literal(let literal):
            let wanted = literal.unicodeScalars.map(\.value)
            guard start + wanted.count <= text.count, Array(text[start..<(start + wanted.count)]) == wanted else { return [] }
            return [start + wanted.count]
        case .characters(let set):
            return start < text.count && set.contains(text[start]) ? [start + 1] : []
        case .rule(let rule):
            return ends(grammar.ruleBodies[rule], text, from: start)
        case .layout:
            return [start]
        case .sequence(let items):
            var positions: Set<Int> = [start]
            for item in items {
                positions = Set(positions.flatMap { ends(item, text, from: $0) })
                if positions.isEmpty { break }
            }
            return positions
        case .choice(let items):
            return items.reduce(into: Set<Int>()) { $0.formUnion(ends($1, text, from: start)) }
        case .optional(let item):
            return ends(item, text, from: start).union([start])
        case .zeroOrMore(let item):
            return repeated(item, text, from: [start])
        case .oneOrMore(let item):
            return repeated(item, text, from: ends(item, text, from: start))
        case .exception(let item, let excluded):
            let excludedEnds = ends(excluded, text, from: start)
            return ends(item, text, from: start).subtracting(excludedEnds)
        }
    }

    private func repeated(_ item: Int, _ text: [UInt32], from starts: Set<Int>) -> Set<Int> {
        var reached = starts
        var frontier = Array(starts)
        while let position = frontier.popLast() {
            for end in ends(item, text, from: position) where reached.insert(end).inserted {
                frontier.append(end)
            }
        }
        return reached
    }
}
