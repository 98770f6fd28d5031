import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// Finds, in one cell, the set of candidate promotions whose walk takes the most
/// off the list price, and a scenario that makes exactly that set the candidates.
///
/// A branch-and-bound over the walk: promotions are decided in walk order, each a
/// candidate or not wherever the scenario still allows it, and the walk is played
/// along with the quote's own step (`WalkState`: running price, groups taken, an
/// exclusive one stopping it). Promotions the
/// walk would skip anyway (after an exclusive, or with their group taken) and ones
/// that only add coins are left undecided. A branch ends when even every discount
/// its scenario still allows could not beat the best walk found, when a branch
/// already searched reached the same state, or when another way of making the same
/// promotion a candidate asks less of the buyer; the search ends when the best walk
/// reaches the floor, or when it has taken its budget of steps.
struct DiscountSearch {
    let context: AnalysisContext
    let cell: AnalysedCell

    struct Outcome {
        /// List price minus the walk's final price, in minor units.
        let reduction: Int64
        let price: Int64
        let scenario: Scenario
        /// False when the budget ran out before the search was complete.
        let complete: Bool
        /// The steps the search took: one per choice visited, and one per
        /// alternative of a condition its bounds and its branching looked at.
        let steps: Int
    }

    /// The worst walk, or the first one found that takes at least `enough` off
    /// (nil: search to the end or to the floor), in at most `budget` steps.
    func worst(enough: Int64? = nil, budget: Int = AnalysisOptions.defaultSearchBudget) -> Outcome {
        let list = cell.facts.list
        let program = context.book.program
        let floor = program.floorPrice(list: list)
        // What each promotion could take at most, and the suffix sums: the first bound.
        let most = cell.promotions.map { $0.hasPriceEffect ? mostOff($0.index, list: list) : 0 }
        var remaining = [Int64](repeating: 0, count: cell.promotions.count + 1)
        for position in cell.promotions.indices.reversed() {
            let (sum, overflow) = remaining[position + 1].addingReportingOverflow(most[position])
            remaining[position] = overflow ? Int64.max : sum
        }
        let reachable = min(enough ?? Int64.max, list - min(list, max(0, floor ?? 0)))
        var best = Outcome(reduction: 0, price: list, scenario: Scenario(slotCount: context.domains.slotCount),
                           complete: true, steps: 0)
        var steps = 0
        var exhausted = false
        // States already searched: the same promotions decided, the same walk and
        // the same demands on the request lead to the same walks from there on.
        var searched: Set<SearchState> = []

        /// The most a walk can take off the list price once its price is `optimistic`.
        func bound(price optimistic: Int64) -> Int64 {
            list - (floor.map { max($0, optimistic) } ?? optimistic)
        }

        func finalPrice(_ walk: WalkState) -> Int64 {
            context.book.program.flooredPrice(walk.price, list: list, applied: walk.priceChanged)
        }

        func spend(_ count: Int) -> Bool {
            steps += count
            if steps > budget { exhausted = true }
            return !exhausted
        }

        func visit(_ position: Int, _ scenario: Scenario, _ walk: WalkState) {
            if best.reduction >= reachable || exhausted || !spend(1) { return }
            if walk.stopped || position == cell.promotions.count {
                let price = finalPrice(walk)
                if list - price > best.reduction || (best.scenario.candidates.isEmpty && list - price == best.reduction) {
                    best = Outcome(reduction: list - price, price: price, scenario: scenario, complete: true, steps: 0)
                }
                return
            }
            // Even if every remaining discount applied in full, could this branch win?
            if bound(price: walk.price - min(walk.price, remaining[position])) <= best.reduction { return }
            if steps > Self.statesRememberedAfter,
               !searched.insert(SearchState(position: position, walk: walk, scenario: scenario)).inserted { return }
            // The same with only the discounts this scenario still allows, each taken
            // from the running price in walk order. Every step of a walk lowers the
            // price and lowers a lower price no further, so no walk through a part of
            // them ends lower.
            var optimistic = walk.price
            for later in position..<cell.promotions.count where most[later] > 0 && optimistic > 0 {
                let promotion = cell.promotions[later]
                guard spend(max(1, promotion.include.count)) else { return }
                guard !program.isGroupTaken(promotion.index, in: walk), scenario.allows(promotion) else { continue }
                optimistic -= discount(promotion.index, running: optimistic, list: list)
            }
            if bound(price: optimistic) <= best.reduction { return }

            let promotion = cell.promotions[position]
            if !promotion.mattersToPrice || program.isGroupTaken(promotion.index, in: walk) {
                visit(position + 1, scenario, walk)
                return
            }
            guard spend(max(1, promotion.include.count)) else { return }
            let ways = Self.undominated(scenario.including(promotion))
            for included in ways {
                visit(position + 1, included, applied(promotion, to: walk, list: list))
            }
            // A promotion that changes nothing in the walk but the price never takes less
            // off for being a candidate (each walk step only lowers the price, and
            // lowers it less from a lower price), so it need not be kept out: the
            // other branch leaves it undecided, and the quote confirms what it does.
            if !promotion.exclusive, promotion.group == nil {
                if scenario.alreadyImplies(promotion) { return }
                visit(position + 1, scenario, walk)
                return
            }
            guard spend(max(1, promotion.exclude.count)) else { return }
            let outs = Self.undominated(scenario.excluding(promotion, horizon: context.times.horizon))
            for excluded in outs {
                visit(position + 1, excluded, walk)
            }
        }

        visit(0, Scenario(slotCount: context.domains.slotCount), WalkState(price: list))
        return Outcome(reduction: best.reduction, price: best.price, scenario: best.scenario, complete: !exhausted, steps: steps)
    }

