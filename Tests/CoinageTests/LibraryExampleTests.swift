import Coinage
import CoinageFoundation
import Foundation
import Testing

/// The example of Docs/Library.md, kept compiling and true.
@Suite struct LibraryExampleTests {
    static let rules = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rules").path

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

    @Test func brokenRulesGiveTheirDiagnostics() throws {
        let broken = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("CoinageCLITests/Fixtures/broken").path
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
