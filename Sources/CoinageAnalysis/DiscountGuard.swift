import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// Proves `guard discount at most P%`: in no bundle × region × channel does any set
/// of promotions that can be candidates together take more than P% of the list
/// price, counting `price` effects (they lower the price) and not bonus coins.
struct DiscountGuardProof {
    let context: AnalysisContext
    let guardRule: Guard
    let limit: Percentage

    /// Cells, in order of their searched worst share, whose real quotes are tried
    /// as the worst case; the first one confirmed is reported.
    static let confirmations = 3
    /// Scenarios kept per kind of cell to replay at other list prices.
    static let witnesses = 4

    struct Finding {
        let worstCase: GuardWorstCase?
        /// Cells whose worst walk goes over the limit.
        let breakingCells: Int
        let cellCount: Int
        /// Where the proof is incomplete, and why.
        let gaps: ProofGaps
        /// The steps the proof took, against `AnalysisOptions.guardBudget`.
        var steps = 0
    }

    func prove() -> Finding {
        var gaps = ProofGaps()
        gaps.overflowWhat = "the list price"
        guard let bound = try? percentFraction(limit) else {
            return Finding(worstCase: nil, breakingCells: 0, cellCount: 0, gaps: gaps)
        }
        var leaders: [(share: Fraction, cell: AnalysedCell, scenario: Scenario)] = []
        var breaking = 0
        var cells = 0
        var spent = 0
        // Cells alike (same list price, currency, zone and promotion outcomes) have
        // the same worst walk: searched once.
        var searched: [AnalysedCell.Signature: (outcome: DiscountSearch.Outcome, enough: Int64?)] = [:]
        // Cells that differ only in their list price: the scenarios of the last few
        // walks their searches settled on. Replayed at another price, such a walk is a
        // real one there; when it reaches the floor no walk can do better, and when it
        // breaks the guard it answers a search cut short at that.
        var witnesses: [AnalysedCell.Signature: [Scenario]] = [:]
        for item in context.bundles.indices {
            let concerning = context.classes.promotions(concerning: item)
            // Cells of one class for the promotions' comparisons alone see the
            // promotions alike, whatever their prices: built once.
            let alike = context.classes.partition(item: item, promotions: concerning, amounts: false)
            let (regionClass, channelClass) = (alike.regionClass, alike.channelClass)
            var built: [Int: [CellPromotion]] = [:]
            for member in context.classes.members(item: item, promotions: concerning, amounts: true) {
                if spent >= context.options.guardBudget {
                    cells += member.count
                    gaps.unexamined.add(member)
                    continue
                }
                let derived = context.derivedListPrices
                let facts = context.facts(bundle: member.item, region: member.region, channel: member.channel)
                spent += 1 + (context.derivedListPrices - derived) * AnalysisOptions.stepsPerListPrice
                guard let facts else {
                    // A bundle cell without facts is one whose list price overflowed.
                    cells += member.count
                    gaps.overflow.add(member)
                    continue
                }
                let kind = regionClass[member.region] * alike.channels.count + channelClass[member.channel]
                let promotions = built[kind] ?? context.promotionIndices(bundle: item, region: member.region, channel: member.channel)
                    .map { context.promotion($0, facts: facts) }
                if built[kind] == nil {
                    spent += promotions.count
                    built[kind] = promotions
                }
                let cell = AnalysedCell(bundle: item, region: member.region, channel: member.channel, facts: facts, promotions: promotions)
                guard cell.facts.list > 0 else { continue }
                cells += member.count
                // Once no cell can beat the worst found so far, a cell is searched only
                // until it is known to break the guard.
                let list = cell.facts.list
                let floor = context.book.program.floorPrice(list: list) ?? 0
                let reachable = Fraction(UInt64(list - min(list, max(0, floor))), UInt64(list)) ?? .one
                let leading = leaders.first.map { !($0.share < reachable) } ?? false
                let breakingReduction = (try? bound.multiplied(by: UInt64(list)))?.rounded(.down).map { Int64(clamping: $0) + 1 }
                let enough = leading ? breakingReduction : nil
                let signature = cell.signature(zone: context.regionZones[cell.region])
                let outcome: DiscountSearch.Outcome
                // A full search answers a cut-short one too; the other way round it does not.
                let structure = cell.signature(zone: context.regionZones[cell.region], list: false)
                let search = DiscountSearch(context: context, cell: cell)
                let wanted = min(list - min(list, max(0, floor)), enough ?? Int64.max)
                var replayed: DiscountSearch.Outcome?
                if searched[signature] == nil {
                    for witness in witnesses[structure] ?? [] {
                        let replay = search.replay(witness)
                        spent += replay.steps
                        if replay.reduction >= wanted {
                            replayed = replay
                            break
                        }
                    }
                }
                // A cell that can neither break the guard nor enter the leaders
                // matters to neither: its bound, every discount listed there applied,
                // says so without a search.
                let most = replayed == nil && searched[signature] == nil ? search.mostOff() : nil
                if let most { spent += most.steps }
                if let known = searched[signature], known.enough == nil || known.enough == enough {
                    outcome = known.outcome
                } else if let replayed {
                    outcome = replayed
                } else if let most, let breakingReduction, most.reduction < breakingReduction, leaders.count == Self.confirmations,
                          let share = Fraction(UInt64(most.reduction), UInt64(list)), !(leaders[leaders.count - 1].share < share) {
                    continue
                } else {
                    let budget = min(context.options.searchBudget, context.options.guardBudget - spent)
                    outcome = DiscountSearch(context: context, cell: cell).worst(enough: enough, budget: budget)
                    spent += outcome.steps
                    searched[signature] = (outcome, enough)
                    if outcome.complete, !outcome.scenario.candidates.isEmpty {
                        witnesses[structure] = [outcome.scenario] + (witnesses[structure] ?? []).prefix(Self.witnesses - 1)
                    }
                }
                if !outcome.complete {
                    if spent >= context.options.guardBudget { gaps.unexamined.add(member) } else { gaps.searchCut.add(member) }
                }
                guard let share = Fraction(UInt64(outcome.reduction), UInt64(cell.facts.list)) else { continue }
                if bound < share { breaking += member.count }
                if leaders.count < Self.confirmations || leaders[leaders.count - 1].share < share {
                    leaders.append((share, cell, outcome.scenario))
                    leaders.sort { $0.share > $1.share }
                    if leaders.count > Self.confirmations { leaders.removeLast() }
                }
            }
        }
        // The quote can only take more off than the search counted (promotions it
        // left undecided only lower the price), so the leader with the largest real
        // share is the worst case.
        var worst: (share: Fraction, found: GuardWorstCase)?
        for leader in leaders {
            let request = Counterexample.request(leader.scenario, cell: leader.cell, context: context)
            guard case .success(let quote) = context.book.quote(request), quote.list.minorUnits > 0,
                  let share = Fraction(UInt64(max(0, quote.list.minorUnits - quote.price.minorUnits)), UInt64(quote.list.minorUnits))
            else { continue }
            if let current = worst, !(current.share < share) { continue }
            worst = (share, GuardWorstCase(guardRule: guardRule, request: request, quote: quote,
                                           measure: .discount(share: share, limit: bound), holds: !(bound < share)))
        }
        return Finding(worstCase: worst?.found, breakingCells: breaking, cellCount: cells, gaps: gaps, steps: spent)
    }

