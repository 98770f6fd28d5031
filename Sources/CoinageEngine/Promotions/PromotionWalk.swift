import CoinageChecker
import CoinageSyntax

/// The result of walking the promotions for one quote.
struct PromotionResult {
    var price: Int64
    var bonusCoins: Int64 = 0
    var applied: AppliedPromotions
}

/// Where one quote stands, for the walk: plain values only, so building it copies
/// and retains nothing. The request's codes and counters are read from the
/// resolved request itself.
struct WalkContext {
    let item: Int
    let region: Int
    let channel: Int
    let currencyIndex: Int
    let list: Int64
    let baseCoins: Int64
    let instant: Int64

    /// The quote's cell, every fact known, for what tests a condition node by node.
    var cell: CellFacts {
        CellFacts(item: item, region: region, channel: channel, currency: currencyIndex, coins: baseCoins, list: list)
    }
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

/// Whoever watches a walk: told what happens to each candidate, in walk order. The
/// quote path's watcher (`UnwatchedWalk`) does nothing and compiles away; the
/// `--explain` walk's (`ExplainedWalk`) writes a trace for each promotion.
protocol WalkObserver {
    /// Whether the walk goes on past an exclusive promotion that applied, to tell
    /// the watcher of every later candidate (which it then cuts).
    static var watchesEveryCandidate: Bool { get }
    /// A candidate that is not one after all: its times, code, limits or condition
    /// rule it out.
    mutating func rejected(_ index: Int, clock: inout LocalClock)
    /// A candidate after an exclusive promotion applied.
    mutating func cutByExclusive(_ index: Int)
    /// A candidate whose group already applied a promotion.
    mutating func groupTaken(_ index: Int)
    /// A promotion that applied, with the bonus coins it gave (nil without a bonus).
    mutating func applied(_ index: Int, bonus: Int64?)
    /// A promotion whose discount the floor cut, last applied first.
    mutating func clipped(_ index: Int)
    /// The walk's end, the floor applied.
    mutating func finished(result: inout PromotionResult)
}

/// The quote path's watcher: sees nothing, so the walk stops at the first
/// exclusive promotion that applies.
struct UnwatchedWalk: WalkObserver {
    static var watchesEveryCandidate: Bool { false }
    @inline(__always) mutating func rejected(_ index: Int, clock: inout LocalClock) {}
    @inline(__always) mutating func cutByExclusive(_ index: Int) {}
    @inline(__always) mutating func groupTaken(_ index: Int) {}
    @inline(__always) mutating func applied(_ index: Int, bonus: Int64?) {}
    @inline(__always) mutating func clipped(_ index: Int) {}
    @inline(__always) mutating func finished(result: inout PromotionResult) {}
}

extension PriceBook {
    /// Walks the promotions that can concern a quote, in priority order, and applies
    /// the ones whose windows, code, limits and condition hold, telling `observer`
    /// what happens to each. It reads each candidate's header first, and stops at
    /// the first exclusive promotion that applies, since nothing after it can
    /// (unless the observer watches every candidate).
    @inline(__always)
    func walkPromotions<Observer: WalkObserver>(_ context: WalkContext, request: ResolvedRequest,
                                                into result: inout PromotionResult, observer: inout Observer) {
        guard program.index.listsEveryCell else {
            walkScannedCell(context, request: request, into: &result, observer: &observer)
            return
        }
        let number = program.index.grid.index(item: context.item, region: context.region, channel: context.channel)
        walkPromotions(context, cells: program.index.cells, listed: program.index.cells.range(of: number),
                       request: request, into: &result, observer: &observer)
    }

    /// The quote's walk: over the candidate masks of a book of few promotions
    /// (`CandidateMasks`), else over the cell's list.
    @inline(__always)
    func walkPromotions(_ context: WalkContext, request: ResolvedRequest, into result: inout PromotionResult) {
        if program.masks.coversBook {
            let cell = program.index.grid.index(item: context.item, region: context.region, channel: context.channel)
            walkMasked(context, cell: cell, request: request, into: &result)
        } else {
            var observer = UnwatchedWalk()
            walkListed(context, request: request, into: &result, observer: &observer)
        }
    }

