@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageRuleTests
import CoinageSyntax
import Foundation
import Testing

/// One test per rule of the promotion walk: order, exclusive, groups, stacking, floor,
/// `price`, discount lines, codes, limits, user attributes and bonuses. Every expected
/// value is worked out by hand in the comment above it.
@Suite struct PromotionWalkTests {
    typealias F = WalkFixture

    // MARK: Order

    @Test func walkOrderIsPriorityDescendingThenNameAscending() throws {
        let book = try F.book("""
            bundle b: 100 coins, 10.00 USD
            promotion zeta { discount 0.10 USD
              priority 5 }
            promotion alpha { discount 0.20 USD
              priority 5 }
            promotion high { discount 0.30 USD
              priority 9 }
            promotion low { discount 0.40 USD }
            promotion aardvark { discount 0.05 USD }
            """)
        let q = try F.quote(book)
        // priority 9: high; priority 5: alpha before zeta (names ascending); priority 0
        // (the default): aardvark before low. Priority beats the name: aardvark is last
        // but one although its name sorts first.
        #expect(q.applied == ["high", "alpha", "zeta", "aardvark", "low"])
        #expect(F.lines(q) == ["high=30", "alpha=20", "zeta=10", "aardvark=5", "low=40"])
        // 1000 − 30 − 20 − 10 − 40 − 5 = 895
        #expect(q.price.minorUnits == 895)
        // The trace lists every promotion in walk order.
        let names: [String] = (q.explanation?.promotions ?? []).map { $0.promotion }
        #expect(names == ["high", "alpha", "zeta", "aardvark", "low"])
    }

    @Test func orderDecidesAmountsUnderCompoundStacking() throws {
        let book = try F.book("""
            stacking compound
            bundle b: 100 coins, 10.00 USD
            promotion b_first { discount 50%
              priority 1 }
            promotion a_second { discount 0.50 USD }
            promotion c_third { discount 10% }
            """)
        let q = try F.quote(book)
        // b_first (priority 1): 50% of 1000 = 500, running 500.
        // a_second (0, "a" < "c"): 50 off, running 450.
        // c_third: 10% of 450 = 45, running 405.
        #expect(q.applied == ["b_first", "a_second", "c_third"])
        #expect(F.lines(q) == ["b_first=500", "a_second=50", "c_third=45"])
        #expect(q.price.minorUnits == 405)
    }

    // MARK: Exclusive

    @Test func exclusiveStopsTheWalkAfterItApplies() throws {
        let book = try F.book("""
            bundle b: 100 coins, 10.00 USD
            promotion before { discount 0.50 USD
              priority 20 }
            promotion big { discount 10%
              priority 10
              exclusive }
            promotion after_a { discount 1.00 USD }
            promotion after_b { bonus 5 coins }
            """)
        let q = try F.quote(book)
        // before (20) applies: −50; big (10) applies: 10% of the list 1000 = −100, and
        // stops the walk: after_a and after_b are cut. 1000 − 150 = 850, no bonus coins.
        #expect(q.applied == ["before", "big"])
        #expect(F.lines(q) == ["before=50", "big=100"])
        #expect(q.price.minorUnits == 850)
        #expect(q.coins.bonus == 0 && q.coins.total == 100)
        #expect(F.trace(q) == ["before:applied", "big:applied", "after_a:cut_by_exclusive", "after_b:cut_by_exclusive"])
        let detail = q.explanation?.promotions.first { $0.promotion == "after_a" }?.detail ?? ""
        #expect(detail.contains("`big`"))
    }

    @Test func anExclusivePromotionThatDoesNotApplyCutsNothing() throws {
        let book = try F.book("""
            bundle b: 100 coins, 10.00 USD
            promotion big { discount 10%
              when coins >= 1_000
              priority 10
              exclusive }
            promotion after_a { discount 1.00 USD }
            promotion after_b { bonus 5 coins }
            """)
        let q = try F.quote(book)
        // big's condition is false for 100 coins, so it neither applies nor cuts:
        // after_a −100 → 900; after_b +5 coins.
        #expect(q.applied == ["after_a", "after_b"])
        #expect(q.price.minorUnits == 900 && q.coins.bonus == 5)
        #expect(F.reasons(q)["big"] == "not_for_this_item")
    }

