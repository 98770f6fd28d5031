import Foundation
import Testing
import CoinageSyntax

/// The front end's explicit limits (`Limits`): each hostile input gets a diagnostic
/// (or a sensible result), never a crash or a hang, and a bounded number of
/// diagnostics.
///
/// Inputs that once crashed the process run as exit tests (in a child process), so
/// that a regression fails its own test instead of stopping the whole suite.
@Suite("Front-end limits")
struct LimitTests {
    // MARK: - Helpers

    static func parse(_ text: String) -> ParseResult {
        parse(Array(text.utf8))
    }

    static func parse(_ bytes: [UInt8]) -> ParseResult {
        Parser.parse(SourceFile(id: SourceFileID(0), path: "limits.coin", bytes: bytes))
    }

    static func codes(_ result: ParseResult) -> [String] {
        result.diagnostics.map(\.code.rawValue)
    }

    /// A promotion whose `when` clause is `condition`, followed by a valid clause.
    static func promotion(when condition: String) -> String {
        "promotion limits {\n  when \(condition)\n  discount 5%\n}\n"
    }

    static func repeated(_ text: String, _ count: Int) -> String {
        String(repeating: text, count: count)
    }

    /// A test input with a short name, so that long or multi-line texts do not
    /// flood the test log.
    struct Input: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        init(_ name: String, _ text: String) {
            self.name = name
            self.text = text
        }
        var testDescription: String { name }
    }

    // MARK: - Nesting

    /// Found by the parser fuzzer: the limit was looked at only between declarations,
    /// so one list gave a problem per entry (280 in 1.7 KB, millions in 8 MiB).
    @Test("100,000 uppercase values in one `one of`: capped, and the stop is said")
    func problemsInsideOneDeclarationAreCapped() {
        let result = Self.parse("user segment: one of " + Self.repeated("DE, ", 100_000) + "vip\nuser other: bool\n")
        #expect(result.diagnostics.count == Limits.maxDiagnostics + 2)
        #expect(result.diagnostics.dropLast().allSatisfy { $0.code == .invalidName })
        #expect(result.diagnostics.last?.code == .tooManyDiagnostics)
        #expect(result.diagnostics.last?.message == "this file was not read past here: it has more than \(Limits.maxDiagnostics) problems")
    }

    @Test("100,000 nested `(` in a condition: E0008, once")
    func deepParenthesesInCondition() {
        let result = Self.parse(Self.promotion(when: Self.repeated("(", 100_000)))
        #expect(Self.codes(result) == ["E0008"])
    }

    @Test("100,000 nested and closed `(` around a comparison: E0008, once")
    func deepBalancedParentheses() {
        let condition = Self.repeated("(", 100_000) + "coins > 1" + Self.repeated(")", 100_000)
        let result = Self.parse(Self.promotion(when: condition))
        #expect(Self.codes(result) == ["E0008"])
        // The block's next clause is still read after the skipped nest.
        #expect(result.file.declarations.count == 1)
    }

    @Test("100,000 `(` at the top level: one diagnostic, no crash")
    func parenthesesAtTopLevel() {
        let result = Self.parse(Self.repeated("(", 100_000))
        // Not a condition, so not a nesting problem: no declaration starts with `(`.
        #expect(Self.codes(result) == ["E0202"])
    }

    @Test("100,000 `(` on as many lines, in a condition: E0008, once")
    func deepParenthesesOverManyLines() {
        let result = Self.parse(Self.promotion(when: Self.repeated("(\n", 100_000)))
        #expect(Self.codes(result) == ["E0008"])
    }

    @Test("`not` 100,000 times: E0008, once")
    func deepNegation() {
        let result = Self.parse(Self.promotion(when: Self.repeated("not ", 100_000) + "coins > 1"))
        #expect(Self.codes(result) == ["E0008"])
    }

    @Test("nesting exactly at the limit parses; one level more is E0008",
          arguments: [("(", ")"), ("not ", ""), ("not (", ")")])
    func nestingAtTheLimit(open: String, close: String) {
        // `not (` opens two levels at once.
        let levelsPerOpen = open == "not (" ? 2 : 1
        let atLimit = Limits.maxNestingDepth / levelsPerOpen
        let fits = Self.repeated(open, atLimit) + "coins > 1" + Self.repeated(close, atLimit)
        #expect(Self.codes(Self.parse(Self.promotion(when: fits))) == [])

        let beyond = Self.repeated(open, atLimit + 1) + "coins > 1" + Self.repeated(close, atLimit + 1)
        #expect(Self.codes(Self.parse(Self.promotion(when: beyond))) == ["E0008"])
    }

    @Test("the nesting depth is counted per condition, not per file")
    func depthResetsBetweenConditions() {
        let fits = Self.repeated("(", Limits.maxNestingDepth) + "coins > 1" + Self.repeated(")", Limits.maxNestingDepth)
        let text = Self.promotion(when: fits) + Self.promotion(when: fits).replacingOccurrences(of: "limits", with: "again")
        #expect(Self.codes(Self.parse(text)) == [])
    }

    /// `[` counts against `Limits.maxNestingDepth` like `(`: 100,000 of them get E0008
    /// instead of recursing once per bracket and overflowing the stack.
    @Test("100,000 nested `[` in a condition: a diagnostic, no crash")
    func deepBrackets() async {
        await #expect(processExitsWith: .success) {
            // Parse, then release the result (a deep tree must be released safely too).
            let diagnosed = {
                let codes = LimitTests.codes(LimitTests.parse(LimitTests.promotion(when: "region in " + LimitTests.repeated("[", 100_000))))
                return !codes.isEmpty && codes.count <= 3
            }()
            exit(diagnosed ? 0 : 1)
        }
    }

    /// A chain of `and` (or `or`) builds a left spine as deep as the chain is long,
    /// and checking or releasing that tree recurses once per level: past
    /// `Limits.maxConditionTerms` the condition gets E0008 and is not built, so
    /// 300,000 terms (4.2 MB, under `Limits.maxFileBytes`) cannot overflow the stack.
    @Test("a condition of 300,000 terms joined by `and`: no crash")
    func longConjunction() async {
        await #expect(processExitsWith: .success) {
            // Parse, then release the result: it is the release that overflows.
            let bounded = {
                let condition = "coins > 1" + LimitTests.repeated(" and coins > 1", 300_000)
                let result = LimitTests.parse(LimitTests.promotion(when: condition))
                return result.diagnostics.count <= 3
            }()
            exit(bounded ? 0 : 1)
        }
    }

    @Test("a condition of exactly Limits.maxConditionTerms terms parses; one more gives E0008")
    func chainAtTheLimit() {
        let fits = "coins > 1" + Self.repeated(" and coins > 2", Limits.maxConditionTerms - 1)
        #expect(Self.codes(Self.parse(Self.promotion(when: fits))) == [])
        #expect(Self.codes(Self.parse(Self.promotion(when: fits + " or coins < 3"))) == ["E0008"])
    }

    // MARK: - File size

    @Test("a 10 MB file of valid declarations: E0007, exactly one diagnostic")
    func tenMegabytesOfDeclarations() {
        let line = "gift rose: 1 coin\n"
        let text = Self.repeated(line, 10_000_000 / line.utf8.count + 1)
        #expect(text.utf8.count > 10_000_000)
        let result = Self.parse(text)
        #expect(Self.codes(result) == ["E0007"])
        #expect(result.file.declarations.isEmpty)
        let diagnostic = result.diagnostics.first
        #expect(diagnostic?.span.start == 0)
    }

    @Test("a 10 MB comment: E0007, exactly one diagnostic")
    func tenMegabyteComment() {
        let bytes = Array("# ".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 10_000_000)
        #expect(Self.codes(Self.parse(bytes)) == ["E0007"])
    }

    @Test("a file of exactly Limits.maxFileBytes is read; one byte more is E0007")
    func fileSizeBoundary() {
        let header = Array("# ".utf8)
        let exact = header + [UInt8](repeating: UInt8(ascii: "x"), count: Limits.maxFileBytes - header.count)
        let result = Self.parse(exact)
        #expect(Self.codes(result) == [])
        #expect(result.file.comments.count == 1)
        #expect(Self.codes(Self.parse(exact + [UInt8(ascii: "x")])) == ["E0007"])
    }

    @Test("a file over the limit is refused before it is decoded: E0007, not E0010")
    func oversizedInvalidUTF8() {
        let bytes = [UInt8](repeating: 0xFF, count: Limits.maxFileBytes + 1)
        #expect(Self.codes(Self.parse(bytes)) == ["E0007"])
    }

    // MARK: - Numbers

    static let fourHundredDigits = repeated("9", 400)

    @Test("a 400-digit bundle price: E0004, once")
    func hugeBundlePrice() {
        let result = Self.parse("bundle coins_70: 70 coins, \(Self.fourHundredDigits) USD\n")
        #expect(Self.codes(result) == ["E0004"])
    }

    @Test("a 400-digit rate: E0004, once")
    func hugeRate() {
        #expect(Self.codes(Self.parse("rate EUR \(Self.fourHundredDigits)\n")) == ["E0004"])
    }

    @Test("400-digit numbers elsewhere: E0004, once each",
          arguments: [
              Input("bundle coins", "bundle coins_70: \(LimitTests.fourHundredDigits) coins, 0.99 USD\n"),
              Input("rate decimals", "rate EUR 0.\(LimitTests.fourHundredDigits)\n"),
              Input("floor", "floor \(LimitTests.fourHundredDigits)%\n"),
              Input("gift", "gift rose: \(LimitTests.fourHundredDigits) coins\n"),
              Input("condition number", LimitTests.promotion(when: "coins > \(LimitTests.fourHundredDigits)")),
              Input("condition money", LimitTests.promotion(when: "list > \(LimitTests.fourHundredDigits) USD")),
              Input("priority", "promotion limits {\n  priority \(LimitTests.fourHundredDigits)\n  discount 5%\n}\n"),
              Input("discount", "promotion limits {\n  discount \(LimitTests.fourHundredDigits)%\n}\n"),
              Input("rounding step", "round JPY nearest \(LimitTests.fourHundredDigits)\n"),
          ])
    func hugeNumbers(input: Input) {
        #expect(Self.codes(Self.parse(input.text)) == ["E0004"])
    }

    @Test("numbers that pass the lexer's digit cap but overflow 64 bits: E0004, once",
          arguments: [
              "9_223_372_036_854_775_808",        // Int64.max + 1
              "9999999999999999999999999",        // 25 digits
              LimitTests.repeated("9", Limits.maxLiteralDigits),
              "0." + LimitTests.repeated("1", Limits.maxDecimalScale + 1),  // too many decimals
          ])
    func overflowingNumbers(number: String) {
        #expect(Self.codes(Self.parse("rate EUR \(number)\n")) == ["E0004"])
        #expect(Self.codes(Self.parse("bundle coins_70: 70 coins, \(number) USD\n")) == ["E0004"])
    }

    @Test("the largest 64-bit number is read without E0004")
    func largestNumber() {
        #expect(Self.codes(Self.parse("rate EUR 9_223_372_036_854_775_807\n")) == [])
        #expect(Self.codes(Self.parse("rate EUR 0." + Self.repeated("1", Limits.maxDecimalScale) + "\n")) == [])
    }

    // MARK: - Many errors

    @Test("thousands of errors: the report is capped, and ends with E0009")
    func diagnosticsAreCapped() {
        let result = Self.parse(Self.repeated("rate EUR oops\n", 5_000))
        var bag = DiagnosticBag()
        bag.add(contentsOf: result.diagnostics)
        let report = bag.sorted()
        #expect(report.count <= Limits.maxDiagnostics + 1)
        #expect(report.count > Limits.maxDiagnostics)
        #expect(report.last?.code == .tooManyDiagnostics)
        #expect(report.dropLast().allSatisfy { $0.code == .expectedToken })
    }

    @Test("thousands of lexer errors: the report is capped, and ends with E0009")
    func lexerErrorsAreCapped() {
        let result = Self.parse(Self.repeated("@ ", 20_000))
        var bag = DiagnosticBag()
        bag.add(contentsOf: result.diagnostics)
        let report = bag.sorted()
        #expect(report.count == Limits.maxDiagnostics + 1)
        #expect(report.last?.code == .tooManyDiagnostics)
    }

    /// The lexer stops after `Limits.maxDiagnostics` problems, like the parser: a file
    /// of `@ @ @ ...` cannot fill memory with millions of diagnostics. The last one
    /// says where it stopped.
    @Test("thousands of lexer errors: the parser itself returns a bounded number")
    func lexerErrorsAreBoundedInTheParser() {
        let result = Self.parse(Self.repeated("@ ", 20_000))
        #expect(result.diagnostics.count <= Limits.maxDiagnostics + 2)
        #expect(result.diagnostics.last?.code == .tooManyDiagnostics)
    }

    @Test("a broken line repeated on one line gives one diagnostic, not thousands")
    func oneLongBrokenLine() {
        let result = Self.parse(Self.repeated("rate EUR oops ", 50_000))
        #expect(Self.codes(result) == ["E0201"])
    }

    // MARK: - Odd files

    @Test("a 10,000-character name: E0012, once")
    func longName() {
        let name = Self.repeated("a", 10_000)
        #expect(Self.codes(Self.parse("bundle \(name): 70 coins, 0.99 USD\n")) == ["E0012"])
        #expect(Self.codes(Self.parse(Self.promotion(when: "bundle == \(name)"))) == ["E0012"])
    }

    @Test("a 10,000-character code or string: E0012, once")
    func longCodeAndString() {
        let code = "A" + Self.repeated("B", 9_999)
        #expect(Self.codes(Self.parse("rate \(code) 1.5\n")) == ["E0012"])
        let string = "\"" + Self.repeated("x", 10_000) + "\""
        #expect(Self.codes(Self.parse("promotion limits {\n  code \(string)\n  discount 5%\n}\n")) == ["E0012"])
    }

    @Test("a name of exactly Limits.maxTokenBytes is accepted")
    func nameAtTheLimit() {
        let name = Self.repeated("a", Limits.maxTokenBytes)
        #expect(Self.codes(Self.parse("bundle \(name): 70 coins, 0.99 USD\n")) == [])
    }

    @Test("an unterminated string at the end of the file: E0002")
    func unterminatedStringAtEnd() {
        // In a block, the block is also unclosed: that is a second, true, diagnostic.
        #expect(Self.codes(Self.parse("promotion limits {\n  code \"VIP2026")) == ["E0002", "E0204"])
        #expect(Self.codes(Self.parse("test \"black friday")) == ["E0002"])
        #expect(Self.codes(Self.parse("test \"")) == ["E0002"])
        #expect(Self.codes(Self.parse("\"")) == ["E0002"])
    }

    /// A backslash that ends the file inside a string is an invalid escape and the
    /// string is unterminated; the lexer never reads past the last byte.
    @Test("a backslash at the very end of an unterminated string: a diagnostic, no crash",
          arguments: [
              Input("a quote and a backslash", "\"\\"),
              Input("a test title", "test \"abc\\"),
              Input("a promotion code", "promotion limits {\n  code \"VIP\\"),
          ])
    func backslashAtEnd(input: Input) async {
        await #expect(processExitsWith: .success) { [text = input.text as String] in
            let codes = LimitTests.codes(LimitTests.parse(text))
            exit(codes.contains("E0002") && codes.count <= 3 ? 0 : 1)
        }
    }

    /// A backslash before a line end is an invalid escape, and the string ends at the
    /// line end like any unterminated string.
    @Test("a backslash at the end of a line inside a string: diagnostics, no crash")
    func backslashAtEndOfLine() {
        let codes = Self.codes(Self.parse("promotion limits {\n  code \"VIP\\\n  discount 5%\n}\n"))
        #expect(codes.contains("E0011"))
        #expect(codes.count <= 3)
    }

    @Test("invalid UTF-8: E0010 at the first bad byte, once",
          arguments: [
              ([0xFF], 9),                  // never valid in UTF-8
              ([0x80], 9),                  // a lone continuation byte
              ([0xC0, 0xAF], 9),            // an overlong encoding of `/`
              ([0xED, 0xA0, 0x80], 9),      // a UTF-16 surrogate
              ([0xE2, 0x82], 9),            // a sequence cut short
          ] as [([UInt8], Int)])
    func invalidUTF8(bad: [UInt8], offset: Int) {
        // `rate EUR ` is 9 bytes: the bad bytes come right after it.
        let result = Self.parse(Array("rate EUR ".utf8) + bad + Array(" 0.92\n".utf8))
        #expect(Self.codes(result) == ["E0010"])
        #expect(result.diagnostics.first?.span.start == UInt32(offset))
        #expect(result.file.declarations.isEmpty)
    }

    @Test("invalid UTF-8 at the end of the file or in a comment: E0010")
    func invalidUTF8AtEndAndInComment() {
        #expect(Self.codes(Self.parse(Array("base currency USD\n".utf8) + [0xE2])) == ["E0010"])
        #expect(Self.codes(Self.parse(Array("# caf".utf8) + [0xE9] + Array("\n".utf8))) == ["E0010"])
    }

    @Test("a NUL byte between tokens: E0001, once")
    func nulByte() {
        #expect(Self.codes(Self.parse(Array("rate EUR 0.92".utf8) + [0] + Array("\n".utf8))) == ["E0001"])
        #expect(Self.codes(Self.parse([0])) == ["E0001"])
        #expect(Self.codes(Self.parse([UInt8](repeating: 0, count: 10_000))) == ["E0001"])
    }

    @Test("a file of only `}`: one diagnostic")
    func onlyClosingBraces() {
        #expect(Self.codes(Self.parse(Self.repeated("}", 10_000))) == ["E0202"])
        #expect(Self.codes(Self.parse(Self.repeated("}\n", 10_000))) == ["E0202"])
    }

    @Test("a file of only `{`: one diagnostic")
    func onlyOpeningBraces() {
        #expect(Self.codes(Self.parse(Self.repeated("{", 10_000))) == ["E0202"])
    }

    @Test("an empty file, a blank file, a file of only comments: no diagnostic, no declaration",
          arguments: [
              Input("empty", ""), Input("newlines", "\n\n\n"), Input("blanks", "   \t \r\n"),
              Input("one comment", "# a comment\n"), Input("two comments, no final newline", "# one\n# two"),
              Input("a lone #", "#"), Input("CRLF comments", "#\r\n#\r\n"),
          ])
    func emptyFiles(input: Input) {
        let result = Self.parse(input.text)
        #expect(result.diagnostics.isEmpty)
        #expect(result.file.declarations.isEmpty)
        #expect(result.file.comments.count == input.text.split(separator: "#", omittingEmptySubsequences: false).count - 1)
    }

    @Test("a byte-order mark at the start is skipped, as editors write it")
    func byteOrderMark() {
        let result = Self.parse([0xEF, 0xBB, 0xBF] + Array("base currency USD\n".utf8))
        #expect(Self.codes(result) == [])
        #expect(result.file.declarations.count == 1)
    }

    @Test("every byte value on its own and after a keyword: the parser returns")
    func everyByte() {
        for byte in UInt8.min...UInt8.max {
            for prefix in ["", "rate EUR ", "promotion p {\n  when coins > ", "test \""] {
                // `"\` at the end of the file crashes the lexer: see `backslashAtEnd`.
                if prefix.hasSuffix("\"") && byte == UInt8(ascii: "\\") { continue }
                let result = Self.parse(Array(prefix.utf8) + [byte])
                #expect(result.diagnostics.count <= 3, "byte \(byte) after `\(prefix)`")
            }
        }
    }
}
