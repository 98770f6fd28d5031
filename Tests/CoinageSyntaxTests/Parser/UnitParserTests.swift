@testable import CoinageSyntax
import Testing

private func parse(_ text: String) -> ParseResult {
    Parser.parse(SourceFile(id: SourceFileID(0), path: "t.coin", text: text))
}

/// `unit SINGULAR, PLURAL`, and the unit word a count keeps in the AST.
@Suite struct UnitParserTests {
    @Test func theDeclarationHoldsBothWords() {
        let result = parse("unit bit, bits\n")
        #expect(result.diagnostics.isEmpty)
        guard case .unit(let unit) = result.file.declarations.first else {
            Issue.record("no unit declaration")
            return
        }
        #expect(unit.singular.text == "bit")
        #expect(unit.plural.text == "bits")
    }

    @Test func aCountKeepsAShopWordAndDropsCoins() {
        let result = parse("bundle a: 100 bits, 1.40 USD, bonus 5 coins\ngift g: 1 coin\n")
        #expect(result.diagnostics.isEmpty)
        guard case .bundle(let bundle) = result.file.declarations.first,
              case .gift(let gift) = result.file.declarations.last else {
            Issue.record("the declarations did not parse")
            return
        }
        #expect(bundle.coins.unit?.text == "bits")
        #expect(bundle.bonus?.unit == nil)
        #expect(gift.coins.unit == nil)
    }

    @Test func expectTakesTheUnitBeforeTheNumber() {
        let result = parse("test \"t\" {\n  quote 100 bits in US\n  expect bits 110\n  expect coins 110\n}\n")
        #expect(result.diagnostics.isEmpty)
        guard case .test(let test) = result.file.declarations.first else {
            Issue.record("no test")
            return
        }
        let counts = test.lines.compactMap { line -> NumberLiteral? in
            if case .expectCoins(let count) = line.kind { return count }
            return nil
        }
        #expect(counts.map { $0.unit?.text } == ["bits", nil])
        guard case .quote(.customAmount(let amount), _, _, _, _) = test.lines.first?.kind else {
            Issue.record("no custom amount")
            return
        }
        #expect(amount.unit?.text == "bits")
    }

    @Test func aMisspeltMoneyExpectationIsStillAnUnknownExpectation() {
        let result = parse("test \"t\" {\n  quote a in US\n  expect totl 9.99 USD\n}\n")
        #expect(result.diagnostics.map(\.code) == [.unknownClause])
    }
}
