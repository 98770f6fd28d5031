import Coinage
import CoinageFoundation
@testable import CoinageIO
import CoinageSyntax
import CoinageTestSupport
import Foundation
import Testing

/// Golden tests for diagnostics.
///
/// Each case is a pair in `Goldens/Diagnostics/`: `NAME.coin`, whose first line is
/// `# expect: E0103` (the exact set of codes the file must produce, separated by
/// spaces), and `NAME.txt`, the text rendering of its diagnostics. Set
/// `COINAGE_UPDATE_GOLDENS=1` to rewrite the `.txt` (and `formats/`) files from the
/// current output instead of comparing; the codes are still checked.
enum DiagnosticGoldens {
    static let directory = RepositoryPaths.file("Tests/CoinageTests/Goldens/Diagnostics")

    static let formatsDirectory = directory.appendingPathComponent("formats", isDirectory: true)

    /// The case whose rendering is also checked in json, github and sarif.
    static let formatsCase = "unknown_bundle"

    static var updating: Bool { GoldenFile.isUpdating }

    /// The names (without `.coin`) of every case in the folder, sorted.
    static let caseNames: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".coin") }.map { String($0.dropLast(5)) }.sorted()
    }()

    static func sourceURL(_ name: String) -> URL { directory.appendingPathComponent("\(name).coin") }

    /// The file's bytes: read as bytes, not text, so that a case may hold invalid UTF-8.
    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: sourceURL(name)))
    }

    /// The codes named on the `# expect:` first line, or nil when the line is missing.
    static func expectedCodes(_ bytes: [UInt8]) -> Set<String>? {
        let firstLine = bytes.prefix { $0 != UInt8(ascii: "\n") }
        let text = String(decoding: firstLine, as: UTF8.self)
        let prefix = "# expect:"
        guard text.hasPrefix(prefix) else { return nil }
        return Set(text.dropFirst(prefix.count).split(separator: " ").map(String.init))
    }

    /// Checks the single file as a rule set, shown as `NAME.coin`, and analyses and
    /// lints it when it checks clean, as `coinage check` does, at the instant of its
    /// `# now:` line (no time lints without one). A `NAME.csv` beside it comes along,
    /// shown as `NAME.csv`: the case's price-point file.
    static func check(_ name: String, bytes: [UInt8]) -> CheckResult {
        var sources = SourceMap()
        sources.add(path: "\(name).coin", bytes: bytes)
        if let csv = try? Data(contentsOf: directory.appendingPathComponent("\(name).csv")) {
            sources.add(path: "\(name).csv", bytes: [UInt8](csv))
        }
        return Pipeline.check(sources: sources, zones: SystemTimeZones(), analysis: AnalysisOptions(now: now(bytes))).checked
    }

    /// The instant of a `# now: 2026-12-01T00:00Z` line among the first three lines.
    static func now(_ bytes: [UInt8]) -> Int64? {
        let prefix = "# now: "
        let lines = String(decoding: bytes.prefix(1024), as: UTF8.self).split(separator: "\n").prefix(3)
        return lines.first { $0.hasPrefix(prefix) }.flatMap { InstantParser.parse(String($0.dropFirst(prefix.count))) }
    }

    static func render(_ result: CheckResult, as format: DiagnosticFormat) -> String {
        DiagnosticRenderer(sources: result.sources, color: false).render(result.diagnostics, as: format)
    }

    /// Compares `actual` with the golden file at `url`, or writes it when updating.
    static func compare(_ actual: String, with url: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        GoldenFile.expect(actual, matches: url, label: url.lastPathComponent, sourceLocation: sourceLocation)
    }
}

@Suite("Diagnostic goldens")
struct DiagnosticGoldenTests {
    @Test("each case gives exactly its expected codes and its golden rendering", arguments: DiagnosticGoldens.caseNames)
    func golden(_ name: String) throws {
        let bytes = try DiagnosticGoldens.bytes(name)
        let expected = try #require(DiagnosticGoldens.expectedCodes(bytes), "\(name).coin must start with `# expect: CODE ...`")
        let result = DiagnosticGoldens.check(name, bytes: bytes)
        let actual = Set(result.diagnostics.map(\.code.rawValue))
        #expect(actual == expected, "\(name).coin: expected \(expected.sorted()), got \(result.diagnostics.map(\.code.rawValue))")
        let golden = DiagnosticGoldens.directory.appendingPathComponent("\(name).txt")
        try DiagnosticGoldens.compare(DiagnosticGoldens.render(result, as: .text), with: golden)
    }

    /// Codes no golden file can hold: E0007 and E0009 need inputs too big to keep (they
    /// are built in `DiagnosticLimitTests`), E0105 is reserved but never reported, and
    /// W0105 needs lints too large for a small file (`LintScalingTests` lowers the budget).
    static let codesWithoutGolden: Set<String> = ["E0007", "E0009", "E0105", "W0105"]

    @Test("the goldens cover every code that a small file can produce")
    func coverage() throws {
        var covered: Set<String> = []
        for name in DiagnosticGoldens.caseNames {
            covered.formUnion(DiagnosticGoldens.expectedCodes(try DiagnosticGoldens.bytes(name)) ?? [])
        }
        let missing = DiagnosticCode.allCases.map(\.rawValue)
            .filter { !covered.contains($0) && !Self.codesWithoutGolden.contains($0) }
        #expect(missing.isEmpty, "codes without a golden case: \(missing.joined(separator: " "))")
        #expect(covered.isDisjoint(with: Self.codesWithoutGolden), "a golden now covers \(covered.intersection(Self.codesWithoutGolden).sorted())")
    }

