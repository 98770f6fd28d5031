import CoinageSyntax

/// Promotions that cannot work as written: ones that can never be a candidate,
/// ones always cut by one exclusive promotion walked before them, and exclusive
/// pairs whose order hangs on their names alone.
///
/// Custom amounts take part with their coins and list price left open (a
/// comparison on them may go either way), so what is reported holds for them too.
struct PromotionLints {
    let context: AnalysisContext
    let cells: PromotionCells
    /// Per promotion: exclusive, without limits and first of its group in the walk:
    /// nothing but its condition, times and code keeps it out.
    private let canCut: [Bool]

    init(context: AnalysisContext) {
        self.context = context
        let cells = PromotionCells(context: context)
        self.cells = cells
        var groupsSeen: Set<Int> = []
        canCut = context.promotions.map { promotion in
            let firstOfGroup = promotion.groupIndex.map { groupsSeen.insert($0).inserted } ?? true
            return promotion.source.exclusive && !promotion.hasLimits && firstOfGroup
        }
    }

    func diagnostics() -> [Diagnostic] {
        // A shop without regions or bundles quotes nothing: saying so of every
        // promotion would only repeat it.
        guard !context.book.rules.regions.isEmpty, !context.book.rules.bundles.isEmpty else { return [] }
        var found: [Diagnostic] = []
        var live: [Int] = []
        for index in context.promotions.indices {
            if let unreachable = neverApplies(index) { found.append(unreachable) } else { live.append(index) }
        }
        for index in live {
            if let shadow = shadowed(index) { found.append(shadow) }
        }
        found += exclusiveTies()
        return found
    }

    /// `W0101` when the promotion is a candidate in no cell, at no instant, for no buyer.
    func neverApplies(_ index: Int) -> Diagnostic? {
        let promotion = context.promotions[index].source
        let listed = cells.cells(index, context: context)
        var conditionHolds = false
        var seen: Set<Cell.Signature> = []
        for coordinate in listed {
            guard let cell = context.cell(bundle: coordinate.bundle, region: coordinate.region, channel: coordinate.channel,
                                          only: [index]), let here = cell.promotions.first,
                  seen.insert(cell.signature(zone: context.regionZones[cell.region], amounts: false)).inserted else { continue }
            if !here.include.isEmpty { conditionHolds = true }
            if !Scenario(slotCount: context.domains.slotCount).including(here).isEmpty { return nil }
        }
        let why: String
        let span: SourceSpan
        if listed.isEmpty {
            why = "no bundle, region and channel meet its condition"
            span = promotion.condition?.span ?? promotion.span
        } else if !conditionHolds {
            why = "no buyer's facts meet its condition"
            span = promotion.condition?.span ?? promotion.span
        } else {
            why = "its window and hours never meet"
            span = promotion.window?.span ?? promotion.weekly?.span ?? promotion.span
        }
        return Diagnostic(.promotionNeverApplies, "promotion `\(promotion.name)` can never apply: \(why)", at: span,
                          notes: [DiagnosticNote("`\(promotion.name)` is declared here", at: promotion.span)],
                          help: "fix its condition or times, or remove the promotion")
    }

