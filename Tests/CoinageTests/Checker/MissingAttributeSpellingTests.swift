@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// Issue 11, A: `x not in [...]` is `not (x in [...])` and `x != v` is `not (x == v)`
/// however the request's facts stand, a missing one included. Conditions are
/// three-valued, and the engine, the trace, the analysis and the reference
/// evaluator read them alike.
@Suite struct MissingAttributeSpellingTests {
    typealias F = WalkFixture

    static let shop = """
        user segment: one of new, vip, whale
        bundle b: 100 coins, 10.00 USD
        promotion a_not_in {
          when user.segment not in [vip]
          bonus 1 coins
        }
        promotion b_not_around_in {
          when not (user.segment in [vip])
          bonus 2 coins
        }
        promotion c_not_equal {
          when user.segment != vip
          bonus 4 coins
        }
        promotion d_not_around_equal {
          when not (user.segment == vip)
          bonus 8 coins
        }
        """

    @Test func everySpellingAgreesOnEveryFact() throws {
        let shop = try F.shop(Self.shop)
        let book = shop.book
        let reference = ReferenceEvaluator(shop)
        // Missing: all four unknown, none applies. `vip`: all false. Another value: all true.
        for (segment, bonus) in [(nil, Int64(0)), ("vip", 0), ("new", 15), ("whale", 15)] as [(String?, Int64)] {
            let request = F.request(user: segment.map { ["segment": .value($0)] } ?? [:])
            let quote = try F.quote(book, request)
            #expect(quote.coins.bonus == bonus, "\(segment ?? "missing")")
            #expect(ReferenceEvaluator.outcome(of: .success(quote)) == reference.evaluate(request), "\(segment ?? "missing")")
            var fast = request
            fast.explain = false
            #expect(try book.quote(fast).get().coins.bonus == bonus)
        }
    }

    @Test func theTraceSaysTheConditionCannotBeDecided() throws {
        let quote = try F.quote(try F.book(Self.shop))
        let details = Dictionary(uniqueKeysWithValues: (quote.explanation?.promotions ?? []).map { ($0.promotion, "\($0.reason.rawValue): \($0.detail)") })
        #expect(details == [
            "a_not_in": "missing_attribute: `user.segment not in [vip]` cannot be decided: the request carries no `user.segment`",
            "b_not_around_in": "missing_attribute: `not (user.segment in [vip])` cannot be decided: the request carries no `user.segment`",
            "c_not_equal": "missing_attribute: `user.segment != vip` cannot be decided: the request carries no `user.segment`",
            "d_not_around_equal": "missing_attribute: `not (user.segment == vip)` cannot be decided: the request carries no `user.segment`",
        ])
        // A false part is named before an unknown one, with the request's values.
        let book = try F.book(Self.shop + "\npromotion e_both {\n  when user.segment == vip and list > 20.00 USD\n  bonus 16 coins\n}\n")
        let trace = try F.quote(book).explanation?.promotions.first { $0.promotion == "e_both" }
        #expect(trace?.reason == .conditionFalse && trace?.detail == "`list > 20.00 USD` is false: list is 10.00 USD", "\(String(describing: trace))")
    }

    /// A condition that can be true only for a request without the fact, under a
    /// two-valued reading, never applies: the lint says so for either spelling, and
    /// no request applies it.
    @Test func theAnalysisReadsBothSpellingsAsTheEngineDoes() throws {
        let shop = """
            user segment: one of new, vip, whale
            bundle b: 100 coins, 10.00 USD
            promotion everyone {
              discount 10%
            }
            promotion not_in_all {
              when user.segment not in [new, vip, whale]
              discount 10%
            }
            promotion not_around_all {
              when not (user.segment in [new, vip, whale])
              discount 10%
            }
            guard discount at most 15%
            """
        let compiled = try F.shop(shop)
        let book = compiled.book
        let found = RuleAnalysis.analyze(compiled.rules, book: book)
        // Both are flagged as never applying; the guard holds (only `everyone`, 10%, applies).
        #expect(found.filter { $0.code == .promotionNeverApplies }.map(\.message).sorted()
            == ["promotion `not_around_all` can never apply: no buyer's facts meet its condition",
                "promotion `not_in_all` can never apply: no buyer's facts meet its condition"], "\(found.map(\.message))")
        #expect(!found.contains { $0.code == .discountGuardBroken }, "\(found.map(\.message))")
        for segment in [nil, "new", "vip", "whale"] as [String?] {
            let quote = try F.quote(book, F.request(user: segment.map { ["segment": .value($0)] } ?? [:]))
            #expect(quote.applied == ["everyone"], "\(segment ?? "missing")")
        }
    }
}
