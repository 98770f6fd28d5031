@testable import CoinageChecker
@testable import CoinageEngine
import Foundation
import Testing

/// Small rule sets and requests for the promotion tests: one region without tax, so
/// every amount below is the price itself.
enum WalkFixture {
    static let usd = Currency(code: "USD", exponent: 2)
    static let eur = Currency(code: "EUR", exponent: 2)
    static let jpy = Currency(code: "JPY", exponent: 0)

    /// `base currency USD` and a US region without tax, in UTC.
    static let header = "base currency USD\nregion US: USD\n"

    /// 2026-06-17T12:00:00Z, a Wednesday: no window of these tests is open then unless
    /// it is meant to be.
    static let noon: Int64 = 1_781_697_600

    /// Checks `body` after `header` and compiles it; fails the test on any error.
    static func book(_ body: String, header: String = WalkFixture.header,
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> PriceBook {
        let result = check(body, header: header)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map { "\($0.code.rawValue) \($0.message)" })", sourceLocation: sourceLocation)
        return PriceBook(try #require(result.ruleSet, sourceLocation: sourceLocation))
    }

    static func request(_ item: QuoteRequest.Item = .bundle("b"), region: String = "US", channel: String? = nil,
                        at instant: Int64 = noon, user: [String: UserValue] = [:], codes: [String] = [],
                        redemptions: [String: Redemptions] = [:]) -> QuoteRequest {
        QuoteRequest(item: item, region: region, channel: channel, instant: instant, user: user, codes: codes,
                     redemptions: redemptions, explain: true)
    }

    static func quote(_ book: PriceBook, _ request: QuoteRequest = request(),
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Quote {
        switch book.quote(request) {
        case .success(let quote): return quote
        case .failure(let error):
            Issue.record("refused: \(error.kind.rawValue) \(error.message)", sourceLocation: sourceLocation)
            throw error
        }
    }

    static func errorKind(_ book: PriceBook, _ request: QuoteRequest) -> QuoteErrorKind? {
        guard case .failure(let error) = book.quote(request) else { return nil }
        return error.kind
    }

    /// `[promotion: reason]` of the trace.
    static func reasons(_ quote: Quote) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (quote.explanation?.promotions ?? []).map { ($0.promotion, $0.reason.rawValue) })
    }

    /// The trace's promotions in order, with their reasons.
    static func trace(_ quote: Quote) -> [String] {
        (quote.explanation?.promotions ?? []).map { "\($0.promotion):\($0.reason.rawValue)" }
    }

    /// `[promotion: minor units]` of the discount lines, in order.
    static func lines(_ quote: Quote) -> [String] {
        quote.discounts.map { "\($0.promotion)=\($0.amount.minorUnits)" }
    }

    /// The instant of a UTC wall-clock time, by Foundation's calendar (not the engine's).
    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return Int64(calendar.date(from: components)!.timeIntervalSince1970)
    }
}
