import Coinage
import CoinageSyntax

/// The JUnit XML report of `coinage test`, for CI systems that show test results.
///
/// One `<testsuite>` for the rules directory, one `<testcase>` per test (its file as
/// the class name), and a `<failure>` whose message is the first failing expectation
/// and whose text is the whole failure report with the quote's trace. With
/// `--min-coverage`, the threshold is one more test case, so a coverage failure
/// shows in the CI's test view too.
enum TestReportJUnit {
    static func render(_ run: TestRun) -> String {
        var cases: [String] = run.report.results.map { result in
            let file = run.rules.sources[result.test.span.file].path
            let line = run.rules.sources.location(of: result.test.span).line
            let open = "    <testcase name=\"\(escape(result.test.title))\" classname=\"\(escape(file))\" file=\"\(escape(file))\" line=\"\(line)\""
            guard let first = result.failures.first else { return open + "/>" }
            let message = "expected \(first.expected), got \(first.actual)"
            let details = TestReportText.failure(result, run: run).map { $0.hasPrefix("    ") ? String($0.dropFirst(4)) : $0 }
            return open + ">\n      <failure message=\"\(escape(message))\" type=\"expectation\">"
                + escape(details.joined(separator: "\n"), attribute: false) + "</failure>\n    </testcase>"
        }
        var failures = run.report.failedCount
        var properties: [String] = []
        if let coverage = run.coverage {
            properties = [
                property("coverage", coverage.percentText),
                property("coverage.covered", "\(coverage.coveredCount)"),
                property("coverage.items", "\(coverage.itemCount)"),
            ]
            if let minimum = run.minimum {
                let open = "    <testcase name=\"coverage at least \(escape("\(minimum)"))\" classname=\"coverage\""
                if coverage.meets(minimum) {
                    cases.append(open + "/>")
                } else {
                    failures += 1
                    let message = "coverage \(coverage.percentText) (\(coverage.coveredCount) of \(coverage.itemCount) items) is below the minimum \(minimum)"
                    let details = TestReportText.coverage(coverage, minimum: minimum).joined(separator: "\n")
                    cases.append(open + ">\n      <failure message=\"\(escape(message))\" type=\"coverage\">"
                                 + escape(details, attribute: false) + "</failure>\n    </testcase>")
                }
            }
        }
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<testsuites name=\"coinage test\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\">",
            "  <testsuite name=\"\(escape(run.directory))\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">",
        ]
        if !properties.isEmpty { lines += ["    <properties>"] + properties + ["    </properties>"] }
        lines += cases
        lines += ["  </testsuite>", "</testsuites>"]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func property(_ name: String, _ value: String) -> String {
        "      <property name=\"\(escape(name))\" value=\"\(escape(value))\"/>"
    }

    /// Text safe in XML 1.0 attributes and content: `&`, `<`, `>` (and quotes in
    /// attributes) as entities, and the characters XML cannot carry at all, not even
    /// as references (control characters, U+FFFE, U+FFFF), replaced by U+FFFD. In
    /// attributes, tabs and line breaks become references, which a parser would
    /// otherwise normalize to spaces.
    static func escape(_ text: String, attribute: Bool = true) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"" where attribute: escaped += "&quot;"
            case "'" where attribute: escaped += "&apos;"
            case "\t", "\n", "\r":
                if attribute { escaped += "&#\(scalar.value);" } else { escaped.unicodeScalars.append(scalar) }
            default:
                let value = scalar.value
                let allowed = value >= 0x20 && !(0xFFFE...0xFFFF).contains(value)
                escaped.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return escaped
    }
}
