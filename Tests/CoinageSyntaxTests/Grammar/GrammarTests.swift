@testable import CoinageSyntax
import Testing

/// The grammar of Docs/Language.md is well formed, names the words the parser
/// reads, and fits every rules text of the repository that the parser reads cleanly.
@Suite("Grammar in Docs/Language.md", .timeLimit(.minutes(10)))
struct GrammarTests {
    @Test("the grammar block reads, and every rule is defined, used and well formed")
    func grammarIsWellFormed() throws {
        let grammar = try GrammarDocument.grammar()
        let problems = grammar.problems(roots: GrammarDocument.roots)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(grammar.ruleNames.count > 50)
    }

    @Test("the reader refuses a missing rule, an unused rule and left recursion")
    func readerFindsMistakes() throws {
        #expect(throws: EBNFError.self) { try EBNFReader.read("file ::= declaration*") }
        #expect(throws: EBNFError.self) { try EBNFReader.read("file ::= \"a\" ( \"b\"") }
        let unused = try EBNFReader.read("file ::= \"a\"\nSOURCE ::= [a-z]\nextra ::= \"b\"")
        #expect(unused.problems(roots: GrammarDocument.roots) == ["rule `extra` is defined but never used"])
        let recursive = try EBNFReader.read("file ::= list\nlist ::= list \",\" \"a\" | \"a\"\nSOURCE ::= [a-z]")
        #expect(recursive.problems(roots: GrammarDocument.roots) == ["syntax rule `list` is left-recursive"])
    }

    @Test("the grammar names every keyword the parser reads, and no other")
    func keywordsMatchTheParser() throws {
        let grammar = try GrammarDocument.grammar()
        let parserWords = try Self.parserKeywords()
        // Guards the source scan: if the parser's files move or change shape, say so.
        #expect(parserWords.count >= 60, "found only \(parserWords.count) keywords in the parser's sources")
        let missing = parserWords.subtracting(grammar.keywords).sorted()
        let invented = grammar.keywords.subtracting(parserWords).sorted()
        #expect(missing.isEmpty, "the parser reads these words, but the grammar has no such keyword: \(missing)")
        #expect(invented.isEmpty, "the grammar has these keywords, but the parser never reads them: \(invented)")
    }

    @Test("reserved words, declaration keywords and block clause words are the parser's")
    func wordListsMatchTheParser() throws {
        let grammar = try GrammarDocument.grammar()
        #expect(grammar.literalAlternatives(of: "RESERVED") == Parser.reservedWords.words)
        #expect(grammar.firstLiterals(ofRule: "declaration") == Parser.declarationKeywords.words)
        #expect(grammar.firstLiterals(ofRule: "promotion_clause") == Parser.promotionClauses.words)
        #expect(grammar.firstLiterals(ofRule: "test_line") == Parser.testLines)
        #expect(grammar.firstLiterals(ofRule: "expectation") == Parser.expectedMoneyFields.union(["coins", "applied", "not", "error"]))
    }

    @Test("every punctuation token the lexer reads is in PUNCTUATION, and each is one token")
    func punctuationMatchesTheLexer() throws {
        let grammar = try GrammarDocument.grammar()
        let listed = try #require(grammar.literalAlternatives(of: "PUNCTUATION"))
        for text in listed {
            let tokens = Lexer.tokenize(SourceFile(id: SourceFileID(0), path: "p.coin", text: text)).tokens
            #expect(tokens.count == 2 && tokens[0].text == text && tokens[0].kind != .invalid, "`\(text)` is not one token")
        }
        let all = "{ } [ ] ( ) : , . = == != < <= > >="
        let read = Lexer.tokenize(SourceFile(id: SourceFileID(0), path: "p.coin", text: all)).tokens.dropLast()
        #expect(Set(read.map(\.text)) == listed)
    }

