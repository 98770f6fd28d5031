@testable import CoinageChecker
import Testing

/// The walk's order, `exclusive`, groups, stacking and the floor: which promotions apply,
/// in what order, and the discount line each one leaves.
extension PromotionWalkTests {
    /// The order of the walk, and what `exclusive` and `group` cut from it.
    static let order: [Walk] = [
        // priority 9: high; priority 5: alpha before zeta (names ascending); priority 0
        // (the default): aardvark before low. Priority beats the name: aardvark is last
        // but one although its name sorts first.
        // 1000 − 30 − 20 − 10 − 40 − 5 = 895. The trace lists every promotion in walk order.
        Walk(name: "walk order is priority descending then name ascending", rules: """
            bundle b: 100 coins, 10.00 USD
            promotion zeta { discount 0.10 USD
              priority 5 }
            promotion alpha { discount 0.20 USD
              priority 5 }
            promotion high { discount 0.30 USD
              priority 9 }
            promotion low { discount 0.40 USD }
            promotion aardvark { discount 0.05 USD }
            """, applied: ["high", "alpha", "zeta", "aardvark", "low"],
             lines: ["high=30", "alpha=20", "zeta=10", "aardvark=5", "low=40"], price: 895,
             trace: ["high:applied", "alpha:applied", "zeta:applied", "aardvark:applied", "low:applied"]),
        // b_first (priority 1): 50% of 1000 = 500, running 500.
        // a_second (0, "a" < "c"): 50 off, running 450.
        // c_third: 10% of 450 = 45, running 405.
        Walk(name: "order decides amounts under compound stacking", rules: """
            stacking compound
            bundle b: 100 coins, 10.00 USD
            promotion b_first { discount 50%
              priority 1 }
            promotion a_second { discount 0.50 USD }
            promotion c_third { discount 10% }
            """, applied: ["b_first", "a_second", "c_third"], lines: ["b_first=500", "a_second=50", "c_third=45"], price: 405),
        // before (20) applies: −50; big (10) applies: 10% of the list 1000 = −100, and
        // stops the walk: after_a and after_b are cut. 1000 − 150 = 850, no bonus coins.
        Walk(name: "exclusive stops the walk after it applies", rules: """
            bundle b: 100 coins, 10.00 USD
            promotion before { discount 0.50 USD
              priority 20 }
            promotion big { discount 10%
              priority 10
              exclusive }
            promotion after_a { discount 1.00 USD }
            promotion after_b { bonus 5 coins }
            """, applied: ["before", "big"], lines: ["before=50", "big=100"], price: 850, bonus: 0, coinsTotal: 100,
             trace: ["before:applied", "big:applied", "after_a:cut_by_exclusive", "after_b:cut_by_exclusive"],
             details: ["after_a": ["`big`"]]),
        // big's condition is false for 100 coins, so it neither applies nor cuts:
        // after_a −100 → 900; after_b +5 coins.
        Walk(name: "an exclusive promotion that does not apply cuts nothing", rules: """
            bundle b: 100 coins, 10.00 USD
            promotion big { discount 10%
              when coins >= 1_000
              priority 10
              exclusive }
            promotion after_a { discount 1.00 USD }
            promotion after_b { bonus 5 coins }
            """, applied: ["after_a", "after_b"], price: 900, bonus: 5, someReasons: ["big": "not_for_this_item"]),
        // first takes group g; solo is skipped (group taken) and so does not stop the walk;
        // last applies. 1000 − 10 − 30 = 960.
        Walk(name: "an exclusive promotion whose group is taken cuts nothing", rules: """
            bundle b: 100 coins, 10.00 USD
            promotion first { discount 0.10 USD
              priority 3
              group g }
            promotion solo { discount 0.20 USD
              priority 2
              group g
              exclusive }
            promotion last { discount 0.30 USD }
            """, applied: ["first", "last"], price: 960, trace: ["first:applied", "solo:group_taken", "last:applied"]),
        // g_one (2) takes `spring`; g_two (1) finds it taken; `other` has its own group.
        // 1000 − 100 − 25 = 875.
        Walk(name: "a group applies one promotion only", rules: """
            bundle b: 100 coins, 10.00 USD
            promotion g_one { discount 1.00 USD
              priority 2
              group spring }
            promotion g_two { discount 2.00 USD
              priority 1
              group spring }
            promotion other { discount 0.25 USD
              group autumn }
            """, applied: ["g_one", "other"], lines: ["g_one=100", "other=25"], price: 875,
             reasons: ["g_one": "applied", "g_two": "group_taken", "other": "applied"],
             details: ["g_two": ["spring", "g_one"]]),
        // Without the code g_one is no candidate, so g_two gets the group: 1000 − 200 = 800.
        Walk(name: "a group is taken only by a promotion that applied (without the code)", rules: groupWithCode,
             applied: ["g_two"], price: 800, reasons: ["g_one": "code_missing", "g_two": "applied"]),
        // With it g_one applies and g_two is skipped: 1000 − 100 = 900.
        Walk(name: "a group is taken only by a promotion that applied (with the code)", rules: groupWithCode,
             request: F.request(codes: ["ONE"]), applied: ["g_one"], price: 900, someReasons: ["g_two": "group_taken"]),
    ]

