extension PriceBook {
    /// The quote's walk of a book whose candidates are words (`CandidateMasks`): the
    /// cell's candidates less those whose fact tests the buyer fails, each then
    /// tested as the list walk tests it (times, code, limits, the condition's nodes),
    /// lowest bit (walk order) first, to the first exclusive promotion that applies.
    ///
    /// It applies the promotions the list walk applies, in the same order: a
    /// candidate dropped by its facts is one the list walk rejects, and the walk's
    /// steps (`PromotionProgram.advance`) are the same.
    // Out of line, as the list walk is: the quote calls one or the other, and
    // neither's set-up is paid by the other's books (callgrind: 27 instructions a
    // quote of 20,000 promotions when this was inlined into the choice).
    @inline(never)
    func walkMasked(_ context: WalkContext, cell: Int, request: ResolvedRequest, into result: inout PromotionResult) {
        let pattern = program.masks.pattern(of: cell)
        // A variable, so the fact tests read the buyer's facts in place (`InlineFacts.fact`).
        var facts = request.facts
        var pending = pattern.listed & ~(pattern.byFacts & program.masks.facts.failed(of: pattern.byFacts, &facts))
        var clock = LocalClock(instant: context.instant, regionZone: zones.regionZones[context.region])
        var walk = WalkState(price: result.price)
        while pending != 0 {
            let index = pending.trailingZeroBitCount
            let bit = pending & (0 &- pending)
            pending ^= bit
            let header = program.headers[index]
            guard isOpen(index, header: header, request: request, clock: &clock) else { continue }
            if pattern.tested & bit != 0,
               !conditionHolds(index, rest: pattern.restTested & bit != 0, context: context, facts: &facts, request: request) {
                continue
            }
            if program.isGroupTaken(header, in: walk) { continue }
            apply(index, header: header, context: context, walk: &walk, to: &result)
            if walk.stopped { break }
        }
        var observer = UnwatchedWalk()
        finish(walk, into: &result, list: context.list, observer: &observer)
    }
}
