import CoinageChecker
import CoinageEngine

/// One class of custom amounts (`CustomAmountClasses`) with one buyer, instant, codes
/// and counters: its request at the class's first amount and both quotes there.
///
/// Within the class each side applies the same promotions at every amount, so a
/// refusal other than an overflow is the same at every amount, and two quotes differ
/// from amount to amount only through their formulas (`CustomAmountFormula`).
struct CustomAmountCase {
    let request: QuoteRequest
    let amounts: ClosedRange<Int64>
    let old: Result<Quote, QuoteError>
    let new: Result<Quote, QuoteError>

    /// What a case says about one claim at every amount of its class.
    enum Decision {
        case holds
        case broken(ProofCounterexample)
        /// Neither the formulas nor the amounts tried decide it; the reason says why.
        case undecided(String)
    }

    /// The key under which cases alike are decided once: the cell and what each side
    /// applied or why it refused.
    var key: String {
        func side(_ outcome: Result<Quote, QuoteError>) -> String {
            switch outcome {
            case .success(let quote): "+" + quote.applied.joined(separator: ",")
            case .failure(let error): "!" + error.kind.rawValue
            }
        }
        return request.cellText + "|\(amounts.lowerBound)|" + side(old) + "|" + side(new)
    }

    /// The request of the class at `amount`.
    func request(at amount: Int64) -> QuoteRequest {
        var moved = request
        moved.item = .coins(amount)
        return moved
    }

    /// Decides `claim` over the whole class from the formulas, trying a few amounts
    /// for a counterexample when they do not settle it; the claim already holds at the
    /// class's first amount.
    func decide(_ claim: ProofClaim, old oldSide: ComparedRules, new newSide: ComparedRules) -> Decision {
        switch (old, new) {
        case let (.success(a), .success(b)):
            guard let before = oldSide.book.customAmountFormula(request, applied: a.applied),
                  let after = newSide.book.customAmountFormula(request, applied: b.applied) else {
                return .undecided("its formula could not be read")
            }
            // The same formula is the same arithmetic: the same quote, or the same
            // overflow, at every amount; and the same promotions throughout.
            if before == after { return .holds }
            guard before.isOverflowFree(upTo: amounts.upperBound), after.isOverflowFree(upTo: amounts.upperBound) else {
                return search(claim, oldSide, newSide) ?? .undecided("a quote may overflow within it")
            }
            switch claim {
            case .sameQuotes, .unchangedOutside:
                if before == after { return .holds }
            case .noPriceIncrease:
                if after.totalIsNeverAbove(before) { return .holds }
            case .noLostPromotion:
                // The same promotions apply at every amount, and no quote overflows.
                return .holds
            }
            return search(claim, oldSide, newSide) ?? .undecided(Self.difference(before, after))
        default:
            // A refusal other than an overflow does not depend on the amount; with it,
            // each claim is decided as it is at the first amount.
            guard Self.isOverflow(old) || Self.isOverflow(new) else { return .holds }
            return search(claim, oldSide, newSide) ?? .undecided("a quote overflows within it")
        }
    }

    /// The first of a few amounts spread over the class where `claim` breaks, if any.
    private func search(_ claim: ProofClaim, _ oldSide: ComparedRules, _ newSide: ComparedRules) -> Decision? {
        let low = amounts.lowerBound
        let span = amounts.upperBound - low
        var tried = Set<Int64>()
        let shares: [Int64] = [16, 1, 8, 4, 12, 2, 6, 10, 14]
        for amount in [amounts.upperBound, low + 1] + shares.map({ low + span / 16 * $0 }) where tried.insert(amount).inserted {
            if let counterexample = ProofCounterexample(request(at: amount), breaking: claim, old: oldSide, new: newSide) {
                return .broken(counterexample)
            }
        }
        return nil
    }

    private static func isOverflow(_ outcome: Result<Quote, QuoteError>) -> Bool {
        if case .failure(let error) = outcome { return error.kind == .overflow }
        return false
    }

    /// What keeps two formulas from deciding a claim, in words.
    private static func difference(_ old: CustomAmountFormula, _ new: CustomAmountFormula) -> String {
        if old.currency != new.currency { return "its currency changes" }
        if old.tax != new.tax || old.taxIncluded != new.taxIncluded { return "its tax changes" }
        if old.floor != new.floor { return "the floor changes" }
        if old.minorUnitsPerCoin != new.minorUnitsPerCoin, old.steps.map(\.price) != new.steps.map(\.price) {
            return "both its price per coin and its promotions' discounts change"
        }
        if old.minorUnitsPerCoin != new.minorUnitsPerCoin { return "its price per coin changes" }
        return "its promotions' discounts or bonuses change"
    }
}