    @Test func anExclusivePromotionWhoseGroupIsTakenCutsNothing() throws {
        let book = try F.book("""
            bundle b: 100 coins, 10.00 USD
            promotion first { discount 0.10 USD
              priority 3
              group g }
            promotion solo { discount 0.20 USD
              priority 2
              group g
              exclusive }
            promotion last { discount 0.30 USD }
            """)
        let q = try F.quote(book)
        // first takes group g; solo is skipped (group taken) and so does not stop the walk;
        // last applies. 1000 − 10 − 30 = 960.
        #expect(q.applied == ["first", "last"])
        #expect(q.price.minorUnits == 960)
        #expect(F.trace(q) == ["first:applied", "solo:group_taken", "last:applied"])
    }

    // MARK: Groups

    @Test func aGroupAppliesOnePromotionOnly() throws {
        let book = try F.book("""
            bundle b: 100 coins, 10.00 USD
            promotion g_one { discount 1.00 USD
              priority 2
              group spring }
            promotion g_two { discount 2.00 USD
              priority 1
              group spring }
            promotion other { discount 0.25 USD
              group autumn }
            """)
        let q = try F.quote(book)
        // g_one (2) takes `spring`; g_two (1) finds it taken; `other` has its own group.
        // 1000 − 100 − 25 = 875.
        #expect(q.applied == ["g_one", "other"])
        #expect(F.lines(q) == ["g_one=100", "other=25"])
        #expect(q.price.minorUnits == 875)
        #expect(F.reasons(q) == ["g_one": "applied", "g_two": "group_taken", "other": "applied"])
        let detail = q.explanation?.promotions.first { $0.promotion == "g_two" }?.detail ?? ""
        #expect(detail.contains("spring") && detail.contains("g_one"))
    }

    @Test func aGroupIsTakenOnlyByAPromotionThatApplied() throws {
        let book = try F.book("""
            bundle b: 100 coins, 10.00 USD
            promotion g_one { discount 1.00 USD
              code "ONE"
              priority 2
              group spring }
            promotion g_two { discount 2.00 USD
              priority 1
              group spring }
            """)
        // Without the code g_one is no candidate, so g_two gets the group: 1000 − 200 = 800.
        let without = try F.quote(book)
        #expect(without.applied == ["g_two"] && without.price.minorUnits == 800)
        #expect(F.reasons(without) == ["g_one": "code_missing", "g_two": "applied"])
        // With it g_one applies and g_two is skipped: 1000 − 100 = 900.
        let with = try F.quote(book, F.request(codes: ["ONE"]))
        #expect(with.applied == ["g_one"] && with.price.minorUnits == 900)
        #expect(F.reasons(with)["g_two"] == "group_taken")
    }

    // MARK: Stacking

    static let stackingPromotions = """
        bundle b: 100 coins, 10.05 USD
        promotion p_twenty { discount 20%
          priority 2 }
        promotion p_ten { discount 10%
          priority 1 }
        """

    @Test func additiveStackingTakesEveryPercentOfTheListPrice() throws {
        let book = try F.book("stacking additive\n" + Self.stackingPromotions)
        let q = try F.quote(book)
        // list 1005. p_twenty: 20% of 1005 = 201. p_ten: 10% of 1005 = 100.5 → half-even 100.
        // price 1005 − 301 = 704.
        #expect(F.lines(q) == ["p_twenty=201", "p_ten=100"])
        #expect(q.price.minorUnits == 704)
    }

    @Test func additiveIsTheDefault() throws {
        let book = try F.book(Self.stackingPromotions)
        // Same as `stacking additive`: 704.
        #expect(try F.quote(book).price.minorUnits == 704)
    }

    @Test func compoundStackingTakesEachPercentOfTheRunningPrice() throws {
        let book = try F.book("stacking compound\n" + Self.stackingPromotions)
        let q = try F.quote(book)
        // list 1005. p_twenty: 201, running 804. p_ten: 10% of 804 = 80.4 → 80. price 724.
        #expect(F.lines(q) == ["p_twenty=201", "p_ten=80"])
        #expect(q.price.minorUnits == 724)
    }

