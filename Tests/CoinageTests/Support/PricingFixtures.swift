@testable import CoinageChecker
@testable import CoinageEngine

/// Shared helpers for the pricing tests (ListPrice, Quote, Gift, property tests).
enum PricingFixtures {
    static let usd = Currency(code: "USD", exponent: 2)
    static let eur = Currency(code: "EUR", exponent: 2)
    static let jpy = Currency(code: "JPY", exponent: 0)
    static let kwd = Currency(code: "KWD", exponent: 3)
    static let inr = Currency(code: "INR", exponent: 2)
    /// Every request carries this instant (2026-06-17T12:00:00Z, a Wednesday outside every
    /// promotion window of the sample shop), so that no quote depends on the clock.
    static let instant: Int64 = 1_781_697_600

    /// A price book for `body` after the usual header (`base currency USD` and
    /// `region US: USD, tax 7.25% added`).
    static func book(_ body: String) -> PriceBook? {
        ruleSet(body).map(PriceBook.init)
    }

    /// The list price of one cell, through a quote (at a fixed instant, 2026-06-17T12:00Z,
    /// so that time windows never depend on the clock).
    static func list(_ book: PriceBook, _ bundle: String, _ region: String, _ channel: String?) -> Money? {
        try? book.quote(QuoteRequest(item: .bundle(bundle), region: region, channel: channel, instant: instant)).get().list
    }
}
