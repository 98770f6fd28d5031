import CoinageIO
import Testing

/// `TextTable`, the one layout of aligned columns in the CLI's output.
@Suite struct TextTableTests {
    @Test func columnsAreAsWideAsTheirWidestCellAndTwoSpacesApart() {
        let table = TextTable([["coins", "700"], ["list", "8.99 USD"], ["proceeds", "8.72 USD"]])
        #expect(table.widths == [8, 8])
        #expect(table.lines() == [
            "coins     700",
            "list      8.99 USD",
            "proceeds  8.72 USD",
        ])
    }

    @Test func theLastCellOfARowIsNotPaddedUnlessAsked() {
        let rows = [["a", "long"], ["bb", "x"]]
        #expect(TextTable(rows).lines() == ["a   long", "bb  x"])
        #expect(TextTable(rows, padsLastColumn: true).lines() == ["a   long", "bb  x   "])
    }

    @Test func rightAlignedColumnsArePaddedOnTheLeft() {
        let table = TextTable([["region", "coins_70", "coins_700"], ["DE", "0.99", "9.49*"], ["US", "0.99", "8.99"]],
                              rightAligned: [1, 2])
        #expect(table.lines() == [
            "region  coins_70  coins_700",
            "DE          0.99      9.49*",
            "US          0.99       8.99",
        ])
    }

    @Test func indentAndSeparatorAreTheTablesOwn() {
        var table = TextTable(indent: "    ", separator: " | ")
        table.append(["x", "1"])
        table.append(["yyy", "2"])
        #expect(table.rendered() == "    x   | 1\n    yyy | 2\n")
    }

    @Test func rowsOfDifferentLengthsShareTheColumnsTheyHave() {
        let table = TextTable([["summary"], ["list prices", "3 changed"], ["quotes", "1 of 9", "0.1%"]])
        #expect(table.widths == [11, 9, 4])
        #expect(table.lines() == [
            "summary",
            "list prices  3 changed",
            "quotes       1 of 9     0.1%",
        ])
    }

    @Test func widthsCountCharactersNotBytes() {
        let table = TextTable([["✓ a", "applied"], ["· bcd", "not applied"]], indent: "  ")
        #expect(table.lines() == ["  ✓ a    applied", "  · bcd  not applied"])
    }

    @Test func anEmptyTableHasNoLines() {
        #expect(TextTable().lines().isEmpty)
        #expect(TextTable().rendered() == "")
        #expect(TextTable([[]]).lines() == [""])
    }
}