    @Test("every .coin file and Docs example that parses cleanly fits the grammar, token by token")
    func cleanFilesFitTheGrammar() throws {
        let grammar = try GrammarDocument.grammar()
        let lexical = LexicalMatcher(grammar: grammar)
        let recognizer = GrammarRecognizer(grammar: grammar, lexical: lexical)
        var failures: [String] = []
        var clean: [String] = []
        var tokenCount = 0
        for sample in try GrammarDocument.samples() {
            let source = SourceFile(id: SourceFileID(0), path: sample.name, bytes: sample.bytes)
            guard Parser.parse(source).diagnostics.isEmpty else { continue }
            clean.append(sample.name)
            let lexer = Lexer.tokenize(source)
            tokenCount += lexer.tokens.count
            for token in lexer.tokens.dropLast() where !lexical.matches(Self.lexicalRule(for: token.kind), token.text) {
                failures.append("\(sample.name) \(source.location(of: token.span.start)): `\(token.text)` does not fit \(Self.lexicalRule(for: token.kind))")
            }
            for comment in lexer.comments where !lexical.matches("COMMENT", comment.text) {
                failures.append("\(sample.name) \(source.location(of: comment.span.start)): comment does not fit COMMENT")
            }
            if !recognizer.accepts(lexer.tokens) {
                let stop = lexer.tokens[min(recognizer.reach(lexer.tokens), lexer.tokens.count - 1)]
                failures.append("\(sample.name) does not fit the grammar; it reads no further than "
                    + "\(stop.description) at \(source.location(of: stop.span.start))")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) problems; the first ones:\n\(failures.prefix(10).joined(separator: "\n"))")
        // The corpus: the sample shop and its tests, the formatter and diagnostic
        // goldens without syntax errors, the fuzz seeds, the CLI fixtures, Docs examples.
        #expect(clean.count >= 100, "only \(clean.count) clean samples were found: \(clean)")
        #expect(clean.contains { $0.hasPrefix("rules/") } && clean.contains { $0.hasPrefix("Docs/") })
        #expect(tokenCount > 10_000)
    }

    /// The lexical rule each kind of token must fit.
    static func lexicalRule(for kind: TokenKind) -> String {
        switch kind {
        case .word: "WORD"
        case .code: "CODE"
        case .integer: "INTEGER"
        case .decimal: "DECIMAL"
        case .percent: "PERCENT"
        case .date: "DATE"
        case .dateTime: "DATE_TIME"
        case .time: "TIME"
        case .string: "STRING"
        case .invalid, .endOfFile: "(none)"
        default: "PUNCTUATION"
        }
    }

    /// The words the parser's sources compare tokens with: the arguments of
    /// `consumeWord`, `expectWord`, `atWord` and `isWord`, `text == "..."`, `case "...":`
    /// and lists of quoted words, plus the parser's word sets themselves.
    static func parserKeywords() throws -> Set<String> {
        var words = Parser.declarationKeywords.words.union(Parser.reservedWords.words).union(Parser.promotionClauses.words)
            .union(Parser.testLines).union(Parser.expectedMoneyFields)
        let calls = try Regex(#"(?:consumeWord|expectWord|atWord|isWord)\("([a-z]+)""#)
        let comparisons = try Regex(#"text == "([a-z]+)""#)
        let cases = try Regex(#"case "([a-z]+)"(?:, "[a-z]+")*:"#)
        let lists = try Regex(#"\[\s*"[a-z]+"(?:\s*,\s*"[a-z]+")*\s*,?\s*\]"#)
        let quoted = try Regex(#""([a-z]+)""#)
        for source in try GrammarDocument.parserSources() {
            for pattern in [calls, comparisons, cases] {
                for match in source.matches(of: pattern) {
                    if let word = match.output[1].substring { words.insert(String(word)) }
                }
            }
            for list in source.matches(of: lists) {
                for match in source[list.range].matches(of: quoted) {
                    if let word = match.output[1].substring { words.insert(String(word)) }
                }
            }
        }
        return words
    }
}

extension EBNFGrammar {
    /// The literals a match of the syntax rule `name` can start with.
    func firstLiterals(ofRule name: String) -> Set<String> {
        guard let body = body(of: name) else { return [] }
        let canBeEmpty = nullable()
        var visiting: Set<Int> = []
        func first(_ node: Int) -> Set<String> {
            switch nodes[node] {
            case .literal(let text): return [text]
            case .characters, .layout: return []
            case .rule(let rule):
                guard !isLexical(rule: rule), visiting.insert(rule).inserted else { return [] }
                defer { visiting.remove(rule) }
                return first(ruleBodies[rule])
            case .choice(let items): return items.reduce(into: Set<String>()) { $0.formUnion(first($1)) }
            case .optional(let item), .zeroOrMore(let item), .oneOrMore(let item), .exception(let item, _):
                return first(item)
            case .sequence(let items):
                var found: Set<String> = []
                for item in items {
                    found.formUnion(first(item))
                    if !canBeEmpty[item] { break }
                }
                return found
            }
        }
        return first(body)
    }
}
