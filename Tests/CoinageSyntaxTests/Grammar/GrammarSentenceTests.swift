import CoinageSyntax
import Testing

/// Texts made from the grammar are texts the parser reads: the grammar asks for
/// nothing the parser refuses.
@Suite("Grammar: sentences made from the grammar", .timeLimit(.minutes(10)))
struct GrammarSentenceTests {
    static let sentenceCount = 3_000
    static let seed: UInt64 = 0x00C0_1A6E_6EA4_3A12

    @Test("thousands of sentences of the grammar lex to their tokens and parse without a diagnostic")
    func sentencesParse() throws {
        let grammar = try GrammarDocument.grammar()
        let lexical = LexicalMatcher(grammar: grammar)
        let recognizer = GrammarRecognizer(grammar: grammar, lexical: lexical)
        var generator = SentenceGenerator(grammar: grammar, lexical: lexical, seed: Self.seed)
        var failures: [String] = []
        var tokenCount = 0
        for number in 0..<Self.sentenceCount {
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

        let missing = SentenceGenerator.possibleChoices(grammar).subtracting(generator.coverage)
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
}
