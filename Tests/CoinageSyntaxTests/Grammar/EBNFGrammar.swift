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
