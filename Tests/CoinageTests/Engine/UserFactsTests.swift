@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// User facts by slot across the inline storage (eight slots) and the spill: eleven
/// declared attributes, conditions on slots 0, 7, 8 and 10, every fact present,
/// missing or wrong, against a hand-written oracle and the reference evaluator.
@Suite struct UserFactsTests {
    typealias F = WalkFixture

    /// Slots are the attributes' places in name order: `a_member` is slot 0,
    /// `h_level` 7, `i_since` 8 and `k_segment` 10. Discounts are powers of two cents
    /// and bonuses powers of two coins, so the price and the bonus say what applied.
    static let shop = """
        user a_member: bool
        user b_orders: int 0 to 1_000
        user c_joined: date
        user d_tier: one of bronze, silver, gold
        user e_flag: bool
        user f_count: int
        user g_day: date
        user h_level: int 0 to 99
        user i_since: date
        user j_vip: bool
        user k_segment: one of new, vip, lapsed
        bundle b: 100 coins, 10.00 USD
        promotion on_member { when user.a_member
          discount 0.01 USD }
        promotion on_level { when user.h_level >= 50
          discount 0.02 USD }
        promotion on_since { when user.i_since < 2025-01-01
          discount 0.04 USD }
        promotion on_segment { when user.k_segment == vip
          discount 0.08 USD }
        promotion not_lapsed { when user.k_segment != lapsed
          discount 0.16 USD }
        promotion all_four { when user.a_member and user.h_level < 99 and user.i_since >= 2020-01-01 and user.k_segment in [vip, new]
          bonus 1 coins }
        promotion either { when user.h_level == 7 or user.k_segment not in [vip]
          bonus 2 coins }
        promotion not_member { when not user.a_member
          bonus 4 coins }
        """

    static let names = ["a_member", "b_orders", "c_joined", "d_tier", "e_flag", "f_count", "g_day", "h_level", "i_since",
                        "j_vip", "k_segment"]

    static func date(_ year: Int, _ month: Int, _ day: Int) -> UserValue { .date(CivilDate(year: year, month: month, day: day)!) }

    /// Facts the conditions never read, one on every other slot (1 to 6, and 9).
    static let fillers: [String: UserValue] = [
        "b_orders": .int(1_000), "c_joined": date(2019, 5, 1), "d_tier": .value("gold"), "e_flag": .bool(false),
        "f_count": .int(-5), "g_day": date(2026, 2, 28), "j_vip": .bool(true),
    ]