    /// The error for a worst case that breaks the guard.
    func diagnostic(_ finding: Finding, worst: GuardWorstCase) -> Diagnostic? {
        guard !worst.holds, case .discount(let share, _) = worst.measure else { return nil }
        let rules = context.rules
        let quote = worst.quote
        let channel = quote.channel.map { " on `\($0)`" } ?? ""
        var notes = quote.discounts.compactMap { line -> DiagnosticNote? in
            rules.promotion(line.promotion).map { DiagnosticNote("`\(line.promotion)` takes \(line.amount)", at: $0.span) }
        }
        notes.append(DiagnosticNote("list \(quote.list), price \(quote.price): \(GuardText.percent(share)) off"))
        if finding.breakingCells > 1 {
            notes.append(DiagnosticNote("\(finding.breakingCells) of \(finding.cellCount) bundle, region and channel combinations go over the limit; this is the worst"))
        }
        let lowest = Self.lowestAllowedPrice(list: quote.list, limit: limit)
        var expectations = quote.applied.map { "expect applied \($0)" }
        if let lowest { expectations.append("expect price \(lowest)    # the most the guard lets promotions take off") }
        let help = GuardText.replayHelp(worst.request, options: context.options,
                                        title: "guard discount at most \(limit)", expectations: expectations)
        return Diagnostic(.discountGuardBroken,
                          "promotions can take \(GuardText.percent(share)) off `\(quote.item)` in `\(quote.region)`\(channel), more than the guard's \(limit)",
                          at: guardRule.span, notes: notes, help: help)
    }

    /// The lowest price the guard allows for a list price: `list × (1 − P)`,
    /// rounded up to the minor unit.
    static func lowestAllowedPrice(list: Money, limit: Percentage) -> Money? {
        guard let share = try? percentFraction(limit), let kept = try? Fraction.one.subtracting(share),
              let minor = try? kept.multiplied(by: UInt64(max(0, list.minorUnits))), let rounded = minor.rounded(.up),
              rounded <= UInt64(Int64.max) else { return nil }
        return Money(minorUnits: Int64(rounded), currency: list.currency)
    }
}
