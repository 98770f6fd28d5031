import CoinageSyntax
import CoinageTestSupport
import Testing

/// Texts made from the grammar are texts the parser reads (the grammar asks for
/// nothing the parser refuses), and near them the two agree.
@Suite("Grammar: sentences made from the grammar", .timeLimit(.minutes(10)))
struct GrammarSentenceTests {
    static let sentenceCount = 4_000
    /// Past `sentenceCount`, sentences go on being made (and checked) until every
    /// choice of the grammar has been made once, up to this many: a fixed seed
    /// meets a rare choice by luck, and each rule the grammar gains moves the luck.
    static let maximumSentenceCount = 20_000
    static let seed: UInt64 = 0x00C0_1A6E_6EA4_3A12

    @Test("thousands of sentences of the grammar lex to their tokens and parse without a diagnostic")
    func sentencesParse() throws {
        let grammar = try GrammarDocument.grammar()
        let lexical = LexicalMatcher(grammar: grammar)
        let recognizer = GrammarRecognizer(grammar: grammar, lexical: lexical)
        var generator = SentenceGenerator(grammar: grammar, lexical: lexical, seed: Self.seed)
        var failures: [String] = []
        var tokenCount = 0
        let possible = SentenceGenerator.possibleChoices(grammar)
        for number in 0..<Self.maximumSentenceCount {
            if number >= Self.sentenceCount, possible.isSubset(of: generator.coverage) { break }
            let pieces = generator.sentence()
            let sentence = SentenceRenderer.render(pieces, random: &generator.random)
            let source = SourceFile(id: SourceFileID(0), path: "sentence\(number).coin", text: sentence.text)
            let tokens = Lexer.tokenize(source).tokens
            tokenCount += sentence.tokens.count
            if tokens.dropLast().map(\.text) != sentence.tokens {
                failures.append("sentence \(number) does not lex to its own tokens:\n\(sentence.text)\n"
                    + "made of:  \(sentence.tokens)\nlexed as: \(tokens.dropLast().map(\.text))")
                continue
            }
            let result = Parser.parse(source)
            if !result.diagnostics.isEmpty {
                let messages = result.diagnostics.map { "\(source.location(of: $0.span.start)): \($0.code.rawValue) \($0.message)" }
                failures.append("sentence \(number) has syntax diagnostics:\n\(sentence.text)\n\(messages.joined(separator: "\n"))")
                continue
            }
            if !recognizer.accepts(tokens) {
                failures.append("sentence \(number) is not recognized by the grammar it was made from:\n\(sentence.text)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(Self.sentenceCount) sentences failed; the first:\n\(failures.first ?? "")")
        #expect(tokenCount > Self.sentenceCount * 10, "the sentences are too small to test much: \(tokenCount) tokens")

        let missing = possible.subtracting(generator.coverage)
        let named = missing.map { "\(SentenceGenerator.ruleName(of: $0.node, in: grammar)) (node \($0.node), branch \($0.branch))" }
        #expect(missing.isEmpty, "the sentences never made these choices: \(named.sorted())")
    }

    @Test("the same seed makes the same sentences")
    func sentencesAreDeterministic() throws {
        let grammar = try GrammarDocument.grammar()
        func firstSentences() -> [String] {
            var generator = SentenceGenerator(grammar: grammar, lexical: LexicalMatcher(grammar: grammar), seed: Self.seed)
            return (0..<20).map { _ in
                let pieces = generator.sentence()
                return SentenceRenderer.render(pieces, random: &generator.random).text
            }
        }
        #expect(firstSentences() == firstSentences())
    }

    // MARK: - Near misses

    // On texts one edit away from a sentence, the grammar and the parser agree: what
    // one reads cleanly the other accepts. Sentences alone test one direction and
    // the repository's files the other; near misses test both at the edges, where a
    // grammar drifts from a parser.

    static let nearMissSentenceCount = 500
    static let editsPerSentence = 6
    static let nearMissSeed: UInt64 = 0x0BAD_C0DE_5EED_0001

    @Test("on thousands of one-edit variants of sentences, the grammar accepts exactly what the parser reads cleanly")
    func nearMissesAgree() throws {
        let grammar = try GrammarDocument.grammar()
        let lexical = LexicalMatcher(grammar: grammar)
        let recognizer = GrammarRecognizer(grammar: grammar, lexical: lexical)
        var generator = SentenceGenerator(grammar: grammar, lexical: lexical, seed: Self.nearMissSeed)
        let pool = grammar.keywords.sorted() + Array(grammar.literalAlternatives(of: "PUNCTUATION") ?? []).sorted()
            + ["5", "4.99", "20%", "DE", "USD", "Europe/Berlin", "x", "2026-11-27", "2026-11-27T18:00", "18:00", "\"s\""]
        var parserOnly: [String] = []
        var grammarOnly: [String] = []
        var bothAccept = 0
        var variants = 0
        for number in 0..<Self.nearMissSentenceCount {
            let pieces = generator.sentence()
            let sentence = SentenceRenderer.render(pieces, random: &generator.random)
            let bytes = Array(sentence.text.utf8)
            let tokens = Array(Lexer.tokenize(SourceFile(id: SourceFileID(0), path: "s.coin", bytes: bytes)).tokens.dropLast())
            guard !tokens.isEmpty else { continue }
            for _ in 0..<Self.editsPerSentence {
                let (variant, edit) = Self.edit(bytes, tokens, pool: pool, random: &generator.random)
                let source = SourceFile(id: SourceFileID(0), path: "variant\(number).coin", bytes: variant)
                let diagnostics = Parser.parse(source).diagnostics
                let fits = recognizer.accepts(Lexer.tokenize(source).tokens)
                variants += 1
                let shown = "\(edit) in sentence \(number):\n\(String(decoding: variant, as: UTF8.self))"
                if diagnostics.isEmpty && !fits {
                    parserOnly.append(shown)
                } else if !diagnostics.isEmpty && fits {
                    let messages = diagnostics.map { "\(source.location(of: $0.span.start)): \($0.code.rawValue) \($0.message)" }
                    grammarOnly.append(shown + "\n" + messages.joined(separator: "\n"))
                } else if fits {
                    bothAccept += 1
                }
            }
        }
        #expect(parserOnly.isEmpty, "\(parserOnly.count) variants parse cleanly but do not fit the grammar; the first:\n\(parserOnly.first ?? "")")
        #expect(grammarOnly.isEmpty, "\(grammarOnly.count) variants fit the grammar but do not parse cleanly; the first:\n\(grammarOnly.first ?? "")")
        // Both outcomes must be common, or the test says little about the edges.
        #expect(bothAccept > variants / 20 && bothAccept < variants * 19 / 20, "\(bothAccept) of \(variants) variants were accepted")
    }

    /// One random edit of a sentence's text, and what it was.
    static func edit(_ bytes: [UInt8], _ tokens: [Token], pool: [String], random: inout SplitMix64) -> ([UInt8], String) {
        let index = random.below(tokens.count)
        let token = tokens[index]
        let (start, end) = (Int(token.span.start), Int(token.span.end))
        let before = Array(bytes[..<start])
        let after = Array(bytes[end...])
        let text = Array(token.text.utf8)
        switch random.below(7) {
        case 0:
            return (before + after, "`\(token.text)` left out")
        case 1:
            return (before + text + Array(" ".utf8) + text + after, "`\(token.text)` doubled")
        case 2:
            guard index + 1 < tokens.count else { return (before + after, "`\(token.text)` left out") }
            let next = tokens[index + 1]
            let between = Array(bytes[end..<Int(next.span.start)])
            return (before + Array(next.text.utf8) + between + text + Array(bytes[Int(next.span.end)...]),
                    "`\(token.text)` and `\(next.text)` swapped")
        case 3:
            let word = random.pick(pool)
            return (before + Array(word.utf8) + after, "`\(token.text)` replaced by `\(word)`")
        case 4:
            let word = random.pick(pool)
            return (before + Array("\(word) ".utf8) + text + after, "`\(word)` put before `\(token.text)`")
        case 5:
            // Joining lines matters most where the grammar asks for `EOL`, so pick a
            // token that starts a line.
            let starts = tokens.indices.filter { $0 > 0 && tokens[$0].startsLine }
            guard !starts.isEmpty else { return respaced(bytes, tokens, at: index, with: " ") }
            return respaced(bytes, tokens, at: random.pick(starts), with: " ")
        default:
            return respaced(bytes, tokens, at: index, with: random.pick(["\n", "\n  ", "\n\n    "]))
        }
    }

    /// The text with the space before token `index` (comments included) replaced by `gap`.
    private static func respaced(_ bytes: [UInt8], _ tokens: [Token], at index: Int, with gap: String) -> ([UInt8], String) {
        let gapStart = index == 0 ? 0 : Int(tokens[index - 1].span.end)
        return (Array(bytes[..<gapStart]) + Array(gap.utf8) + Array(bytes[Int(tokens[index].span.start)...]),
                "the space before `\(tokens[index].text)` made \(gap.debugDescription)")
    }
}