    static let groupWithCode = """
        bundle b: 100 coins, 10.00 USD
        promotion g_one { discount 1.00 USD
          code "ONE"
          priority 2
          group spring }
        promotion g_two { discount 2.00 USD
          priority 1
          group spring }
        """

    static let stackingPromotions = """
        bundle b: 100 coins, 10.05 USD
        promotion p_twenty { discount 20%
          priority 2 }
        promotion p_ten { discount 10%
          priority 1 }
        """

    /// Additive and compound stacking, and the floor that clips the last lines first.
    static let stackingAndFloor: [Walk] = [
        // list 1005. p_twenty: 20% of 1005 = 201. p_ten: 10% of 1005 = 100.5 → half-even 100.
        // price 1005 − 301 = 704.
        Walk(name: "additive stacking takes every percent of the list price", rules: "stacking additive\n" + stackingPromotions,
             lines: ["p_twenty=201", "p_ten=100"], price: 704),
        // Same as `stacking additive`: 704.
        Walk(name: "additive is the default", rules: stackingPromotions, price: 704),
        // list 1005. p_twenty: 201, running 804. p_ten: 10% of 804 = 80.4 → 80. price 724.
        Walk(name: "compound stacking takes each percent of the running price", rules: "stacking compound\n" + stackingPromotions,
             lines: ["p_twenty=201", "p_ten=80"], price: 724),
        // p_sixty: 600, running 400. p_fifty: 50% of the list = 500, but only 400 is left:
        // 400, running 0. p_last: nothing is left, a zero line (omitted, still applied).
        Walk(name: "additive stacking never takes a line below zero", rules: """
            bundle b: 100 coins, 10.00 USD
            promotion p_sixty { discount 60%
              priority 2 }
            promotion p_fifty { discount 50%
              priority 1 }
            promotion p_last { discount 0.10 USD }
            """, applied: ["p_sixty", "p_fifty", "p_last"], lines: ["p_sixty=600", "p_fifty=400"], price: 0, total: 0),
        // list 1000, floor ⌈500⌉ = 500. Lines 300 + 400 → 300 < 500: 200 too much, taken
        // from the last applied (p_second): 400 → 200. price 500.
        Walk(name: "the floor cuts the last applied discount first", rules: """
            floor 50%
            bundle b: 100 coins, 10.00 USD
            promotion p_first { discount 30%
              priority 2 }
            promotion p_second { discount 40%
              priority 1 }
            """, lines: ["p_first=300", "p_second=200"], price: 500,
             reasons: ["p_first": "applied", "p_second": "clipped_by_floor"], tracedDiscount: ["p_second": 200]),
        // floor 800. Lines 400 + 300 → 300; 500 too much: p_second 300 → 0 (200 left),
        // p_first 400 → 200. price 800. p_second's zero line is omitted, but it applied
        // (its bonus counts).
        Walk(name: "the floor cuts a line to nothing then the one before", rules: """
            floor 80%
            bundle b: 100 coins, 10.00 USD
            promotion p_first { discount 40%
              priority 2 }
            promotion p_second { discount 30%
              priority 1
              bonus 7 coins }
            """, applied: ["p_first", "p_second"], lines: ["p_first=200"], price: 800, bonus: 7,
             reasons: ["p_first": "clipped_by_floor", "p_second": "clipped_by_floor"]),
        // floor = ⌈999 × 0.40⌉ = ⌈399.6⌉ = 400. 70% of 999 = 699.3 → 699 → 300 < 400:
        // the line is cut to 599, price 400.
        Walk(name: "the floor is rounded up", rules: """
            floor 40%
            bundle b: 100 coins, 9.99 USD
            promotion deep { discount 70% }
            """, lines: ["deep=599"], price: 400),
        // 60% of 1000 = 600, price 400 = the floor exactly: nothing to cut.
        Walk(name: "a discount above the floor is not clipped", rules: """
            floor 40%
            bundle b: 100 coins, 10.00 USD
            promotion exact { discount 60% }
            """, lines: ["exact=600"], price: 400, reasons: ["exact": "applied"]),
    ]

    @Test(arguments: order)
    func order(_ row: Walk) throws { try Self.check(row) }

    @Test(arguments: stackingAndFloor)
    func stackingAndFloor(_ row: Walk) throws { try Self.check(row) }
}
