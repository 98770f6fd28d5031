import Coinage
@testable import CoinageIO
import CoinageSyntax
import CoinageTestSupport
import Foundation
import Testing

/// Mutation testing of the sample shop in `rules/`: every token of every file is
/// deleted in turn, and replaced by a handful of wrong tokens; each mutated rule set
/// is checked as a whole (all the other files unchanged).
///
/// Two things are asserted for every mutant: the checker finishes (a crash would
/// take the test process down), and its result is coherent (a rule set exactly when
/// there is no error, diagnostics capped, every span inside its file, every
/// diagnostic renderable). A mutant that must break the rule set must also get at
/// least one error; which mutants must break is decided from the mutation alone (see
/// `CheckerMutant.mayStayValid`), never from what the checker says.
@Suite("Checker mutation tests")
struct CheckerMutationTests {
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

    /// The names declared by `market NAME:` anywhere in the sample.
    static let marketNames: Set<String> = {
        var names: Set<String> = []
        for file in sample {
            let tokens = Lexer.tokenize(SourceFile(id: SourceFileID(0), path: file.path, bytes: file.bytes)).tokens
            for (index, token) in tokens.enumerated().dropLast() where token.isWord("market") && token.startsLine {
                if tokens[index + 1].kind == .word { names.insert(tokens[index + 1].text) }
            }
        }
        return names
    }()

    static func check(replacing index: Int?, with bytes: [UInt8]) -> CheckResult {
        var sources = SourceMap()
        for (position, file) in sample.enumerated() {
            sources.add(path: file.path, bytes: position == index ? bytes : file.bytes)
        }
        return Checker.check(sources, zones: nil)
    }