    /// `W0102` when one exclusive promotion walked earlier is a candidate wherever
    /// this one is, and so always cuts it.
    func shadowed(_ index: Int) -> Diagnostic? {
        let promotions = context.promotions
        let promotion = promotions[index].source
        // An exclusive pair of equal priority is `W0103`'s to report.
        let tieIsReported = promotion.exclusive
        var shadows = (0..<index).filter {
            canShadow($0, index) && !(tieIsReported && promotions[$0].source.priority == promotion.priority)
        }
        guard !shadows.isEmpty else { return nil }
        // Cells alike for these promotions give the same answer: looked at once.
        var seen: Set<Cell.Signature> = []
        for coordinate in cells.cells(index, context: context) {
            guard let cell = context.cell(bundle: coordinate.bundle, region: coordinate.region, channel: coordinate.channel,
                                          only: shadows + [index]),
                  let here = cell.promotions.last, here.index == index,
                  seen.insert(cell.signature(zone: context.regionZones[cell.region], amounts: false)).inserted else { continue }
            let scenarios = Scenario(slotCount: context.domains.slotCount).including(here)
            if scenarios.isEmpty { continue }
            shadows = shadows.filter { shadow in
                guard let other = cell.promotions.first(where: { $0.index == shadow }) else { return false }
                return scenarios.allSatisfy { !escapes($0, other) }
            }
            if shadows.isEmpty { return nil }
        }
        guard let first = shadows.first else { return nil }
        let shadow = promotions[first].source
        return Diagnostic(.promotionShadowed,
                          "promotion `\(promotion.name)` never applies: the exclusive `\(shadow.name)` comes first wherever it could apply",
                          at: promotion.span,
                          notes: [DiagnosticNote("`\(shadow.name)` is exclusive and walked before it (priority \(shadow.priority) against \(promotion.priority))",
                                                 at: shadow.span)],
                          help: "give `\(promotion.name)` a higher priority than `\(shadow.name)`, narrow `\(shadow.name)`, or remove `\(promotion.name)`")
    }

    /// Whether promotion `shadow`, walked before `index`, cuts it whenever both are
    /// candidates, and only its condition and times can keep it out where `index` is
    /// a candidate: no code but the same one.
    private func canShadow(_ shadow: Int, _ index: Int) -> Bool {
        guard canCut[shadow] else { return false }
        let promotions = context.promotions
        if let code = promotions[shadow].source.code, code != promotions[index].source.code { return false }
        return true
    }

    /// Whether a scenario can keep `other` from being a candidate by its condition or
    /// its times (codes and limits were ruled out before).
    private func escapes(_ scenario: Scenario, _ other: CellPromotion) -> Bool {
        if other.exclude.contains(where: { scenario.user.intersection($0) != nil }) { return true }
        guard let times = other.times else { return false }
        return !(scenario.time ?? context.times.horizon).isSubset(of: times)
    }

    /// `W0103` for two exclusive promotions of equal priority that can be candidates
    /// together: the walk then takes them in name order, which nobody chose.
    func exclusiveTies() -> [Diagnostic] {
        let promotions = context.promotions
        let exclusive = promotions.indices.filter { promotions[$0].source.exclusive }
        var found: [Diagnostic] = []
        var byPriority: [Int64: [Int]] = [:]
        for index in exclusive { byPriority[promotions[index].source.priority, default: []].append(index) }
        for (_, members) in byPriority.sorted(by: { $0.key > $1.key }) where members.count > 1 {
            for (position, first) in members.enumerated() {
                for second in members[(position + 1)...] where overlap(first, second) {
                    let a = promotions[first].source
                    let b = promotions[second].source
                    found.append(Diagnostic(
                        .exclusiveTie,
                        "exclusive promotions `\(a.name)` and `\(b.name)` can apply together at the same priority \(a.priority)",
                        at: b.span,
                        notes: [DiagnosticNote("`\(a.name)` is walked first and cuts `\(b.name)` only because its name sorts first", at: a.span)],
                        help: "give the one that should win a higher priority"))
                }
            }
        }
        return found
    }

    /// Whether two promotions can be candidates in one quote of a bundle (where
    /// candidacy is exact, so a tie reported is a real one).
    private func overlap(_ first: Int, _ second: Int) -> Bool {
        let listed = cells.listed[first] == nil ? cells.bundleCells(second, context: context) : cells.bundleCells(first, context: context)
        for coordinate in listed {
            guard let cell = context.cell(bundle: coordinate.bundle, region: coordinate.region, channel: coordinate.channel,
                                          only: [first, second]), cell.promotions.count == 2 else { continue }
            let start = Scenario(slotCount: context.domains.slotCount)
            if start.including(cell.promotions[0]).contains(where: { !$0.including(cell.promotions[1]).isEmpty }) { return true }
        }
        return false
    }
}
