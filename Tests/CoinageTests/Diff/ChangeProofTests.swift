@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
import CoinageSyntax
import Testing

/// `coinage diff --prove` on tiny rule sets: reading claims, the classes the prover
/// enumerates, and each claim proven, disproven (with a counterexample that the
/// quotes confirm) and incomplete.
@Suite struct ChangeProofTests {
    typealias F = WalkFixture

    static let header = "base currency USD\nregion US: USD\nregion DE: EUR, zone Europe/Berlin\nrate EUR 0.9\n"

    static func side(_ body: String) throws -> ComparedRules {
        try F.shop(body, header: header).compared
    }

    static let all: [ProofClaim] = [.sameQuotes, .noPriceIncrease, .noLostPromotion]

    static func isProven(_ outcome: ProofOutcome) -> Bool { if case .proven = outcome { true } else { false } }

    /// The counterexample of a disproven outcome, after checking it by quoting again.
    static func counterexample(_ outcome: ProofOutcome, claim: ProofClaim, old: ComparedRules, new: ComparedRules,
                               sourceLocation: Testing.SourceLocation = #_sourceLocation) -> ProofCounterexample? {
        guard case .disproven(let example) = outcome else {
            Issue.record("expected a counterexample, got \(outcome)", sourceLocation: sourceLocation)
            return nil
        }
        #expect(claim.violation(example.request, old: old.book.quote(example.request), new: new.book.quote(example.request)) != nil,
                sourceLocation: sourceLocation)
        return example
    }

    @Test func claimsAreReadFromFlagsAndFiles() throws {
        #expect(try ProofClaim.parse("no-price-increase").get() == .noPriceIncrease)
        #expect(try ProofClaim.parse(" same-quotes ").get() == .sameQuotes)
        let scope = try ProofClaim.parse("unchanged-outside:bundle=a,b;region=US,DE").get()
        #expect(scope == .unchangedOutside(ProofScope(bundles: ["a", "b"], regions: ["US", "DE"], channels: nil)))
        #expect(scope.description == "unchanged-outside:bundle=a,b;region=US,DE")
        guard case .failure(let unknown) = ProofClaim.parse("no-price-rise") else { Issue.record("read"); return }
        #expect(unknown.message == "unknown claim `no-price-rise`")
        guard case .failure(let badKey) = ProofClaim.parse("unchanged-outside:country=US") else { Issue.record("read"); return }
        #expect(badKey.message.contains("`country=US`"))
        guard case .failure = ProofClaim.parse("unchanged-outside:") else { Issue.record("read"); return }

        let file = "# claims every pull request must keep\nno-price-increase\n\nsame-quotes # the refactor check\nno-price-increase\n"
        #expect(try ClaimsFile.parse(file).get() == [.noPriceIncrease, .sameQuotes])
        guard case .failure(let line) = ClaimsFile.parse("same-quotes\nnope\n") else { Issue.record("read"); return }
        #expect(line.message == "line 2: unknown claim `nope`")
    }

    @Test func aRuleSetAgainstItselfProvesEveryClaim() throws {
        let shop = try Self.side("""
            user vip: bool
            user purchases: int 0 to 1000
            bundle b: 100 coins, 9.99 USD
            promotion p {
              when user.vip and user.purchases >= 10
              every sat, sun from 18:00 to 22:00 local
              code "SAVE"
              limit 100, 1 per user
              discount 20%
            }

            """)
        let proof = ChangeProof(Self.all + [.unchangedOutside(ProofScope(bundles: ["b"], regions: nil, channels: nil))],
                                old: shop, new: shop)
        #expect(proof.outcomes.allSatisfy(Self.isProven))
        #expect(proof.allProven && !proof.anyDisproven)
        let space = try #require(proof.space)
        // b in US and in DE. vip (false, true, not carried) × purchases (-1, 0, 1, 10,
        // 11, 1000, 1001, not carried) are 24 profiles, merged to five: the condition
        // true, not true, purchases -1 (refused, never true), and purchases 1001
        // (refused) with the condition true and not true. In and out of the hours; with and without the code; 2 × 2
        // counter states.
        #expect(space.cells.count == 2)
        let slice = space.slice(ofCell: 0)
        #expect(slice.attributes.map { $0.values.count } == [8, 3])
        #expect(slice.profiles.count == 5)
        #expect(slice.instants.count == 2)
        #expect(slice.codeSetCount == 2)
        #expect(slice.counterStates.count == 4)
        #expect(proof.requestsQuoted == 2 * 5 * 2 * 2 * 4)
    }

    @Test func aRaisedPriceDisprovesNoPriceIncreaseWithACounterexampleThatQuotes() throws {
        let old = try Self.side("bundle a: 100 coins, 1.99 USD\nbundle b: 500 coins, 4.99 USD\n")
        let new = try Self.side("bundle a: 100 coins, 1.99 USD\nbundle b: 500 coins, 5.99 USD\n")
        let proof = ChangeProof([.noPriceIncrease, .unchangedOutside(ProofScope(bundles: ["b"], regions: nil, channels: nil)),
                                 .unchangedOutside(ProofScope(bundles: nil, regions: ["US"], channels: nil))],
                                old: old, new: new)
        let example = try #require(Self.counterexample(proof.outcomes[0], claim: .noPriceIncrease, old: old, new: new))
        #expect(example.request.item == .bundle("b"))
        #expect(example.reason.hasPrefix("the total rose from "))
        // Only b changed, so everything outside b is unchanged; DE changed too, so not everything outside US.
        #expect(Self.isProven(proof.outcomes[1]))
        let outside = try #require(Self.counterexample(proof.outcomes[2], claim: proof.claims[2], old: old, new: new))
        #expect(outside.request.region == "DE")
        // The other way round the price falls: no increase, but not the same quotes.
        let back = ChangeProof([.noPriceIncrease, .sameQuotes], old: new, new: old)
        #expect(Self.isProven(back.outcomes[0]))
        #expect(Self.counterexample(back.outcomes[1], claim: .sameQuotes, old: new, new: old) != nil)
    }

    @Test func aNarrowedConditionLosesAPromotion() throws {
        let body = "user purchases: int\nbundle b: 100 coins, 9.99 USD\npromotion p {\n  when user.purchases >= LIMIT\n  discount 10%\n}\n"
        let old = try Self.side(body.replacingOccurrences(of: "LIMIT", with: "5"))
        let new = try Self.side(body.replacingOccurrences(of: "LIMIT", with: "8"))
        let proof = ChangeProof([.noLostPromotion, .noPriceIncrease], old: old, new: new)
        let example = try #require(Self.counterexample(proof.outcomes[0], claim: .noLostPromotion, old: old, new: new))
        // Only a buyer with 5 to 7 purchases loses it.
        guard case .int(let purchases)? = example.request.user["purchases"] else { Issue.record("no purchases"); return }
        #expect((5...7).contains(purchases))
        #expect(example.reason == "`p` no longer applied")
        // Widening it loses nobody anything.
        #expect(ChangeProof([.noLostPromotion], old: new, new: old).allProven)
    }

    @Test func movedHoursAreFoundInTheHourThatChanged() throws {
        let body = "bundle b: 100 coins, 9.99 USD\npromotion p {\n  every fri from FROM to 22:00 local\n  discount 10%\n}\n"
        let old = try Self.side(body.replacingOccurrences(of: "FROM", with: "18:00"))
        let new = try Self.side(body.replacingOccurrences(of: "FROM", with: "19:00"))
        let proof = ChangeProof([.sameQuotes], old: old, new: new)
        let example = try #require(Self.counterexample(proof.outcomes[0], claim: .sameQuotes, old: old, new: new))
        // Friday 18:00 to 19:00 on the region's clocks, in either region.
        let zone = example.request.region == "DE" ? try #require(old.rules.zoneOffsets["Europe/Berlin"]) : ZoneOffsets.fixed(0)
        let local = zone.local(example.request.instant)
        #expect(CivilTime.weekday(ofSeconds: local) == 5)
        #expect((18 * 3600..<19 * 3600).contains(CivilTime.secondOfDay(local)))
    }

    @Test func aRaisedLimitIsFoundThroughTheCounters() throws {
        let body = "bundle b: 100 coins, 9.99 USD\npromotion p {\n  limit N per user\n  discount 10%\n}\n"
        let old = try Self.side(body.replacingOccurrences(of: "N", with: "2"))
        let new = try Self.side(body.replacingOccurrences(of: "N", with: "1"))
        let proof = ChangeProof([.noLostPromotion], old: old, new: new)
        let example = try #require(Self.counterexample(proof.outcomes[0], claim: .noLostPromotion, old: old, new: new))
        #expect(example.request.redemptions["p"]?.perUser == 1)
    }

    @Test func aBudgetTooSmallGivesIncompleteNeverProven() throws {
        let shop = try Self.side("user vip: bool\nbundle b: 100 coins, 9.99 USD\npromotion p {\n  when user.vip\n  discount 10%\n}\n")
        let proof = ChangeProof([.sameQuotes], old: shop, new: shop, budget: ProofBudget(requests: 3))
        guard case .incomplete(let reason) = proof.outcomes[0] else { Issue.record("\(proof.outcomes[0])"); return }
        #expect(reason.hasPrefix("budget: 4 requests to quote, more than the budget of 3"))
        #expect(!proof.allProven && !proof.anyDisproven)
    }

    @Test func customAmountsAreProvenOverTheirWholeRangeFromOneAmountPerClass() throws {
        let body = "bundle b: 100 coins, 9.99 USD\ncustom coins: 10 to 1_000, PRICE USD each\n"
        let old = try Self.side(body.replacingOccurrences(of: "PRICE", with: "0.01"))
        // Per region: below the range, the range, above it.
        let proof = ChangeProof([.sameQuotes], old: old, new: old)
        #expect(Self.isProven(proof.outcomes[0]))
        #expect(proof.space?.customCells == 2 * 3)
        #expect(proof.space?.amountRanges.compactMap { $0 }.prefix(3) == [0...9, 10...1_000, 1_001...Int64.max])
        // A raised price is found at an amount of the class, not only at its first.
        let new = try Self.side(body.replacingOccurrences(of: "PRICE", with: "0.0101"))
        let raised = ChangeProof([.noPriceIncrease], old: old, new: new)
        let example = try #require(Self.counterexample(raised.outcomes[0], claim: .noPriceIncrease, old: old, new: new))
        guard case .coins(let amount) = example.request.item else { Issue.record("\(example.request.item)"); return }
        #expect(amount > 10)
    }

    /// Regression: cells whose candidates have the same names but come from different
    /// sides (b1 lists the new `p` only, b2 the old windowed `p` too) shared one slice,
    /// so b2 was quoted without the window's instants and a lost promotion was missed.
    @Test func aNameListedOnOneSideOnlyMakesItsOwnSlice() throws {
        let old = try Self.side("""
            bundle b1: 100 coins, 1.50 USD
            bundle b2: 200 coins, 2.50 USD
            user vip: bool
            promotion p {
              when coins >= 200
              during 2026-06-03 to 2026-06-07
              discount 10%
            }

            """)
        let new = try Self.side("""
            bundle b1: 100 coins, 1.50 USD
            bundle b2: 200 coins, 2.50 USD
            user vip: bool
            promotion p {
              when user.vip
              bonus 38%
            }

            """)
        let proof = ChangeProof([.noLostPromotion], old: old, new: new)
        let example = try #require(Self.counterexample(proof.outcomes[0], claim: .noLostPromotion, old: old, new: new))
        #expect(example.request.item == .bundle("b2"))
    }

    @Test func instantsHoldOneOfEachAnswerOfTheWindowsAndHours() throws {
        let shop = try Self.side("""
            bundle b: 100 coins, 9.99 USD
            promotion w {
              during 2026-11-27 to 2026-11-30 local
              discount 10%
            }
            promotion h {
              every sat from 18:00 to 22:00 local
              discount 5%
            }

            """)
        let instants = try #require(ProofInstants.instants(region: "DE", old: shop.rules, new: shop.rules,
                                                           promotions: ["w", "h"], limit: 1_000_000))
        // The window open or not × the hours open or not: four answers, each once.
        #expect(instants.count == 4)
        let none = try #require(ProofInstants.instants(region: "DE", old: shop.rules, new: shop.rules, promotions: [], limit: 10))
        #expect(none == [QuoteRequest.coveredInstants.lowerBound])
    }
}
