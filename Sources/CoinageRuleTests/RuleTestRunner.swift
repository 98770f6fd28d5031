import CoinageAnalysis
import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// Runs a rule set's `test` blocks against its price book.
///
/// Each test becomes one request, quoted with its explanation, and every `expect`
/// line is compared with the quote (or the refusal). The runner never reads a clock
/// and never stops at a failing test: every selected test gets a result.
public struct RuleTestRunner: Sendable {
    /// The checked rules, whose `test` blocks run.
    public let rules: RuleSet
    /// The price book compiled from `rules`, which quotes them.
    public let book: PriceBook

    /// Each experiment arm's rules and book, by `EXPERIMENT/ARM`: where a test
    /// pinned to the arm (`arm EXPERIMENT ARM`) quotes.
    let armBooks: [String: (rules: RuleSet, book: PriceBook)]

    public init(_ rules: RuleSet, book: PriceBook) {
        self.rules = rules
        self.book = book
        var armBooks: [String: (rules: RuleSet, book: PriceBook)] = [:]
        for experiment in rules.experiments {
            for arm in experiment.arms {
                if let armRules = arm.rules { armBooks[experiment.name + "/" + arm.name] = (armRules, PriceBook(armRules)) }
            }
        }
        self.armBooks = armBooks
    }

    /// Runs every test the filter includes, in the order the rule set holds them.
    public func run(filter: RuleTestFilter = RuleTestFilter("")) -> RuleTestReport {
        RuleTestReport(results: tests.filter(filter.includes).map(run))
    }

    /// Every test of the rules: control's, and each arm's pinned tests (which its
    /// rules hold, checked with the arm's declarations), in the order written.
    public var tests: [RuleTest] {
        guard !armBooks.isEmpty else { return rules.tests }
        var all = rules.tests
        for experiment in rules.experiments {
            for arm in experiment.arms {
                guard let armRules = arm.rules else { continue }
                all += armRules.tests.filter { $0.arm == ExperimentPin(experiment: experiment.name, arm: arm.name) }
            }
        }
        return all.sorted { ($0.span.file, $0.span.start) < ($1.span.file, $1.span.start) }
    }

    /// Runs one test.
    public func run(_ test: RuleTest) -> RuleTestResult {
        if let pin = test.arm, let arm = armBooks[pin.experiment + "/" + pin.arm] {
            return RuleTestRunner(rules: arm.rules, book: arm.book).quoteHere(test)
        }
        return quoteHere(test)
    }

    private init(rules: RuleSet, book: PriceBook) {
        self.rules = rules
        self.book = book
        armBooks = [:]
    }

    /// Runs `test` with this runner's book, whatever arm it is pinned to.
    private func quoteHere(_ test: RuleTest) -> RuleTestResult {
        let request: QuoteRequest
        switch test.request(in: rules) {
        case .success(let built): request = built
        case .failure(let failure):
            return RuleTestResult(test: test, moment: nil, outcome: nil, failures: [failure])
        }
        let moment = TestMoment(instant: request.instant, zone: test.zoneName(in: rules), isWritten: test.instant != nil)
        let outcome = book.quote(request)
        let failures = test.expectations.compactMap { line -> TestFailure? in
            line.expectation.mismatch(in: outcome, unit: rules.unit).map {
                TestFailure(line: line, expected: line.expectation.text(in: rules.unit), actual: $0, span: line.span)
            }
        }
        return RuleTestResult(test: test, moment: moment, outcome: outcome, failures: failures)
    }
}
