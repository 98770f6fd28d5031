@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// The cut at `Limits.maxDiagnostics`: it shortens the report and never changes
/// the outcome, it counts what it leaves out exactly, and every path that drops a
/// diagnostic says so.
@Suite struct DiagnosticCapTests {
    /// `count` channels that restate the default level: `count` W0004 warnings.
    static func redundantLevels(_ count: Int) -> String {
        (0..<count).map { "channel c\($0): level 100%\n" }.joined() + "bundle b: 10 coins, 1.00 USD\n"
    }

    static let extra = 50

    @Test("only warnings past the limit: the check still passes, and E0009 is a warning with the exact count")
    func warningsPastTheLimit() throws {
        let result = check(Self.redundantLevels(Limits.maxDiagnostics + Self.extra))
        #expect(result.ruleSet != nil)
        #expect(result.errorCount == 0)
        #expect(result.diagnostics.count == Limits.maxDiagnostics + 1)
        let last = try #require(result.diagnostics.last)
        #expect(last.code == .tooManyDiagnostics)
        #expect(last.severity == .warning)
        #expect(last.message == "too many problems: \(Self.extra) more not shown after the first \(Limits.maxDiagnostics)")
    }

    /// Adding the analysis used to drop the checker's E0009 and cut again over what
    /// was left: with nothing to add, everything past the first 200 vanished silently.
    @Test("adding an empty analysis keeps the cut and its count")
    func addingNothingKeepsTheCut() throws {
        let result = check(Self.redundantLevels(Limits.maxDiagnostics + Self.extra)).adding([])
        #expect(result.ruleSet != nil)
        #expect(result.diagnostics.count == Limits.maxDiagnostics + 1)
        let last = try #require(result.diagnostics.last)
        #expect(last.severity == .warning)
        #expect(last.message == "too many problems: \(Self.extra) more not shown after the first \(Limits.maxDiagnostics)")
    }

    @Test("adding warnings to a cut report counts them all, and stays a warning")
    func addingWarningsCountsThemAll() throws {
        let checked = check(Self.redundantLevels(Limits.maxDiagnostics + 1))
        let span = SourceSpan(file: SourceFileID(0), start: 0, end: 1)
        let added = (0..<3).map { Diagnostic(.unusedRate, "rate \($0) is unused", at: span) }
        let result = checked.adding(added)
        #expect(result.errorCount == 0)
        let last = try #require(result.diagnostics.last)
        #expect(last.severity == .warning)
        #expect(last.message == "too many problems: 4 more not shown after the first \(Limits.maxDiagnostics)")
    }

    @Test("an error left out makes E0009 an error")
    func hiddenErrorIsAnError() throws {
        // The unknown currency comes last in the file, past 250 warnings.
        let result = check(Self.redundantLevels(Limits.maxDiagnostics + Self.extra) + "rate XYZ 2\n")
        #expect(result.ruleSet == nil)
        let last = try #require(result.diagnostics.last)
        #expect(last.code == .tooManyDiagnostics)
        #expect(last.severity == .error)
        #expect(last.message == "too many problems: \(Self.extra + 1) more not shown after the first \(Limits.maxDiagnostics)")
    }

    @Test("past the limit, the analysis keeps errors before warnings and counts the rest")
    func errorsFirstAfterAnalysis() throws {
        let checked = check(Self.redundantLevels(Limits.maxDiagnostics + Self.extra))
        let end = SourceSpan(file: SourceFileID(0), start: 100_000, end: 100_001)
        let result = checked.adding([Diagnostic(.discountGuardBroken, "the guard breaks", at: end)])
        #expect(result.diagnostics.contains { $0.code == .discountGuardBroken })
        let last = try #require(result.diagnostics.last)
        #expect(last.severity == .warning)
        #expect(last.message == "too many problems: \(Self.extra + 1) more not shown after the first \(Limits.maxDiagnostics)")
    }

    /// The parser stops reading a file past the limit: the report says where.
    @Test("a file the parser stopped reading is named in a note of E0009")
    func parserStopIsReported() throws {
        let result = check(String(repeating: "rate EUR oops\n", count: Limits.maxDiagnostics + Self.extra))
        let last = try #require(result.diagnostics.last)
        #expect(last.code == .tooManyDiagnostics)
        #expect(last.severity == .error)
        #expect(last.message == "too many problems: 1 more not shown after the first \(Limits.maxDiagnostics)")
        #expect(last.notes.map(\.message) == ["this file was not read past here: it has more than \(Limits.maxDiagnostics) problems"])
    }

    @Test("the lexer stopping is reported too")
    func lexerStopIsReported() throws {
        let source = SourceFile(id: SourceFileID(0), path: "t.coin", text: String(repeating: "@ ", count: 1_000))
        let parsed = Parser.parse(source)
        #expect(parsed.diagnostics.count == Limits.maxDiagnostics + 2)
        let stop = try #require(parsed.diagnostics.last)
        #expect(stop.code == .tooManyDiagnostics)
        // Where the lexer gave up: just past its 201st problem, the 201st `@`.
        #expect(stop.span.start == UInt32(2 * Limits.maxDiagnostics + 1))
    }
}
