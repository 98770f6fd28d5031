import CoinageChecker
import CoinageSyntax

/// The watcher of the `--explain` walk: the walk is the quote's own, and this
/// writes a trace for every promotion of the rule set saying what happened to it
/// and why, in walk order.
struct ExplainedWalk: WalkObserver {
    static var watchesEveryCandidate: Bool { true }

    let book: PriceBook
    let context: WalkContext
    let request: QuoteRequest
    let facts: ConditionFacts
    /// By walk-order index, so the traces come out in walk order without a sort.
    private var traces: [PromotionTrace?]
    /// Groups that already applied a promotion: (group, promotion).
    private var groupsTaken: [(group: Int, promotion: Int)] = []
    /// The exclusive promotion that applied, once one has.
    private var cutBy: String?
    private var bonuses: [Int: Int64] = [:]
    private var applied: [Int] = []
    /// The promotions whose discount the floor cut.
    private var clippedByFloor: Set<Int> = []
    /// Every promotion's trace, in walk order, once the walk has finished.
    private(set) var finishedTraces: [PromotionTrace] = []

    init(book: PriceBook, context: WalkContext, request: QuoteRequest, facts: ConditionFacts) {
        self.book = book
        self.context = context
        self.request = request
        self.facts = facts
        traces = [PromotionTrace?](repeating: nil, count: book.program.promotions.count)
    }

    mutating func rejected(_ index: Int, clock: inout LocalClock) {
        traces[index] = book.whyNotCandidate(index, facts: facts, context: context, request: request, clock: &clock)
    }

    mutating func cutByExclusive(_ index: Int) {
        traces[index] = trace(index, .cutByExclusive, "cut by the exclusive promotion `\(cutBy ?? "")`")
    }

    mutating func groupTaken(_ index: Int) {
        let promotion = book.program.promotions[index]
        let taker = groupsTaken.first { $0.group == promotion.groupIndex }.map { book.program.promotions[$0.promotion].name } ?? ""
        traces[index] = trace(index, .groupTaken, "group `\(promotion.groupName ?? "")` already applied `\(taker)`")
    }

    mutating func applied(_ index: Int, bonus: Int64?) {
        let promotion = book.program.promotions[index]
        if let group = promotion.groupIndex { groupsTaken.append((group, index)) }
        bonuses[index] = bonus
        applied.append(index)
        if promotion.exclusive { cutBy = promotion.name }
    }

    mutating func clipped(_ index: Int) {
        clippedByFloor.insert(index)
    }

    mutating func finished(result: inout PromotionResult) {
        let promotions = book.program.promotions
        let currency = book.regions.currency[context.region]
        // The amounts of applied promotions, now that the floor has spoken.
        var amounts: [Int: Int64] = [:]
        for position in result.applied.indices {
            let entry = result.applied.entry(at: position)
            if promotions[Int(entry.index)].hasPriceEffect { amounts[Int(entry.index)] = entry.amount }
        }
        for index in applied {
            let name = promotions[index].name
            let money = amounts[index].map { Money(minorUnits: $0, currency: currency) }
            if clippedByFloor.contains(index) {
                traces[index] = PromotionTrace(promotion: name, reason: .clippedByFloor,
                                               detail: "applied, but the floor of \(book.program.floor) of the list price cut its discount to \(money.map { "\($0)" } ?? "nothing")",
                                               discount: money, bonusCoins: bonuses[index])
            } else if case .setPrice? = promotions[index].priceEffect, amounts[index] == 0 {
                traces[index] = PromotionTrace(promotion: name, reason: .priceNotLower,
                                               detail: "applied, but its price is not below the running price: no discount",
                                               discount: nil, bonusCoins: bonuses[index])
            } else {
                traces[index] = PromotionTrace(promotion: name, reason: .applied,
                                               detail: book.describeEffect(index, amount: money, bonus: bonuses[index]),
                                               discount: money, bonusCoins: bonuses[index])
            }
        }
        for index in promotions.indices where traces[index] == nil {
            traces[index] = trace(index, .notForThisItem, book.notForThisItemDetail(index, context: context))
        }
        finishedTraces = traces.compactMap { $0 }
    }

    private func trace(_ index: Int, _ reason: PromotionTrace.Reason, _ detail: String) -> PromotionTrace {
        PromotionTrace(promotion: book.program.promotions[index].name, reason: reason, detail: detail, discount: nil, bonusCoins: nil)
    }
}

extension PriceBook {
    /// The walk of `--explain`: the quote's own walk, watched by an `ExplainedWalk`.
    /// Apart, so the quote path never builds the watcher.
    @inline(never)
    func walkPromotionsExplained(_ context: WalkContext, resolved: ResolvedRequest, request: QuoteRequest,
                                 into result: inout PromotionResult) -> [PromotionTrace] {
        var observer = ExplainedWalk(book: self, context: context, request: request, facts: ConditionFacts(cell: context.cell, user: resolved.user))
        walkPromotions(context, request: resolved, into: &result, observer: &observer)
        return observer.finishedTraces
    }

    /// The reason a promotion is not a candidate, in the documented order (condition,
    /// window, hours, code, limits), or nil when it is one.
    func whyNotCandidate(_ index: Int, facts: ConditionFacts, context: WalkContext, request: QuoteRequest,
                         clock: inout LocalClock) -> PromotionTrace? {
        let promotion = program.promotions[index]
        func trace(_ reason: PromotionTrace.Reason, _ detail: String) -> PromotionTrace {
            PromotionTrace(promotion: promotion.name, reason: reason, detail: detail, discount: nil, bonusCoins: nil)
        }
        if let condition = promotion.condition, !condition.holds(facts), let label = promotion.conditionLabel {
            let failing = condition.failingPart(facts, label: label)
            let text = conditionText(failing.label)
            // Not true and not false: unknown, for a user fact the request does not carry.
            if !failing.compiled.fails(facts) {
                var names: [String] = []
                for slot in failing.compiled.missingAttributes(facts) where !names.contains("`user.\(users.names[slot])`") {
                    names.append("`user.\(users.names[slot])`")
                }
                return trace(.missingAttribute, "`\(text)` cannot be decided: the request carries no \(names.joined(separator: ", "))")
            }
            return trace(.conditionFalse, "`\(text)` is false" + describeValues(failing.label, context: context, user: request.user))
        }
        if let window = promotion.window {
            let local = clock.local(window.zone, tables: zones.clocks)
            if !window.contains(local) {
                let zone = zones.name(of: window.zone, region: context.region)
                let detail = local < window.start
                    ? "outside its window: opens \(CivilTime.format(window.start)) \(zone), it is \(CivilTime.format(local)) there"
                    : "outside its window: closed \(CivilTime.format(window.end)) \(zone), it is \(CivilTime.format(local)) there"
                return trace(.outsideWindow, detail)
            }
        }
        if let weekly = promotion.weekly {
            let local = clock.local(weekly.zone, tables: zones.clocks)
            if !weekly.contains(local: local) {
                let zone = zones.name(of: weekly.zone, region: context.region)
                return trace(.outsideHours, "outside its days and hours: it is \(CivilTime.format(local)) \(zone)")
            }
        }
        if let code = promotion.code, !Self.carries(code: code, request.codes) {
            return trace(.codeMissing, "the request carries no code `\(code)`")
        }
        if promotion.hasLimits, let reached = promotion.limitReached(request.redemptions) {
            return trace(.limitReached, reached.perUser
                ? "its limit of \(reached.limit) per user is reached (\(reached.used) by this user)"
                : "its limit of \(reached.limit) is reached (\(reached.used) redeemed)")
        }
        return nil
    }
}
