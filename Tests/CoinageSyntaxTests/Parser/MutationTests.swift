import CoinageSyntax
import CoinageTestSupport
import Foundation
import Testing

/// Mutation testing of the lexer and the parser on the sample shop in `rules/`:
/// every token of every file is deleted in turn, and replaced by each of a set of
/// wrong tokens, and the mutated file is lexed and parsed on its own.
///
/// The parser must always return (a crash takes the test process down, a hang trips
/// the time limit), with a coherent result: tokens in order and inside the file,
/// every diagnostic span inside the file. A mutation that breaks the file's syntax
/// whatever the token it hits (see `ParserMutant.mustBreak`) must get at least one
/// error from the parser alone. The whole rule set, through the checker, is mutated
/// in `CoinageTests/CheckerMutationTests.swift`.
@Suite("Parser mutation tests")
struct MutationTests {
    /// The sample shop, file by file, as `(path relative to the package, bytes)`.
    static let sample: [(path: String, bytes: [UInt8])] = {
        let rules = RepositoryPaths.sampleShop
        let names = (try? FileManager.default.contentsOfDirectory(atPath: rules.path)) ?? []
        return names.filter { $0.hasSuffix(".coin") }.sorted().map { name in
            let data = (try? Data(contentsOf: rules.appendingPathComponent(name))) ?? Data()
            return (path: "rules/" + name, bytes: Array(data))
        }
    }()

    static var samplePaths: [String] { sample.map(\.path) }

    @Test("every sample file lexes and parses without a diagnostic", arguments: samplePaths)
    func sampleParsesClean(path: String) throws {
        let bytes = try #require(Self.sample.first { $0.path == path }?.bytes)
        let result = Parser.parse(SourceFile(id: SourceFileID(0), path: path, bytes: bytes))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map { "\($0.code.rawValue) \($0.message)" })")
        #expect(!result.file.declarations.isEmpty)
    }

    @Test("every deleted or replaced token: the parser returns, and a broken file gets an error",
          .timeLimit(.minutes(10)), arguments: samplePaths)
    func mutateEveryToken(path: String) throws {
        let original = try #require(Self.sample.first { $0.path == path }?.bytes)
        let everyMutant = ParserMutant.all(of: original, path: path)
        #expect(everyMutant.count > 100, "\(path) has too few tokens: was the file read?")
        let mutants = TestTier.sample(everyMutant, every: 8)

        var failures: [String] = []
        var withErrors = 0
        var cleanByKind: [String: Int] = [:]
        let clock = ContinuousClock()
        let started = clock.now
        for mutant in mutants {
            let source = SourceFile(id: SourceFileID(0), path: path, bytes: mutant.bytes)
            failures += Self.lexerProblems(source).map { "\($0) for \(mutant)" }

            let result = Parser.parse(source)
            let hasError = result.diagnostics.contains { $0.severity == .error }
            if hasError { withErrors += 1 } else { cleanByKind[mutant.kindLabel, default: 0] += 1 }
            if !hasError && mutant.mustBreak {
                failures.append("no error for \(mutant)")
            }
            for diagnostic in result.diagnostics where diagnostic.span.file != source.id
                || diagnostic.span.start > diagnostic.span.end || Int(diagnostic.span.end) > source.bytes.count {
                failures.append("\(diagnostic.code.rawValue) span \(diagnostic.span) outside the file for \(mutant)")
            }
            // A sample file is small: a handful of mistakes never makes a flood.
            if result.diagnostics.count > 20 {
                failures.append("\(result.diagnostics.count) diagnostics for \(mutant)")
            }
        }
        let elapsed = clock.now - started
        let clean = cleanByKind.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        print("MutationTests \(path): \(mutants.count) mutants, \(withErrors) with errors, \(mutants.count - withErrors) without [\(clean)] in \(elapsed)")
        #expect(failures.isEmpty, "\(failures.count) failing mutants of \(path):\n\(failures.prefix(40).joined(separator: "\n"))")
    }

    @Test("every prefix of a sample file that ends at or inside a token: the parser returns",
          .timeLimit(.minutes(10)), arguments: samplePaths)
    func truncateAfterEveryToken(path: String) throws {
        let original = try #require(Self.sample.first { $0.path == path }?.bytes)
        let source = SourceFile(id: SourceFileID(0), path: path, bytes: original)
        var cuts: Set<Int> = []
        for token in Lexer.tokenize(source).tokens where token.kind != .endOfFile {
            cuts.insert(Int(token.span.end))
            if token.span.end - token.span.start > 1 { cuts.insert(Int(token.span.start) + 1) }
            if token.span.end - token.span.start > 2 { cuts.insert(Int(token.span.end) - 1) }
        }
        var failures: [String] = []
        var clean = 0
        let tried = TestTier.sample(cuts.sorted(), every: 4)
        for cut in tried {
            let prefix = SourceFile(id: SourceFileID(0), path: path, bytes: Array(original[..<cut]))
            failures += Self.lexerProblems(prefix).map { "\($0) for \(path) cut at byte \(cut)" }
            let result = Parser.parse(prefix)
            if result.diagnostics.isEmpty { clean += 1 }
            for diagnostic in result.diagnostics where Int(diagnostic.span.end) > cut {
                failures.append("\(diagnostic.code.rawValue) outside the file for \(path) cut at byte \(cut)")
            }
        }
        print("MutationTests \(path): \(tried.count) of \(cuts.count) truncations, \(tried.count - clean) with errors, \(clean) without")
        #expect(failures.isEmpty, "\(failures.prefix(40).joined(separator: "\n"))")
    }

    @Test("every sample file with CRLF line endings parses without a diagnostic", arguments: samplePaths)
    func windowsLineEndings(path: String) throws {
        let original = try #require(Self.sample.first { $0.path == path }?.bytes)
        var crlf: [UInt8] = []
        for byte in original {
            if byte == 0x0A { crlf.append(0x0D) }
            crlf.append(byte)
        }
        let result = Parser.parse(SourceFile(id: SourceFileID(0), path: path, bytes: crlf))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map { "\($0.code.rawValue) \($0.message)" })")
        let plain = Parser.parse(SourceFile(id: SourceFileID(0), path: path, bytes: original))
        #expect(result.file.declarations.count == plain.file.declarations.count)
        #expect(result.file.comments.map(\.text) == plain.file.comments.map(\.text))
    }

    /// What is wrong with the lexer's output for `source`: tokens out of order,
    /// overlapping or outside the file, or no final `.endOfFile`.
    static func lexerProblems(_ source: SourceFile) -> [String] {
        let lexer = Lexer.tokenize(source)
        var problems: [String] = []
        if lexer.tokens.last?.kind != .endOfFile { problems.append("no end-of-file token") }
        if lexer.tokens.dropLast().contains(where: { $0.kind == .endOfFile }) { problems.append("an end-of-file token before the end") }
        var previousEnd: UInt32 = 0
        for token in lexer.tokens {
            if token.span.start < previousEnd || token.span.end > UInt32(source.bytes.count) || token.span.start > token.span.end {
                problems.append("token `\(token.text)` at \(token.span.start)..<\(token.span.end) out of order or outside the file")
            }
            previousEnd = token.span.end
        }
        for diagnostic in lexer.diagnostics where Int(diagnostic.span.end) > source.bytes.count {
            problems.append("lexer \(diagnostic.code.rawValue) outside the file")
        }
        return problems
    }
}

