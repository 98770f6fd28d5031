import CoinageTestSupport
/// A token or a layout word, as a sentence of the grammar is made of.
enum SentencePiece: Equatable {
    case token(String)
    case layout(EBNFGrammar.LayoutCondition)
}

/// One choice a sentence can make: an alternative of a `|`, or how many times an
/// optional or repeated part was taken (0, 1, or 2 for two or more).
struct GrammarChoice: Hashable {
    let node: Int
    let branch: Int
}

/// Makes random sentences of the syntax rules: the tokens of whole files.
///
/// Below `depthBound` nested rules every alternative is equally likely; past it the
/// generator takes the alternatives that end soonest, so each sentence is finite
/// and small. It counts the choices it makes, so a test can ask for all of them.
struct SentenceGenerator {
    let grammar: EBNFGrammar
    var random: SplitMix64
    var tokens: TokenTextGenerator
    let depthBound: Int
    private(set) var coverage: Set<GrammarChoice> = []
    /// The fewest nested rules each node needs to end.
    private let heights: [Int]

    init(grammar: EBNFGrammar, lexical: LexicalMatcher, seed: UInt64, depthBound: Int = 16) {
        self.grammar = grammar
        self.random = SplitMix64(seed: seed)
        self.tokens = TokenTextGenerator(grammar: grammar, lexical: lexical)
        self.depthBound = depthBound
        self.heights = Self.heights(grammar)
    }

    /// The tokens and layout words of one sentence of `root`.
    mutating func sentence(root: String = "file") -> [SentencePiece] {
        var pieces: [SentencePiece] = []
        if let body = grammar.body(of: root) { generate(body, depth: 0, into: &pieces) }
        return pieces
    }

    private mutating func generate(_ node: Int, depth: Int, into pieces: inout [SentencePiece]) {
        let free = depth < depthBound
        switch grammar.nodes[node] {
        case .literal(let text):
            pieces.append(.token(text))
        case .characters:
            break // only in lexical rules, which make single tokens
        case .rule(let rule):
            if grammar.isLexical(rule: rule) {
                pieces.append(.token(tokens.text(forRule: rule, random: &random)))
            } else {
                generate(grammar.ruleBodies[rule], depth: depth + 1, into: &pieces)
            }
        case .layout(let condition):
            pieces.append(.layout(condition))
        case .sequence(let items):
            for item in items { generate(item, depth: depth, into: &pieces) }
        case .choice(let items):
            let shortest = items.map { heights[$0] }.min() ?? 0
            let options = free ? Array(items.indices) : items.indices.filter { heights[items[$0]] == shortest }
            let branch = random.pick(options)
            coverage.insert(GrammarChoice(node: node, branch: branch))
            generate(items[branch], depth: depth, into: &pieces)
        case .optional(let item):
            repeatPart(node, item, count: free && random.oneIn(2) ? 1 : 0, depth: depth, into: &pieces)
        case .zeroOrMore(let item):
            repeatPart(node, item, count: free ? random.below(4) : 0, depth: depth, into: &pieces)
        case .oneOrMore(let item):
            repeatPart(node, item, count: free ? 1 + random.below(3) : 1, depth: depth, into: &pieces)
        case .exception(let item, let excluded):
            pieces.append(.token(tokens.text(forNode: item, except: excluded, random: &random)))
        }
    }

    private mutating func repeatPart(_ node: Int, _ item: Int, count: Int, depth: Int, into pieces: inout [SentencePiece]) {
        coverage.insert(GrammarChoice(node: node, branch: min(count, 2)))
        for _ in 0..<count { generate(item, depth: depth, into: &pieces) }
    }

    /// Every choice the syntax rules offer: what a thorough run must have made.
    static func possibleChoices(_ grammar: EBNFGrammar) -> Set<GrammarChoice> {
        var choices: Set<GrammarChoice> = []
        for rule in grammar.ruleNames.indices where !grammar.isLexical(rule: rule) {
            var stack = [grammar.ruleBodies[rule]]
            while let node = stack.popLast() {
                switch grammar.nodes[node] {
                case .choice(let items): choices.formUnion(items.indices.map { GrammarChoice(node: node, branch: $0) })
                case .optional: choices.formUnion([0, 1].map { GrammarChoice(node: node, branch: $0) })
                case .zeroOrMore: choices.formUnion([0, 1, 2].map { GrammarChoice(node: node, branch: $0) })
                case .oneOrMore: choices.formUnion([1, 2].map { GrammarChoice(node: node, branch: $0) })
                case .exception: continue // one token, made whole
                default: break
                }
                stack.append(contentsOf: grammar.children(of: node))
            }
        }
        return choices
    }