    @Test func additiveStackingNeverTakesALineBelowZero() throws {
        let book = try F.book("""
            bundle b: 100 coins, 10.00 USD
            promotion p_sixty { discount 60%
              priority 2 }
            promotion p_fifty { discount 50%
              priority 1 }
            promotion p_last { discount 0.10 USD }
            """)
        let q = try F.quote(book)
        // p_sixty: 600, running 400. p_fifty: 50% of the list = 500, but only 400 is left:
        // 400, running 0. p_last: nothing is left, a zero line (omitted, still applied).
        #expect(F.lines(q) == ["p_sixty=600", "p_fifty=400"])
        #expect(q.applied == ["p_sixty", "p_fifty", "p_last"])
        #expect(q.price.minorUnits == 0 && q.total.minorUnits == 0)
    }

    // MARK: Floor

    @Test func floorCutsTheLastAppliedDiscountFirst() throws {
        let book = try F.book("""
            floor 50%
            bundle b: 100 coins, 10.00 USD
            promotion p_first { discount 30%
              priority 2 }
            promotion p_second { discount 40%
              priority 1 }
            """)
        let q = try F.quote(book)
        // list 1000, floor ⌈500⌉ = 500. Lines 300 + 400 → 300 < 500: 200 too much, taken
        // from the last applied (p_second): 400 → 200. price 500.
        #expect(F.lines(q) == ["p_first=300", "p_second=200"])
        #expect(q.price.minorUnits == 500)
        #expect(F.reasons(q) == ["p_first": "applied", "p_second": "clipped_by_floor"])
        #expect(q.explanation?.promotions.first { $0.promotion == "p_second" }?.discount?.minorUnits == 200)
    }

    @Test func floorCutsALineToNothingThenTheOneBefore() throws {
        let book = try F.book("""
            floor 80%
            bundle b: 100 coins, 10.00 USD
            promotion p_first { discount 40%
              priority 2 }
            promotion p_second { discount 30%
              priority 1
              bonus 7 coins }
            """)
        let q = try F.quote(book)
        // floor 800. Lines 400 + 300 → 300; 500 too much: p_second 300 → 0 (200 left),
        // p_first 400 → 200. price 800. p_second's zero line is omitted, but it applied
        // (its bonus counts).
        #expect(F.lines(q) == ["p_first=200"])
        #expect(q.applied == ["p_first", "p_second"])
        #expect(q.price.minorUnits == 800 && q.coins.bonus == 7)
        #expect(F.reasons(q) == ["p_first": "clipped_by_floor", "p_second": "clipped_by_floor"])
    }

    @Test func floorIsRoundedUp() throws {
        let book = try F.book("""
            floor 40%
            bundle b: 100 coins, 9.99 USD
            promotion deep { discount 70% }
            """)
        let q = try F.quote(book)
        // floor = ⌈999 × 0.40⌉ = ⌈399.6⌉ = 400. 70% of 999 = 699.3 → 699 → 300 < 400:
        // the line is cut to 599, price 400.
        #expect(F.lines(q) == ["deep=599"])
        #expect(q.price.minorUnits == 400)
    }

    @Test func aDiscountAboveTheFloorIsNotClipped() throws {
        let book = try F.book("""
            floor 40%
            bundle b: 100 coins, 10.00 USD
            promotion exact { discount 60% }
            """)
        let q = try F.quote(book)
        // 60% of 1000 = 600, price 400 = the floor exactly: nothing to cut.
        #expect(F.lines(q) == ["exact=600"] && q.price.minorUnits == 400)
        #expect(F.reasons(q) == ["exact": "applied"])
    }

    // MARK: price

    @Test func priceNeverRaisesTheRunningPrice() throws {
        let book = try F.book("""
            bundle b: 100 coins, 10.00 USD
            promotion dearer { price 12.00 USD }
            """)
        let q = try F.quote(book)
        // 12.00 > 10.00: applied, no discount, price stays 1000.
        #expect(q.price.minorUnits == 1000 && q.discounts.isEmpty)
        #expect(q.applied == ["dearer"])
        #expect(F.reasons(q) == ["dearer": "price_not_lower"])
    }

