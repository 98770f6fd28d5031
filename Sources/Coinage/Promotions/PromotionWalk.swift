import CoinageSyntax

/// The result of walking the promotions for one quote.
struct PromotionResult {
    var discounts: [DiscountLine] = []
    var price: Int64
    var bonusCoins: Int64 = 0
    var applied: [String] = []
    var traces: [PromotionTrace]?
}

/// Where one quote stands, for the walk. It holds the parts of the request the
/// walk reads, not the request: copying a request copies all its collections.
struct WalkContext {
    let item: Int
    let region: Int
    let channel: Int
    let currency: Currency
    let currencyIndex: Int
    let list: Int64
    let baseCoins: Int64
    let instant: Int64
    /// The request's facts as given, for traces.
    let user: [String: UserValue]
    /// The same facts by attribute slot, for conditions.
    let resolvedUser: [ResolvedUserValue?]
    let codes: [String]
    let redemptions: [String: Redemptions]
    let explain: Bool
}

extension PriceBook {
    /// Walks the promotions that can concern a quote, in priority order, and applies
    /// the ones whose condition, windows, code and limits hold.
    func walkPromotions(_ context: WalkContext) -> PromotionResult {
        var result = PromotionResult(price: context.list)
        let explain = context.explain
        var traces: [PromotionTrace] = []
        let facts = ConditionFacts(item: context.item, region: context.region, channel: context.channel,
                                   currency: context.currencyIndex, coins: context.baseCoins, list: context.list,
                                   user: context.resolvedUser)
        // Groups that already applied a promotion: (group, promotion); rarely more than one.
        var groupsTaken: [(group: Int, promotion: Int)] = []
        var cutBy: String?
        var lines: [(promotion: Int, amount: Int64)] = []
        var bonuses: [Int: Int64] = [:]
        var clock = LocalClock(instant: context.instant, regionZone: regionZones[context.region])

        let cell = promotionCells[(context.item * rules.regions.count + context.region) * channelSlots.count + context.channel]
        var considered = explain ? [Bool](repeating: false, count: promotions.count) : []
        var nextCell = 0
        var nextGlobal = 0
        // Merge the cell's candidates and the global ones: both are in walk order.
        while nextCell < cell.count || nextGlobal < globalPromotions.count {
            let index: Int
            if nextGlobal >= globalPromotions.count
                || (nextCell < cell.count && cell[nextCell] < globalPromotions[nextGlobal]) {
                index = Int(cell[nextCell])
                nextCell += 1
            } else {
                index = Int(globalPromotions[nextGlobal])
                nextGlobal += 1
            }
            if explain { considered[index] = true }
            if !explain, !isWithinTimes(index, clock: &clock) { continue }
            let promotion = promotions[index]

            if explain {
                if let failure = whyNotCandidate(promotion, index: index, facts: facts, context: context, clock: &clock) {
                    traces.append(failure)
                    continue
                }
            } else if !isCandidate(promotion, facts: facts, context: context, clock: &clock) {
                continue
            }
            if let cutter = cutBy {
                if explain { traces.append(trace(promotion, .cutByExclusive, "cut by the exclusive promotion `\(cutter)`")) }
                continue
            }
            if let group = promotion.groupIndex, let taker = groupsTaken.first(where: { $0.group == group }) {
                if explain {
                    traces.append(trace(promotion, .groupTaken,
                                        "group `\(promotion.source.group ?? "")` already applied `\(promotions[taker.promotion].name)`"))
                }
                continue
            }
            // It applies.
            if let group = promotion.groupIndex { groupsTaken.append((group, index)) }
            result.applied.append(promotion.name)
            if promotion.hasPriceEffect {
                let amount = discount(promotion, index: index, running: result.price, list: context.list, currency: context.currencyIndex)
                result.price -= amount
                lines.append((index, amount))
            }
            if let bonus = promotion.source.bonus {
                let coins: Int64 = switch bonus {
                case .coins(let count): count
                case .percent: bonusRatios[index]?.apply(to: context.baseCoins, rounding: .down) ?? Int64.max
                }
                if explain { bonuses[index] = coins }
                result.bonusCoins = result.bonusCoins.addingReportingOverflow(coins).overflow ? Int64.max : result.bonusCoins + coins
            }
            if explain { traces.append(trace(promotion, .applied, "applied")) }
            if promotion.source.exclusive { cutBy = promotion.name }
        }

        let clipped = clipToFloor(&lines, result: &result, list: context.list)
        result.discounts = lines.compactMap { line in
            line.amount > 0 ? DiscountLine(promotion: promotions[line.promotion].name,
                                           amount: Money(minorUnits: line.amount, currency: context.currency)) : nil
        }
        if explain {
            // Fill in the amounts of applied promotions now that the floor has spoken.
            let amounts = Dictionary(lines.map { ($0.promotion, $0.amount) }, uniquingKeysWith: +)
            traces = traces.map { trace in
                guard trace.reason == .applied, let index = promotionIndex[trace.promotion] else { return trace }
                let amount = amounts[index]
                let money = amount.map { Money(minorUnits: $0, currency: context.currency) }
                if clipped.contains(index) {
                    return PromotionTrace(promotion: trace.promotion, reason: .clippedByFloor,
                                          detail: "applied, but the floor of \(rules.floor) of the list price cut its discount to \(money.map { "\($0)" } ?? "nothing")",
                                          discount: money, bonusCoins: bonuses[index])
                }
                if case .setPrice? = promotions[index].source.priceEffect, (amount ?? 0) == 0 {
                    return PromotionTrace(promotion: trace.promotion, reason: .priceNotLower,
                                          detail: "applied, but its price is not below the running price: no discount",
                                          discount: nil, bonusCoins: bonuses[index])
                }
                return PromotionTrace(promotion: trace.promotion, reason: .applied, detail: describeEffect(index, amount: money, bonus: bonuses[index]),
                                      discount: money, bonusCoins: bonuses[index])
            }
            for (index, promotion) in promotions.enumerated() where !considered[index] {
                traces.append(trace(promotion, .notForThisItem, notForThisItemDetail(promotion, facts: facts)))
            }
            traces.sort { (promotionIndex[$0.promotion] ?? 0) < (promotionIndex[$1.promotion] ?? 0) }
            result.traces = traces
        }
        return result
    }

