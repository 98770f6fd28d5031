import Coinage
import CoinageFoundation
@testable import CoinageIO
import CoinageSyntax
import Testing

/// Accepting a warning: `allow CODE "reason"` in the rules and `--allow` for one run
/// mark the finding suppressed (kept, not counted), never an error, and an `allow`
/// that accepts nothing is W0005.
@Suite struct AllowanceTests {
    /// `coins_350` costs more per coin than `coins_70`: one W0202.
    static let ladder = """
        base currency USD
        region US: USD, tax 7.25% added
        bundle coins_70: 70 coins, 0.99 USD
        bundle coins_350: 350 coins, 4.99 USD

        """
    static let reason = "launch ladder, reviewed 2026-12"

    static func check(_ text: String, analysis: Bool = true, allow: [Allowance] = []) -> PipelineResult {
        var sources = SourceMap()
        sources.add(path: "shop.coin", text: text)
        return Pipeline.check(sources: sources, zones: SystemTimeZones(),
                              analysis: analysis ? AnalysisOptions(now: 1_795_860_000) : nil, allow: allow)
    }

    @Test func anAllowedWarningIsKeptMarkedAndNotCounted() throws {
        let plain = Self.check(Self.ladder)
        #expect(plain.diagnostics.map(\.code) == [.pricePerCoinRises])
        #expect(plain.warningCount == 1 && plain.suppressedCount == 0)

        let allowed = Self.check(Self.ladder + "allow W0202 \"\(Self.reason)\"\n")
        let finding = try #require(allowed.diagnostics.first { $0.code == .pricePerCoinRises })
        #expect(finding.suppression?.reason == Self.reason)
        #expect(finding.suppression?.span != nil)
        #expect(allowed.warningCount == 0 && allowed.suppressedCount == 1 && allowed.errorCount == 0)
        #expect(allowed.diagnostics.count == 1)
    }

    @Test func theCommandLineAllowsForOneRun() throws {
        let allowed = Self.check(Self.ladder, allow: [Allowance(code: .pricePerCoinRises, reason: "for this run", span: nil)])
        let finding = try #require(allowed.diagnostics.first)
        #expect(finding.suppression == Suppression(reason: "for this run", span: nil))
        #expect(allowed.warningCount == 0)
    }

    @Test func errorsAreNeverSuppressed() {
        // The CLI refuses `--allow E0101`; even an allowance built by hand marks no error.
        let twice = Self.ladder + "bundle coins_70: 70 coins, 0.99 USD\n"
        let result = Self.check(twice, allow: [Allowance(code: .duplicateDeclaration, reason: "no", span: nil)])
        #expect(result.errorCount == 1)
        #expect(result.diagnostics.allSatisfy { !$0.isSuppressed })
    }

    @Test func anAllowThatAcceptsNothingIsAWarningInAFullCheckOnly() throws {
        let text = Self.ladder + "allow W0202 \"\(Self.reason)\"\nallow W0204 \"kept for the EU launch\"\n"
        let full = Self.check(text)
        let unused = try #require(full.diagnostics.first { $0.code == .allowUnused })
        #expect(unused.message == "`allow W0204` accepts nothing: no W0204 is reported")
        #expect(full.warningCount == 1)
        // Without the analysis most warnings are not looked for: nothing is judged unused.
        #expect(!Self.check(text, analysis: false).diagnostics.contains { $0.code == .allowUnused })
    }

    /// `allow W0202 for coins_350` accepts the W0202 reported on `coins_350` (and its
    /// prices) and nothing elsewhere; one for `coins_70`, where it is not reported,
    /// accepts nothing.
    @Test func anAllowForADeclarationAcceptsOnlyWhatIsReportedThere() throws {
        let onBigger = Self.check(Self.ladder + "allow W0202 for coins_350 \"\(Self.reason)\"\n")
        #expect(onBigger.warningCount == 0 && onBigger.suppressedCount == 1)

        let onSmaller = Self.check(Self.ladder + "allow W0202 for coins_70 \"\(Self.reason)\"\n")
        #expect(onSmaller.suppressedCount == 0)
        #expect(Set(onSmaller.diagnostics.map(\.code)) == [.pricePerCoinRises, .allowUnused])

        let unknown = Self.check(Self.ladder + "allow W0202 for coins_3500 \"\(Self.reason)\"\n")
        let error = try #require(unknown.errors.first)
        #expect(error.code == .unknownAllowTarget)
        #expect(error.help == "did you mean `coins_350`?")
    }

    @Test func textLeavesAcceptedFindingsOutJSONAndSARIFKeepThem() throws {
        let allowed = Self.check(Self.ladder + "allow W0202 \"\(Self.reason)\"\n")
        let renderer = DiagnosticRenderer(sources: allowed.sources)
        #expect(renderer.render(allowed.diagnostics, as: .text).isEmpty)
        #expect(renderer.render(allowed.diagnostics, as: .github).isEmpty)
        let json = renderer.render(allowed.diagnostics, as: .json)
        #expect(json.contains("\"suppressed\": {\n        \"reason\": \"\(Self.reason)\""))
        #expect(json.contains("\"warnings\": 0"))
        #expect(json.contains("\"suppressed\": 1"))
        let sarif = renderer.render(allowed.diagnostics, as: .sarif)
        #expect(sarif.contains("\"kind\": \"inSource\""))
        #expect(sarif.contains("\"justification\": \"\(Self.reason)\""))
        let external = Self.check(Self.ladder, allow: [Allowance(code: .pricePerCoinRises, reason: "run", span: nil)])
        #expect(DiagnosticRenderer(sources: external.sources).render(external.diagnostics, as: .sarif).contains("\"kind\": \"external\""))
    }

    @Test(arguments: [
        ("allow W0202\n", "expected the reason in quotes after `allow W0202`"),
        ("allow w0202 \"x\"\n", "expected a warning's code after `allow`"),
        ("allow W202 \"x\"\n", "expected a warning's code after `allow`"),
    ])
    func aMalformedAllowIsASyntaxError(line: String, message: String) throws {
        let result = Self.check(Self.ladder + line, analysis: false)
        let error = try #require(result.errors.first)
        #expect(error.code == .expectedToken)
        #expect(error.message.hasPrefix(message))
    }
}