    @Test("the unmutated sample shop checks clean")
    func sampleIsClean() {
        #expect(Self.sample.count >= 7, "rules/ was not found next to the package")
        let result = Self.check(replacing: nil, with: [])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map { "\($0.code.rawValue) \($0.message)" })")
        #expect(result.ruleSet != nil)
    }

    @Test("every deleted or replaced token: the checker finishes, and a broken rule set gets an error",
          .timeLimit(.minutes(10)), arguments: samplePaths)
    func mutateEveryToken(path: String) throws {
        let fileIndex = try #require(Self.sample.firstIndex { $0.path == path })
        let original = Self.sample[fileIndex].bytes
        let everyMutant = CheckerMutant.all(of: original, path: path, marketNames: Self.marketNames)
        #expect(everyMutant.count > 50, "\(path) has too few tokens: was the file read?")
        let mutants = TestTier.sample(everyMutant, every: 16)

        var failures: [String] = []
        var tally = Tally()
        let clock = ContinuousClock()
        let started = clock.now
        for mutant in mutants {
            let result = Self.check(replacing: fileIndex, with: mutant.bytes)
            let hasError = result.errorCount > 0
            tally.count(mutant, hasError: hasError)

            if !hasError && !mutant.mayStayValid {
                failures.append("no error for \(mutant)")
            }
            if hasError == (result.ruleSet != nil) {
                failures.append("\(hasError ? "a rule set despite errors" : "no rule set without errors") for \(mutant)")
            }
            if result.diagnostics.count > Limits.maxDiagnostics + 1 {
                failures.append("\(result.diagnostics.count) diagnostics for \(mutant)")
            }
            for diagnostic in result.diagnostics {
                let id = Int(diagnostic.span.file.rawValue)
                guard id < result.sources.files.count else {
                    failures.append("\(diagnostic.code.rawValue) in unknown file \(id) for \(mutant)")
                    continue
                }
                let size = result.sources.files[id].bytes.count
                if diagnostic.span.start > diagnostic.span.end || Int(diagnostic.span.end) > size {
                    failures.append("\(diagnostic.code.rawValue) span \(diagnostic.span.start)..<\(diagnostic.span.end) outside a file of \(size) bytes for \(mutant)")
                }
            }
            if hasError {
                // Rendering reads lines and columns from every span: it must not trap either.
                let text = DiagnosticRenderer(sources: result.sources).render(result.diagnostics, as: .text)
                if text.isEmpty { failures.append("empty rendering for \(mutant)") }
            }
        }
        let elapsed = clock.now - started
        print("CheckerMutationTests \(path): \(tally.summary) in \(elapsed)")
        #expect(failures.isEmpty, "\(failures.count) failing mutants of \(path):\n\(failures.prefix(40).joined(separator: "\n"))")
    }

    // MARK: - Hostile files next to the sample shop

    /// A hostile file added to the sample shop, and the code it must get.
    struct HostileFile: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let code: DiagnosticCode
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ code: DiagnosticCode) {
            self.init(name, Array(text.utf8), code)
        }

        init(_ name: String, _ bytes: [UInt8], _ code: DiagnosticCode) {
            self.name = name
            self.bytes = bytes
            self.code = code
        }
    }

    static func promotion(when condition: String) -> String {
        "promotion hostile {\n  when \(condition)\n  discount 5%\n}\n"
    }

    static let hostileFiles: [HostileFile] = [
        HostileFile("100,000 nested `(`", promotion(when: String(repeating: "(", count: 100_000)), .nestingTooDeep),
        HostileFile("`not` 100,000 times", promotion(when: String(repeating: "not ", count: 100_000) + "coins > 1"), .nestingTooDeep),
        HostileFile("100,000 `(` at the top level", String(repeating: "(", count: 100_000), .unknownDeclaration),
        HostileFile("a 10 MB file", String(repeating: "gift hostile: 1 coin\n", count: 500_000), .fileTooLarge),
        HostileFile("a 400-digit bundle price",
                    "bundle hostile: 70 coins, \(String(repeating: "9", count: 400)) USD\n", .literalTooLarge),
        HostileFile("a 400-digit rate", "rate XAU \(String(repeating: "9", count: 400))\n", .literalTooLarge),
        HostileFile("a 25-digit discount", "promotion hostile {\n  discount 9999999999999999999999999 USD\n}\n", .literalTooLarge),
        HostileFile("a 10,000-character name", "gift \(String(repeating: "a", count: 10_000)): 1 coin\n", .tokenTooLong),
        HostileFile("invalid UTF-8", Array("gift hostile: 1 coin\n".utf8) + [0xFF], .invalidUTF8),
        HostileFile("a NUL byte", Array("gift hostile: 1 coin".utf8) + [0] + Array("\n".utf8), .invalidCharacter),
        HostileFile("only `}`", String(repeating: "}\n", count: 10_000), .unknownDeclaration),
        HostileFile("an unterminated string", "promotion hostile {\n  code \"VIP\n  discount 5%\n}\n", .unterminatedString),
    ]

    @Test("a hostile file next to the sample shop: its diagnostic, a bounded report, no crash",
          .timeLimit(.minutes(10)), arguments: hostileFiles)
    func hostileFile(file: HostileFile) {
        var sources = SourceMap()
        for sample in Self.sample { sources.add(path: sample.path, bytes: sample.bytes) }
        sources.add(path: "rules/hostile.coin", bytes: file.bytes)
        let result = Checker.check(sources, zones: nil)
        #expect(result.diagnostics.contains { $0.code == file.code },
                "\(result.diagnostics.prefix(5).map { "\($0.code.rawValue) \($0.message)" })")
        #expect(result.diagnostics.count <= 3)
        #expect(result.ruleSet == nil)
    }

    @Test("an empty file and a file of comments next to the sample shop change nothing",
          arguments: ["", "# nothing here\n# at all\n", "\n\n"])
    func harmlessFile(text: String) {
        var sources = SourceMap()
        for sample in Self.sample { sources.add(path: sample.path, bytes: sample.bytes) }
        sources.add(path: "rules/empty.coin", text: text)
        let result = Checker.check(sources, zones: nil)
        #expect(result.diagnostics.isEmpty)
        #expect(result.ruleSet != nil)
    }

    @Test("thousands of errors next to the sample shop: at most Limits.maxDiagnostics, then E0009")
    func thousandsOfErrors() {
        var sources = SourceMap()
        for sample in Self.sample { sources.add(path: sample.path, bytes: sample.bytes) }
        // 5,000 syntax errors (`many` is no number), and 5,000 unreadable characters.
        sources.add(path: "rules/errors.coin", text: String(repeating: "gift hostile: many coins\n", count: 5_000))
        sources.add(path: "rules/lexer.coin", text: String(repeating: "@ ", count: 5_000))
        let result = Checker.check(sources, zones: nil)
        #expect(result.diagnostics.count == Limits.maxDiagnostics + 1)
        #expect(result.diagnostics.last?.code == .tooManyDiagnostics)
        #expect(result.diagnostics.filter { $0.code == .tooManyDiagnostics }.count == 1)
        #expect(result.ruleSet == nil)
    }

    /// `Checker.condition` recurses once per `and`/`or`: `Limits.maxConditionTerms`
    /// keeps a 30,000-term chain from reaching it, with one E0008 instead.
    @Test("a condition of 30,000 terms joined by `or`: checked, no crash")
    func longDisjunction() async {
        await #expect(processExitsWith: .success) {
            let bounded = {
                var sources = SourceMap()
                for sample in CheckerMutationTests.sample { sources.add(path: sample.path, bytes: sample.bytes) }
                let condition = "coins > 1" + String(repeating: " or coins > 1", count: 30_000)
                sources.add(path: "rules/hostile.coin", text: CheckerMutationTests.promotion(when: condition))
                return Checker.check(sources, zones: nil).diagnostics.count <= 3
            }()
            exit(bounded ? 0 : 1)
        }
    }

    /// Counts per kind of mutation, for the log.
    struct Tally {
        var mutants = 0
        var withErrors = 0
        var validByKind: [String: Int] = [:]

        mutating func count(_ mutant: CheckerMutant, hasError: Bool) {
            mutants += 1
            if hasError { withErrors += 1 } else { validByKind[mutant.kindLabel, default: 0] += 1 }
        }

        var summary: String {
            let valid = validByKind.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
            return "\(mutants) mutants, \(withErrors) with errors, \(mutants - withErrors) without [\(valid)]"
        }
    }
}

