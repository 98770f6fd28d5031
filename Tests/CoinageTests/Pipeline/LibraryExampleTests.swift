import Coinage            // requests, quotes, the pipeline: every phase
import CoinageFoundation  // PriceBook.load and Pipeline.load: rules from disk
import CoinageIO          // QuoteText: a quote and its explanation as text
import Synchronization    // Mutex, to swap the price book on reload
import CoinageTestSupport
import Foundation
import Testing

/// The walkthrough of Docs/Library.md, compiled and run against the sample shop.
///
/// Each ```swift snippet of the page appears here verbatim (`LibrarySnippetTests`
/// fails when one drifts); the expectations after each snippet hold it to what the
/// page says it prints.
@Suite struct LibraryExampleTests {
    /// The sample shop, which other suites load too.
    static let rules = RepositoryPaths.sampleShop.path

    @Test func serviceWalkthroughQuotesExplainsAndReloads() async throws {
        let rulesDirectory = RepositoryPaths.sampleShop.path
        // A snippet's early `return` would skip every expectation after it.
        var reachedTheEnd = false
        defer { #expect(reachedTheEnd) }

        let book: PriceBook
        do throws(RulesError) {
            book = try PriceBook.load(rulesDirectory: rulesDirectory)
        } catch {
            print("the rules did not load:\n\(error)")   // refuse to start: there is nothing to quote from
            return
        }

        let loaded = try Pipeline.load(rulesDirectory: rulesDirectory)
        guard let rules = loaded.ruleSet, let checkedBook = loaded.priceBook else {
            print(DiagnosticRenderer(sources: loaded.sources).render(loaded.errors, as: .text))
            return
        }
        print(rules.bundles.count, checkedBook.contentHash == book.contentHash)   // 7 true
        #expect(rules.bundles.count == 7)
        #expect(checkedBook.contentHash == book.contentHash)

        guard let instant = InstantParser.parse("2026-11-26T10:00:00Z") else { return }

        // A bundle. A rule set that declares channels needs one on every request.
        let bundle = QuoteRequest(item: .bundle("coins_700"), region: "DE", channel: "web", instant: instant)

        // A custom amount of coins, priced by the rule set's `custom` line (web only in the sample shop).
        let custom = QuoteRequest(item: .coins(5_000), region: "US", channel: "web", instant: instant)

        // The buyer's facts, the codes they entered and the redemptions the service has
        // counted, for promotions that ask about them; `explain` asks for the explanation.
        let vip = QuoteRequest(item: .bundle("coins_1400"), region: "US", channel: "ios", instant: instant,
                               user: ["segment": .value("vip"), "purchases": .int(12)],
                               codes: ["VIP2026"],
                               redemptions: ["vip_code": Redemptions(total: 1_234, perUser: 0)],
                               explain: true)
        #expect(instant == 1_795_687_200)

        let signup = rules.userAttribute("signup")?.read(.text("2026-03-01"), .declaration)
        if case .success(let value)? = signup {
            print(value.ruleText)   // 2026-03-01, now a .date
        }
        #expect((try? signup?.get()) == .date(try #require(CivilDate(year: 2026, month: 3, day: 1))))

        switch book.quote(vip) {
        case .success(let quote):
            print(quote.total, quote.coins.total, quote.applied)   // 19.29 USD 1700 ["vip_code"]: 17.99 USD and 7.25% tax added
        case .failure(let error):
            print(error.kind.rawValue, error.message, error.help ?? "")
        }
        let vipQuote = try book.quote(vip).get()
        #expect("\(vipQuote.price)" == "17.99 USD")
        #expect("\(vipQuote.total)" == "19.29 USD")
        #expect(vipQuote.coins.total == 1_700)
        #expect(vipQuote.applied == ["vip_code"])

        do throws(QuoteError) {
            let quote = try book.quoted(vip)
            print(quote.total)                          // 19.29 USD
        } catch {
            print(error.kind.rawValue, error.message)   // the same refusal `quote(vip)` returns
        }
        #expect(try book.quoted(vip) == vipQuote)

        let requests = [bundle, custom, vip]
        let quotes = await withTaskGroup(of: (Int, Result<Quote, QuoteError>).self) { group in
            for (index, request) in requests.enumerated() {
                group.addTask { (index, book.quote(request)) }
            }
            var results: [Result<Quote, QuoteError>?] = Array(repeating: nil, count: requests.count)
            for await (index, result) in group { results[index] = result }
            return results
        }
        #expect(quotes == requests.map { Optional(book.quote($0)) })
        #expect(try quotes[1]?.get().coins.base == 5_000)

        switch book.resolve(vip) {
        case .success(let resolved):
            print(book.quote(resolved))                // indices only: no string is hashed or copied
        case .failure(let error):
            print(error.kind.rawValue, error.message)  // the refusal `quote(vip)` would give
        }
        // The same quote as `quote(vip)`'s, without the explanation `vip` asks for.
        #expect(try book.quote(book.resolve(vip).get()).get().total == vipQuote.total)

        if case .success(let quote) = book.quote(vip) {
            print(QuoteText.render(quote, unit: book.unit), terminator: "")
        }
        let text = QuoteText.render(vipQuote, unit: book.unit)
        #expect(text.hasPrefix("coins_1400 in US on ios\n"))
        #expect(text.contains("\n  discount  −2.00 USD (vip_code)\n"))
        #expect(text.contains("\n\npromotions, in walk order:\n"))
        #expect(text.contains("\n  ✓ vip_code  "))
        let explanation = try #require(vipQuote.explanation)
        #expect(text.hasSuffix(QuoteText.render(explanation)))

        let live = LivePriceBook(book)
        try live.reload(rulesDirectory: rulesDirectory)
        print(live.book.quote(bundle).map(\.total))   // success(6.49 EUR)
        #expect("\(live.book.quote(bundle).map(\.total))" == "success(6.49 EUR)")
        reachedTheEnd = true
    }

    @Test func failedReloadKeepsServingTheOldBook() throws {
        let book = try PriceBook.load(rulesDirectory: RepositoryPaths.sampleShop.path)
        let live = LivePriceBook(book)
        let broken = RepositoryPaths.file("Tests/CoinageCLITests/Fixtures/broken").path
        #expect(throws: RulesError.self) { try live.reload(rulesDirectory: broken) }
        #expect(live.book.contentHash == book.contentHash)
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

        // Parse, check and compile; with `analysis`, also prove the guards and lint
        // (W01xx and W02xx) as `coinage check` does, judging expiry at `now`.
        let result = Pipeline.check(sources: sources, zones: SystemTimeZones(),
                                    analysis: AnalysisOptions(now: 1_768_003_200))  // 2026-01-10T00:00:00Z
        print(result.diagnostics.map(\.code.rawValue))   // ["W0206"]: the promotion's window has closed
        if let rules = result.ruleSet, let book = result.priceBook {
            print(rules.bundles.count)                    // 1: the checked rules
            print(book.contentHash.count)                 // 64: the compiled book, which quotes
        }
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
            #expect(RulesError.invalid(result).description.contains("error["))
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(throws: RulesError.self) { try PriceBook.load(rulesDirectory: "/nonexistent") }
    }
}

/// The price book every request reads, swapped whole when the rules change.
final class LivePriceBook: Sendable {
    private let current: Mutex<PriceBook>

