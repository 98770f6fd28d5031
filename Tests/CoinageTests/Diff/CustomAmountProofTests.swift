@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
import CoinageSyntax
import CoinageTestSupport
import Testing

/// Custom amounts in `coinage diff --prove`: classes of amounts decided from their
/// formulas, checked against quoting every amount.
@Suite struct CustomAmountProofTests {
    typealias F = WalkFixture

    static let header = "base currency USD\nrate EUR 0.9\nregion US: USD, tax 7.25% added\nregion DE: EUR, tax 19% included, zone Europe/Berlin\n"

    static func side(_ body: String) throws -> ComparedRules {
        try F.shop(body, header: header).compared
    }

    static let claims: [ProofClaim] = [.sameQuotes, .noPriceIncrease, .noLostPromotion,
                                       .unchangedOutside(ProofScope(bundles: ["b1"], regions: nil, channels: nil))]

    /// The amount of a counterexample to `claim`, after checking it by quoting again;
    /// nil (and an issue) for another outcome. Quiet on failure: the sides are large.
    static func counterexampleAmount(_ outcome: ProofOutcome, claim: ProofClaim, old: ComparedRules, new: ComparedRules,
                                     sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Int64? {
        guard case .disproven(let example) = outcome, case .coins(let amount) = example.request.item else {
            Issue.record("expected a counterexample at a custom amount, got \(outcome)", sourceLocation: sourceLocation)
            return nil
        }
        let broken = claim.violation(example.request, old: old.book.quote(example.request), new: new.book.quote(example.request))
        #expect(broken == example.reason, sourceLocation: sourceLocation)
        return amount
    }

    @Test func theFormulaGivesTheEnginesListPriceAtEveryAmount() throws {
        let shop = try Self.side("channel web: level 85%\nchannel ios: fee 30%\nregion JP: JPY, level 110%\nrate JPY 151.37\nbundle b1: 100 coins, 1.99 USD\ncustom coins: 1 to 5_000_000, 0.0107 USD each\n")
        var random = SplitMix64(seed: 0xC0_1157)
        for region in ["US", "DE", "JP"] {
            for channel in ["web", "ios"] {
                let request = QuoteRequest(item: .coins(1), region: region, channel: channel, instant: F.noon)
                let formula = try #require(shop.book.customAmountFormula(request, applied: []))
                for _ in 0..<200 {
                    let amount = Int64(random.int(1...5_000_000))
                    var moved = request
                    moved.item = .coins(amount)
                    let quote = try shop.book.quote(moved).get()
                    #expect(formula.listPrice(coins: amount) == quote.list.minorUnits, "\(amount) coins in \(region) on \(channel)")
                }
            }
        }
    }

    @Test func aLowerPricePerCoinRaisesNoTotalAtAnyAmountOfTheRange() throws {
        let body = "bundle b1: 100 coins, 1.99 USD\ncustom coins: 30 to 2_500_000, PRICE USD each\npromotion big {\n  when coins >= 3_500\n  discount 5%\n}\n"
        let old = try Self.side(body.replacingOccurrences(of: "PRICE", with: "0.0141"))
        let new = try Self.side(body.replacingOccurrences(of: "PRICE", with: "0.0139"))
        let proof = ChangeProof(Self.claims, old: old, new: new)
        #expect(ChangeProofTests.isProven(proof.outcomes[1]))
        #expect(ChangeProofTests.isProven(proof.outcomes[2]))
        _ = Self.counterexampleAmount(proof.outcomes[0], claim: .sameQuotes, old: old, new: new)
        // Per region the bundle and five classes ([0, 29], [30, 3499], [3500], [3501,
        // 2500000], above); none quoted amount by amount.
        #expect(proof.space?.customCells == 2 * 5)
        #expect(proof.requestsQuoted == 2 * 6)
    }

    @Test func aRiseTooSmallToShowAtTheFirstAmountIsFoundFurtherOn() throws {
        let body = "bundle b1: 100 coins, 1.99 USD\ncustom coins: 30 to 2_500_000, PRICE USD each\n"
        let old = try Self.side(body.replacingOccurrences(of: "PRICE", with: "0.0141"))
        let new = try Self.side(body.replacingOccurrences(of: "PRICE", with: "0.014101"))
        let proof = ChangeProof([.noPriceIncrease], old: old, new: new)
        let amount = Self.counterexampleAmount(proof.outcomes[0], claim: .noPriceIncrease, old: old, new: new)
        #expect(amount.map { $0 > 30 } == true)
    }

    @Test func anAddedDeeperOrExtraDiscountRaisesNothing() throws {
        let body = "stacking compound\nfloor 40%\nbundle b1: 100 coins, 1.99 USD\ncustom coins: 30 to 2_500_000, 0.0141 USD each\npromotion a {\n  discount A\n}\n"
        let old = try Self.side(body.replacingOccurrences(of: "A", with: "5%"))
        let deeper = try Self.side(body.replacingOccurrences(of: "A", with: "7%")
            + "promotion extra {\n  when coins >= 1_000\n  discount 0.50 USD\n}\n")
        let proof = ChangeProof([.noPriceIncrease, .noLostPromotion], old: old, new: deeper)
        #expect(proof.allProven)
    }

    @Test func whatTheFormulasLeaveOpenIsQuotedWithinTheBudgetAndIncompletePastIt() throws {
        // Two percents taken off the list price: the total need not grow with it, so a
        // lower price per coin proves nothing by itself.
        let body = "stacking additive\nbundle b1: 100 coins, 1.99 USD\ncustom coins: 10 to 3_000, PRICE USD each\npromotion a {\n  discount 10%\n}\npromotion b {\n  discount 15%\n}\n"
        let old = try Self.side(body.replacingOccurrences(of: "PRICE", with: "0.0141"))
        let new = try Self.side(body.replacingOccurrences(of: "PRICE", with: "0.0139"))
        let proof = ChangeProof([.noPriceIncrease], old: old, new: new)
        #expect(ChangeProofTests.isProven(proof.outcomes[0]))
        #expect(proof.requestsQuoted > 2 * 2_990)
        let small = ChangeProof([.noPriceIncrease], old: old, new: new, budget: ProofBudget(requests: 100))
        guard case .incomplete(let reason) = small.outcomes[0] else { Issue.record("\(small.outcomes[0])"); return }
        #expect(reason.hasPrefix("custom amounts: 10 to 3000 coins in `DE`: its price per coin changes, and quoting each of its 2991 amounts is more than the "))
    }

    @Test func tooManyClassesInAPlaceLeaveItIncompleteButBundlesStillDisprove() throws {
        // 520 `coins` constants cut each place into more than 1,024 classes.
        let promotions = (1...520).map { "promotion p\($0) {\n  when coins == \($0 * 7)\n  bonus 1 coins\n}\n" }.joined()
        let body = "bundle b1: 100 coins, PRICE USD\ncustom coins: 1 to 10_000, 0.01 USD each\n" + promotions
        let old = try Self.side(body.replacingOccurrences(of: "PRICE", with: "1.99"))
        let proof = ChangeProof([.sameQuotes], old: old, new: old)
        guard case .incomplete(let reason) = proof.outcomes[0] else { Issue.record("\(proof.outcomes[0])"); return }
        #expect(reason.hasPrefix("custom amounts: the `coins` and `list` constants cut the amounts in `DE` into up to 1043 classes, more than the limit of 1024"))
        #expect(proof.space?.customCells == 0)
        let new = try Self.side(body.replacingOccurrences(of: "PRICE", with: "2.49"))
        #expect(ChangeProof([.noPriceIncrease], old: old, new: new).anyDisproven)
    }

    @Test func aListPriceConditionCutsTheAmountsWhereItsAnswerChanges() throws {
        let body = "bundle b1: 100 coins, 1.99 USD\ncustom coins: 10 to 100_000, 0.01 USD each\npromotion big {\n  when list >= LIMIT USD\n  discount 10%\n}\n"
        let old = try Self.side(body.replacingOccurrences(of: "LIMIT", with: "10.00"))
        let new = try Self.side(body.replacingOccurrences(of: "LIMIT", with: "12.00"))
        let proof = ChangeProof([.noLostPromotion], old: old, new: new)
        let amount = Self.counterexampleAmount(proof.outcomes[0], claim: .noLostPromotion, old: old, new: new)
        #expect(amount.map { $0 >= 1_000 && $0 < 1_200 } == true)
        // In US, the classes start where the list price reaches 10.00, 10.01, 12.00 and 12.01 USD.
        let starts = proof.space.map { space in space.cells.indices.compactMap { space.amountRanges[$0]?.lowerBound } } ?? []
        #expect([1_000, 1_001, 1_200, 1_201].allSatisfy(starts.contains))
    }
}