    @Test("one case renders in json, github, gitlab and sarif too", arguments: [DiagnosticFormat.json, .github, .gitlab, .sarif])
    func formats(_ format: DiagnosticFormat) throws {
        let name = DiagnosticGoldens.formatsCase
        let result = DiagnosticGoldens.check(name, bytes: try DiagnosticGoldens.bytes(name))
        #expect(!result.diagnostics.isEmpty)
        let golden = DiagnosticGoldens.formatsDirectory.appendingPathComponent("\(name).\(format.rawValue)")
        try DiagnosticGoldens.compare(DiagnosticGoldens.render(result, as: format), with: golden)
    }

    @Test("five independent mistakes give exactly five diagnostics")
    func fiveIndependentMistakes() throws {
        let name = "five_independent_mistakes"
        let result = DiagnosticGoldens.check(name, bytes: try DiagnosticGoldens.bytes(name))
        #expect(result.diagnostics.count == 5, "\(result.diagnostics.map(\.code.rawValue))")
    }
}

/// The two codes whose inputs are too big to keep as golden files: they are built here.
@Suite("Diagnostic limits")
struct DiagnosticLimitTests {
    @Test("a file over the size limit is refused with E0007")
    func fileTooLarge() {
        var text = "base currency USD\n"
        let padding = "# " + String(repeating: "padding ", count: 15) + "\n"
        while text.utf8.count <= Limits.maxFileBytes { text += padding }
        var sources = SourceMap()
        sources.add(path: "huge.coin", text: text)
        let result = Checker.check(sources, zones: SystemTimeZones())
        // The refused file's `base currency` is never read, but the check stops at the
        // E0007: no E0501 "no base currency" follows.
        #expect(result.diagnostics.map(\.code.rawValue) == ["E0007"])
        let rendered = DiagnosticGoldens.render(result, as: .text)
        #expect(rendered.hasPrefix("""
            huge.coin:1:1: error[E0007]: file is larger than the 8 MiB a rules file may have
              |
            1 | base currency USD
              | ^
              = help: split the rules over several `.coin` files in the directory

            """))
    }

    @Test("after 200 problems, E0009 stops the report and says how many were cut")
    func tooManyDiagnostics() {
        var text = "base currency USD\n"
        for coins in 1...250 { text += "bundle coins_\(coins): \(coins) coins, 0.999 USD\n" }
        var sources = SourceMap()
        sources.add(path: "many.coin", text: text)
        let result = Checker.check(sources, zones: SystemTimeZones())
        let codes = result.diagnostics.map(\.code.rawValue)
        #expect(codes.count == Limits.maxDiagnostics + 1)
        #expect(codes.filter { $0 == "E0401" }.count == Limits.maxDiagnostics)
        #expect(codes.last == "E0009")
        #expect(result.diagnostics.last?.message == "too many problems: 50 more not shown after the first 200")
        // E0009 stands at the first problem left out: line 202 (`coins_201`).
        let rendered = DiagnosticGoldens.render(result, as: .text)
        #expect(rendered.contains("many.coin:202:30: error[E0009]: too many problems: 50 more not shown after the first 200"))
    }

    @Test("the cut keeps the first 200 problems by position, whichever phase found them")
    func cutAfterSorting() {
        // Problems the checker finds (E0403) come first in the file, problems the
        // parser finds (E0202) after them; the parser reports first.
        var text = "base currency USD\n"
        for index in 1...150 { text += "gift g\(index): 0 coins\n" }
        for index in 1...100 { text += "bundel coins_\(index): 70 coins, 0.99 USD\n" }
        var sources = SourceMap()
        sources.add(path: "many.coin", text: text)
        let result = Checker.check(sources, zones: SystemTimeZones())
        let codes = result.diagnostics.map(\.code.rawValue)
        #expect(codes.count == Limits.maxDiagnostics + 1)
        #expect(codes.prefix(150).allSatisfy { $0 == "E0403" })
        #expect(codes.dropFirst(150).prefix(50).allSatisfy { $0 == "E0202" })
        #expect(codes.last == "E0009")
        #expect(result.diagnostics.last?.message == "too many problems: 50 more not shown after the first 200")
    }
}

/// Inputs that used to hang the checker (the lexer stopped advancing and looped,
/// growing memory without bound). Each is also a golden case
/// (`name_starting_with_underscore`, `one_digit_hour`); these tests keep the plain
/// expectation next to the limits.
@Suite("Diagnostics for inputs that used to hang")
struct DiagnosticHangTests {
    static func codes(_ text: String) -> [String] {
        var sources = SourceMap()
        sources.add(path: "hang.coin", text: text)
        return Checker.check(sources, zones: SystemTimeZones()).diagnostics.map(\.code.rawValue)
    }

    @Test("a name starting with `_` gives one diagnostic")
    func underscoreStartingAName() {
        let codes = Self.codes("base currency USD\nbundle _coins_70: 70 coins, 0.99 USD\n")
        #expect(codes == ["E0001"], "\(codes)")
    }

    @Test("a one-digit hour gives one E0006")
    func oneDigitHour() {
        let codes = Self.codes("""
            base currency USD
            bundle coins_700: 700 coins, 9.99 USD
            promotion morning {
              every mon from 9:00 to 12:00
              bonus 10%
            }

            """)
        #expect(codes == ["E0006"])
    }
}
