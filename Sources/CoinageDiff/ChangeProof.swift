import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// How much work a proof may do before it says "incomplete".
public struct ProofBudget: Hashable, Sendable {
    /// Most requests quoted (each on both sides).
    public var requests: Int
    /// Most candidate instants looked at per region when finding its time classes.
    public var instants: Int

    public init(requests: Int, instants: Int = ProofBudget.standard.instants) {
        self.requests = requests
        self.instants = instants
    }

    /// 2,000,000 requests (the sample shop's 261,370 take 11 s in a debug build on
    /// this project's 2-core machine) and 2,000,000 candidate instants per region.
    public static let standard = ProofBudget(requests: 2_000_000, instants: 2_000_000)

    /// Most combinations of user-attribute values one cell builds before merging,
    /// whatever `requests` says: they are held in memory at once, so a larger
    /// `--prove-budget` does not raise it.
    public static let maximumProfilesPerCell = 2_000_000
}

/// A request whose two quotes break a claim.
public struct ProofCounterexample: Sendable {
    public let request: QuoteRequest
    public let old: Result<Quote, QuoteError>
    public let new: Result<Quote, QuoteError>
    /// What breaks the claim, in words.
    public let reason: String
}

extension ProofCounterexample {
    /// `request` quoted on both sides, when its quotes break `claim`; nil when they keep it.
    init?(_ request: QuoteRequest, breaking claim: ProofClaim, old: ComparedRules, new: ComparedRules) {
        let (a, b) = (old.book.quote(request), new.book.quote(request))
        guard let reason = claim.violation(request, old: a, new: b) else { return nil }
        self.init(request: request, old: a, new: b, reason: reason)
    }
}

/// What a proof decided about one claim.
public enum ProofOutcome: Sendable {
    case proven
    case disproven(ProofCounterexample)
    case incomplete(String)
}

/// The claims decided over every class of request of two rule sets (`ProofSpace`):
/// each class's request is quoted on both price books and the claims are checked on
/// the two quotes. A quote is the same for every request of a class, so what holds
/// for the representatives holds for all requests.
///
/// A class of custom amounts is quoted at its first amount; the rest of its amounts
/// are decided from the two formulas (`CustomAmountCase`): the same formula gives
/// the same quotes, and a new formula that is never above the old one raises no
/// total. What the formulas leave open is looked for at a few amounts of the class,
/// then quoted at every amount when the budget has room; past it the claim is
/// incomplete, and says which class.
public struct ChangeProof: Sendable {
    public let claims: [ProofClaim]
    /// One outcome per claim, in the same order.
    public let outcomes: [ProofOutcome]
    /// The classes looked at, when the space was built.
    public let space: ProofSpace?
    /// Requests quoted on both sides.
    public let requestsQuoted: Int

    public var allProven: Bool { outcomes.allSatisfy { if case .proven = $0 { true } else { false } } }
    public var anyDisproven: Bool { outcomes.contains { if case .disproven = $0 { true } else { false } } }

