@testable import CoinageFormat
@testable import CoinageSyntax
import Testing

private func format(_ text: String) -> FormatResult {
    RuleFormatter.format(SourceFile(id: SourceFileID(0), path: "t.coin", text: text))
}

private func formatted(_ text: String) -> String? {
    guard case .formatted(let output) = format(text) else { return nil }
    return output
}

private func parse(_ text: String) -> RuleFile {
    Parser.parse(SourceFile(id: SourceFileID(0), path: "t.coin", text: text)).file
}

/// The formatter's decisions one at a time; whole files are in the goldens.
@Suite struct FormatterTests {
    @Test func syntaxErrorsAreReturnedAndNothingIsFormatted() {
        guard case .syntaxErrors(let diagnostics) = format("bundle coins_70: 70 coins\ngift rose:   1 coin\n") else {
            Issue.record("a file with a syntax error was formatted")
            return
        }
        #expect(diagnostics.map(\.code) == [.expectedToken])
    }

    @Test func invalidUTF8IsASyntaxError() {
        let result = RuleFormatter.format(SourceFile(id: SourceFileID(0), path: "t.coin", bytes: [0x23, 0x20, 0xE9, 0x0A]))
        guard case .syntaxErrors(let diagnostics) = result else {
            Issue.record("invalid UTF-8 was formatted")
            return
        }
        #expect(diagnostics.map(\.code) == [.invalidUTF8])
    }

    @Test func checkerErrorsDoNotStopFormatting() {
        // An unknown bundle is the checker's business, not the parser's.
        #expect(formatted("price   nope in DE: 1.00 EUR") == "price nope in DE: 1.00 EUR\n")
    }

    @Test func emptyAndBlankFilesBecomeEmpty() {
        #expect(formatted("") == "")
        #expect(formatted("\n\n  \t\n") == "")
    }

    @Test func blankLinesCollapseToOneAndVanishAtTheEdges() {
        #expect(formatted("\n\nrate EUR 0.92\n\n\n\nrate JPY 150\n\n\n") == "rate EUR 0.92\n\nrate JPY 150\n")
        #expect(formatted("promotion p {\n\n  discount 5%\n\n}\n") == "promotion p {\n  discount 5%\n}\n")
    }

