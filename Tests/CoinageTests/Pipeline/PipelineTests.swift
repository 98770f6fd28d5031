import Coinage
import CoinageFoundation
import Testing

/// `Pipeline.check`: parse, check, compile and, when asked, analyse and lint, in
/// one call whose result every caller (CLI, library, diff, goldens) reads.
@Suite struct PipelineTests {
    typealias F = AnalysisFixtures

    static func sources(_ text: String, path: String = "shop.coin") -> SourceMap {
        var sources = SourceMap()
        sources.add(path: path, text: text)
        return sources
    }

    static func codes(_ result: PipelineResult) -> [String] { result.diagnostics.map(\.code.rawValue) }

    /// A promotion that can never apply (W0101) and an off-grid price (W0201): one
    /// finding of each of the two lint families.
    static let bothLintFamilies = F.header + """
        rate GBP 0.76
        region GB: GBP, zone Europe/London
        round GBP {
          below 20.00: up 0.50 ending 0.49
          else: nearest 1.00 ending 0.99
        }
        price coins_700 in GB: 8.98 GBP
        promotion odd {
          when user.purchases > 5 and user.purchases < 3
          discount 10%
        }

        """

    @Test func cleanRulesGiveTheCheckedRulesAndTheirPriceBook() throws {
        let result = Pipeline.check(sources: Self.sources(F.header), zones: SystemTimeZones())
        // The checker's own warnings (unused attributes), and nothing of the analysis.
        #expect(result.errorCount == 0)
        #expect(Self.codes(result).allSatisfy { $0 == "W0002" })
        let rules = try #require(result.ruleSet)
        let book = try #require(result.priceBook)
        // The book is compiled from these rules: it prices every bundle they declare.
        #expect(rules.bundles.allSatisfy { book.explainListPrice(bundle: $0.name, region: "US", channel: "web") != nil })
        let quote = try book.quote(QuoteRequest(item: .bundle("coins_700"), region: "US", channel: "web", instant: 1_795_687_200)).get()
        #expect(quote.coins.total == 700)
    }

    @Test func rulesWithErrorsGiveNoPriceBookAndEveryErrorOfParserAndChecker() {
        // `bundel` is the parser's (E0202); the unknown currency of `coins_9` is the checker's.
        let text = F.header + "bundel coins_8: 8 coins, 0.99 USD\nbundle coins_9: 9 coins, 0.99 ZZZ\n"
        let result = Pipeline.check(sources: Self.sources(text), zones: SystemTimeZones(), analysis: AnalysisOptions())
        #expect(result.priceBook == nil)
        #expect(result.ruleSet == nil)
        #expect(result.errorCount >= 2)
        #expect(result.errors.count == result.errorCount)
        #expect(Self.codes(result).contains("E0202"))
        // No analysis runs on rules with errors: nothing but the checker's findings.
        #expect(!Self.codes(result).contains { $0.hasPrefix("W01") || $0.hasPrefix("W02") })
    }

    @Test func withoutAnalysisOptionsThePipelineStopsAtThePriceBook() throws {
        let result = Pipeline.check(sources: Self.sources(Self.bothLintFamilies), zones: SystemTimeZones())
        #expect(result.priceBook != nil)
        #expect(try #require(result.ruleSet).promotions.count == 1)
        #expect(!Self.codes(result).contains { $0.hasPrefix("W01") || $0.hasPrefix("W02") })
    }

    @Test func withAnalysisOptionsBothLintFamiliesRun() throws {
        let result = Pipeline.check(sources: Self.sources(Self.bothLintFamilies), zones: SystemTimeZones(),
                                    analysis: AnalysisOptions())
        #expect(Self.codes(result).contains("W0101"))
        #expect(Self.codes(result).contains("W0201"))
        // The same findings, in the same order, as running each phase by hand.
        let rules = try #require(result.ruleSet)
        let book = try #require(result.priceBook)
        let byHand = Checker.check(Self.sources(Self.bothLintFamilies), zones: SystemTimeZones())
            .adding(RuleAnalysis.analyze(rules, book: book) + RuleSetLints.lint(rules, book: book, options: AnalysisOptions()))
        #expect(result.diagnostics == byHand.diagnostics)
        #expect(Pipeline.findings(rules, book: book, options: AnalysisOptions()).count == 2)
    }

    @Test func theTimeLintsJudgeByTheAnalysisInstant() {
        let text = F.header + "promotion gone {\n  during 2026-01-01 to 2026-01-08\n  discount 10%\n}\n"
        let sources = Self.sources(text)
        let without = Pipeline.check(sources: sources, zones: SystemTimeZones(), analysis: AnalysisOptions())
        let after = Pipeline.check(sources: sources, zones: SystemTimeZones(),
                                   analysis: AnalysisOptions(now: InstantParser.parse("2026-01-10")))
        #expect(!Self.codes(without).contains("W0206"))
        #expect(Self.codes(after).contains("W0206"))
    }

    @Test func theLimitIsAppliedOnceOverCheckerAndAnalysis() {
        var text = F.header
        for index in 0...Limits.maxDiagnostics {
            text += "promotion never_\(index) {\n  when user.purchases > 5 and user.purchases < 3\n  discount 10%\n}\n"
        }
        let result = Pipeline.check(sources: Self.sources(text), zones: SystemTimeZones(), analysis: AnalysisOptions())
        #expect(result.diagnostics.count == Limits.maxDiagnostics + 1)
        #expect(result.diagnostics.last?.code == .tooManyDiagnostics)
        #expect(result.diagnostics.filter { $0.code == .tooManyDiagnostics }.count == 1)
    }

    @Test func aFileThatIsNotTextStopsThePipelineAtItsOwnError() {
        var sources = Self.sources(F.header)
        sources.add(path: "broken.coin", bytes: [0x62, 0xFF, 0x0A])
        let result = Pipeline.check(sources: sources, zones: SystemTimeZones(), analysis: AnalysisOptions())
        #expect(Self.codes(result) == ["E0010"])
        #expect(result.priceBook == nil)
    }

    @Test func theCheckerTakesTheParsedFilesWithTheParsersDiagnostics() {
        let parsed = ParsedSources(Self.sources(F.header + "bundel coins_8: 8 coins, 0.99 USD\n"))
        #expect(parsed.files.count == 1)
        #expect(parsed.diagnostics.sorted().map(\.code.rawValue) == ["E0202"])
        #expect(!parsed.hasUnreadableFile)
        let checked = Checker.check(parsed, zones: nil)
        #expect(checked.ruleSet == nil)
        #expect(checked.diagnostics.map(\.code.rawValue).contains("E0202"))
    }

    @Test func loadingADirectoryRunsThePipelineOnItsFiles() throws {
        let result = try Pipeline.load(rulesDirectory: LibraryExampleTests.rules, analysis: AnalysisOptions())
        let book = try #require(result.priceBook)
        #expect(result.errorCount == 0)
        #expect(book.contentHash == (try PriceBook.load(rulesDirectory: LibraryExampleTests.rules)).contentHash)
        #expect(throws: RulesLoadError.self) { try Pipeline.load(rulesDirectory: "/nonexistent") }
    }
}
