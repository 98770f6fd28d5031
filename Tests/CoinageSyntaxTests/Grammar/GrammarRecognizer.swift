import CoinageSyntax

/// Decides whether a file's tokens, as the real `Lexer` reads them, fit the syntax
/// rules of the grammar.
///
/// For each rule and token position it computes every position where a match can
/// end, and remembers it. For a grammar without left recursion (which
/// `EBNFGrammar.problems` rules out) that is an exact recognizer of the context-free
/// language, ambiguity included: it never commits to one reading the way the
/// recursive-descent parser does, so it describes what the grammar says rather than
/// what the parser does.
final class GrammarRecognizer {
    let grammar: EBNFGrammar
    let lexical: LexicalMatcher
    private var tokens: [Token] = []
    private var memo: [Int: [Int]] = [:]
    private var inProgress: Set<Int> = []

    init(grammar: EBNFGrammar, lexical: LexicalMatcher) {
        self.grammar = grammar
        self.lexical = lexical
    }

    /// True when all of `tokens` (which end with `.endOfFile`) fit the rule `root`.
    func accepts(_ tokens: [Token], root: String = "file") -> Bool {
        guard let rule = grammar.ruleIndex[root], let last = tokens.last, last.kind == .endOfFile else { return false }
        self.tokens = tokens
        memo = [:]
        inProgress = []
        defer { self.tokens = []; memo = [:] }
        return ends(ofRule: rule, from: 0).contains(tokens.count - 1)
    }

    /// How far the longest match of `root` reaches: the index of the first token it
    /// cannot read, for failure messages.
    func reach(_ tokens: [Token], root: String = "file") -> Int {
        guard let rule = grammar.ruleIndex[root] else { return 0 }
        self.tokens = tokens
        memo = [:]
        defer { self.tokens = []; memo = [:] }
        _ = ends(ofRule: rule, from: 0)
        // Every position some rule was tried at was reached by a match of what precedes it.
        let width = tokens.count + 1
        return memo.keys.map { $0 % width }.max() ?? 0
    }

    // Position sets hold one or two positions nearly always: small arrays, kept
    // free of repeats, cost less than hashed sets.

    private func ends(ofRule rule: Int, from position: Int) -> [Int] {
        if grammar.isLexical(rule: rule) {
            return position < tokens.count - 1 && lexical.matches(rule: rule, tokens[position].text) ? [position + 1] : []
        }
        let key = rule * (tokens.count + 1) + position
        if let known = memo[key] { return known }
        // Left recursion is ruled out when the grammar is read; this only keeps a
        // malformed grammar from looping.
        guard inProgress.insert(key).inserted else { return [] }
        let result = ends(grammar.ruleBodies[rule], from: position)
        inProgress.remove(key)
        memo[key] = result
        return result
    }

    private func ends(_ node: Int, from position: Int) -> [Int] {
        switch grammar.nodes[node] {
        case .literal(let text):
            return position < tokens.count - 1 && tokens[position].text == text ? [position + 1] : []
        case .characters:
            return []
        case .rule(let rule):
            return ends(ofRule: rule, from: position)
        case .layout(let condition):
            return holds(condition, before: tokens[position]) ? [position] : []
        case .sequence(let items):
            var positions = [position]
            for item in items {
                var next: [Int] = []
                for start in positions { Self.add(ends(item, from: start), to: &next) }
                positions = next
                if positions.isEmpty { break }
            }
            return positions
        case .choice(let items):
            var positions: [Int] = []
            for item in items { Self.add(ends(item, from: position), to: &positions) }
            return positions
        case .optional(let item):
            var positions = [position]
            Self.add(ends(item, from: position), to: &positions)
            return positions
        case .zeroOrMore(let item):
            return repeated(item, from: [position])
        case .oneOrMore(let item):
            return repeated(item, from: ends(item, from: position))
        case .exception:
            return position < tokens.count - 1 && lexical.matchesToken(node: node, text: tokens[position].text) ? [position + 1] : []
        }
    }

    private func repeated(_ item: Int, from starts: [Int]) -> [Int] {
        var reached = starts
        var frontier = starts
        while let position = frontier.popLast() {
            for end in ends(item, from: position) where !reached.contains(end) {
                reached.append(end)
                frontier.append(end)
            }
        }
        return reached
    }

    private static func add(_ positions: [Int], to set: inout [Int]) {
        for position in positions where !set.contains(position) { set.append(position) }
    }

    /// Whether a layout word holds just before `token`.
    func holds(_ condition: EBNFGrammar.LayoutCondition, before token: Token) -> Bool {
        switch condition {
        case .endOfLine: token.kind == .endOfFile || token.startsLine
        case .sameLine: token.kind != .endOfFile && !token.startsLine
        case .indented: !(token.startsLine && token.atColumnOne)
        }
    }
}