    /// Whether the quote's instant is inside a promotion's window and hours, read from
    /// the contiguous arrays: most candidates fail here, before their object is read.
    @inline(__always)
    private func isWithinTimes(_ index: Int, clock: inout LocalClock) -> Bool {
        if let window = promotionWindows[index], !window.contains(clock.local(window.zone, tables: zoneTables)) { return false }
        if let weekly = promotionWeekly[index], !weekly.contains(local: clock.local(weekly.zone, tables: zoneTables)) { return false }
        return true
    }

    /// Whether a promotion that is within its times is a candidate, without saying why
    /// not: the code and limits are tested before the condition, since without a trace
    /// their order cannot change the answer and they are the cheaper tests.
    @inline(__always)
    private func isCandidate(_ promotion: CompiledPromotion, facts: ConditionFacts, context: WalkContext,
                             clock: inout LocalClock) -> Bool {
        if promotion.source.code != nil, !carriesCode(promotion, context) { return false }
        if promotion.hasLimits, limitReached(promotion, context) != nil { return false }
        if let condition = promotion.condition, !condition.holds(facts) { return false }
        return true
    }

    /// The reason a promotion is not a candidate, in the documented order (condition,
    /// window, hours, code, limits), or nil when it is one: the `--explain` path.
    private func whyNotCandidate(_ promotion: CompiledPromotion, index: Int, facts: ConditionFacts, context: WalkContext,
                                 clock: inout LocalClock) -> PromotionTrace? {
        if let condition = promotion.condition, !condition.holds(facts), let source = promotion.source.condition {
            let failing = condition.failingPart(facts, source: source)
            let missing = failing.compiled.missingAttributes(facts)
            let text = rules.sources[failing.source.span.file].text(of: failing.source.span)
            if !missing.isEmpty {
                let names = missing.map { "`user.\(rules.userAttributes[$0].name)`" }
                return trace(promotion, .missingAttribute, "`\(text)` is false: the request carries no \(names.joined(separator: ", "))")
            }
            return trace(promotion, .conditionFalse, "`\(text)` is false" + describeValues(failing.source, facts: facts, context: context))
        }
        if let window = promotionWindows[index] {
            let local = clock.local(window.zone, tables: zoneTables)
            if !window.contains(local) {
                let zone = zoneNames[window.zone ?? regionZones[context.region]]
                let detail = local < window.start
                    ? "outside its window: opens \(CivilTime.format(window.start)) \(zone), it is \(CivilTime.format(local)) there"
                    : "outside its window: closed \(CivilTime.format(window.end)) \(zone), it is \(CivilTime.format(local)) there"
                return trace(promotion, .outsideWindow, detail)
            }
        }
        if let weekly = promotionWeekly[index] {
            let local = clock.local(weekly.zone, tables: zoneTables)
            if !weekly.contains(local: local) {
                let zone = zoneNames[weekly.zone ?? regionZones[context.region]]
                return trace(promotion, .outsideHours, "outside its days and hours: it is \(CivilTime.format(local)) \(zone)")
            }
        }
        if let code = promotion.source.code, !carriesCode(promotion, context) {
            return trace(promotion, .codeMissing, "the request carries no code `\(code)`")
        }
        if promotion.hasLimits, let reached = limitReached(promotion, context) {
            return trace(promotion, .limitReached, reached.perUser
                ? "its limit of \(reached.limit) per user is reached (\(reached.used) by this user)"
                : "its limit of \(reached.limit) is reached (\(reached.used) redeemed)")
        }
        return nil
    }

