import CoinageChecker
import CoinageSyntax

/// The result of walking the promotions for one quote.
struct PromotionResult {
    var price: Int64
    var bonusCoins: Int64 = 0
    var applied: AppliedPromotions
    /// Present on the `--explain` path.
    var traces: [PromotionTrace]?
}

/// Where one quote stands, for the walk: plain values only, so building it copies
/// and retains nothing. The request's collections (codes, counters, facts as given)
/// are read from the request itself.
struct WalkContext {
    let item: Int
    let region: Int
    let channel: Int
    let currencyIndex: Int
    let list: Int64
    let baseCoins: Int64
    let instant: Int64

    /// The cell of the price book's candidate lists.
    func cell(regions: Int, channels: Int) -> Int { (item * regions + region) * channels + channel }
}

/// The candidates of one cell merged with the shop-wide ones, in walk order.
struct CandidateMerge {
    private var next: Int
    private let end: Int
    private var nextGlobal = 0

    init(_ range: Range<Int>) {
        next = range.lowerBound
        end = range.upperBound
    }

    @inline(__always)
    mutating func next(_ cells: CandidateCells, _ global: [CandidateEntry]) -> CandidateEntry? {
        if next < end {
            let entry = cells.entries[next]
            if nextGlobal < global.count, global[nextGlobal] < entry {
                nextGlobal += 1
                return global[nextGlobal - 1]
            }
            next += 1
            return entry
        }
        guard nextGlobal < global.count else { return nil }
        nextGlobal += 1
        return global[nextGlobal - 1]
    }
}

/// The groups that already applied a promotion: a bit per group, the first 64
/// inline.
struct GroupsTaken {
    private var low: UInt64 = 0
    private var high: [Int32] = []

    @inline(__always)
    func contains(_ group: Int32) -> Bool {
        group < 64 ? low & (1 << UInt64(group)) != 0 : high.contains(group)
    }

    @inline(__always)
    mutating func insert(_ group: Int32) {
        if group < 64 { low |= 1 << UInt64(group) } else { high.append(group) }
    }
}

extension PriceBook {
    /// Walks the promotions that can concern a quote, in priority order, and applies
    /// the ones whose windows, code, limits and condition hold: the quote path,
    /// without traces. It reads each candidate's header first, and stops at the
    /// first exclusive promotion that applies, since nothing after it can.
    func walkPromotions(_ context: WalkContext, request: QuoteRequest, user: UserFacts, into result: inout PromotionResult) {
        guard candidatesListed else {
            let (cells, listed) = candidateCells(context)
            walkPromotions(context, cells: cells, listed: listed, request: request, user: user, into: &result)
            return
        }
        walkPromotions(context, cells: promotionCells,
                       listed: promotionCells.range(of: context.cell(regions: rules.regions.count, channels: channelSlots.count)),
                       request: request, user: user, into: &result)
    }

    /// The walk over the candidates `listed` in `cells`, merged with the global ones.
    @inline(__always)
    private func walkPromotions(_ context: WalkContext, cells: borrowing CandidateCells, listed: Range<Int>, request: QuoteRequest,
                                user: UserFacts, into result: inout PromotionResult) {
        let facts = ConditionFacts(item: context.item, region: context.region, channel: context.channel,
                                   currency: context.currencyIndex, coins: context.baseCoins, list: context.list, user: user)
        var clock = LocalClock(instant: context.instant, regionZone: regionZones[context.region])
        var groups = GroupsTaken()
        var candidates = CandidateMerge(listed)
        while let entry = candidates.next(cells, globalPromotions) {
            let index = entry.index
            let header = promotionHeaders[index]
            guard header.isWithinTimes(&clock, tables: zoneTables) else { continue }
            if header.clauses.contains(.code), !Self.carries(code: promotionCodes[index], request.codes) { continue }
            if header.clauses.contains(.limits), limitReached(promotions[index], request.redemptions) != nil { continue }
            if entry.needsCondition, let condition = promotionConditions[index], !condition.holds(facts) { continue }
            if header.group >= 0 {
                if groups.contains(header.group) { continue }
                groups.insert(header.group)
            }
            apply(index, header: header, context: context, to: &result)
            if header.clauses.contains(.exclusive) { break }
        }
        _ = clipToFloor(&result, list: context.list)
    }

    /// The candidate lists and the range of the quote's cell in them: the
    /// precomputed lists, or past the precomputed table the cell's own, scanned.
    @inline(__always)
    func candidateCells(_ context: WalkContext) -> (CandidateCells, Range<Int>) {
        guard candidatesListed else {
            let scanned = CandidateCells([scannedCandidates(item: context.item, region: context.region, channel: context.channel)])
            return (scanned, scanned.range(of: 0))
        }
        return (promotionCells, promotionCells.range(of: context.cell(regions: rules.regions.count, channels: channelSlots.count)))
    }