    @Test func attributesTakeTheirFixedOrder() {
        #expect(formatted("region IN: INR, level 60%, zone Asia/Kolkata, tax 18% included")
                == "region IN: INR, tax 18% included, zone Asia/Kolkata, level 60%\n")
        #expect(formatted("channel web: level 75%, fee 3%") == "channel web: fee 3%, level 75%\n")
    }

    @Test func literalsKeepTheAuthorsDigitsAndTheUnitAgreesWithTheCount() {
        #expect(formatted("bundle b: 1000 coins, 9.90 USD, bonus 1_000 coin") == "bundle b: 1000 coins, 9.90 USD, bonus 1_000 coins\n")
        #expect(formatted("gift rose: 1 coins") == "gift rose: 1 coin\n")
    }

    @Test func aRunOfOneKindIsAlignedAndABlankLineEndsIt() {
        let input = "gift rose: 1 coin # cheap\n# a comment line stays in the run\ngift universe: 44_999 coins\n\ngift lion: 29_999 coins # alone\n"
        #expect(formatted(input) == """
            gift rose:     1 coin        # cheap
            # a comment line stays in the run
            gift universe: 44_999 coins

            gift lion: 29_999 coins  # alone

            """)
    }

    @Test func declarationsOfAnotherKindEndARun() {
        #expect(formatted("gift rose: 1 coin\nrate EUR 0.92\ngift universe: 44_999 coins") == """
            gift rose: 1 coin
            rate EUR 0.92
            gift universe: 44_999 coins

            """)
    }

    @Test func aMissingAttributeLeavesItsColumnBlank() {
        #expect(formatted("region KW: KWD, zone Asia/Kuwait\nregion DE: EUR, tax 19% included, zone Europe/Berlin") == """
            region KW: KWD,                   zone Asia/Kuwait
            region DE: EUR, tax 19% included, zone Europe/Berlin

            """)
    }

    @Test func aOneLineBlockOpensOverLines() {
        #expect(formatted("promotion p { discount 5% }  # short") == "promotion p {\n  discount 5%\n}  # short\n")
    }

    @Test func conditionsGetCanonicalSpacingAndKeepTheirParentheses() {
        #expect(formatted("promotion p {\n when ( region==DE or region in [ FR,IT ] )and not user . vip\n discount 5%\n}")
                == "promotion p {\n  when (region == DE or region in [FR, IT]) and not user.vip\n  discount 5%\n}\n")
    }

    @Test func aCommentInsideAListBreaksTheRowThereOnly() {
        let input = "market m: DE,\n  FR, # second\n  IT,\n  ES\n"
        #expect(formatted(input) == "market m: DE, FR,  # second\n    IT, ES\n")
    }

    @Test func aLongConditionAtTheTermLimitIsFormatted() {
        let terms = (0..<(Limits.maxConditionTerms - 1)).map { "coins > \($0)" }.joined(separator: " or ")
        let input = "promotion p {\n  when \(terms)\n  discount 5%\n}\n"
        #expect(formatted(input) == input)
    }

    @Test func verificationRejectsTextThatChangesTheRules() {
        let original = parse("rate EUR 0.92 # kept\n")
        let source = SourceFile(id: SourceFileID(0), path: "t.coin", text: "")
        #expect(RuleFormatter.verify("rate EUR 0.92 # kept\n", against: original, source: source) == nil)
        #expect(RuleFormatter.verify("rate EUR 0.93 # kept\n", against: original, source: source)
                == "the formatted text reads as different rules")
        #expect(RuleFormatter.verify("rate EUR 0.92\n", against: original, source: source)
                == "the formatted text does not keep every comment in order")
        #expect(RuleFormatter.verify("rate EUR\n", against: original, source: source)?.hasPrefix("the formatted text does not parse") == true)
    }

    @Test func structuralEqualityIgnoresPositionsOnly() {
        let tidy = parse("promotion p {\n  when region == DE\n  discount 5%\n}\n")
        #expect(tidy.hasSameDeclarations(as: parse("\n\n   promotion   p{ when region==DE\ndiscount 5%}")))
        #expect(!tidy.hasSameDeclarations(as: parse("promotion p {\n  when region == FR\n  discount 5%\n}\n")))
        #expect(!tidy.hasSameDeclarations(as: parse("promotion p {\n  when region != DE\n  discount 5%\n}\n")))
        #expect(!tidy.hasSameDeclarations(as: parse("promotion p {\n  discount 5%\n  when region == DE\n}\n")))
        #expect(!parse("rate EUR 1.0").hasSameDeclarations(as: parse("rate EUR 1.00")))
    }
}

@Suite struct FormatterDocsExampleTests {
    /// The example of `Docs/Formatting.md`, "From Swift".
    @Test func libraryExample() {
        var sources = SourceMap()
        sources.add(path: "shop.coin", text: "rate   EUR 0.86   # late 2025\n")
        #expect(RuleFormatter.format(sources.files[0]) == .formatted("rate EUR 0.86  # late 2025\n"))
    }
}

/// A shop's own unit word is written as the author wrote it; `coin` and `coins`
/// still agree with the number.
@Suite struct FormatterUnitTests {
    @Test func unitWordsAreKeptAndTheDeclarationIsASetting() {
        let text = "unit  bit ,bits\nbundle b: 1 bits, 1.40 USD, bonus 1 coins\ngift g:  5 bits\n"
            + "test \"t\" {\n  quote 5 bits in US\n  expect  bits 5\n  expect coin 5\n}\n"
        let output = formatted(text)
        #expect(output?.contains("unit bit, bits\n") == true)
        #expect(output?.contains("1 bits, 1.40 USD, bonus 1 coin") == true)
        #expect(output?.contains("5 bits\n") == true)
        #expect(output?.contains("quote 5 bits in US") == true)
        #expect(output?.contains("expect bits 5") == true)
        #expect(output?.contains("expect coins 5") == true)
        #expect(output.map(formatted) == output)
    }
}

/// A carriage return before the spaces that end a comment: trimmed with them, so the
/// formatted line does not end in CRLF and read back as another comment. Found by
/// the formatter fuzzer (`Fuzz/crashes/FormatterFuzzer-comment-carriage-return.coin`),
/// which `coinage fmt` had left as it was, calling it a bug.
@Suite struct FormatterCarriageReturnTests {
    @Test func aCarriageReturnEndingACommentIsTrimmedWithItsSpaces() {
        let output = formatted("# a\r \n  # b\nbase currency USD # c\r\t\n")
        #expect(output == "# a\n# b\nbase currency USD  # c\n")
        #expect(output.map(formatted) == output)
    }

    @Test func aCarriageReturnInsideACommentIsKept() {
        let output = formatted("# a\rb\n")
        #expect(output == "# a\rb\n")
    }
}
