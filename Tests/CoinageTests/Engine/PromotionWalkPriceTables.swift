@testable import CoinageChecker
import Testing

/// `price` promotions, amounts in another currency, discount lines under the floor,
/// codes and redemption limits.
extension PromotionWalkTests {
    static let linesShop = """
        floor 45%
        rate EUR 0.92
        rate JPY 155
        rate KWD 0.307
        region DE: EUR, tax 19% included
        region JP: JPY, tax 10% included
        region KW: KWD
        bundle b: 100 coins, 10.05 USD
        bundle c: 333 coins, 3.33 USD
        bundle d: 7 coins, 0.07 USD
        promotion a_pct { discount 12.5%
          priority 4 }
        promotion b_amount { discount 0.33 USD
          priority 3 }
        promotion c_price { price 2.22 USD
          priority 2 }
        promotion d_pct { discount 33.3% }
        """

    /// `price` never raises the running price; amounts in the base currency are
    /// converted (a `price` by the currency's rule, a discount half-even).
    static let prices: [Walk] = [
        // 12.00 > 10.00: applied, no discount, price stays 1000.
        Walk(name: "price never raises the running price", rules: """
            bundle b: 100 coins, 10.00 USD
            promotion dearer { price 12.00 USD }
            """, applied: ["dearer"], lines: [], price: 1000, reasons: ["dearer": "price_not_lower"]),
        // first: −300 → 700. not_lower: 800 > 700, no discount. lower: 700 → 600, −100.
        Walk(name: "price sets the running price when lower", rules: """
            bundle b: 100 coins, 10.00 USD
            promotion first { discount 30%
              priority 3 }
            promotion not_lower { price 8.00 USD
              priority 2 }
            promotion lower { price 6.00 USD
              priority 1 }
            """, applied: ["first", "not_lower", "lower"], lines: ["first=300", "lower=100"], price: 600,
             reasons: ["first": "applied", "not_lower": "price_not_lower", "lower": "applied"]),
        // list: 10.00 × 0.92 = 9.20 EUR → candidates 8.99 / 9.99 → 8.99 (899).
        // sale: 5.00 × 0.92 = 4.60 EUR → 3.99 / 4.99 → 4.99 (499, 0.39 away vs 0.61).
        // discount 899 − 499 = 400.
        Walk(name: "price in another currency is converted and rounded by the rule", rules: """
            rate EUR 0.92
            round EUR nearest 1.00 ending 0.99
            region DE: EUR
            bundle b: 100 coins, 10.00 USD
            promotion sale { price 5.00 USD }
            """, request: F.request(region: "DE"), lines: ["sale=400"], list: 899, currency: F.eur, price: 499),
        // list 10.00 × 155 = 1550 JPY (on the grid). dime: 0.10 × 155 = 15.5 → half-even 16;
        // nickel: 0.05 × 155 = 7.75 → 8 (never on the JPY grid: discounts are half-even).
        // Walk: dime before nickel (names). 1550 − 16 − 8 = 1526.
        Walk(name: "an amount discount is converted half-even", rules: """
            rate JPY 155
            round JPY nearest 10
            region JP: JPY
            bundle b: 100 coins, 10.00 USD
            promotion nickel { discount 0.05 USD }
            promotion dime { discount 0.10 USD }
            """, request: F.request(region: "JP"), lines: ["dime=16", "nickel=8"], list: 1550, price: 1526),
        // One worked case of `discountLinesSumExactlyToListMinusPrice`: b in US, additive.
        // list 1005, floor ⌈452.25⌉ = 453.
        // a_pct: 12.5% of 1005 = 125.625 → 126 → 879. b_amount: 33 → 846.
        // c_price: 222 < 846 → −624 → 222. d_pct: 33.3% of 1005 = 334.665 → 335, but only
        // 222 is left → 222 → 0. Floor: 453 missing: d_pct 222 → 0 (231 left), c_price
        // 624 → 393. Lines 126 + 33 + 393 = 552 = 1005 − 453.
        Walk(name: "discount lines under the floor, worked by hand", rules: "stacking additive\n" + linesShop,
             applied: ["a_pct", "b_amount", "c_price", "d_pct"], lines: ["a_pct=126", "b_amount=33", "c_price=393"],
             price: 453, someReasons: ["d_pct": "clipped_by_floor", "c_price": "clipped_by_floor"]),
    ]

