import Coinage
import CoinageIO
import CoinageSyntax

/// The terminal report of `coinage test`: one line per test, the details of each
/// failure with the failing quote's trace, the coverage when asked for, and the
/// summary line last.
enum TestReportText {
    static func render(_ run: TestRun) -> String {
        var lines: [String] = []
        for result in run.report.results {
            lines.append("\(result.passed ? "✓" : "✗") \(result.test.title)")
            if !result.passed { lines += failure(result, run: run) }
        }
        if let coverage = run.coverage {
            if !lines.isEmpty { lines.append("") }
            lines += self.coverage(coverage, minimum: run.minimum)
        }
        if !lines.isEmpty { lines.append("") }
        lines.append(run.summary)
        return lines.joined(separator: "\n") + "\n"
    }

    /// What each failing expectation expected and got, then how the quote came about.
    static func failure(_ result: RuleTestResult, run: TestRun) -> [String] {
        var lines: [String] = []
        for failure in result.failures {
            // The line as written (`expect coins 1_000`), not as the runner reads it.
            let what = failure.line.map { run.rules.sources[$0.span.file].text(of: $0.span) } ?? "test \"\(result.test.title)\""
            lines.append("    \(run.place(failure.span)): \(what)")
            lines += QuoteText.table([("expected", failure.expected), ("actual", failure.actual)], indent: "      ")
        }
        guard let moment = result.moment, let outcome = result.outcome else { return lines }
        lines.append("    quoted at \(moment.description(offsets: run.rules.zoneOffsets[moment.zone])):")
        switch outcome {
        case .success(let quote):
            lines += QuoteText.render(quote, unit: run.rules.unit).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                .map { $0.isEmpty ? "" : "      \($0)" }
        case .failure(let error):
            lines.append("      refused: error \(error.kind.rawValue): \(error.message)")
        }
        return lines
    }

    static func coverage(_ coverage: TestCoverage, minimum: Percentage?) -> [String] {
        var header = "coverage: \(coverage.percentText) (\(coverage.coveredCount) of \(coverage.itemCount) items)"
        if let minimum { header += coverage.meets(minimum) ? ", minimum \(minimum) met" : ", below the minimum \(minimum)" }
        var lines = [header]
        if !coverage.promotions.isEmpty {
            lines += TextTable([["promotion", "applied", "not applied"]] + coverage.promotions.map {
                [$0.promotion, mark($0.seenApplied), mark($0.seenNotApplied)]
            }, indent: "  ").lines()
        }
        if !coverage.guards.isEmpty {
            let rows = QuoteText.table([("guard", "worst case")] + coverage.guards.map { item in
                guard let first = item.worstCases.first else { return (item.guardRule.text, nothingToMeasure(item.guardRule)) }
                let cells = item.worstCases.map(\.cellText).joined(separator: "; or ")
                return (item.guardRule.text, "\(mark(item.isExercised)) \(first.measureText): \(cells)")
            })
            lines.append(rows[0])
            for (item, row) in zip(coverage.guards, rows.dropFirst()) {
                lines.append(row)
                if !item.isExercised, let worst = item.worstCases.first { lines += untested(worst) }
            }
        }
        return lines
    }

    static func mark(_ covered: Bool) -> String { covered ? "✓" : "✗" }

    /// The row of a guard without a worst case, which is no item.
    static func nothingToMeasure(_ guardRule: Guard) -> String {
        if case .discountAtMost = guardRule.kind { return "· no worst case: no promotion takes anything off" }
        return "· nothing to measure"
    }

    /// The lines of a test that would exercise a worst case, to copy into the rules.
    static func untested(_ worst: GuardWorstCase) -> [String] {
        var lines = [worst.comparedRequest == nil ? "    a test that exercises it:" : "    tests that exercise it:"]
        for (request, quote) in [(worst.comparedRequest, worst.comparedQuote), (worst.request, worst.quote)] {
            guard let request, let quote else { continue }
            lines += request.testLines.map { "      \($0)" }
            lines += quote.applied.map { "      expect applied \($0)" }
            if worst.comparedRequest != nil, request == worst.comparedRequest { lines.append("    and:") }
        }
        return lines
    }
}

extension GuardWorstCase {
    /// The measured value in words: `discount 36%`, `ratio 0.98`, `deviation 4.2%`.
    var measureText: String {
        switch measure {
        case .discount(let share, _): "discount \(percent(share))"
        case .pricePerCoin(let ratio): "price per coin ratio \(ratio.decimalText(maximumDigits: 4))"
        case .regionPrice(let deviation, _): "deviation \(percent(deviation))"
        }
    }

    private func percent(_ share: Fraction) -> String {
        ((try? share.multiplied(by: 100))?.decimalText(maximumDigits: 2) ?? "?") + "%"
    }
}
