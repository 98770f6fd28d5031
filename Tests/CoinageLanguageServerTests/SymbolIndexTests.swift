@testable import CoinageLanguageServer
import CoinageSyntax
import Testing

/// Declarations and references across files, from the AST alone.
@Suite struct SymbolIndexTests {
    private func index(_ files: [(String, String)]) -> (SymbolIndex, SourceMap) {
        var sources = SourceMap()
        for (path, text) in files { sources.add(path: path, text: text) }
        return (SymbolIndex(ParsedSources(sources)), sources)
    }

    private let shop = [
        ("a.coin", """
        base currency USD
        rate EUR 0.9
        region DE: EUR
        market eurozone: DE
        channel web: fee 3%
        bundle coins_70: 70 coins, 0.99 USD
        user segment: one of new, vip
        """),
        ("b.coin", """
        promotion sale {
          when bundle == coins_70 and region in eurozone and channel == web and user.segment == vip
          discount 10%
          group weekend
        }
        price coins_70 in DE on web: 0.89 EUR
        test "sale" {
          quote coins_70 in DE on web
          expect applied sale
        }
        """),
    ]

    @Test func referencesAcrossFilesAreFound() {
        let (index, _) = index(shop)
        let bundle = index.occurrences(of: SymbolKey(.bundle, "coins_70"))
        #expect(bundle.count == 4)
        #expect(bundle.first?.isDefinition == true)
        #expect(bundle.first?.span.file == SourceFileID(0))
        #expect(index.occurrences(of: SymbolKey(.market, "eurozone")).count == 2)
        #expect(index.occurrences(of: SymbolKey(.channel, "web")).count == 4)
        #expect(index.occurrences(of: SymbolKey(.attribute, "segment")).count == 2)
        #expect(index.occurrences(of: SymbolKey(.promotion, "sale")).count == 2)
        #expect(index.occurrences(of: SymbolKey(.region, "DE")).count == 4)
        #expect(index.occurrences(of: SymbolKey(.currency, "EUR")).count == 3)
    }

    @Test func theOccurrenceUnderTheCursorIsFound() {
        let (index, sources) = index(shop)
        let text = String(decoding: sources[SourceFileID(1)].bytes, as: UTF8.self)
        let offset = text.utf8.distance(from: text.startIndex, to: text.range(of: "coins_70")?.lowerBound ?? text.startIndex) + 3
        #expect(index.occurrence(in: SourceFileID(1), at: offset)?.key == SymbolKey(.bundle, "coins_70"))
        // A group has no declaration: its first mention stands for it.
        #expect(index.definitions(of: SymbolKey(.group, "weekend")).count == 1)
    }

    @Test func aBrokenFileIsIndexedAsFarAsItParses() {
        let (index, _) = index([("a.coin", "bundle ok: 10 coins, 1.00 USD\nbundle broken: coins\ngift rose: 1 coin\n")])
        #expect(index.definitions(of: SymbolKey(.bundle, "ok")).count == 1)
        #expect(index.definitions(of: SymbolKey(.gift, "rose")).count == 1)
        #expect((index.outlines[SourceFileID(0)] ?? []).map(\.name).contains("broken"))
    }

    @Test func namesForRenameKeepTheirKindsShape() {
        #expect(LanguageServer.isValidName("coins_700", for: .bundle))
        #expect(!LanguageServer.isValidName("Coins", for: .bundle))
        #expect(!LanguageServer.isValidName("7up", for: .bundle))
        #expect(LanguageServer.isValidName("FR", for: .region))
        #expect(!LanguageServer.isValidName("FRA", for: .region))
        #expect(LanguageServer.isValidName("GBP", for: .currency))
    }
}
