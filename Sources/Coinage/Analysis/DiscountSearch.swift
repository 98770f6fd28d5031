/// Finds, in one cell, the set of candidate promotions whose walk takes the most
/// off the list price, and a scenario that makes exactly that set the candidates.
///
/// A branch-and-bound over the walk: promotions are decided in walk order, each a
/// candidate or not wherever the scenario still allows it, and the walk is played
/// along (running price, groups taken, an exclusive one stopping it). Promotions the
/// walk would skip anyway (after an exclusive, or with their group taken) and ones
/// that only add coins are left undecided. A branch ends when even every remaining
/// discount could not beat the best walk found, and the search ends when the best
/// walk reaches the floor.
struct DiscountSearch {
    let context: AnalysisContext
    let cell: Cell

    struct Outcome {
        /// List price minus the walk's final price, in minor units.
        let reduction: Int64
        let price: Int64
        let scenario: Scenario
        /// False when the node budget ran out before the search was complete.
        let complete: Bool
    }

    private struct Walk {
        var price: Int64
        var hasLines = false
        var groups: [Int] = []
        var stopped = false
    }

    /// The worst walk, or the first one found that takes at least `enough` off
    /// (nil: search to the end or to the floor).
    func worst(enough: Int64? = nil) -> Outcome {
        let list = cell.facts.list
        let floor = context.floorRatio?.apply(to: list, rounding: .up)
        // What each promotion could take at most, and the suffix sums: the bounds.
        let most = cell.promotions.map { $0.hasPriceEffect ? mostOff($0.index, list: list) : 0 }
        var remaining = [Int64](repeating: 0, count: cell.promotions.count + 1)
        for position in cell.promotions.indices.reversed() {
            let (sum, overflow) = remaining[position + 1].addingReportingOverflow(most[position])
            remaining[position] = overflow ? Int64.max : sum
        }
        let reachable = min(enough ?? Int64.max, list - min(list, max(0, floor ?? 0)))
        var best = Outcome(reduction: 0, price: list, scenario: Scenario(slotCount: context.domains.slotCount), complete: true)
        var nodes = 0
        var exhausted = false

        /// The most a walk can still take off the list price with `more` off to come.
        func bound(_ more: Int64, _ walk: Walk) -> Int64 {
            let optimistic = walk.price - min(walk.price, more)
            return list - (floor.map { max($0, optimistic) } ?? optimistic)
        }

        func finalPrice(_ walk: Walk) -> Int64 {
            guard walk.hasLines, let floor, walk.price < floor else { return walk.price }
            return floor
        }

        func visit(_ position: Int, _ scenario: Scenario, _ walk: Walk) {
            if best.reduction >= reachable || exhausted { return }
            nodes += 1
            if nodes > context.options.searchBudget { exhausted = true; return }
            if walk.stopped || position == cell.promotions.count {
                let price = finalPrice(walk)
                if list - price > best.reduction || (best.scenario.candidates.isEmpty && list - price == best.reduction) {
                    best = Outcome(reduction: list - price, price: price, scenario: scenario, complete: true)
                }
                return
            }
            // Even if every remaining discount applied in full, could this branch win?
            if bound(remaining[position], walk) <= best.reduction { return }
            // The same with only the discounts this scenario still allows.
            var allowed: Int64 = 0
            for later in position..<cell.promotions.count where most[later] > 0 {
                let promotion = cell.promotions[later]
                guard promotion.group.map(walk.groups.contains) != true, scenario.allows(promotion) else { continue }
                let (sum, overflow) = allowed.addingReportingOverflow(most[later])
                allowed = overflow ? Int64.max : sum
            }
            if bound(allowed, walk) <= best.reduction { return }

            let promotion = cell.promotions[position]
            if !promotion.mattersToPrice || promotion.group.map(walk.groups.contains) == true {
                visit(position + 1, scenario, walk)
                return
            }
            for included in scenario.including(promotion) {
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
            for excluded in scenario.excluding(promotion, horizon: context.times.horizon) {
                visit(position + 1, excluded, walk)
            }
        }

        visit(0, Scenario(slotCount: context.domains.slotCount), Walk(price: list))
        return Outcome(reduction: best.reduction, price: best.price, scenario: best.scenario, complete: !exhausted)
    }

    /// The walk after `promotion` applies, as `PriceBook.quote` computes it.
    private func applied(_ promotion: CellPromotion, to walk: Walk, list: Int64) -> Walk {
        var next = walk
        if let group = promotion.group { next.groups.append(group) }
        if promotion.hasPriceEffect {
            next.price -= discount(promotion.index, running: walk.price, list: list)
            next.hasLines = true
        }
        if promotion.exclusive { next.stopped = true }
        return next
    }

    /// The discount a promotion takes from the running price: the quote path's rule.
    func discount(_ index: Int, running: Int64, list: Int64) -> Int64 {
        let compiled = context.promotions[index]
        guard let effect = compiled.source.priceEffect else { return 0 }
        let currency = cell.facts.currency
        let amount: Int64
        switch effect {
        case .percentOff:
            let base = context.additive ? list : running
            amount = context.discountRatios[index]?.apply(to: base) ?? running
        case .amountOff:
            amount = compiled.amounts.indices.contains(currency) ? compiled.amounts[currency] ?? running : running
        case .setPrice:
            let target = compiled.amounts.indices.contains(currency) ? compiled.amounts[currency] ?? running : running
            amount = max(0, running - target)
        }
        return min(max(0, amount), running)
    }

    /// The most a promotion can take off in this cell, whatever came before it.
    private func mostOff(_ index: Int, list: Int64) -> Int64 {
        let compiled = context.promotions[index]
        let currency = cell.facts.currency
        switch compiled.source.priceEffect {
        case .percentOff?:
            // Rounded half-even; one more covers the rounding.
            return min(list, (context.discountRatios[index]?.apply(to: list) ?? list) + 1)
        case .amountOff?:
            return min(list, compiled.amounts.indices.contains(currency) ? compiled.amounts[currency] ?? list : list)
        case .setPrice?:
            let target = compiled.amounts.indices.contains(currency) ? compiled.amounts[currency] ?? 0 : 0
            return max(0, list - max(0, target))
        case nil:
            return 0
        }
    }
}
