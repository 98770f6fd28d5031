import CoinageCLI
@testable import CoinageIO
import CoinageSyntax
import Foundation
import Testing

/// Control characters from rules files, file names and arguments reach a terminal
/// only in their visible form (`\u{1B}`), with carets still under the right
/// column; JSON output stays valid and carries them as JSON escapes.
@Suite struct TerminalEscapeTests {
    /// A window-title sequence, a bell and a clear-screen, as a comment could hold them.
    static let hostile = "\u{1B}]0;pwned\u{7}\u{1B}[2J"
    static let hostileShown = #"\u{1B}]0;pwned\u{7}\u{1B}[2J"#

    static func hasRawControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) }
    }

    @Test func visibleFormOfEachControlCharacter() {
        #expect(TerminalText.visible("a\tb\nc") == "a\tb\nc")
        #expect(TerminalText.visible("\u{1B}[2J\r\u{0}\u{7F}\u{9B}") == #"\u{1B}[2J\u{D}\u{0}\u{7F}\u{9B}"#)
        #expect(TerminalText.visible(#"already \u{1B} shown, größe ✓"#) == #"already \u{1B} shown, größe ✓"#)
        #expect(TerminalText.width(of: "\u{1B}") == 6 && TerminalText.width(of: "x") == 1)
    }

    @Test func aCommentIsShownVisiblyUnderItsDiagnostic() throws {
        let rules = try ScratchRules()
        defer { rules.remove() }
        try rules.write("shop.coin", "base currency USD\nbundle coins_70: 70 coins, 0.999 USD # \(Self.hostile)\n")
        let result = runCoinage(["check", rules.path])
        #expect(result.status == .failure)
        #expect(!Self.hasRawControl(result.out))
        #expect(result.out.contains("2 | bundle coins_70: 70 coins, 0.999 USD # \(Self.hostileShown)\n"))
        #expect(result.out.contains("  |                            ^^^^^\n"))

        let json = runCoinage(["check", rules.path, "--format", "json"])
        let document = try JSONSerialization.jsonObject(with: Data(json.out.utf8))
        #expect(document is [String: Any] || document is [Any])
        #expect(!Self.hasRawControl(json.out))
    }

    /// The caret line counts each control character as wide as its visible form.
    @Test func caretsStayUnderTheirColumnAfterAControlCharacter() throws {
        var sources = SourceMap()
        let text = "  code \"a\u{7F}b\" xyz\n"
        let file = sources.add(path: "shop.coin", text: text)
        let offset = try #require(Array(text.utf8).firstIndex(of: UInt8(ascii: "x")))
        let after = Diagnostic(.unknownBundle, "unexpected `xyz`", at: SourceSpan(file: file, start: offset, end: offset + 3))
        let lines = DiagnosticRenderer(sources: sources).render([after], as: .text).split(separator: "\n").map(String.init)
        let source = try #require(lines.first { $0.hasPrefix("1 | ") })
        let carets = try #require(lines.last { $0.contains("^") })
        #expect(source == #"1 |   code "a\u{7F}b" xyz"#)
        #expect(carets == "  |" + String(repeating: " ", count: 19) + "^^^")
        #expect(carets.firstIndex(of: "^")?.utf16Offset(in: carets) == source.firstIndex(of: "x")?.utf16Offset(in: source))

        // A span over the character itself is underlined across its whole visible form.
        let del = try #require(Array(text.utf8).firstIndex(of: 0x7F))
        let on = Diagnostic(.invalidCharacter, "control character 127", at: SourceSpan(file: file, start: del, end: del + 1))
        let rendered = DiagnosticRenderer(sources: sources).render([on], as: .text)
        #expect(rendered.contains("  |          ^^^^^^\n"), "\(rendered)")
    }

    @Test func argumentsQuotedInErrorsAreShownVisibly() {
        let command = runCoinage(["\u{1B}[2Jcheck"])
        #expect(command.status == .usage)
        #expect(command.err.hasPrefix(#"error: unknown command `\u{1B}[2Jcheck`"#))
        #expect(!Self.hasRawControl(command.err))

        let region = runCoinage(["quote", "coins_70", "--region", Self.hostile, "--channel", "web", "--rules", Snapshot.fixture("pricing")])
        #expect(region.status == .failure)
        #expect(region.err.hasPrefix("error: unknown region `\(Self.hostileShown)`\n"))
    }

    @Test func pathsAndTestTitlesInTextReportsAreShownVisibly() throws {
        let rules = try ScratchRules()
        defer { rules.remove() }
        let directory = rules.path + "/odd\u{1B}[2Jname"
        try rules.write("odd\u{1B}[2Jname/shop.coin", """
            base currency USD
            region US: USD, tax 7.25% added, zone America/New_York
            bundle coins_70: 70 coins, 0.99 USD
            test "bell\u{7F}title" {
              quote coins_7 in US
              expect error unknown_bundle
            }

            """)
        let check = runCoinage(["check", directory])
        #expect(check.status == .success, "\(check.out)")
        #expect(check.out.contains(#"odd\u{1B}[2Jname: ok"#) && !Self.hasRawControl(check.out))

        let test = runCoinage(["test", directory])
        #expect(test.status == .success)
        #expect(test.out.hasPrefix(#"✓ bell\u{7F}title"#) && !Self.hasRawControl(test.out))
    }

    /// `fmt --diff` is a patch: piped, it keeps the file's bytes so `git apply` takes
    /// it; on a terminal, it is text like any other.
    @Test func aFormattingPatchKeepsItsBytesUnlessOnATerminal() throws {
        let rules = try ScratchRules()
        defer { rules.remove() }
        try rules.write("shop.coin", "base currency   USD # \(Self.hostile)\n")
        let piped = runCoinage(["fmt", "--diff", rules.path])
        #expect(piped.status == .success)
        #expect(piped.out.contains("-base currency   USD # \(Self.hostile)\n+base currency USD  # \(Self.hostile)\n"))
        let shown = runCoinage(["fmt", "--diff", rules.path], terminal: true)
        #expect(shown.out.contains("+base currency USD  # \(Self.hostileShown)\n") && !Self.hasRawControl(shown.out))
    }

    /// GitHub's log viewer interprets ANSI sequences: a workflow annotation carries a
    /// control character of a path only in its visible form.
    @Test func aGitHubAnnotationShowsAControlCharacterOfItsPath() throws {
        let rules = try ScratchRules()
        defer { rules.remove() }
        try rules.write("odd\u{1B}[2J.coin", "rate CHF 0.80\n")
        let result = runCoinage(["check", rules.path, "--format", "github"])
        #expect(result.out.hasPrefix("::warning file="))
        #expect(result.out.contains(#"odd\u{1B}[2J.coin"#) && !Self.hasRawControl(result.out))
    }

    /// A generated list of millions of entries is one line: a diagnostic shows a
    /// window of it around its span, with the caret still under the spanned part.
    @Test func aLongSourceLineIsShownAsAWindowAroundItsSpan() throws {
        var sources = SourceMap()
        let entries = Array(repeating: "US", count: 100_000)
        let text = "market m: " + entries.joined(separator: ", ") + ", XX, US\n"
        let file = sources.add(path: "shop.coin", text: text)
        let offset = text.utf8.count - 7
        let unknown = Diagnostic(.unknownRegion, "unknown region `XX`", at: SourceSpan(file: file, start: offset, end: offset + 2))
        let lines = DiagnosticRenderer(sources: sources).render([unknown], as: .text).split(separator: "\n").map(String.init)
        let source = try #require(lines.first { $0.hasPrefix("1 | ") })
        let carets = try #require(lines.last { $0.contains("^") })
        #expect(source == "1 | …" + String(text.dropLast().suffix(46)))
        #expect(carets.firstIndex(of: "^")?.utf16Offset(in: carets) == source.range(of: "XX")?.lowerBound.utf16Offset(in: source))
        #expect(carets.filter { $0 == "^" }.count == 2)

        // A long span is underlined to the window's end, the `…` included.
        let whole = Diagnostic(.unknownRegion, "a long market", at: SourceSpan(file: file, start: 0, end: text.utf8.count - 1))
        let rendered = DiagnosticRenderer(sources: sources).render([whole], as: .text).split(separator: "\n").map(String.init)
        let shown = try #require(rendered.first { $0.hasPrefix("1 | ") })
        #expect(shown.count == "1 | ".count + DiagnosticRenderer.maxShownColumns + 1 && shown.hasSuffix("…"))
        #expect(rendered.last { $0.contains("^") }?.filter { $0 == "^" }.count == DiagnosticRenderer.maxShownColumns + 1)
    }
}