    static let codeShop = """
        bundle b: 100 coins, 10.00 USD
        promotion vip { code "VIP2026"
          discount 1.00 USD }
        promotion spring { code "spring"
          discount 0.50 USD }
        """

    static let totalLimit = """
        bundle b: 100 coins, 10.00 USD
        promotion capped { discount 1.00 USD
          limit 100 }
        """

    static let perUserLimits = """
        bundle b: 100 coins, 10.00 USD
        promotion once { discount 1.00 USD
          limit 1 per user }
        promotion both { discount 0.50 USD
          limit 10, 2 per user }
        """

    /// Redemption counters of `once` and `both`, as (total, per user).
    static func counters(once: (Int64, Int64), both: (Int64, Int64)) -> QuoteRequest {
        F.request(redemptions: [
            "once": Redemptions(total: once.0, perUser: once.1),
            "both": Redemptions(total: both.0, perUser: both.1),
        ])
    }

    /// Codes in any case, and limits on the total and per user.
    static let codesAndLimits: [Walk] = [
        // "vip2026" is "VIP2026" in another case; "SPRING" is "spring".
        Walk(name: "codes match in any case", rules: codeShop, request: F.request(codes: ["vip2026", "SPRING"]),
             applied: ["spring", "vip"], price: 850),
        Walk(name: "a code in mixed case", rules: codeShop, request: F.request(codes: ["ViP2026"]), applied: ["vip"]),
        // A different code, or none: not applied.
        Walk(name: "a different code", rules: codeShop, request: F.request(codes: ["VIP2025"]), applied: [],
             reasons: ["spring": "code_missing", "vip": "code_missing"]),
        // total = limit = 100: reached.
        Walk(name: "a total limit exactly reached stops the promotion", rules: totalLimit,
             request: F.request(redemptions: ["capped": Redemptions(total: 100, perUser: 0)]),
             applied: [], price: 1000, reasons: ["capped": "limit_reached"]),
        // total = limit − 1 = 99: one left, applies.
        Walk(name: "a total limit with one left", rules: totalLimit,
             request: F.request(redemptions: ["capped": Redemptions(total: 99, perUser: 0)]), applied: ["capped"], price: 900),
        // No counters: nothing redeemed yet.
        Walk(name: "a total limit without counters", rules: totalLimit, applied: ["capped"]),
        // Counters of another promotion do not count.
        Walk(name: "a total limit and another promotion's counters", rules: totalLimit,
             request: F.request(redemptions: ["other": Redemptions(total: 500, perUser: 5)]), applied: ["capped"]),
        // once: user 0 < 1 applies; user 1 = 1 reached (the total does not matter).
        // both: total 9 < 10 and user 1 < 2 applies.
        Walk(name: "per-user limits not reached", rules: perUserLimits,
             request: counters(once: (1_000, 0), both: (9, 1)), applied: ["both", "once"]),
        // once: user 1 reached. both: user 2 = 2 reached although total 5 < 10.
        Walk(name: "per-user limits reached", rules: perUserLimits,
             request: counters(once: (1_000, 1), both: (5, 2)), applied: []),
        // both: total 10 = 10 reached although user 0 < 2.
        Walk(name: "a total limit reached before the per-user one", rules: perUserLimits,
             request: counters(once: (0, 0), both: (10, 0)), applied: ["once"]),
        Walk(name: "the trace of a per-user limit says so", rules: perUserLimits,
             request: F.request(redemptions: ["once": Redemptions(total: 0, perUser: 1)]),
             someReasons: ["once": "limit_reached"], details: ["once": ["per user"]]),
    ]

    @Test(arguments: prices)
    func prices(_ row: Walk) throws { try Self.check(row) }

    @Test(arguments: codesAndLimits)
    func codesAndLimits(_ row: Walk) throws { try Self.check(row) }
}