    /// Whether the request carries the promotion's code, in any case.
    @inline(__always)
    private func carriesCode(_ promotion: CompiledPromotion, _ context: WalkContext) -> Bool {
        guard let code = promotion.source.code else { return true }
        return context.codes.contains { Self.equalIgnoringCase($0, code) }
    }

    /// The limit the request's counters reach, total first, or nil.
    @inline(__always)
    private func limitReached(_ promotion: CompiledPromotion, _ context: WalkContext) -> (limit: Int64, used: Int64, perUser: Bool)? {
        let used = context.redemptions.isEmpty ? Redemptions(total: 0, perUser: 0)
            : context.redemptions[promotion.name] ?? Redemptions(total: 0, perUser: 0)
        if let limit = promotion.source.totalLimit, used.total >= limit { return (limit, used.total, false) }
        if let limit = promotion.source.perUserLimit, used.perUser >= limit { return (limit, used.perUser, true) }
        return nil
    }

    /// The discount a promotion takes from the running price, never more than it.
    private func discount(_ promotion: CompiledPromotion, index: Int, running: Int64, list: Int64, currency: Int) -> Int64 {
        guard let effect = promotion.source.priceEffect else { return 0 }
        let amount: Int64
        switch effect {
        case .percentOff:
            let base = rules.stacking == .additive ? list : running
            amount = discountRatios[index]?.apply(to: base) ?? running
        case .amountOff:
            amount = promotion.amounts[currency] ?? running
        case .setPrice:
            let target = promotion.amounts[currency] ?? running
            amount = max(0, running - target)
        }
        return min(max(0, amount), running)
    }

    /// Cuts the discounts, last applied first, so the final price is at least the
    /// floor; returns the promotions whose discount was cut.
    private func clipToFloor(_ lines: inout [(promotion: Int, amount: Int64)], result: inout PromotionResult, list: Int64) -> Set<Int> {
        guard !lines.isEmpty, let floor = floorRatio?.apply(to: list, rounding: .up) else { return [] }
        guard result.price < floor else { return [] }
        var excess = floor - result.price
        var clipped: Set<Int> = []
        for position in lines.indices.reversed() where excess > 0 {
            let cut = min(lines[position].amount, excess)
            guard cut > 0 else { continue }
            lines[position].amount -= cut
            excess -= cut
            clipped.insert(lines[position].promotion)
        }
        result.price = floor
        return clipped
    }

    /// Compares a request's code with a promotion's (already uppercased) without
    /// allocating: codes are matched case-insensitively.
    static func equalIgnoringCase(_ given: String, _ code: String) -> Bool {
        var left = given.utf8.makeIterator()
        var right = code.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return true
            case (let a?, let b?):
                let upper = a >= UInt8(ascii: "a") && a <= UInt8(ascii: "z") ? a - 32 : a
                if upper != b { return false }
            default: return false
            }
        }
    }

    private func trace(_ promotion: CompiledPromotion, _ reason: PromotionTrace.Reason, _ detail: String) -> PromotionTrace {
        PromotionTrace(promotion: promotion.name, reason: reason, detail: detail, discount: nil, bonusCoins: nil)
    }
}

/// The wall-clock time of one quote's instant, computed once per zone it is asked
/// for (in practice the region's own zone, and perhaps one named zone).
struct LocalClock {
    let instant: Int64
    let regionZone: Int
    private var regionLocal: Int64?
    private var named: (zone: Int, local: Int64)?

    init(instant: Int64, regionZone: Int) {
        self.instant = instant
        self.regionZone = regionZone
    }

    /// Wall-clock seconds in `zone`, or in the region's zone for `nil` (`local`).
    mutating func local(_ zone: Int?, tables: [ZoneOffsets]) -> Int64 {
        let index = zone ?? regionZone
        if index == regionZone {
            if let regionLocal { return regionLocal }
            let value = tables[index].local(instant)
            regionLocal = value
            return value
        }
        if let named, named.zone == index { return named.local }
        let value = tables[index].local(instant)
        named = (index, value)
        return value
    }
}
