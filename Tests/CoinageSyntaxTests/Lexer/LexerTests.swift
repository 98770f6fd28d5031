@testable import CoinageSyntax
import Testing

private func lex(_ text: String) -> Lexer {
    Lexer.tokenize(SourceFile(id: SourceFileID(0), path: "t.coin", text: text))
}

private func kinds(_ text: String) -> [TokenKind] {
    lex(text).tokens.map(\.kind).dropLast()
}

@Suite struct LexerTests {
    @Test(arguments: [
        ("coins_700", TokenKind.word),
        ("DE", .code),
        ("Europe/Berlin", .code),
        ("America/Argentina/Buenos_Aires", .code),
        ("Etc/GMT+5", .code),
        ("America/Port-au-Prince", .code),
        ("1_000", .integer),
        ("4.99", .decimal),
        ("0.0106", .decimal),
        ("20%", .percent),
        ("12.5%", .percent),
        ("2026-11-27", .date),
        ("2026-11-27T18:00", .dateTime),
        ("2026-11-27T18:00:30", .dateTime),
        ("18:00", .time),
        ("\"BF2026\"", .string),
        ("\"say \\\"hi\\\"\"", .string),
    ])
    func singleTokens(text: String, kind: TokenKind) {
        let lexer = lex(text)
        #expect(lexer.diagnostics.isEmpty)
        #expect(lexer.tokens.count == 2)
        #expect(lexer.tokens[0].kind == kind)
        #expect(lexer.tokens[0].text == text)
    }

    @Test func punctuationAndOperators() {
        #expect(kinds("{ } [ ] ( ) : , . = == != < <= > >=") == [
            .leftBrace, .rightBrace, .leftBracket, .rightBracket, .leftParen, .rightParen,
            .colon, .comma, .dot, .equal, .equalEqual, .notEqual, .less, .lessEqual, .greater, .greaterEqual,
        ])
    }

    @Test func moneyIsANumberThenACode() {
        #expect(kinds("4.99 USD") == [.decimal, .code])
        #expect(kinds("160 JPY") == [.integer, .code])
    }

    @Test func commentsAreKeptApartFromTokens() {
        let lexer = lex("rate EUR 0.92  # euro\n# whole line\nrate GBP 0.79")
        #expect(lexer.tokens.map(\.text).dropLast() == ["rate", "EUR", "0.92", "rate", "GBP", "0.79"])
        #expect(lexer.comments.map(\.text) == ["# euro", "# whole line"])
        #expect(lexer.comments.map(\.isTrailing) == [true, false])
    }

    @Test func lineStartsAndFirstColumnAreMarked() {
        let tokens = lex("promotion x {\n  discount 5%\nbundle").tokens
        #expect(tokens.map(\.startsLine).dropLast() == [true, false, false, true, false, true])
        #expect(tokens.map(\.atColumnOne).dropLast() == [true, false, false, false, false, true])
    }

    @Test(arguments: [
        ("1__000", DiagnosticCode.malformedNumber),
        ("1_", .malformedNumber),
        ("2026-1-05", .invalidDate),
        ("2026-11-27T1800", .invalidTime),
        ("9:00", .invalidTime),
        ("\"open", .unterminatedString),
        ("\"bad \\q\"", .invalidEscape),
        ("@", .invalidCharacter),
        ("€", .invalidCharacter),
        ("1234567890123456789012345678901", .literalTooLarge),
    ])
    func malformedTokensAreReportedOnce(text: String, code: DiagnosticCode) {
        let lexer = lex(text)
        #expect(lexer.diagnostics.map(\.code) == [code])
    }

    @Test func aRunOfBadCharactersIsOneDiagnostic() {
        let lexer = lex("bundle @@@$$ x")
        #expect(lexer.diagnostics.count == 1)
        #expect(lexer.diagnostics[0].message == "unexpected characters `@@@$$`")
    }

    @Test func spansAreByteOffsets() {
        let tokens = lex("région DE").tokens
        // `é` takes two bytes: the code starts at byte 8.
        #expect(tokens.last(where: { $0.kind == .code })?.span.start == 8)
    }

    @Test func columnsCountScalarsNotBytes() {
        let file = SourceFile(id: SourceFileID(0), path: "t.coin", text: "# café\nbundle é")
        #expect(file.location(of: 8).line == 2)
        #expect(file.location(of: 15) == SourceLocation(line: 2, column: 8))
    }

    @Test func tokenTooLong() {
        let lexer = lex(String(repeating: "a", count: Limits.maxTokenBytes + 1))
        #expect(lexer.diagnostics.map(\.code) == [.tokenTooLong])
    }

    /// Found by the parser fuzzer: a pasted run of control bytes in a string gave one
    /// diagnostic per byte (4 MB of them, 4 million diagnostics and a gigabyte).
    @Test func faultsInOneStringAreReportedOncePerKind() {
        let controls = String(repeating: "\u{1}", count: 200)
        let lexer = lex("code \"\(controls)\\q\\z\"")
        #expect(lexer.diagnostics.map(\.code) == [.invalidEscape, .invalidCharacter])
        #expect(lexer.diagnostics.map(\.message) == ["invalid escape in a string, and 1 more in this string",
                                                     "control character 1 in a string, and 199 more in this string"])
        #expect(lexer.diagnostics.map(\.span.start) == [206, 6])

        let unterminated = lex("code \"\u{2}\u{3}\n")
        #expect(unterminated.diagnostics.map(\.code) == [.invalidCharacter, .unterminatedString])
        #expect(unterminated.diagnostics.first?.message == "control character 2 in a string, and 1 more in this string")
    }
}
