import Coinage
import CoinageFoundation
import CoinageTestSupport
import Foundation
import Testing

/// The example of Docs/Library.md, kept compiling and true.
@Suite struct LibraryExampleTests {
    static let rules = RepositoryPaths.sampleShop.path

    @Test func documentedExampleQuotesTheSampleShop() async throws {
        // Load, check and compile once, at start-up.
        let book = try PriceBook.load(rulesDirectory: Self.rules)

        // Quote from any thread: the price book is immutable and Sendable.
        let request = QuoteRequest(item: .bundle("coins_700"), region: "DE", channel: "web",
                                   instant: 1_795_687_200)  // 2026-11-26T10:00:00Z
        let quotes = await withTaskGroup(of: Result<Quote, QuoteError>.self) { group in
            for _ in 0..<4 { group.addTask { book.quote(request) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let first = try quotes[0].get()
        #expect(first.total.currency.code == "EUR")
        #expect(first.coins.total == 800)
        #expect(quotes.allSatisfy { (try? $0.get()) == first })
    }

    @Test func documentedPipelineExampleChecksCompilesAndLints() throws {
        var sources = SourceMap()
        sources.add(path: "shop.coin", text: """
            base currency USD
            region US: USD, tax 7.25% added
            bundle coins_70: 70 coins, 0.99 USD
            promotion gone {
              during 2026-01-01 to 2026-01-08
              discount 10%
            }
            """)
        let result = Pipeline.check(sources: sources, zones: FoundationTimeZones(),
                                    analysis: AnalysisOptions(now: 1_768_003_200))  // 2026-01-10T00:00:00Z
        #expect(InstantParser.parse("2026-01-10T00:00:00Z") == 1_768_003_200)
        #expect(result.diagnostics.map(\.code.rawValue) == ["W0206"])
        let rules = try #require(result.ruleSet)
        let book = try #require(result.priceBook)
        #expect(rules.bundles.count == 1)
        #expect(book.contentHash.count == 64)
    }

    @Test func brokenRulesGiveTheirDiagnostics() throws {
        let broken = RepositoryPaths.file("Tests/CoinageCLITests/Fixtures/broken").path
        do {
            _ = try PriceBook.load(rulesDirectory: broken)
            Issue.record("broken rules compiled")
        } catch .invalid(let result) {
            #expect(result.errorCount == 5)
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(throws: RulesError.self) { try PriceBook.load(rulesDirectory: "/nonexistent") }
    }
}