    /// The syntax rule a node belongs to, to name a choice in a message.
    static func ruleName(of node: Int, in grammar: EBNFGrammar) -> String {
        for rule in grammar.ruleNames.indices {
            var stack = [grammar.ruleBodies[rule]]
            while let current = stack.popLast() {
                if current == node { return grammar.ruleNames[rule] }
                stack.append(contentsOf: grammar.children(of: current))
            }
        }
        return "?"
    }

    /// The fewest nested rules each node needs to end, found by iterating to a fixed point.
    private static func heights(_ grammar: EBNFGrammar) -> [Int] {
        let unknown = Int.max / 4
        var heights = [Int](repeating: unknown, count: grammar.nodes.count)
        var changed = true
        while changed {
            changed = false
            for node in grammar.nodes.indices {
                let height: Int = switch grammar.nodes[node] {
                case .literal, .characters, .layout, .optional, .zeroOrMore: 0
                case .rule(let rule): grammar.isLexical(rule: rule) ? 0 : 1 + heights[grammar.ruleBodies[rule]]
                case .sequence(let items): items.map { heights[$0] }.max() ?? 0
                case .choice(let items): items.map { heights[$0] }.min() ?? 0
                case .oneOrMore(let item): heights[item]
                case .exception: 0
                }
                if height < heights[node] { heights[node] = height; changed = true }
            }
        }
        return heights
    }
}

/// A sentence of the grammar written out as the text of a rules file.
struct RenderedSentence {
    let text: String
    /// The tokens the text was made of, in order: what the lexer must read back.
    let tokens: [String]
}

/// Writes the tokens of a sentence as source text, choosing the spaces between them.
///
/// Where the grammar says `EOL` a line ends; where it says `SAME_LINE` none does;
/// elsewhere a line sometimes ends, and the next line starts in the first column
/// unless the grammar says `INDENTED`. Comments, blank lines, tabs, CRLF line ends
/// and a byte-order mark come now and then, since the grammar says they may.
enum SentenceRenderer {
    /// Tokens written against the token before them, as in `DE,` or `user.segment`.
    private static let tightBefore: Set<String> = [",", ":", ")", "]", "."]
    /// Tokens written against the token after them, as in `[web` or `user.segment`.
    private static let tightAfter: Set<String> = ["(", "[", "."]

    static func render(_ pieces: [SentencePiece], random: inout SplitMix64) -> RenderedSentence {
        let newline = random.oneIn(8) ? "\r\n" : "\n"
        var text = random.oneIn(16) ? "\u{FEFF}" : ""
        if random.oneIn(8) { text += "# \(comment(&random))\(newline)" }
        var tokens: [String] = []
        var layout: Set<EBNFGrammar.LayoutCondition> = []
        for piece in pieces {
            switch piece {
            case .layout(let condition):
                layout.insert(condition)
            case .token(let token):
                if let previous = tokens.last {
                    text += separator(between: previous, and: token, layout: layout, newline: newline, random: &random)
                }
                text += token
                tokens.append(token)
                layout = []
            }
        }
        if !tokens.isEmpty {
            if random.oneIn(6) { text += "  # \(comment(&random))" }
            if !random.oneIn(6) { text += newline }
        }
        return RenderedSentence(text: text, tokens: tokens)
    }

    private static func separator(between previous: String, and token: String, layout: Set<EBNFGrammar.LayoutCondition>,
                                  newline: String, random: inout SplitMix64) -> String {
        let breaksLine = layout.contains(.endOfLine) || (!layout.contains(.sameLine) && random.oneIn(10))
        guard breaksLine else {
            if tightBefore.contains(token) || tightAfter.contains(previous) {
                return random.oneIn(4) ? " " : ""
            }
            return random.oneIn(8) ? random.pick(["  ", "\t", " \t "]) : " "
        }
        var text = random.oneIn(6) ? "  # \(comment(&random))" : ""
        text += newline
        if random.oneIn(10) { text += random.pick(["", "# \(comment(&random))", "  "]) + newline }
        let indents = layout.contains(.indented) ? ["  ", "    ", "\t"] : ["", "  ", "    ", "\t"]
        return text + random.pick(indents)
    }

    /// A comment's text: anything but a line break, `#` included.
    private static func comment(_ random: inout SplitMix64) -> String {
        random.pick(["note", "# twice", "prix € 5", "}", "\"not a string", "when x == 1", "日本"])
    }
}