    @Test func priceSetsTheRunningPriceWhenLower() throws {
        let book = try F.book("""
            bundle b: 100 coins, 10.00 USD
            promotion first { discount 30%
              priority 3 }
            promotion not_lower { price 8.00 USD
              priority 2 }
            promotion lower { price 6.00 USD
              priority 1 }
            """)
        let q = try F.quote(book)
        // first: −300 → 700. not_lower: 800 > 700, no discount. lower: 700 → 600, −100.
        #expect(F.lines(q) == ["first=300", "lower=100"])
        #expect(q.price.minorUnits == 600)
        #expect(q.applied == ["first", "not_lower", "lower"])
        #expect(F.reasons(q) == ["first": "applied", "not_lower": "price_not_lower", "lower": "applied"])
    }

    @Test func priceInAnotherCurrencyIsConvertedAndRoundedByTheRule() throws {
        let book = try F.book("""
            rate EUR 0.92
            round EUR nearest 1.00 ending 0.99
            region DE: EUR
            bundle b: 100 coins, 10.00 USD
            promotion sale { price 5.00 USD }
            """)
        let q = try F.quote(book, F.request(region: "DE"))
        // list: 10.00 × 0.92 = 9.20 EUR → candidates 8.99 / 9.99 → 8.99 (899).
        // sale: 5.00 × 0.92 = 4.60 EUR → 3.99 / 4.99 → 4.99 (499, 0.39 away vs 0.61).
        // discount 899 − 499 = 400.
        #expect(q.list.minorUnits == 899 && q.currency == F.eur)
        #expect(F.lines(q) == ["sale=400"] && q.price.minorUnits == 499)
    }

    @Test func amountDiscountIsConvertedHalfEven() throws {
        let book = try F.book("""
            rate JPY 155
            round JPY nearest 10
            region JP: JPY
            bundle b: 100 coins, 10.00 USD
            promotion nickel { discount 0.05 USD }
            promotion dime { discount 0.10 USD }
            """)
        let q = try F.quote(book, F.request(region: "JP"))
        // list 10.00 × 155 = 1550 JPY (on the grid). dime: 0.10 × 155 = 15.5 → half-even 16;
        // nickel: 0.05 × 155 = 7.75 → 8 (never on the JPY grid: discounts are half-even).
        // Walk: dime before nickel (names). 1550 − 16 − 8 = 1526.
        #expect(q.list.minorUnits == 1550)
        #expect(F.lines(q) == ["dime=16", "nickel=8"] && q.price.minorUnits == 1526)
    }

    // MARK: Discount lines