    /// The walk of the promotions `scenario` chose as candidates, played along as
    /// the search plays it: where the scenario was found in a cell that differs from
    /// this one only in its list price, it is a real walk here too.
    func replay(_ scenario: Scenario) -> Outcome {
        let list = cell.facts.list
        var walk = WalkState(price: list)
        var next = 0
        for promotion in cell.promotions where !walk.stopped {
            while next < scenario.candidates.count && scenario.candidates[next] < promotion.index { next += 1 }
            guard next < scenario.candidates.count, scenario.candidates[next] == promotion.index else { continue }
            walk = applied(promotion, to: walk, list: list)
        }
        let price = context.book.program.flooredPrice(walk.price, list: list, applied: walk.priceChanged)
        return Outcome(reduction: list - price, price: price, scenario: scenario, complete: true, steps: 1 + cell.promotions.count)
    }

    /// The most any walk can take off in this cell: every listed discount that some
    /// request can make a candidate, applied in walk order (each step of a walk
    /// lowers the price, and lowers a lower price no further), then the floor.
    func mostOff() -> (reduction: Int64, steps: Int) {
        let list = cell.facts.list
        let open = Scenario(slotCount: context.domains.slotCount)
        var price = list
        var lines = false
        var steps = 1
        for promotion in cell.promotions where promotion.hasPriceEffect && price > 0 {
            steps += max(1, promotion.include.count)
            guard open.allows(promotion) else { continue }
            price -= discount(promotion.index, running: price, list: list)
            lines = true
        }
        price = context.book.program.flooredPrice(price, list: list, applied: lines)
        return (list - price, steps)
    }

    /// Steps after which a search remembers the states it searched: a small search
    /// meets few states twice, and hashing them would cost more than it saves.
    static let statesRememberedAfter = 256

    /// Most ways of deciding one promotion a search compares for dominance; past it
    /// (a condition of very many alternatives) every way is tried.
    static let maximumComparedWays = 32

    /// The ways that no other way makes redundant: one that asks the same as
    /// another, or more, reaches nothing the other does not, with the same walk.
    static func undominated(_ ways: [Scenario]) -> [Scenario] {
        guard ways.count > 1, ways.count <= maximumComparedWays else { return ways }
        var kept: [Scenario] = []
        for (position, way) in ways.enumerated() {
            let redundant = ways.indices.contains { other in
                other != position && way.isNarrowing(of: ways[other])
                    && (other < position || !ways[other].isNarrowing(of: way))
            }
            if !redundant { kept.append(way) }
        }
        return kept
    }

    /// The walk after `promotion` applies: the quote's own step.
    private func applied(_ promotion: CellPromotion, to walk: WalkState, list: Int64) -> WalkState {
        var next = walk
        _ = context.book.program.advance(&next, applying: promotion.index, list: list, currency: cell.facts.currency)
        return next
    }

    /// The discount a promotion takes from the running price: the quote path's rule.
    func discount(_ index: Int, running: Int64, list: Int64) -> Int64 {
        context.promotions[index].discount(running: running, list: list, currency: cell.facts.currency, additive: context.additive)
    }

    /// The most a promotion can take off in this cell, whatever came before it.
    private func mostOff(_ index: Int, list: Int64) -> Int64 {
        context.promotions[index].mostOff(list: list, currency: cell.facts.currency)
    }
}

/// What a branch of the search has decided, apart from which promotions it chose:
/// two branches in the same state have the same walks ahead of them.
private struct SearchState: Hashable {
    let position: Int
    let price: Int64
    let priceChanged: Bool
    let stopped: Bool
    let groups: GroupsTaken
    let user: UserBox
    let time: TimeSet?
    let codes: [String]
    let withheld: [String]
    let atLimit: [Int]

    init(position: Int, walk: WalkState, scenario: Scenario) {
        self.position = position
        price = walk.price
        priceChanged = walk.priceChanged
        stopped = walk.stopped
        groups = walk.groups
        user = scenario.user
        time = scenario.time
        codes = scenario.codes.count > 1 ? scenario.codes.sorted() : scenario.codes
        withheld = scenario.withheld.count > 1 ? scenario.withheld.sorted() : scenario.withheld
        atLimit = scenario.atLimit
    }
}