    /// Decides `claims` for the change from `old` to `new`; counterexamples prefer
    /// instants from `reference` on.
    public init(_ claims: [ProofClaim], old: ComparedRules, new: ComparedRules, budget: ProofBudget = .standard,
                at reference: Int64 = QuoteRequest.coveredInstants.lowerBound) {
        self.claims = claims
        let space: ProofSpace
        do {
            space = try ProofSpace(old: old, new: new, instantLimit: budget.instants,
                                   profileLimit: min(budget.requests, ProofBudget.maximumProfilesPerCell), reference: reference)
        } catch {
            self.space = nil
            requestsQuoted = 0
            outcomes = claims.map { _ in .incomplete(error.reason) }
            return
        }
        self.space = space
        let total = space.requestCount
        guard total <= budget.requests else {
            requestsQuoted = 0
            outcomes = claims.map { _ in .incomplete(Self.overBudget(space, total: total, budget: budget.requests)) }
            return
        }
        var found: [ProofCounterexample?] = claims.map { _ in nil }
        var quoted = 0
        var cases: [String: CustomAmountCase] = [:]
        var caseOrder: [String] = []
        search: for (cellIndex, cell) in space.cells.enumerated() {
            let sliceIndex = space.sliceOfCell[cellIndex]
            let slice = space.slices[sliceIndex]
            for profile in slice.profiles {
                for instant in slice.instants {
                    for codeSet in 0..<slice.codeSetCount {
                        for counters in slice.counterStates {
                            let request = ProofSpace.request(cell: cell, slice: slice, profile: profile, instant: instant,
                                                             codeSet: codeSet, counters: counters)
                            guard claims.indices.contains(where: { found[$0] == nil && claims[$0].concerns(request) }) else { continue }
                            let a = old.book.quote(request)
                            let b = new.book.quote(request)
                            quoted += 1
                            if let amounts = space.amountRanges[cellIndex], amounts.lowerBound < amounts.upperBound {
                                let amountCase = CustomAmountCase(request: request, amounts: amounts, old: a, new: b)
                                let key = amountCase.key
                                if cases[key] == nil {
                                    cases[key] = amountCase
                                    caseOrder.append(key)
                                }
                            }
                            for (index, claim) in claims.enumerated() where found[index] == nil {
                                if let reason = claim.violation(request, old: a, new: b) {
                                    found[index] = ProofCounterexample(request: request, old: a, new: b, reason: reason)
                                }
                            }
                            if found.allSatisfy({ $0 != nil }) { break search }
                        }
                    }
                }
            }
        }
        var gaps: [String?] = claims.map { _ in nil }
        var amountProof = CustomAmountProof(budgetLeft: budget.requests - quoted)
        for key in caseOrder {
            guard let amountCase = cases[key] else { continue }
            // A class left undecided does not stop the search: a counterexample in a later one decides the claim.
            for (index, claim) in claims.enumerated() where found[index] == nil && claim.concerns(amountCase.request) {
                switch amountProof.decide(claim, amountCase, old: old, new: new) {
                case .holds: break
                case .broken(let counterexample): found[index] = counterexample
                case .undecided(let reason): if gaps[index] == nil { gaps[index] = reason }
                }
            }
        }
        requestsQuoted = quoted + amountProof.quoted
        outcomes = claims.indices.map { index in
            if let counterexample = found[index] { return .disproven(counterexample) }
            if let gap = gaps[index] ?? space.amountGap { return .incomplete(gap) }
            return .proven
        }
    }

    /// The reason a space is too large: its size against the budget, and the cell
    /// with the most requests, by factor.
    private static func overBudget(_ space: ProofSpace, total: Int, budget: Int) -> String {
        let count = total == Int.max ? "more than \(Int.max)" : "\(total)"
        var text = "budget: \(count) requests to quote, more than the budget of \(budget)"
        if let largest = space.cells.indices.max(by: { space.slice(ofCell: $0).requestCount < space.slice(ofCell: $1).requestCount }) {
            let slice = space.slice(ofCell: largest)
            let factors: [(String, Int)] = [("user profiles", slice.profileCount), ("instants", slice.instants.count),
                                            ("code sets", slice.codeSetCount), ("counter states", slice.counterStates.count)]
            let biggest = factors.max { $0.1 < $1.1 }.map(\.0) ?? "user profiles"
            text += "; the largest cell, \(Self.cellText(space.cells[largest])), has \(slice.profileCount) user profiles × \(slice.instants.count) instants × \(slice.codeSetCount) code sets × \(slice.counterStates.count) counter states (most: \(biggest)) over \(space.cells.count) cells"
        }
        return text
    }

    static func cellText(_ cell: QuoteCorpus.QuotedCell) -> String {
        QuoteRequest(item: cell.item, region: cell.region, channel: cell.channel, instant: 0).cellText
    }
}
