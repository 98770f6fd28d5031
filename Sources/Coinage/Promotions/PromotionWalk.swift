import CoinageSyntax

/// The result of walking the promotions for one quote.
struct PromotionResult {
    var discounts: [DiscountLine] = []
    var price: Int64
    var bonusCoins: Int64 = 0
    var applied: [String] = []
    var traces: [PromotionTrace]?
}

/// Where one quote stands, for the walk.
struct WalkContext {
    let item: Int
    let region: Int
    let channel: Int
    let currency: Currency
    let currencyIndex: Int
    let list: Int64
    let baseCoins: Int64
    let instant: Int64
    let request: QuoteRequest
}

extension PriceBook {
    /// Walks the promotions that can concern a quote, in priority order, and applies
    /// the ones whose condition, windows, code and limits hold.
    func walkPromotions(_ context: WalkContext) -> PromotionResult {
        var result = PromotionResult(price: context.list)
        let explain = context.request.explain
        var traces: [PromotionTrace] = []
        let facts = ConditionFacts(item: context.item, region: context.region, channel: context.channel,
                                   currency: context.currencyIndex, coins: context.baseCoins, list: context.list,
                                   user: context.request.user)
        var groupsTaken: [Int: String] = [:]
        var cutBy: String?
        var lines: [(promotion: Int, amount: Int64)] = []
        var bonuses: [Int: Int64] = [:]

        let cell = promotionCells[context.item * rules.regions.count + context.region]
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
            let promotion = promotions[index]

            if let failure = check(promotion, facts: facts, context: context, explain: explain) {
                if explain { traces.append(failure) }
                continue
            }
            if let cutter = cutBy {
                if explain { traces.append(trace(promotion, .cutByExclusive, "cut by the exclusive promotion `\(cutter)`")) }
                continue
            }
            if let group = promotion.groupIndex, let taker = groupsTaken[group] {
                if explain {
                    traces.append(trace(promotion, .groupTaken,
                                        "group `\(promotion.source.group ?? "")` already applied `\(taker)`"))
                }
                continue
            }
            // It applies.
            if let group = promotion.groupIndex { groupsTaken[group] = promotion.name }
            result.applied.append(promotion.name)
            if promotion.source.priceEffect != nil {
                let amount = discount(promotion, index: index, running: result.price, list: context.list, currency: context.currencyIndex)
                result.price -= amount
                lines.append((index, amount))
            }
            if let bonus = promotion.source.bonus {
                let coins: Int64 = switch bonus {
                case .coins(let count): count
                case .percent: (try? Fraction(UInt64(context.baseCoins)).multiplied(by: promotionPercents[index] ?? .zero).rounded(.down))
                    .flatMap { $0.map { Int64(clamping: $0) } } ?? 0
                }
                bonuses[index] = coins
                result.bonusCoins = result.bonusCoins.addingReportingOverflow(coins).overflow ? Int64.max : result.bonusCoins + coins
            }
            if explain { traces.append(trace(promotion, .applied, "applied", index: index)) }
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

    /// The reason a promotion is not a candidate, or nil when it is one.
    private func check(_ promotion: CompiledPromotion, facts: ConditionFacts, context: WalkContext, explain: Bool) -> PromotionTrace? {
        if let condition = promotion.condition, !condition.holds(facts) {
            guard explain, let source = promotion.source.condition else { return trace(promotion, .conditionFalse, "") }
            let failing = condition.failingPart(facts, source: source)
            let missing = failing.compiled.missingAttributes(facts)
            let text = rules.sources[failing.source.span.file].text(of: failing.source.span)
            if !missing.isEmpty {
                return trace(promotion, .missingAttribute,
                             "`\(text)` is false: the request carries no \(missing.map { "`user.\($0)`" }.joined(separator: ", "))")
            }
            return trace(promotion, .conditionFalse, "`\(text)` is false" + describeValues(failing.source, facts: facts, context: context))
        }
        if let window = promotion.window {
            let zone = zoneTable(window.zone, region: context.region)
            let local = zone.table.local(context.instant)
            if local < window.start || local >= window.end {
                guard explain else { return trace(promotion, .outsideWindow, "") }
                let detail = local < window.start
                    ? "outside its window: opens \(CivilTime.format(window.start)) \(zone.name), it is \(CivilTime.format(local)) there"
                    : "outside its window: closed \(CivilTime.format(window.end)) \(zone.name), it is \(CivilTime.format(local)) there"
                return trace(promotion, .outsideWindow, detail)
            }
        }
        if let weekly = promotion.weekly {
            let zone = zoneTable(weekly.zone, region: context.region)
            let local = zone.table.local(context.instant)
            if !weekly.contains(local: local) {
                guard explain else { return trace(promotion, .outsideHours, "") }
                return trace(promotion, .outsideHours, "outside its days and hours: it is \(CivilTime.format(local)) \(zone.name)")
            }
        }
        if let code = promotion.source.code, !context.request.codes.contains(where: { $0.uppercased() == code }) {
            return trace(promotion, .codeMissing, explain ? "the request carries no code `\(code)`" : "")
        }
        if promotion.source.totalLimit != nil || promotion.source.perUserLimit != nil {
            let used = context.request.redemptions[promotion.name] ?? Redemptions(total: 0, perUser: 0)
            if let limit = promotion.source.totalLimit, used.total >= limit {
                return trace(promotion, .limitReached, explain ? "its limit of \(limit) is reached (\(used.total) redeemed)" : "")
            }
            if let limit = promotion.source.perUserLimit, used.perUser >= limit {
                return trace(promotion, .limitReached, explain ? "its limit of \(limit) per user is reached (\(used.perUser) by this user)" : "")
            }
        }
        return nil
    }

    /// The discount a promotion takes from the running price, never more than it.
    private func discount(_ promotion: CompiledPromotion, index: Int, running: Int64, list: Int64, currency: Int) -> Int64 {
        guard let effect = promotion.source.priceEffect else { return 0 }
        let amount: Int64
        switch effect {
        case .percentOff:
            let base = rules.stacking == .additive ? list : running
            amount = (try? Self.apply(promotionPercents[index] ?? .zero, to: base)) ?? running
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
        guard !lines.isEmpty, let floorMinor = try? Fraction(UInt64(max(0, list))).multiplied(by: floorFraction).rounded(.up) else { return [] }
        let floor = Int64(clamping: floorMinor)
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

    private func zoneTable(_ zone: Int?, region: Int) -> (table: ZoneOffsets, name: String) {
        let index = zone ?? regionZones[region]
        return (zoneTables[index], zoneNames[index])
    }

    private func trace(_ promotion: CompiledPromotion, _ reason: PromotionTrace.Reason, _ detail: String, index: Int? = nil) -> PromotionTrace {
        PromotionTrace(promotion: promotion.name, reason: reason, detail: detail, discount: nil, bonusCoins: nil)
    }
}
