import CoinageChecker
import CoinageEngine

/// The classes of custom amounts a proof decides after its other requests: each
/// from its formulas (`CustomAmountCase.decide`), and what they leave open by
/// quoting every amount of the class while the budget lasts.
struct CustomAmountProof {
    /// Requests the proof may still quote.
    private(set) var budgetLeft: Int
    /// Requests quoted here, each on both sides.
    private(set) var quoted = 0

    init(budgetLeft: Int) {
        self.budgetLeft = max(0, budgetLeft)
    }

    /// Decides `claim` at every amount of `amountCase`'s class: from the formulas, or
    /// by quoting each amount; undecided, with the reason, past the budget.
    mutating func decide(_ claim: ProofClaim, _ amountCase: CustomAmountCase, old: ComparedRules,
                         new: ComparedRules) -> CustomAmountCase.Decision {
        let decision = amountCase.decide(claim, old: old, new: new)
        guard case .undecided(let why) = decision else { return decision }
        let amounts = amountCase.amounts
        let (span, overflow) = amounts.upperBound.subtractingReportingOverflow(amounts.lowerBound)
        let request = amountCase.request
        let place = "in `\(request.region)`" + (request.channel.map { " on `\($0)`" } ?? "")
        guard !overflow, span < Int64(budgetLeft) else {
            let count = overflow || span == Int64.max ? "more than \(Int64.max)" : "\(span + 1)"
            return .undecided("custom amounts: \(amounts.lowerBound) to \(amounts.upperBound) coins \(place): \(why), and quoting each of its \(count) amounts is more than the \(budgetLeft) requests left of the budget; every bundle request is proven")
        }
        budgetLeft -= Int(span) + 1
        for amount in amounts {
            quoted += 1
            if let counterexample = ProofCounterexample(amountCase.request(at: amount), breaking: claim, old: old, new: new) {
                return .broken(counterexample)
            }
        }
        return .holds
    }
}