    @Test func discountLinesSumExactlyToListMinusPrice() throws {
        let body = """
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
        // One worked case: b in US, additive. list 1005, floor ⌈452.25⌉ = 453.
        // a_pct: 12.5% of 1005 = 125.625 → 126 → 879. b_amount: 33 → 846.
        // c_price: 222 < 846 → −624 → 222. d_pct: 33.3% of 1005 = 334.665 → 335, but only
        // 222 is left → 222 → 0. Floor: 453 missing: d_pct 222 → 0 (231 left), c_price
        // 624 → 393. Lines 126 + 33 + 393 = 552 = 1005 − 453.
        let book = try F.book("stacking additive\n" + body)
        let q = try F.quote(book)
        #expect(F.lines(q) == ["a_pct=126", "b_amount=33", "c_price=393"])
        #expect(q.price.minorUnits == 453)
        #expect(q.applied == ["a_pct", "b_amount", "c_price", "d_pct"])
        #expect(F.reasons(q)["d_pct"] == "clipped_by_floor" && F.reasons(q)["c_price"] == "clipped_by_floor")
    }

    // MARK: Codes

    @Test func codesMatchInAnyCase() throws {
        let book = try F.book("""
            bundle b: 100 coins, 10.00 USD
            promotion vip { code "VIP2026"
              discount 1.00 USD }
            promotion spring { code "spring"
              discount 0.50 USD }
            """)
        // "vip2026" is "VIP2026" in another case; "SPRING" is "spring".
        let q = try F.quote(book, F.request(codes: ["vip2026", "SPRING"]))
        #expect(q.applied == ["spring", "vip"] && q.price.minorUnits == 850)
        let mixed = try F.quote(book, F.request(codes: ["ViP2026"]))
        #expect(mixed.applied == ["vip"])
        // A different code, or none: not applied.
        let wrong = try F.quote(book, F.request(codes: ["VIP2025"]))
        #expect(wrong.applied.isEmpty)
        #expect(F.reasons(wrong) == ["spring": "code_missing", "vip": "code_missing"])
    }

    // MARK: Limits

    @Test func aTotalLimitExactlyReachedStopsThePromotion() throws {
        let book = try F.book("""
            bundle b: 100 coins, 10.00 USD
            promotion capped { discount 1.00 USD
              limit 100 }
            """)
        // total = limit = 100: reached.
        let reached = try F.quote(book, F.request(redemptions: ["capped": Redemptions(total: 100, perUser: 0)]))
        #expect(reached.applied.isEmpty && reached.price.minorUnits == 1000)
        #expect(F.reasons(reached) == ["capped": "limit_reached"])
        // total = limit − 1 = 99: one left, applies.
        let last = try F.quote(book, F.request(redemptions: ["capped": Redemptions(total: 99, perUser: 0)]))
        #expect(last.applied == ["capped"] && last.price.minorUnits == 900)
        // No counters: nothing redeemed yet.
        #expect(try F.quote(book).applied == ["capped"])
        // Counters of another promotion do not count.
        let other = try F.quote(book, F.request(redemptions: ["other": Redemptions(total: 500, perUser: 5)]))
        #expect(other.applied == ["capped"])
    }

    @Test func aPerUserLimit() throws {
        let book = try F.book("""
            bundle b: 100 coins, 10.00 USD
            promotion once { discount 1.00 USD
              limit 1 per user }
            promotion both { discount 0.50 USD
              limit 10, 2 per user }
            """)
        func applied(_ once: (Int64, Int64), _ both: (Int64, Int64)) throws -> [String] {
            try F.quote(book, F.request(redemptions: [
                "once": Redemptions(total: once.0, perUser: once.1),
                "both": Redemptions(total: both.0, perUser: both.1),
            ])).applied
        }
        // once: user 0 < 1 applies; user 1 = 1 reached (the total does not matter).
        // both: total 9 < 10 and user 1 < 2 applies.
        #expect(try applied((1_000, 0), (9, 1)) == ["both", "once"])
        // once: user 1 reached. both: user 2 = 2 reached although total 5 < 10.
        #expect(try applied((1_000, 1), (5, 2)) == [])
        // both: total 10 = 10 reached although user 0 < 2.
        #expect(try applied((0, 0), (10, 0)) == ["once"])
        let q = try F.quote(book, F.request(redemptions: ["once": Redemptions(total: 0, perUser: 1)]))
        #expect(F.reasons(q)["once"] == "limit_reached")
        #expect(q.explanation?.promotions.first { $0.promotion == "once" }?.detail.contains("per user") == true)
    }

    // MARK: User attributes

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

    @Test func aMissingUserAttributeMakesItsComparisonFalse() throws {
        let book = try F.book(Self.userShop)
        let q = try F.quote(book, F.request(user: ["first_purchase": .bool(true)]))
        // No user.purchases, user.signup or user.segment: none applies, and the trace
        // says which attribute is missing.
        #expect(q.applied.isEmpty && q.price.minorUnits == 1000 && q.coins.bonus == 0)
        #expect(F.reasons(q) == ["loyal": "missing_attribute", "newcomer": "missing_attribute", "vip_only": "missing_attribute"])
        var details: [String: String] = [:]
        for trace in q.explanation?.promotions ?? [] { details[trace.promotion] = trace.detail }
        #expect(details["loyal"]?.contains("user.purchases") == true)
        #expect(details["newcomer"]?.contains("user.signup") == true)
        // Given, they decide: purchases 10 ≥ 10, signup 2026-01-01 ≥ 2026-01-01, vip.
        let all = try F.quote(book, F.request(user: [
            "first_purchase": .bool(true), "purchases": .int(10), "segment": .value("vip"),
            "signup": .date(CivilDate(year: 2026, month: 1, day: 1)!),
        ]))
        // 1000 − 100 − 50 = 850; +10 coins.
        #expect(all.applied == ["loyal", "newcomer", "vip_only"] && all.price.minorUnits == 850 && all.coins.bonus == 10)
        // A value that makes the comparison false is `condition_false`, not missing.
        let low = try F.quote(book, F.request(user: ["purchases": .int(9)]))
        #expect(F.reasons(low)["loyal"] == "condition_false")
    }

    @Test func aUserAttributeOfTheWrongTypeIsAnError() throws {
        let book = try F.book(Self.userShop)
        // purchases is an int: a bool, a date or a value is refused.
        #expect(F.errorKind(book, F.request(user: ["purchases": .bool(true)])) == .userAttributeType)
        #expect(F.errorKind(book, F.request(user: ["purchases": .value("ten")])) == .userAttributeType)
        #expect(F.errorKind(book, F.request(user: ["first_purchase": .int(1)])) == .userAttributeType)
        #expect(F.errorKind(book, F.request(user: ["signup": .value("2026-01-01")])) == .userAttributeType)
        // An int outside the declared range 0 to 100.
        #expect(F.errorKind(book, F.request(user: ["purchases": .int(101)])) == .userAttributeType)
        #expect(F.errorKind(book, F.request(user: ["purchases": .int(-1)])) == .userAttributeType)
        #expect(F.errorKind(book, F.request(user: ["purchases": .int(100)])) == nil)
        // A value a `one of` does not list.
        #expect(F.errorKind(book, F.request(user: ["segment": .value("whale")])) == .userAttributeType)
        // An undeclared attribute.
        #expect(F.errorKind(book, F.request(user: ["age": .int(30)])) == .unknownUserAttribute)
    }

    @Test func notEqualOnAMissingOneOfAttributeIsFalse() throws {
        let book = try F.book("""
            user segment: one of new, vip, lapsed
            user purchases: int
            bundle b: 100 coins, 10.00 USD
            promotion not_lapsed { when user.segment != lapsed
              discount 1.00 USD }
            promotion not_in { when user.segment not in [lapsed, new]
              discount 0.50 USD }
            promotion not_five { when user.purchases != 5
              discount 0.25 USD }
            """)
        // Given: vip != lapsed, vip not in [lapsed, new], 6 != 5: all three apply.
        let given = try F.quote(book, F.request(user: ["segment": .value("vip"), "purchases": .int(6)]))
        #expect(given.applied == ["not_five", "not_in", "not_lapsed"])
        // Missing: every comparison reading a missing attribute is false, so none applies.
        let q = try F.quote(book)
        // The int comparison `!=` is false on a missing attribute, as the rules say ...
        #expect(!q.applied.contains("not_five"))
        #expect(F.reasons(q)["not_five"] == "missing_attribute")
        // ... and so are `!=` and `not in` on a `one of` attribute.
        #expect(q.applied.isEmpty)
        #expect(F.reasons(q)["not_lapsed"] == "missing_attribute")
        #expect(F.reasons(q)["not_in"] == "missing_attribute")
    }

    /// Conditions are three-valued: a comparison on a missing attribute is unknown, and
    /// `not` of unknown is unknown, so a written `not` around it does not apply the
    /// promotion either, as `!=` and `not in` do not.
    @Test func aWrittenNotAroundAMissingAttributeIsUnknownToo() throws {
        let book = try F.book("""
            user first_purchase: bool
            user purchases: int
            bundle b: 100 coins, 10.00 USD
            promotion returning { when not user.first_purchase
              bonus 5 coins }
            promotion few { when not (user.purchases >= 10)
              bonus 7 coins }
            """)
        let q = try F.quote(book)
        #expect(q.applied.isEmpty && q.coins.bonus == 0)
        #expect(F.reasons(q) == ["few": "missing_attribute", "returning": "missing_attribute"])
        // Given, the `not`s negate as usual: false → true, 3 ≥ 10 false → true.
        let given = try F.quote(book, F.request(user: ["first_purchase": .bool(false), "purchases": .int(3)]))
        #expect(given.applied == ["few", "returning"] && given.coins.bonus == 12)
    }

    // MARK: Bonus coins

    @Test func bonusPercentIsOfBaseCoinsRoundedDown() throws {
        let book = try F.book("""
            bundle b: 70 coins, 0.99 USD, bonus 5 coins
            bundle big: 1_400 coins, 19.99 USD, bonus 300 coins
            custom coins: 30 to 10_000, 0.01 USD each
            promotion pct { bonus 15% }
            promotion flat { bonus 3 coins }
            """)
        let q = try F.quote(book)
        // 15% of 70 base coins = 10.5 → 10 (down, not half-even); bundle bonus 5 is not
        // counted in the base. bonus = 5 + 10 + 3 = 18, total 88.
        #expect(q.coins.base == 70 && q.coins.bonus == 18 && q.coins.total == 88)
        #expect(q.explanation?.promotions.first { $0.promotion == "pct" }?.bonusCoins == 10)
        // 1400: 15% = 210 exactly; 300 + 210 + 3 = 513.
        #expect(try F.quote(book, F.request(.bundle("big"))).coins.bonus == 513)
        // Custom 333 coins: 15% = 49.95 → 49; 0 + 49 + 3 = 52.
        let custom = try F.quote(book, F.request(.coins(333)))
        #expect(custom.coins.base == 333 && custom.coins.bonus == 52)
        // Bonuses leave the price alone.
        #expect(q.price == q.list && q.discounts.isEmpty)
    }

    @Test func aPromotionWithADiscountAndABonusPercentUsesEachPercent() throws {
        let book = try F.book("""
            bundle b: 700 coins, 9.99 USD
            promotion combo { discount 20%
              bonus 10% }
            """)
        let q = try F.quote(book)
        // discount: 20% of 999 = 199.8 → 200, price 799.
        #expect(F.lines(q) == ["combo=200"] && q.price.minorUnits == 799)
        // bonus: 10% of 700 = 70 coins.
        #expect(q.coins.bonus == 70)
    }

    // MARK: Traces

    @Test func theTraceGivesEveryPromotionAReason() throws {
        let book = try F.book("""
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
            """)
        let q = try F.quote(book, F.request(user: ["purchases": .int(1)],
                                            redemptions: ["h_limit": Redemptions(total: 1, perUser: 0)]))
        // Walk order: a_applied (150), i_group_a (140), j_group_b (130), k_not_lower (120),
        // the priority-50 ones by name, l_exclusive (10), m_cut (0).
        // 2026-06-17 is a Wednesday in June: outside e_window and f_hours.
        #expect(F.trace(q) == [
            "a_applied:applied", "i_group_a:applied", "j_group_b:group_taken", "k_not_lower:price_not_lower",
            "b_item:not_for_this_item", "c_false:condition_false", "d_missing:missing_attribute",
            "e_window:outside_window", "f_hours:outside_hours", "g_code:code_missing", "h_limit:limit_reached",
            "l_exclusive:applied", "m_cut:cut_by_exclusive",
        ])
        // 1000 − 10 − 10 = 980; one bonus coin.
        #expect(q.price.minorUnits == 980 && q.coins.bonus == 1)
        #expect(q.explanation?.promotions.allSatisfy { !$0.detail.isEmpty } == true)
        // Without --explain there is no trace, and the quote is the same.
        var plain = F.request(user: ["purchases": .int(1)], redemptions: ["h_limit": Redemptions(total: 1, perUser: 0)])
        plain.explain = false
        let quiet = try F.quote(book, plain)
        #expect(quiet.explanation == nil)
        #expect(quiet.price == q.price && quiet.applied == q.applied)
        #expect(quiet.discounts == q.discounts)
    }

    /// Doubtful: "stop after an exclusive one (the rest: cut_by_exclusive)". The walk
    /// only runs over candidates, so a promotion after the exclusive one that is no
    /// candidate anyway keeps its own reason. This pins the current behaviour.
    @Test func aNonCandidateAfterAnExclusiveKeepsItsOwnReason() throws {
        let book = try F.book("""
            bundle b: 100 coins, 10.00 USD
            promotion solo { discount 10%
              priority 1
              exclusive }
            promotion coded { code "X"
              discount 0.10 USD }
            promotion plain { discount 0.10 USD }
            """)
        let q = try F.quote(book)
        #expect(F.trace(q) == ["solo:applied", "coded:code_missing", "plain:cut_by_exclusive"])
    }
}
