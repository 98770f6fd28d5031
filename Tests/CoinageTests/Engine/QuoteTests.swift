@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// Quotes without promotions: list price, tax (included and added), proceeds after
/// the channel fee, custom amounts, and every request error, as tables of requests and
/// the amounts their quotes must carry.
@Suite struct QuoteTests {
    typealias F = PricingFixtures

    static let shop = """
        rate JPY 150
        rate KWD 0.307
        rate EUR 0.92
        rate INR 84
        round JPY nearest 10
        round EUR nearest 1.00 ending 0.99
        round INR up 10 ending 9
        region JP: JPY, tax 10% included
        region KW: KWD
        region DE: EUR, tax 19% included
        region IN: INR, tax 18% included, level 60%
        channel ios: fee 30%
        channel web: fee 3%, level 75%
        bundle coins_70: 70 coins, 0.99 USD
        bundle coins_700: 700 coins, 9.99 USD, bonus 38 coins
        bundle two: 200 coins, 2.00 USD
        custom coins: 30 to 2_500_000, 0.0106 USD each, on web
        """

    static func quote(_ book: PriceBook, _ item: QuoteRequest.Item, _ region: String, _ channel: String?) throws -> Quote {
        try book.quote(QuoteRequest(item: item, region: region, channel: channel, instant: PricingFixtures.instant)).get()
    }

    static func error(_ book: PriceBook, _ item: QuoteRequest.Item, _ region: String, _ channel: String?) -> QuoteError? {
        guard case .failure(let error) = book.quote(QuoteRequest(item: item, region: region, channel: channel, instant: PricingFixtures.instant)) else { return nil }
        return error
    }

    /// The price book of `rules` after the usual header, or after `header` when given.
    static func book(_ rules: String, header: String?) throws -> PriceBook {
        guard let header else { return try #require(F.book(rules)) }
        return PriceBook(try #require(check(rules, header: header).ruleSet))
    }

    /// One quoted request and the amounts its quote must carry, in minor units of
    /// `currency`; a `nil` amount is not asserted for that row.
    struct Priced: Sendable, CustomTestStringConvertible {
        var rules: String = QuoteTests.shop
        var header: String? = nil
        let item: QuoteRequest.Item
        let region: String
        let channel: String?
        let currency: Currency
        var list: Int64? = nil
        var price: Int64? = nil
        var tax: Int64? = nil
        var taxIncluded: Bool? = nil
        var taxRate: Percentage? = nil
        var total: Int64? = nil
        /// `total − tax`, what the fee is taken from.
        var net: Int64? = nil
        var proceeds: Int64? = nil
        /// What the row shows (the arithmetic stays in the comment above it).
        let note: String

        var testDescription: String { note }
    }

    @Test(arguments: taxed + custom + exact)
    func quote(_ row: Priced) throws {
        let book = try Self.book(row.rules, header: row.header)
        let q = try Self.quote(book, row.item, row.region, row.channel)
        let money = { (minorUnits: Int64) in Money(minorUnits: minorUnits, currency: row.currency) }
        #expect(q.currency == row.currency)
        if let list = row.list { #expect(q.list == money(list)) }
        if let price = row.price { #expect(q.price == money(price)) }
        if let tax = row.tax { #expect(q.tax.amount == money(tax)) }
        if let included = row.taxIncluded { #expect(q.tax.included == included) }
        if let rate = row.taxRate { #expect(q.tax.rate == rate) }
        if let total = row.total { #expect(q.total == money(total)) }
        if let net = row.net { #expect(q.total.minorUnits - q.tax.amount.minorUnits == net) }
        if let proceeds = row.proceeds { #expect(q.proceeds == money(proceeds)) }
        // Without promotions the price is the list price.
        #expect(q.price == q.list && q.discounts.isEmpty && q.applied.isEmpty)
    }

    @Test func aQuoteNamesItsCellAndCoins() throws {
        let book = try #require(F.book(Self.shop))
        let q = try Self.quote(book, .bundle("coins_700"), "DE", "ios")
        // coins: 700 + 38 bonus
        #expect(q.coins.base == 700 && q.coins.bonus == 38 && q.coins.total == 738)
        #expect(q.item == "coins_700" && !q.isCustomAmount && q.region == "DE" && q.channel == "ios")
        #expect(q.discounts.isEmpty && q.applied.isEmpty && q.ruleSetHash == book.contentHash)
        let custom = try Self.quote(book, .coins(30), "DE", "web")
        #expect(custom.item == "coins" && custom.isCustomAmount && custom.coins.base == 30 && custom.coins.bonus == 0)
    }

    @Test func proceedsAreWrittenInTheirCurrency() throws {
        let book = try #require(F.book(Self.shop))
        // 3.067 KWD, no tax, fee 30%: proceeds 2147 fils
        #expect(try Self.quote(book, .bundle("coins_700"), "KW", "ios").proceeds.description == "2.147 KWD")
    }
}