    // Out of line: inlined, the list walk's set-up weighed on the quote's registers.
    @inline(never)
    private func walkListed(_ context: WalkContext, request: ResolvedRequest, into result: inout PromotionResult,
                            observer: inout UnwatchedWalk) {
        walkPromotions(context, request: request, into: &result, observer: &observer)
    }

    /// The walk of a book too large to list every cell's candidates: the cell's are
    /// found first (`PromotionIndex.candidates`).
    // Out of line: finding them takes the index by value, and inlined here the copy
    // of it was made before every walk, listed cells or not (callgrind: about 20
    // instructions a quote).
    @inline(never)
    private func walkScannedCell<Observer: WalkObserver>(_ context: WalkContext, request: ResolvedRequest,
                                                         into result: inout PromotionResult, observer: inout Observer) {
        let (cells, listed) = program.index.candidates(item: context.item, region: context.region, channel: context.channel,
                                                       conditions: program.conditions)
        walkPromotions(context, cells: cells, listed: listed, request: request, into: &result, observer: &observer)
    }

    /// The walk over the candidates `listed` in `cells`, merged with the global ones.
    @inline(__always)
    private func walkPromotions<Observer: WalkObserver>(_ context: WalkContext, cells: borrowing CandidateCells, listed: Range<Int>,
                                                        request: ResolvedRequest, into result: inout PromotionResult,
                                                        observer: inout Observer) {
        var clock = LocalClock(instant: context.instant, regionZone: zones.regionZones[context.region])
        var candidates = CandidateMerge(listed)
        var walk = WalkState(price: result.price)
        // A variable, so the fact tests read the buyer's facts in place (`InlineFacts.fact`).
        var facts = request.facts
        while let entry = candidates.next(cells, program.index.global) {
            let index = entry.index
            let header = program.headers[index]
            guard isCandidate(index, header: header, entry: entry, context: context, facts: &facts, request: request,
                              clock: &clock) else {
                observer.rejected(index, clock: &clock)
                continue
            }
            if Observer.watchesEveryCandidate, walk.stopped {
                observer.cutByExclusive(index)
                continue
            }
            if program.isGroupTaken(header, in: walk) {
                observer.groupTaken(index)
                continue
            }
            let bonus = apply(index, header: header, context: context, walk: &walk, to: &result)
            observer.applied(index, bonus: bonus)
            if !Observer.watchesEveryCandidate, walk.stopped { break }
        }
        finish(walk, into: &result, list: context.list, observer: &observer)
    }

    /// A walk's end, the list walk's and the masked one's: the running price is the
    /// result's, raised to the floor if it is below it.
    @inline(__always)
    func finish<Observer: WalkObserver>(_ walk: WalkState, into result: inout PromotionResult, list: Int64,
                                        observer: inout Observer) {
        result.price = walk.price
        // Tested in place: most walks end above the floor.
        if let floor = floorToReach(result, list: list) { clip(&result, to: floor, observer: &observer) }
        observer.finished(result: &result)
    }

    /// Whether a listed promotion is a candidate for the quote: its window and hours
    /// hold at the quote's instant, the request carries its code, its limits are not
    /// reached, and its condition holds (unless the cell alone decided it).
    @inline(__always)
    private func isCandidate(_ index: Int, header: PromotionHeader, entry: CandidateEntry, context: WalkContext,
                             facts: inout InlineFacts, request: ResolvedRequest, clock: inout LocalClock) -> Bool {
        guard isOpen(index, header: header, request: request, clock: &clock) else { return false }
        return !entry.needsCondition || conditionHolds(index, rest: entry.testsRest, context: context, facts: &facts, request: request)
    }

    /// Whether a candidate's condition, or the rest of it a cell leaves open, holds:
    /// its fact tests inline, else its nodes.
    @_transparent
    func conditionHolds(_ index: Int, rest: Bool, context: WalkContext, facts: inout InlineFacts, request: ResolvedRequest) -> Bool {
        program.plan.factsHold(index, rest: rest, &facts)
            ?? conditionHolds(index, rest: rest, item: context.item, region: context.region, channel: context.channel,
                              currency: context.currencyIndex, coins: context.baseCoins, list: context.list, request: request)
    }

