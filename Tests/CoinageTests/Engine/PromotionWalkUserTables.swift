@testable import CoinageChecker
@testable import CoinageEngine
import CoinageSyntax
import Testing

/// User attributes (missing ones are unknown, wrong ones are refused), bonus coins, and
/// the trace's reason for every promotion.
extension PromotionWalkTests {
    static let userShop = """
        user purchases: int 0 to 100
        user first_purchase: bool
        user segment: one of new, vip
        user signup: date
        bundle b: 100 coins, 10.00 USD
        promotion loyal { when user.purchases >= 10
          discount 1.00 USD }
        promotion newcomer { when user.first_purchase and user.signup >= 2026-01-01
          bonus 10 coins }
        promotion vip_only { when user.segment == vip
          discount 0.50 USD }
        """

    static let notEqualShop = """
        user segment: one of new, vip, lapsed
        user purchases: int
        bundle b: 100 coins, 10.00 USD
        promotion not_lapsed { when user.segment != lapsed
          discount 1.00 USD }
        promotion not_in { when user.segment not in [lapsed, new]
          discount 0.50 USD }
        promotion not_five { when user.purchases != 5
          discount 0.25 USD }
        """

    /// Conditions are three-valued: a comparison on a missing attribute is unknown, and
    /// `not` of unknown is unknown, so a written `not` around it does not apply the
    /// promotion either, as `!=` and `not in` do not.
    static let writtenNotShop = """
        user first_purchase: bool
        user purchases: int
        bundle b: 100 coins, 10.00 USD
        promotion returning { when not user.first_purchase
          bonus 5 coins }
        promotion few { when not (user.purchases >= 10)
          bonus 7 coins }
        """

    static let bonusShop = """
        bundle b: 70 coins, 0.99 USD, bonus 5 coins
        bundle big: 1_400 coins, 19.99 USD, bonus 300 coins
        custom coins: 30 to 10_000, 0.01 USD each
        promotion pct { bonus 15% }
        promotion flat { bonus 3 coins }
        """

    /// Missing, given and false user attributes; bonus coins by percent and by count.
    static let usersAndBonuses: [Walk] = [
        // No user.purchases, user.signup or user.segment: none applies, and the trace
        // says which attribute is missing.
        Walk(name: "a missing user attribute makes its comparison false", rules: userShop,
             request: F.request(user: ["first_purchase": .bool(true)]), applied: [], price: 1000, bonus: 0,
             reasons: ["loyal": "missing_attribute", "newcomer": "missing_attribute", "vip_only": "missing_attribute"],
             details: ["loyal": ["user.purchases"], "newcomer": ["user.signup"]]),
        // Given, they decide: purchases 10 ≥ 10, signup 2026-01-01 ≥ 2026-01-01, vip.
        // 1000 − 100 − 50 = 850; +10 coins.
        Walk(name: "given user attributes decide", rules: userShop, request: F.request(user: [
            "first_purchase": .bool(true), "purchases": .int(10), "segment": .value("vip"),
            "signup": .date(CivilDate(year: 2026, month: 1, day: 1)!),
        ]), applied: ["loyal", "newcomer", "vip_only"], price: 850, bonus: 10),
        // A value that makes the comparison false is `condition_false`, not missing.
        Walk(name: "a false comparison is not a missing attribute", rules: userShop,
             request: F.request(user: ["purchases": .int(9)]), someReasons: ["loyal": "condition_false"]),
        // Given: vip != lapsed, vip not in [lapsed, new], 6 != 5: all three apply.
        Walk(name: "not-equal on given attributes", rules: notEqualShop,
             request: F.request(user: ["segment": .value("vip"), "purchases": .int(6)]),
             applied: ["not_five", "not_in", "not_lapsed"]),
        // Missing: every comparison reading a missing attribute is false, so none applies.
        // The int comparison `!=` is false on a missing attribute, as the rules say, and so
        // are `!=` and `not in` on a `one of` attribute.
        Walk(name: "not-equal on a missing attribute is false", rules: notEqualShop, applied: [],
             someReasons: ["not_five": "missing_attribute", "not_lapsed": "missing_attribute", "not_in": "missing_attribute"]),
        Walk(name: "a written not around a missing attribute is unknown too", rules: writtenNotShop, applied: [], bonus: 0,
             reasons: ["few": "missing_attribute", "returning": "missing_attribute"]),
        // Given, the `not`s negate as usual: false → true, 3 ≥ 10 false → true.
        Walk(name: "a written not around given attributes", rules: writtenNotShop,
             request: F.request(user: ["first_purchase": .bool(false), "purchases": .int(3)]),
             applied: ["few", "returning"], bonus: 12),
        // 15% of 70 base coins = 10.5 → 10 (down, not half-even); bundle bonus 5 is not
        // counted in the base. bonus = 5 + 10 + 3 = 18, total 88.
        // Bonuses leave the price alone: no lines, price = list.
        Walk(name: "a bonus percent is of the base coins, rounded down", rules: bonusShop,
             lines: [], list: 99, price: 99, baseCoins: 70, bonus: 18, coinsTotal: 88, tracedBonus: ["pct": 10]),
        // 1400: 15% = 210 exactly; 300 + 210 + 3 = 513.
        Walk(name: "a bonus percent of an exact number of coins", rules: bonusShop,
             request: F.request(.bundle("big")), bonus: 513),
        // Custom 333 coins: 15% = 49.95 → 49; 0 + 49 + 3 = 52.
        Walk(name: "a bonus percent of a custom amount", rules: bonusShop,
             request: F.request(.coins(333)), baseCoins: 333, bonus: 52),
        // discount: 20% of 999 = 199.8 → 200, price 799. bonus: 10% of 700 = 70 coins.
        Walk(name: "a promotion with a discount and a bonus percent uses each percent", rules: """
            bundle b: 700 coins, 9.99 USD
            promotion combo { discount 20%
              bonus 10% }
            """, lines: ["combo=200"], price: 799, bonus: 70),
    ]

    @Test(arguments: usersAndBonuses)
    func usersAndBonuses(_ row: Walk) throws { try Self.check(row) }

    /// User facts a request may not give, and the error each gets (`nil`: accepted).
    static let userFacts: [(facts: [String: UserValue], error: QuoteErrorKind?)] = [
        // purchases is an int: a bool, a date or a value is refused.
        (["purchases": .bool(true)], .userAttributeType),
        (["purchases": .value("ten")], .userAttributeType),
        (["first_purchase": .int(1)], .userAttributeType),
        (["signup": .value("2026-01-01")], .userAttributeType),
        // An int outside the declared range 0 to 100.
        (["purchases": .int(101)], .userAttributeType),
        (["purchases": .int(-1)], .userAttributeType),
        (["purchases": .int(100)], nil),
        // A value a `one of` does not list.
        (["segment": .value("whale")], .userAttributeType),
        // An undeclared attribute.
        (["age": .int(30)], .unknownUserAttribute),
    ]

    @Test(arguments: userFacts)
    func aUserAttributeOfTheWrongTypeIsAnError(_ facts: [String: UserValue], _ error: QuoteErrorKind?) throws {
        let book = try F.book(Self.userShop)
        #expect(F.errorKind(book, F.request(user: facts)) == error)
    }
}