    init(_ book: PriceBook) { current = Mutex(book) }

    /// The book to quote from now.
    var book: PriceBook { current.withLock { $0 } }

    /// Loads the rules again and swaps them in; on an error the old book stays.
    func reload(rulesDirectory: String) throws(RulesError) {
        let fresh = try PriceBook.load(rulesDirectory: rulesDirectory)   // the slow part, outside the lock
        current.withLock { $0 = fresh }
    }
}

/// Keeps every ```swift snippet of Docs/Library.md identical to a compiled copy.
///
/// A snippet is compared with `LibraryExampleTests.swift`, where each one runs
/// against the sample shop: it must appear there as consecutive lines, compared
/// with each line's surrounding spaces trimmed and blank lines dropped (the copy is
/// indented inside a test function). A snippet that declares a package manifest
/// (`import PackageDescription`) cannot compile inside a test; it is checked
/// against the real `Package.swift` instead: every `.product(name:)` it names must
/// be a library product there, and that product must hold the modules the page
/// says it does.
@Suite struct LibrarySnippetTests {
    static let page = RepositoryPaths.file("Docs/Library.md")
    static let compiledCopy = RepositoryPaths.file("Tests/CoinageTests/Pipeline/LibraryExampleTests.swift")

    /// The ```swift blocks of a Markdown text, in order.
    static func swiftBlocks(of markdown: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line.hasPrefix("```swift") {
                current = []
            } else if current != nil, line.hasPrefix("```") {
                blocks.append(current.map { $0.joined(separator: "\n") } ?? "")
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    /// Lines trimmed, blank lines dropped.
    static func normalised(_ text: String) -> String {
        text.split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: "\n")
    }

    @Test func everySnippetIsTheCompiledCopy() throws {
        let blocks = Self.swiftBlocks(of: try String(contentsOf: Self.page, encoding: .utf8))
        let copy = Self.normalised(try String(contentsOf: Self.compiledCopy, encoding: .utf8))
        #expect(blocks.count >= 10, "the walkthrough lost its snippets")
        for block in blocks where !block.contains("import PackageDescription") {
            let compiled = copy.contains(Self.normalised(block))
            #expect(compiled, "Docs/Library.md snippet not in the compiled copy:\n\(block)")
        }
    }

    @Test func manifestSnippetNamesRealProducts() throws {
        let blocks = Self.swiftBlocks(of: try String(contentsOf: Self.page, encoding: .utf8))
        let manifests = blocks.filter { $0.contains("import PackageDescription") }
        #expect(manifests.count == 1)
        let package = try String(contentsOf: RepositoryPaths.file("Package.swift"), encoding: .utf8)
        for manifest in manifests {
            let products = manifest.components(separatedBy: ".product(name: \"").dropFirst()
                .compactMap { $0.split(separator: "\"").first.map(String.init) }
            #expect(products == ["Coinage"])
            for product in products {
                let declaration = try #require(package.split(separator: "\n").first { $0.contains(".library(name: \"\(product)\"") },
                                               "no library product \(product) in Package.swift")
                for module in ["Coinage", "CoinageIO", "CoinageFoundation", "CoinageFormat"] {
                    #expect(declaration.contains("\"\(module)\""), "product \(product) lacks \(module)")
                }
            }
        }
    }

    @Test func snippetExtractionFindsFencedBlocksOnly() {
        let markdown = "text\n```swift\nlet a = 1\n\n  let b = 2\n```\n```sh\nls\n```\n"
        #expect(Self.swiftBlocks(of: markdown) == ["let a = 1\n\n  let b = 2"])
        #expect(Self.normalised("  let a = 1\n\n    let b = 2  ") == "let a = 1\nlet b = 2")
    }
}
