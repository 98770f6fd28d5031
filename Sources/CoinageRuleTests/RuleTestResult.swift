import CoinageAnalysis
import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// What running one `test` block gave: its request, its quote or refusal, and every
/// expectation that did not hold.
public struct RuleTestResult: Hashable, Sendable {
    public let test: RuleTest
    /// The moment the test quoted at; nil when its time does not exist in its zone.
    public let moment: TestMoment?
    /// The quote or the refusal; nil when the test could not make its request.
    public let outcome: Result<Quote, QuoteError>?
    /// Empty when the test passed.
    public let failures: [TestFailure]

    public var passed: Bool { failures.isEmpty }

    /// The quote, when the request was not refused.
    public var quote: Quote? {
        guard case .success(let quote)? = outcome else { return nil }
        return quote
    }
}

/// One thing a test expected that did not hold, in words a report can print.
public struct TestFailure: Error, Hashable, Sendable {
    /// The `expect` line; nil when the test could not be run at all.
    public let line: ExpectationLine?
    /// `price 7.99 EUR`, `applied black_friday`, `error unknown_bundle`.
    public let expected: String
    /// What the quote showed instead, with the trace's reason for a promotion.
    public let actual: String
    /// Where to point: the `expect` line, or the test.
    public let span: SourceSpan

    public init(line: ExpectationLine?, expected: String, actual: String, span: SourceSpan) {
        self.line = line
        self.expected = expected
        self.actual = actual
        self.span = span
    }
}

/// The results of a run, in the order the tests were found.
public struct RuleTestReport: Hashable, Sendable {
    public let results: [RuleTestResult]

    public var passedCount: Int { results.count(where: \.passed) }
    public var failedCount: Int { results.count - passedCount }
    public var allPassed: Bool { failedCount == 0 }
}

/// Which tests a run includes: those whose title contains the text, ignoring case.
public struct RuleTestFilter: Hashable, Sendable {
    public let text: String

    public init(_ text: String) {
        self.text = text
    }

    public func includes(_ test: RuleTest) -> Bool {
        text.isEmpty || test.title.lowercased().contains(text.lowercased())
    }
}