    @Test func theSlotsAreTheAttributesInNameOrder() throws {
        let shop = try F.shop(Self.shop)
        #expect(shop.rules.userAttributes.map(\.name) == Self.names)
        for (slot, name) in Self.names.enumerated() { #expect(shop.book.users.index[name] == slot) }
    }

    /// What the rules say for these facts, worked out from the promotions above: a
    /// missing fact makes its comparison unknown, `not` of unknown is unknown, and only
    /// a true condition applies a promotion.
    static func expected(member: Bool?, level: Int64?, since: CivilDate?, segment: String?) -> (price: Int64, bonus: Int64) {
        let old = CivilDate(year: 2025, month: 1, day: 1)!
        let early = CivilDate(year: 2020, month: 1, day: 1)!
        var discount: Int64 = 0
        var bonus: Int64 = 0
        if member == true { discount += 1 }
        if let level, level >= 50 { discount += 2 }
        if let since, since < old { discount += 4 }
        if segment == "vip" { discount += 8 }
        if let segment, segment != "lapsed" { discount += 16 }
        if member == true, let level, level < 99, let since, since >= early, let segment, ["vip", "new"].contains(segment) {
            bonus += 1
        }
        if level == 7 || (segment.map { $0 != "vip" } ?? false) { bonus += 2 }
        if member == false { bonus += 4 }
        return (1_000 - discount, bonus)
    }

    @Test func everyMixOfPresentAndMissingFactsMatchesTheRulesAndTheReference() throws {
        let shop = try F.shop(Self.shop)
        let book = shop.book
        let reference = ReferenceEvaluator(shop)
        let members: [Bool?] = [nil, true, false]
        let levels: [Int64?] = [nil, 50, 49, 7, 99]
        let sinces: [CivilDate?] = [nil, CivilDate(year: 2024, month: 12, day: 31)!, CivilDate(year: 2025, month: 1, day: 1)!,
                                    CivilDate(year: 2019, month: 12, day: 31)!]
        let segments: [String?] = [nil, "vip", "new", "lapsed"]
        var count = 0
        for member in members {
            for level in levels {
                for since in sinces {
                    for segment in segments {
                        var user: [String: UserValue] = count % 2 == 0 ? [:] : Self.fillers
                        if let member { user["a_member"] = .bool(member) }
                        if let level { user["h_level"] = .int(level) }
                        if let since { user["i_since"] = .date(since) }
                        if let segment { user["k_segment"] = .value(segment) }
                        count += 1
                        let label = "\(user)"
                        let request = F.request(user: user)
                        let (fast, explained) = try AppliedPromotionsTests.quotes(book, request)
                        let want = Self.expected(member: member, level: level, since: since, segment: segment)
                        #expect(fast.price.minorUnits == want.price && fast.coins.bonus == want.bonus, "\(label)")
                        #expect(ReferenceEvaluator.outcome(of: .success(fast)) == reference.evaluate(request), "\(label)")
                        #expect(ReferenceEvaluator.outcome(of: .success(explained)) == reference.evaluate(request), "\(label)")
                    }
                }
            }
        }
        #expect(count == 240)
    }

    @Test func aMissingFactInTheSpillIsNamedInTheTrace() throws {
        let book = try F.book(Self.shop)
        // Only slot 0 given: the comparisons on slots 7, 8 and 10 are false, for want of them.
        let q = try F.quote(book, F.request(user: ["a_member": .bool(true)]))
        #expect(q.applied == ["on_member"] && q.price.minorUnits == 999 && q.coins.bonus == 0)
        var details: [String: String] = [:]
        for trace in q.explanation?.promotions ?? [] { details[trace.promotion] = "\(trace.reason.rawValue): \(trace.detail)" }
        #expect(details["on_level"]?.hasPrefix("missing_attribute") == true && details["on_level"]?.contains("`user.h_level`") == true)
        #expect(details["on_since"]?.contains("`user.i_since`") == true)
        #expect(details["on_segment"]?.contains("`user.k_segment`") == true)
        #expect(details["not_lapsed"]?.hasPrefix("missing_attribute") == true)
        // Only the spill slots given, nothing inline: they decide on their own.
        let spill = try F.quote(book, F.request(user: ["i_since": Self.date(2024, 1, 1), "k_segment": .value("vip")]))
        // on_since 4, on_segment 8, not_lapsed 16; not_member reads slot 0, missing: unknown.
        #expect(spill.applied == ["not_lapsed", "on_segment", "on_since"])
        #expect(spill.price.minorUnits == 1_000 - 28 && spill.coins.bonus == 0)
        // Every slot given, none of them read but 0, 7, 8 and 10.
        var all = Self.fillers
        all["a_member"] = .bool(true)
        all["h_level"] = .int(98)
        all["i_since"] = Self.date(2020, 1, 1)
        all["k_segment"] = .value("new")
        #expect(all.count == 11)
        let full = try F.quote(book, F.request(user: all))
        // on_level 2, not_lapsed 16, on_member 1, on_since 4; all_four 1 coin, either 2 coins.
        #expect(full.applied == ["all_four", "either", "not_lapsed", "on_level", "on_member", "on_since"])
        #expect(full.price.minorUnits == 1_000 - 23 && full.coins.bonus == 3)
    }

    @Test(arguments: [
        ("a_member", UserValue.int(1)), ("a_member", .value("true")), ("b_orders", .int(1_001)), ("c_joined", .int(20_250_101)),
        ("d_tier", .value("vip")), ("e_flag", date(2026, 1, 1)), ("f_count", .bool(true)), ("g_day", .value("2026-01-01")),
        ("h_level", .int(100)), ("h_level", .int(-1)), ("h_level", .bool(false)), ("i_since", .int(0)),
        ("i_since", .value("2024-01-01")), ("j_vip", .value("yes")), ("k_segment", .value("gold")), ("k_segment", .bool(true)),
    ] as [(String, UserValue)])
    func aFactOfTheWrongTypeIsRefused(name: String, value: UserValue) throws {
        let shop = try F.shop(Self.shop)
        let book = shop.book
        var user = Self.fillers
        user["a_member"] = .bool(true)
        user[name] = value
        let request = F.request(user: user)
        guard case .failure(let error) = book.quote(request) else {
            Issue.record("quoted \(name) = \(value)")
            return
        }
        #expect(error.kind == .userAttributeType)
        #expect(error.message.hasPrefix("`\(name)` is "), "\(error.message)")
        #expect(ReferenceEvaluator(shop).evaluate(request) == .error(.userAttributeType))
    }

    @Test func anUndeclaredFactIsRefused() throws {
        let shop = try F.shop(Self.shop)
        let book = shop.book
        for name in ["l_extra", "segment", "A_member", ""] {
            let request = F.request(user: ["k_segment": .value("vip"), name: .bool(true)])
            guard case .failure(let error) = book.quote(request) else {
                Issue.record("quoted with `\(name)`")
                continue
            }
            #expect(error.kind == .unknownUserAttribute && error.message == "user attribute `\(name)` is not declared")
            #expect(ReferenceEvaluator(shop).evaluate(request) == .error(.unknownUserAttribute))
        }
    }

    /// The same facts in dictionaries built in every insertion order, with several
    /// capacities: their iteration orders differ, the refusal does not.
    static func refusals(_ book: PriceBook, problems: [(String, UserValue)]) -> (errors: Set<QuoteError>, orders: Set<[String]>) {
        var errors: Set<QuoteError> = []
        var orders: Set<[String]> = []
        func permutations(_ items: [(String, UserValue)]) -> [[(String, UserValue)]] {
            guard items.count > 1 else { return [items] }
            return items.indices.flatMap { index in
                var rest = items
                let first = rest.remove(at: index)
                return permutations(rest).map { [first] + $0 }
            }
        }
        let good: [(String, UserValue)] = [("a_member", .bool(true)), ("i_since", date(2024, 1, 1))]
        for order in permutations(problems + good) {
            for capacity in [0, 11, 64] {
                var user = [String: UserValue](minimumCapacity: capacity)
                for (name, value) in order { user[name] = value }
                orders.insert(Array(user.keys))
                if case .failure(let error) = book.quote(F.request(user: user)) { errors.insert(error) }
            }
        }
        return (errors, orders)
    }

    @Test func theFirstProblemInNameOrderIsReportedWhateverTheDictionaryOrder() throws {
        let book = try F.book(Self.shop)
        let problems: [(String, UserValue)] = [("zz_unknown", .int(1)), ("k_segment", .value("gold")), ("h_level", .int(500)),
                                               ("a0_unknown", .bool(true))]
        // `a0_unknown` sorts first (`0` before `_`): undeclared.
        let first = Self.refusals(book, problems: problems)
        #expect(first.orders.count > 1, "the dictionaries all iterate alike: the test proves nothing")
        #expect(first.errors == [QuoteError(.unknownUserAttribute, "user attribute `a0_unknown` is not declared",
                                            help: first.errors.first?.help)])
        // Without it: `h_level`, slot 7, out of its range.
        let second = Self.refusals(book, problems: Array(problems.prefix(3)))
        #expect(second.errors.count == 1)
        #expect(second.errors.first?.kind == .userAttributeType)
        #expect(second.errors.first?.message.hasPrefix("`h_level` is ") == true)
        #expect(second.errors.first?.message.contains("500 is outside it") == true)
        // Then `k_segment`, slot 10 (in the spill), with the values it takes as help.
        let third = Self.refusals(book, problems: Array(problems.prefix(2)))
        #expect(third.errors.count == 1 && third.errors.first?.message.hasPrefix("`k_segment` is ") == true)
        #expect(third.errors.first?.help == "give one of `new`, `vip`, `lapsed`")
        // Then the undeclared `zz_unknown`.
        let last = Self.refusals(book, problems: Array(problems.prefix(1)))
        #expect(last.errors.count == 1 && last.errors.first?.kind == .unknownUserAttribute)
        #expect(last.errors.first?.message == "user attribute `zz_unknown` is not declared")
    }

    /// The quote path reads each slot through an unretained reference
    /// (`UserSlots.fact`): it gives what the slot itself gives, for every kind of
    /// attribute and every kind of value, fitting or not.
    @Test func theQuotePathsReadOfASlotIsTheSlotsOwn() throws {
        let book = try F.book(Self.shop + "\nuser l_note: text")
        let values: [UserValue] = [
            .bool(true), .bool(false), .int(0), .int(50), .int(1_000), .int(1_001), .int(-1), .int(.max),
            .date(try #require(CivilDate(year: 2024, month: 2, day: 29))), .value("gold"), .value("vip"),
            .value("lapsed"), .value("nobody"), .value(""),
        ]
        #expect(book.users.slots.count == Self.names.count + 1)
        for slot in book.users.slots.indices {
            for value in values {
                #expect(book.users.fact(value, slot: slot) == book.users.slots[slot].resolve(value),
                        "slot \(slot) (`\(book.users.names[slot])`), \(value)")
            }
        }
    }
}