/// One mutation of one token of one file.
struct CheckerMutant: CustomStringConvertible {
    enum Operation { case delete, replace(String) }

    let path: String
    let token: Token
    let location: CoinageSyntax.SourceLocation
    let operation: Operation
    let bytes: [UInt8]
    /// The sample's market names: a region code may stand where a market does.
    let marketNames: Set<String>

    /// The wrong tokens each token is replaced with. Each one is wrong somewhere:
    /// `@` is no token at all, `{` and `}` unbalance a block, the 21-digit number
    /// overflows 64 bits, and the last four are well-formed tokens of the wrong kind
    /// almost everywhere.
    static let replacements = ["@", "}", "{", "999999999999999999999", "\"x\"", "and", "DE", "0.001"]

    /// Optional words whose deletion leaves a complete, valid declaration:
    /// `exclusive` (a clause of its own) and `local` (a window's optional zone).
    static let optionalWords: Set<String> = ["exclusive", "local"]

    /// Whether the mutated rule set may be valid. Decided from the mutation alone:
    /// - deleting a token breaks the file, except an optional word;
    /// - `@`, `{`, `}` and the overflowing number are wrong wherever they stand;
    /// - a string may replace a string (`code "VIP2026"` → `code "x"`), a region code
    ///   a code (`[US, CA, GB]` → `[US, DE, GB]`, `market nordics: SE, NO, DK, DE`;
    ///   zones are not checked with `zones: nil`, so `zone DE` passes), and so may
    ///   stand for a market (`price coins_70 in DE on web`) or for `local` (a zone
    ///   named `DE`); a number may replace a number (`rate JPY 155` → `rate JPY
    ///   0.001`), and `and` may replace `or`: the result is another valid rule set.
    var mayStayValid: Bool {
        switch operation {
        case .delete:
            return token.kind == .word && Self.optionalWords.contains(token.text)
        case .replace(let text):
            switch text {
            case "\"x\"": return token.kind == .string
            case "and": return token.isWord("or")
            case "DE": return token.kind == .code || token.isWord("local") || marketNames.contains(token.text)
            case "0.001": return token.kind == .integer || token.kind == .decimal
            default: return false
            }
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

    /// Every mutation of every token of `bytes` (the end-of-file token excluded).
    static func all(of bytes: [UInt8], path: String, marketNames: Set<String>) -> [CheckerMutant] {
        let source = SourceFile(id: SourceFileID(0), path: path, bytes: bytes)
        let tokens = Lexer.tokenize(source).tokens.filter { $0.kind != .endOfFile }
        var mutants: [CheckerMutant] = []
        for token in tokens {
            let location = source.location(of: token.span.start)
            mutants.append(CheckerMutant(path: path, token: token, location: location, operation: .delete,
                                         bytes: splice(bytes, token.span, with: ""), marketNames: marketNames))
            for text in replacements where text != token.text {
                mutants.append(CheckerMutant(path: path, token: token, location: location, operation: .replace(text),
                                             bytes: splice(bytes, token.span, with: text), marketNames: marketNames))
            }
        }
        return mutants
    }

    /// Replaces the bytes of `span` with `text` (see `TokenSplice`).
    static func splice(_ bytes: [UInt8], _ span: SourceSpan, with text: String) -> [UInt8] {
        TokenSplice.replacing(bytes, from: Int(span.start), to: Int(span.end), with: text)
    }
}