    /// Whether a promotion is open to the quote before its condition is tested: its
    /// window and hours hold at the quote's instant, the request carries its code, and
    /// its limits are not reached.
    // Transparent: the optimizer declines `@inline(__always)` in the walks, and a
    // call per candidate cost about 25 instructions (callgrind).
    @_transparent
    func isOpen(_ index: Int, header: PromotionHeader, request: ResolvedRequest, clock: inout LocalClock) -> Bool {
        guard header.isWithinTimes(&clock, tables: zones.clocks) else { return false }
        if header.clauses.contains(.code), !request.carries(code: program.codeIDs[index]) { return false }
        if header.clauses.contains(.limits), program.promotions[index].limitReached(request.redemptions(of: index)) != nil { return false }
        return true
    }

    /// Whether a condition that is not an `and` of fact tests holds, node by node
    /// (`ConditionPlan.nodesHold`).
    // Out of line, on the book, with the cell as integers: the walk passes the book
    // and the request by reference, where passing the plan or the cell would copy
    // them before every test of a condition (callgrind: about 60 instructions a quote).
    @inline(never)
    private func conditionHolds(_ index: Int, rest: Bool, item: Int, region: Int, channel: Int, currency: Int, coins: Int64,
                                list: Int64, request: borrowing ResolvedRequest) -> Bool {
        let cell = CellFacts(item: item, region: region, channel: channel, currency: currency, coins: coins, list: list)
        return program.plan.nodesHold(index, rest: rest, cell, request.user)
    }

    /// Applies one promotion: the walk's step (`PromotionProgram.advance`), then its bonus coins.
    /// Returns the bonus coins it gave, or nil without a bonus effect.
    // Transparent: the walk is generic over its observer, and the optimizer declines
    // `@inline(__always)` here; a call per applied promotion costs ~70 instructions
    // a quote (callgrind).
    @_transparent
    @discardableResult
    func apply(_ index: Int, header: PromotionHeader, context: WalkContext, walk: inout WalkState,
               to result: inout PromotionResult) -> Int64? {
        let amount = program.advance(&walk, applying: index, header: header, list: context.list, currency: context.currencyIndex)
        var bonus: Int64?
        if header.clauses.contains(.bonus) {
            let coins = program.promotions[index].bonusCoins(baseCoins: context.baseCoins)
            result.bonusCoins = result.bonusCoins.addingReportingOverflow(coins).overflow ? Int64.max : result.bonusCoins + coins
            bonus = coins
        }
        result.applied.append(index: index, amount: amount)
        return bonus
    }

    /// Whether the request carries a promotion's (uppercased) code, in any case.
    @inline(__always)
    static func carries(code: String, _ codes: [String]) -> Bool {
        for given in codes where given == code || equalIgnoringCase(given, code) { return true }
        return false
    }

    /// The floor a walk's price is below and must be raised to, or nil when the price
    /// is at or above it (or no promotion applied).
    @inline(__always)
    func floorToReach(_ result: PromotionResult, list: Int64) -> Int64? {
        guard !result.applied.isEmpty, result.price < list, let floorRatio = program.floorRatio else { return nil }
        // An integer price at or above `list × floor` is at or above its rounded-up floor.
        if floorRatio.isAtMost(result.price, of: list) { return nil }
        guard let floor = program.floorPrice(list: list), result.price < floor else { return nil }
        return floor
    }

    /// Cuts the discounts, last applied first, so the final price is the floor
    /// (`floorToReach`), telling `observer` of each promotion whose discount it cut.
    // No list of the cut promotions: the quote's walk has no use for one, and
    // building it cost an allocation a clipped quote (callgrind: about 180
    // instructions a quote on 20,000 promotions, where many reach the floor).
    func clip<Observer: WalkObserver>(_ result: inout PromotionResult, to floor: Int64, observer: inout Observer) {
        var excess = floor - result.price
        for position in result.applied.indices.reversed() where excess > 0 {
            let entry = result.applied.entry(at: position)
            let cut = min(entry.amount, excess)
            guard cut > 0 else { continue }
            result.applied.setAmount(entry.amount - cut, at: position)
            excess -= cut
            observer.clipped(Int(entry.index))
        }
        result.price = floor
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
