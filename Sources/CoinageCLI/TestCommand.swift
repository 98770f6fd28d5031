import Coinage
import CoinageSyntax

/// `coinage test [DIR] [--filter TEXT] [--format text|junit] [--coverage] [--min-coverage P]`
enum TestCommand: Command {
    static let name = "test"
    static let summary = "Run the rule set's test blocks, with coverage of promotions and guards"
    static let usage = "coinage test [DIR] [--filter TEXT] [--format text|junit] [--coverage] [--min-coverage P]"
    static let options: [OptionSpec] = [
        .value(.rules, "DIR", "the rules directory (default: ./rules; or give DIR)"),
        .value(.filter, "TEXT", "run only the tests whose title contains TEXT (any case)"),
        .value(.format, "FORMAT", choices: TestReportFormat.allCases.map(\.rawValue), "text (default) or junit"),
        .flag(.coverage, "report which promotions and guard worst cases the tests exercise"),
        .value(.minCoverage, "P", "fail below P percent coverage, e.g. 80 or 80% (implies --coverage)"),
    ]

    /// The largest number of decimals `--min-coverage` takes, as for percentages in rules.
    static let minimumCoverageDecimals = 6

    static func run(_ arguments: ParsedArguments, console: Console) -> ExitCode {
        let directory: String
        let minimum: Percentage?
        do {
            directory = try RulesLoading.directory(arguments, positional: true)
            minimum = try arguments.value(.minCoverage).map(minimumCoverage)
        } catch {
            return CoinageCLI.usageError(error, usage: usage, console: console)
        }
        let format = arguments.value(.format).flatMap(TestReportFormat.init(rawValue:)) ?? .text
        let rules: RuleSet
        let book: PriceBook
        switch RulesLoading.compiled(directory, console: console) {
        case .success(let loaded): (rules, book) = (loaded.rules, loaded.book)
        case .failure(let status): return status
        }

        let filter = RuleTestFilter(arguments.value(.filter) ?? "")
        let report = RuleTestRunner(rules, book: book).run(filter: filter)
        let coverage = arguments.flag(.coverage) || minimum != nil ? TestCoverage(report: report, rules: rules, book: book) : nil
        let run = TestRun(directory: directory, rules: rules, report: report, coverage: coverage, minimum: minimum)
        switch format {
        case .text: console.writeText(TestReportText.render(run))
        case .junit: console.writeOut(TestReportJUnit.render(run))
        }

        if report.results.isEmpty {
            let why = filter.text.isEmpty ? "the rules in `\(directory)` have no `test` blocks"
                                          : "no test title in `\(directory)` contains `\(filter.text)`"
            console.writeError("error: nothing to run: \(why)\n")
            return .failure
        }
        if let coverage, let minimum, !coverage.meets(minimum) {
            console.writeError("error: coverage \(coverage.percentText) (\(coverage.coveredCount) of \(coverage.itemCount) items) is below the minimum \(minimum)\n")
            return .failure
        }
        return report.allPassed ? .success : .failure
    }

    /// `80`, `80%` or `87.5%`: a percentage from 0 to 100.
    static func minimumCoverage(_ text: String) throws(UsageError) -> Percentage {
        let number = text.hasSuffix("%") ? text.dropLast() : Substring(text)
        guard let value = ExactDecimal(parsing: number), !value.isNegative,
              ExactDecimal.compare(value, ExactDecimal(100)) <= 0,
              value.significantScale <= minimumCoverageDecimals else {
            throw .invalidValue(option: Option.minCoverage.name, value: text,
                                reason: "give a percentage from 0 to 100, e.g. `80` or `87.5%`")
        }
        return Percentage(value)
    }
}

/// The output formats of `coinage test`.
enum TestReportFormat: String, CaseIterable {
    case text
    case junit
}

/// Everything a report renders: the results, and the coverage when asked for.
struct TestRun {
    let directory: String
    let rules: RuleSet
    let report: RuleTestReport
    let coverage: TestCoverage?
    let minimum: Percentage?

    /// `rules/tests/promotions.coin:12:3`
    func place(_ span: SourceSpan) -> String {
        let sources = rules.sources
        let location = sources.location(of: span)
        return "\(sources[span.file].path):\(location.line):\(location.column)"
    }

    var summary: String { "\(report.passedCount) passed, \(report.failedCount) failed" }
}