/// One mutation of one token of one file, for the parser alone.
struct ParserMutant: CustomStringConvertible {
    enum Operation { case delete, replace(String) }

    let path: String
    let token: Token
    let location: CoinageSyntax.SourceLocation
    let operation: Operation
    let bytes: [UInt8]

    /// Replacements that break the file's syntax wherever they stand:
    /// - `@`, `-` and `€` are no token at all (E0001), `1__0` a malformed number
    ///   (E0003), `"open` an unterminated string (E0002);
    /// - `{ } ( ) [ ]` each leave the file unbalanced, and every bracket of the
    ///   grammar comes in a pair;
    /// - the 21-digit number overflows 64 bits (E0004) wherever a number is read,
    ///   and is a syntax error anywhere else; likewise `2026-02-30` (E0005) and
    ///   `25:00` (E0006) where a date or a time is read.
    static let breakingReplacements = [
        "@", "-", "€", "1__0", "\"open",
        "{", "}", "(", ")", "[", "]",
        "999999999999999999999", "2026-02-30", "25:00",
    ]

    /// Well-formed tokens that are wrong almost everywhere but may form another valid
    /// file (`or` → `and`, `"VIP2026"` → `"x"`, a region code → `DE`, `, ` between
    /// two list items, ...): only "the parser returns" is asserted for them.
    static let otherReplacements = ["\"x\"", "and", "DE", "0.001", ",", "=="]

    /// Optional words whose deletion leaves a complete, valid declaration:
    /// `exclusive` (a clause of its own) and `local` (a window's optional zone).
    static let optionalWords: Set<String> = ["exclusive", "local"]

    /// Whether the mutation must give a syntax error: deleting any token but an
    /// optional word (every other token of the grammar is required where it
    /// stands, or its deletion leaves a dangling keyword or separator), or one of
    /// the breaking replacements.
    var mustBreak: Bool {
        switch operation {
        case .delete: !(token.kind == .word && Self.optionalWords.contains(token.text))
        case .replace(let text): Self.breakingReplacements.contains(text)
        }
    }

    var kindLabel: String {
        switch operation {
        case .delete: "delete `\(token.text)`"
        case .replace(let text): "\(token.kind) → \(text)"
        }
    }

    var description: String {
        let what: String
        switch operation {
        case .delete: what = "deleting"
        case .replace(let text): what = "replacing with `\(text)`"
        }
        let mutatedLine = SourceFile(id: SourceFileID(0), path: path, bytes: bytes).lineText(location.line)
        return "\(path):\(location.line):\(location.column) \(what) `\(token.text)` → `\(mutatedLine)`"
    }

    /// Every deletion, and half the replacements, of every token of `bytes` (the
    /// end-of-file token excluded).
    static func all(of bytes: [UInt8], path: String) -> [ParserMutant] {
        let source = SourceFile(id: SourceFileID(0), path: path, bytes: bytes)
        let tokens = Lexer.tokenize(source).tokens.filter { $0.kind != .endOfFile }
        var mutants: [ParserMutant] = []
        let replacements = breakingReplacements + otherReplacements
        for (index, token) in tokens.enumerated() {
            let location = source.location(of: token.span.start)
            mutants.append(ParserMutant(path: path, token: token, location: location, operation: .delete,
                                        bytes: splice(bytes, token.span, with: "")))
            // Every token is deleted; to keep the run short, each token gets every
            // other replacement, alternating, so that each replacement still meets
            // every kind of token (the checker test replaces every token with its set).
            for (number, text) in replacements.enumerated() where (index + number) % 2 == 0 && text != token.text {
                mutants.append(ParserMutant(path: path, token: token, location: location, operation: .replace(text),
                                            bytes: splice(bytes, token.span, with: text)))
            }
        }
        return mutants
    }

    /// Replaces the bytes of `span` with `text` (see `TokenSplice`).
    static func splice(_ bytes: [UInt8], _ span: SourceSpan, with text: String) -> [UInt8] {
        TokenSplice.replacing(bytes, from: Int(span.start), to: Int(span.end), with: text)
    }
}
