import CoinageChecker
import CoinageSyntax

extension PriceBook {
    /// The walk of `--explain`: the same decisions as `walkPromotions`, and a trace
    /// for every promotion of the rule set saying what happened to it and why.
    func walkPromotionsExplained(_ context: WalkContext, request: QuoteRequest, user: UserFacts, into result: inout PromotionResult) {
        let currency = regionCurrencies[context.region]
        // By walk-order index, so the traces come out in walk order without a sort.
        var traces = [PromotionTrace?](repeating: nil, count: promotions.count)
        let facts = ConditionFacts(item: context.item, region: context.region, channel: context.channel,
                                   currency: context.currencyIndex, coins: context.baseCoins, list: context.list, user: user)
        // Groups that already applied a promotion: (group, promotion).
        var groupsTaken: [(group: Int32, promotion: Int)] = []
        var cutBy: String?
        var bonuses: [Int: Int64] = [:]
        var clock = LocalClock(instant: context.instant, regionZone: regionZones[context.region])
        var applied: [Int] = []
        let (cells, listed) = candidateCells(context)
        var candidates = CandidateMerge(listed)
        while let entry = candidates.next(cells, globalPromotions) {
            let index = entry.index
            let promotion = promotions[index]
            let header = promotionHeaders[index]
            if let failure = whyNotCandidate(promotion, index: index, facts: facts, context: context, request: request, clock: &clock) {
                traces[index] = failure
                continue
            }
            if let cutter = cutBy {
                traces[index] = trace(promotion, .cutByExclusive, "cut by the exclusive promotion `\(cutter)`")
                continue
            }
            if header.group >= 0, let taker = groupsTaken.first(where: { $0.group == header.group }) {
                traces[index] = trace(promotion, .groupTaken,
                                      "group `\(promotion.source.group ?? "")` already applied `\(promotions[taker.promotion].name)`")
                continue
            }
            if header.group >= 0 { groupsTaken.append((header.group, index)) }
            bonuses[index] = apply(index, header: header, context: context, to: &result)
            applied.append(index)
            if promotion.source.exclusive { cutBy = promotion.name }
        }

        let clipped = clipToFloor(&result, list: context.list)
        // Fill in the amounts of applied promotions now that the floor has spoken.
        var amounts: [Int: Int64] = [:]
        for position in result.applied.indices {
            let entry = result.applied.entry(at: position)
            if promotions[Int(entry.index)].hasPriceEffect { amounts[Int(entry.index)] = entry.amount }
        }
        for index in applied {
            let name = promotions[index].name
            let money = amounts[index].map { Money(minorUnits: $0, currency: currency) }
            if clipped.contains(index) {
                traces[index] = PromotionTrace(promotion: name, reason: .clippedByFloor,
                                               detail: "applied, but the floor of \(rules.floor) of the list price cut its discount to \(money.map { "\($0)" } ?? "nothing")",
                                               discount: money, bonusCoins: bonuses[index])
            } else if case .setPrice? = promotions[index].source.priceEffect, amounts[index] == 0 {
                traces[index] = PromotionTrace(promotion: name, reason: .priceNotLower,
                                               detail: "applied, but its price is not below the running price: no discount",
                                               discount: nil, bonusCoins: bonuses[index])
            } else {
                traces[index] = PromotionTrace(promotion: name, reason: .applied, detail: describeEffect(index, amount: money, bonus: bonuses[index]),
                                               discount: money, bonusCoins: bonuses[index])
            }
        }
        for (index, promotion) in promotions.enumerated() where traces[index] == nil {
            traces[index] = trace(promotion, .notForThisItem, notForThisItemDetail(promotion, facts: facts))
        }
        result.traces = traces.compactMap { $0 }
    }

    /// The reason a promotion is not a candidate, in the documented order (condition,
    /// window, hours, code, limits), or nil when it is one.
    private func whyNotCandidate(_ promotion: CompiledPromotion, index: Int, facts: ConditionFacts, context: WalkContext,
                                 request: QuoteRequest, clock: inout LocalClock) -> PromotionTrace? {
        if let condition = promotion.condition, !condition.holds(facts), let source = promotion.source.condition {
            let failing = condition.failingPart(facts, source: source)
            let text = rules.sources[failing.source.span.file].text(of: failing.source.span)
            // Not true and not false: unknown, for a user fact the request does not carry.
            if !failing.compiled.fails(facts) {
                var names: [String] = []
                for slot in failing.compiled.missingAttributes(facts) where !names.contains("`user.\(rules.userAttributes[slot].name)`") {
                    names.append("`user.\(rules.userAttributes[slot].name)`")
                }
                return trace(promotion, .missingAttribute, "`\(text)` cannot be decided: the request carries no \(names.joined(separator: ", "))")
            }
            return trace(promotion, .conditionFalse,
                         "`\(text)` is false" + describeValues(failing.source, facts: facts, context: context, user: request.user))
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
        if let code = promotion.source.code, !Self.carries(code: code, request.codes) {
            return trace(promotion, .codeMissing, "the request carries no code `\(code)`")
        }
        if promotion.hasLimits, let reached = limitReached(promotion, request.redemptions) {
            return trace(promotion, .limitReached, reached.perUser
                ? "its limit of \(reached.limit) per user is reached (\(reached.used) by this user)"
                : "its limit of \(reached.limit) is reached (\(reached.used) redeemed)")
        }
        return nil
    }

    private func trace(_ promotion: CompiledPromotion, _ reason: PromotionTrace.Reason, _ detail: String) -> PromotionTrace {
        PromotionTrace(promotion: promotion.name, reason: reason, detail: detail, discount: nil, bonusCoins: nil)
    }
}