    /// Applies one promotion: its discount off the running price, its bonus coins.
    @inline(__always)
    /// Returns the bonus coins it gave, or nil without a bonus effect.
    @discardableResult
    func apply(_ index: Int, header: PromotionHeader, context: WalkContext, to result: inout PromotionResult) -> Int64? {
        var amount: Int64 = 0
        if header.clauses.contains(.priceEffect) {
            amount = discount(promotions[index], index: index, running: result.price, list: context.list, currency: context.currencyIndex)
            result.price -= amount
        }
        var bonus: Int64?
        if header.clauses.contains(.bonus) {
            let coins = bonusCoins(index, baseCoins: context.baseCoins)
            result.bonusCoins = result.bonusCoins.addingReportingOverflow(coins).overflow ? Int64.max : result.bonusCoins + coins
            bonus = coins
        }
        result.applied.append(index: index, amount: amount)
        return bonus
    }

    /// The bonus coins a promotion gives on `baseCoins`.
    func bonusCoins(_ index: Int, baseCoins: Int64) -> Int64 {
        switch promotions[index].source.bonus {
        case .coins(let count)?: count
        case .percent?: bonusRatios[index]?.apply(to: baseCoins, rounding: .down) ?? Int64.max
        case nil: 0
        }
    }

    /// Whether the request carries a promotion's (uppercased) code, in any case.
    @inline(__always)
    static func carries(code: String, _ codes: [String]) -> Bool {
        for given in codes where given == code || equalIgnoringCase(given, code) { return true }
        return false
    }

    /// The limit the request's counters reach, total first, or nil.
    @inline(__always)
    func limitReached(_ promotion: CompiledPromotion, _ redemptions: [String: Redemptions]) -> (limit: Int64, used: Int64, perUser: Bool)? {
        let used = redemptions.isEmpty ? Redemptions(total: 0, perUser: 0)
            : redemptions[promotion.name] ?? Redemptions(total: 0, perUser: 0)
        if let limit = promotion.source.totalLimit, used.total >= limit { return (limit, used.total, false) }
        if let limit = promotion.source.perUserLimit, used.perUser >= limit { return (limit, used.perUser, true) }
        return nil
    }

    /// The discount a promotion takes from the running price, never more than it.
    /// Its ratio and amounts exist in a book without a `brokenInvariant` (no other
    /// book quotes), and an amount past 64 bits is stored as `Int64.max`: the
    /// fallbacks below are never taken.
    func discount(_ promotion: CompiledPromotion, index: Int, running: Int64, list: Int64, currency: Int) -> Int64 {
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
    /// floor; returns the walk-order indices of the promotions whose discount was cut.
    func clipToFloor(_ result: inout PromotionResult, list: Int64) -> [Int] {
        guard !result.applied.isEmpty, result.price < list, let floorRatio else { return [] }
        // An integer price at or above `list × floor` is at or above its rounded-up floor.
        if floorRatio.isAtMost(result.price, of: list) { return [] }
        guard let floor = floorRatio.apply(to: list, rounding: .up), result.price < floor else { return [] }
        var excess = floor - result.price
        var clipped: [Int] = []
        for position in result.applied.indices.reversed() where excess > 0 {
            let entry = result.applied.entry(at: position)
            let cut = min(entry.amount, excess)
            guard cut > 0 else { continue }
            result.applied.setAmount(entry.amount - cut, at: position)
            excess -= cut
            clipped.append(Int(entry.index))
        }
        result.price = floor
        return clipped
    }

    /// Compares a request's code with a promotion's (already uppercased) without
    /// allocating while both are ASCII: codes are matched case-insensitively. Past
    /// ASCII it compares the request's code uppercased the way the checker
    /// uppercased the rule's, since a letter's capital can differ in length (`ß`).
    static func equalIgnoringCase(_ given: String, _ code: String) -> Bool {
        var left = given.utf8.makeIterator()
        var right = code.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return true
            case (let a?, let b?):
                if a >= 0x80 || b >= 0x80 { return given.uppercased() == code }
                let upper = a >= UInt8(ascii: "a") && a <= UInt8(ascii: "z") ? a - 32 : a
                if upper != b { return false }
            default:
                // One ended first: only a letter beyond ASCII could still match.
                return given.utf8.contains { $0 >= 0x80 } && given.uppercased() == code
            }
        }
    }
}
