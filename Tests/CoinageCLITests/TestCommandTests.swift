@testable import CoinageCLI
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

private let passing = Snapshot.fixture("tests-pass")
private let failing = Snapshot.fixture("tests-fail")

/// `coinage test`: the text and JUnit reports, coverage and its threshold, the
/// filter, and the exit statuses.
@Suite struct TestCommandTests {
    @Test func passingTestsExitZero() {
        let result = runCoinage(["test", passing])
        #expect(result.status == .success)
        #expect(result.err.isEmpty)
        Snapshot.expect(result.out, matches: "test-pass.txt")
    }

    @Test func failuresShowExpectedActualAndTheTraceAndExitOne() {
        let result = runCoinage(["test", failing])
        #expect(result.status == .failure)
        #expect(result.err.isEmpty)
        Snapshot.expect(result.out, matches: "test-fail.txt")
        #expect(result.out.hasSuffix("\n\n1 passed, 7 failed\n"))
    }

    @Test func coverageIsReportedAndMeetsItsMinimum() {
        let result = runCoinage(["test", passing, "--coverage", "--min-coverage", "75%"])
        #expect(result.status == .success)
        Snapshot.expect(result.out, matches: "test-coverage.txt")
        #expect(runCoinage(["test", passing, "--min-coverage", "74.999999"]).status == .success)
    }

    @Test func coverageBelowTheMinimumExitsOne() {
        // 6 of 8 items is exactly 75%: just below 75.000001%.
        let result = runCoinage(["test", passing, "--min-coverage", "75.000001%"])
        #expect(result.status == .failure)
        #expect(result.out.contains("coverage: 75% (6 of 8 items), below the minimum 75.000001%\n"))
        #expect(result.err == "error: coverage 75% (6 of 8 items) is below the minimum 75.000001%\n")
    }

    @Test func junitReportOfFailures() throws {
        let result = runCoinage(["test", failing, "--format", "junit"])
        #expect(result.status == .failure)
        Snapshot.expect(result.out, matches: "test-fail.junit.xml")
        let document = try JUnitDocument(result.out)
        #expect(document.testcases.count == 8)
        #expect(document.failures.count == 7)
        #expect(document.testcases.contains("title with <markup> & \"quotes\""))
        #expect(document.failures.first == "expected price 9.99 EUR, got price 8.99 EUR")
    }

    @Test func junitReportWithCoverageBelowTheMinimum() throws {
        let result = runCoinage(["test", passing, "--format", "junit", "--min-coverage", "90"])
        #expect(result.status == .failure)
        Snapshot.expect(result.out, matches: "test-coverage.junit.xml")
        let document = try JUnitDocument(result.out)
        #expect(document.testcases.last == "coverage at least 90%")
        #expect(document.failures == ["coverage 75% (6 of 8 items) is below the minimum 90%"])
    }

    @Test func xmlEscapingOfAttributesAndContent() {
        #expect(TestReportJUnit.escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&apos;")
        #expect(TestReportJUnit.escape("a<b>&\"c'", attribute: false) == "a&lt;b&gt;&amp;\"c'")
        #expect(TestReportJUnit.escape("tab\tline\nend") == "tab&#9;line&#10;end")
        #expect(TestReportJUnit.escape("tab\tline\nend", attribute: false) == "tab\tline\nend")
        #expect(TestReportJUnit.escape("bell\u{7} nul\u{0} \u{FFFE}") == "bell\u{FFFD} nul\u{FFFD} \u{FFFD}")
        #expect(TestReportJUnit.escape("ünïcödé ✓ 🎁") == "ünïcödé ✓ 🎁")
    }

    @Test func theFilterSelectsByTitleInAnyCase() {
        let result = runCoinage(["test", passing, "--filter", "SUMMER"])
        #expect(result.status == .success)
        #expect(result.out == "✓ summer sale on the big bundle\n✓ no summer sale the evening before\n\n2 passed, 0 failed\n")
        #expect(runCoinage(["test", passing, "--filter", "VIP CODE"]).out.hasSuffix("\n2 passed, 0 failed\n"))
        let none = runCoinage(["test", passing, "--filter", "winter"])
        #expect(none.status == .failure)
        #expect(none.out == "0 passed, 0 failed\n")
        #expect(none.err.hasPrefix("error: nothing to run: no test title in"))
    }

    @Test func theSampleShopPassesWithItsCoverage() {
        let rules = Snapshot.packageRoot.appendingPathComponent("rules").path
        let result = runCoinage(["test", rules, "--min-coverage", "90%"])
        #expect(result.status == .success, "\(result.out)\(result.err)")
        #expect(result.out.hasSuffix(" passed, 0 failed\n"))
        #expect(result.out.contains("), minimum 90% met\n"))
        for promotion in ["black_friday", "first_purchase_bonus", "vip_code", "web_saver", "weekend_happy_hour"] {
            let row = result.out.split(separator: "\n").first { $0.hasPrefix("  \(promotion) ") }
            #expect(row?.hasSuffix("✓        ✓") == true, "\(promotion) is not seen applied and not applied")
        }
    }

    @Test func aDiscountGuardWithNothingToTakeOffIsNoUncoveredItem() throws {
        // No promotion: the guard has nothing to exercise, whatever the tests quote.
        let rules = """
            base currency EUR
            region DE: EUR
            bundle small: 100 coins, 1.99 EUR
            bundle big: 1_000 coins, 9.99 EUR
            guard discount at most 50%
            test "big" {
              quote big in DE
              expect price 9.99 EUR
            }

            """
        let result = try withTemporaryRules(rules) { runCoinage(["test", $0, "--min-coverage", "100"]) }
        #expect(result.status == .success, "\(result.err)")
        #expect(result.out == """
            ✓ big

            coverage: 100% (0 of 0 items), minimum 100% met
              guard                 worst case
              discount at most 50%  · no worst case: no promotion takes anything off

            1 passed, 0 failed

            """)
    }

    @Test func usageErrorsExitTwo() {
        for value in ["abc", "120", "-5", "80%%", "12.3456789"] {
            let result = runCoinage(["test", passing, "--min-coverage", value])
            #expect(result.status == .usage, "\(value)")
            #expect(result.err.hasPrefix("error: `\(value)` is not a valid value for `--min-coverage`"))
        }
        #expect(runCoinage(["test", passing, "--format", "xml"]).status == .usage)
        #expect(runCoinage(["test", passing, failing]).status == .usage)
        #expect(runCoinage(["test", "/nonexistent/rules"]).status == .usage)
    }

    @Test func brokenRulesExitOne() {
        let result = runCoinage(["test", Snapshot.fixture("broken")])
        #expect(result.status == .failure)
        #expect(result.out.isEmpty)
        #expect(result.err.contains("have 5 errors"))
    }

    @Test func help() {
        let result = runCoinage(["test", "--help"])
        #expect(result.status == .success)
        Snapshot.expect(result.out, matches: "test-help.txt")
    }
}

/// A JUnit report read back with an XML parser: the names of its test cases and
/// the messages of its failures. Parsing fails on anything that is not well-formed.
private struct JUnitDocument {
    var testcases: [String] = []
    var failures: [String] = []

    init(_ text: String) throws {
        let delegate = Collector()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = delegate
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.coderReadCorrupt) }
        testcases = delegate.testcases
        failures = delegate.failures
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var testcases: [String] = []
        var failures: [String] = []

        func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            if element == "testcase" { testcases.append(attributes["name"] ?? "") }
            if element == "failure" { failures.append(attributes["message"] ?? "") }
        }
    }
}
