@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageRuleTests
import CoinageSyntax
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
    static func shop(_ body: String, header: String = WalkFixture.header,
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> CompiledShop {
        let result = check(body, header: header)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map { "\($0.code.rawValue) \($0.message)" })", sourceLocation: sourceLocation)
        return CompiledShop(try #require(result.ruleSet, sourceLocation: sourceLocation))
    }

    /// The price book of `shop(body, header:)`, for a test that only quotes.
    static func book(_ body: String, header: String = WalkFixture.header,
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> PriceBook {
        try shop(body, header: header, sourceLocation: sourceLocation).book
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

/// The rules of the promotion walk, as tables of quotes: order, exclusive, groups,
/// stacking, floor, `price`, discount lines, codes, limits, user attributes, bonuses and
/// traces. Each row is a rule set, a request, and what its quote must show; every
/// expected value is worked out by hand in the comment above its row.
@Suite struct PromotionWalkTests {
    typealias F = WalkFixture

    /// One quote of the walk and what it must show; a `nil` (or empty) field is not
    /// asserted for that row.
    struct Walk: Sendable, CustomTestStringConvertible {
        let name: String
        let rules: String
        var request: QuoteRequest = F.request()
        /// Applied promotions, in walk order.
        var applied: [String]? = nil
        /// Discount lines as `promotion=minor units`, in order (zero lines are omitted).
        var lines: [String]? = nil
        var list: Int64? = nil
        var currency: Currency? = nil
        var price: Int64? = nil
        var total: Int64? = nil
        var baseCoins: Int64? = nil
        var bonus: Int64? = nil
        var coinsTotal: Int64? = nil
        /// The whole trace, `promotion:reason` in walk order.
        var trace: [String]? = nil
        /// Every promotion's reason.
        var reasons: [String: String]? = nil
        /// Some promotions' reasons.
        var someReasons: [String: String] = [:]
        /// Words each named promotion's trace detail must contain.
        var details: [String: [String]] = [:]
        /// The discount (minor units) a promotion's trace entry shows.
        var tracedDiscount: [String: Int64] = [:]
        /// The bonus coins a promotion's trace entry shows.
        var tracedBonus: [String: Int64] = [:]

        var testDescription: String { name }
    }

    /// Quotes `row` with its explanation and checks every field it gives; then quotes
    /// it again without one, which must give the same quote.
    static func check(_ row: Walk) throws {
        let book = try F.book(row.rules)
        let q = try F.quote(book, row.request)
        if let applied = row.applied { #expect(q.applied == applied) }
        if let lines = row.lines { #expect(F.lines(q) == lines) }
        if let list = row.list { #expect(q.list.minorUnits == list) }
        if let currency = row.currency { #expect(q.currency == currency) }
        if let price = row.price { #expect(q.price.minorUnits == price) }
        if let total = row.total { #expect(q.total.minorUnits == total) }
        if let base = row.baseCoins { #expect(q.coins.base == base) }
        if let bonus = row.bonus { #expect(q.coins.bonus == bonus) }
        if let coins = row.coinsTotal { #expect(q.coins.total == coins) }
        if let trace = row.trace { #expect(F.trace(q) == trace) }
        if let reasons = row.reasons { #expect(F.reasons(q) == reasons) }
        let reasons = F.reasons(q)
        for (promotion, reason) in row.someReasons { #expect(reasons[promotion] == reason, "\(promotion)") }
        let entries = q.explanation?.promotions ?? []
        for (promotion, words) in row.details {
            let detail = entries.first { $0.promotion == promotion }?.detail ?? ""
            for word in words { #expect(detail.contains(word), "\(promotion): \(detail)") }
        }
        for (promotion, discount) in row.tracedDiscount {
            #expect(entries.first { $0.promotion == promotion }?.discount?.minorUnits == discount, "\(promotion)")
        }
        for (promotion, bonus) in row.tracedBonus {
            #expect(entries.first { $0.promotion == promotion }?.bonusCoins == bonus, "\(promotion)")
        }
        #expect(entries.allSatisfy { !$0.detail.isEmpty }, "every trace entry says why")
        // The trace explains; it never changes the quote.
        var quiet = row.request
        quiet.explain = false
        let plain = try F.quote(book, quiet)
        #expect(plain.explanation == nil)
        #expect(plain.price == q.price && plain.applied == q.applied && plain.discounts == q.discounts)
    }

    /// Every cell of a rule set with a floor and each kind of discount, under both
    /// stackings: the discount lines are positive, in the quote's currency, and sum
    /// exactly to list − price, which never goes below the floor.
    @Test func discountLinesSumExactlyToListMinusPrice() throws {
        let body = Self.linesShop
        for stacking in ["additive", "compound"] {
            let book = try F.book("stacking \(stacking)\n" + body)
            for bundle in ["b", "c", "d"] {
                for region in ["US", "DE", "JP", "KW"] {
                    let q = try F.quote(book, F.request(.bundle(bundle), region: region))
                    let sum = q.discounts.reduce(0) { $0 + $1.amount.minorUnits }
                    #expect(sum == q.list.minorUnits - q.price.minorUnits, "\(stacking) \(bundle) \(region)")
                    #expect(q.discounts.allSatisfy { $0.amount.minorUnits > 0 && $0.amount.currency == q.currency })
                    // 45% floor: never below ⌈list × 0.45⌉.
                    #expect(q.price.minorUnits * 100 >= q.list.minorUnits * 45)
                }
            }
        }
    }

    /// A reason for every promotion in the trace, and what `exclusive` cuts.
    static let traceRows: [Walk] = [
        // Walk order: a_applied (150), i_group_a (140), j_group_b (130), k_not_lower (120),
        // the priority-50 ones by name, l_exclusive (10), m_cut (0).
        // 2026-06-17 is a Wednesday in June: outside e_window and f_hours.
        // 1000 − 10 − 10 = 980; one bonus coin.
        Walk(name: "the trace gives every promotion a reason", rules: """
            region DE: EUR, zone Europe/Berlin
            rate EUR 0.92
            user purchases: int
            user vip: bool
            bundle b: 100 coins, 10.00 USD
            bundle other: 200 coins, 20.00 USD
            promotion a_applied { discount 0.10 USD
              priority 150 }
            promotion b_item { when bundle == other
              discount 0.10 USD
              priority 50 }
            promotion c_false { when coins >= 150 or user.purchases > 3
              discount 0.10 USD
              priority 50 }
            promotion d_missing { when user.vip
              discount 0.10 USD
              priority 50 }
            promotion e_window { during 2026-01-01 to 2026-01-31
              discount 0.10 USD
              priority 50 }
            promotion f_hours { every sat
              discount 0.10 USD
              priority 50 }
            promotion g_code { code "X"
              discount 0.10 USD
              priority 50 }
            promotion h_limit { limit 1
              discount 0.10 USD
              priority 50 }
            promotion i_group_a { group g
              discount 0.10 USD
              priority 140 }
            promotion j_group_b { group g
              discount 0.10 USD
              priority 130 }
            promotion k_not_lower { price 50.00 USD
              priority 120 }
            promotion l_exclusive { exclusive
              bonus 1 coins
              priority 10 }
            promotion m_cut { discount 0.10 USD }
            """, request: F.request(user: ["purchases": .int(1)], redemptions: ["h_limit": Redemptions(total: 1, perUser: 0)]),
             price: 980, bonus: 1, trace: [
                 "a_applied:applied", "i_group_a:applied", "j_group_b:group_taken", "k_not_lower:price_not_lower",
                 "b_item:not_for_this_item", "c_false:condition_false", "d_missing:missing_attribute",
                 "e_window:outside_window", "f_hours:outside_hours", "g_code:code_missing", "h_limit:limit_reached",
                 "l_exclusive:applied", "m_cut:cut_by_exclusive",
             ]),
        // Doubtful: "stop after an exclusive one (the rest: cut_by_exclusive)". The walk
        // only runs over candidates, so a promotion after the exclusive one that is no
        // candidate anyway keeps its own reason. This pins the current behaviour.
        Walk(name: "a non-candidate after an exclusive keeps its own reason", rules: """
            bundle b: 100 coins, 10.00 USD
            promotion solo { discount 10%
              priority 1
              exclusive }
            promotion coded { code "X"
              discount 0.10 USD }
            promotion plain { discount 0.10 USD }
            """, trace: ["solo:applied", "coded:code_missing", "plain:cut_by_exclusive"]),
    ]

    @Test(arguments: traceRows)
    func traces(_ row: Walk) throws { try Self.check(row) }
}
