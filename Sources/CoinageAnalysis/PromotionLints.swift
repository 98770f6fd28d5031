import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// Promotions that cannot work as written: ones that can never be a candidate,
/// ones always cut by one exclusive promotion walked before them, and exclusive
/// pairs whose order hangs on their names alone.
///
/// Custom amounts take part with their coins and list price left open (a
/// comparison on them may go either way), so what is reported holds for them too.
///
/// Promotions that are candidates for the same requests (equal `CandidacyKey`s) get
/// each question asked once, so a thousand copies of one promotion cost what one
/// does; the work is counted in steps, and past `AnalysisOptions.lintBudget` the
/// lints stop and say where (W0105).
final class PromotionLints {
    let context: AnalysisContext
    /// Per promotion: exclusive, without limits and first of its group in the walk:
    /// nothing but its condition, times and code keeps it out.
    private let canCut: [Bool]
    /// Per promotion, the number of its candidacy key.
    let keys: [Int]
    /// The first promotion of each key that can cut, in walk order.
    private let firstCutters: [Int]
    private var verdicts: [Int: Verdict] = [:]
    /// Per key of a promotion that can apply: a cell where it can.
    private var witnesses: [Int: (item: Int, region: Int, channel: Int)] = [:]
    private var covering: [Pair: Bool] = [:]
    var overlapping: [Pair: Bool] = [:]
    private var spent = 0
    /// Where the budget ran out: the promotion being checked and by which lint.
    package private(set) var stoppedAt: (promotion: Int, lint: String)?

    private enum Verdict {
        case applies, noCell, noBuyer, noTime
    }

    struct Pair: Hashable {
        let first: Int
        let second: Int
    }

    init(context: AnalysisContext) {
        self.context = context
        var groupsSeen: Set<Int> = []
        let canCut = context.promotions.map { promotion in
            let firstOfGroup = promotion.groupIndex.map { groupsSeen.insert($0).inserted } ?? true
            return promotion.exclusive && !promotion.hasLimits && firstOfGroup
        }
        self.canCut = canCut
        let keys = CandidacyKey.numbers(context.declarations)
        self.keys = keys
        var seen: Set<Int> = []
        firstCutters = context.promotions.indices.filter { canCut[$0] && seen.insert(keys[$0]).inserted }
    }

    func diagnostics() -> [Diagnostic] {
        // A shop without regions or bundles quotes nothing: saying so of every
        // promotion would only repeat it.
        guard !context.rules.regions.isEmpty, !context.rules.bundles.isEmpty else { return [] }
        var found: [Diagnostic] = []
        var live: [Int] = []
        for index in context.promotions.indices {
            if let unreachable = neverApplies(index) { found.append(unreachable) } else if stoppedAt == nil { live.append(index) }
        }
        for index in live where stoppedAt == nil {
            if let shadow = shadowed(index) { found.append(shadow) }
        }
        if stoppedAt == nil { found += exclusiveTies() }
        if let stoppedAt { found.append(incomplete(stoppedAt)) }
        return found
    }

    /// Takes `count` steps of the budget; false once it is spent, noting where.
    private func spend(_ count: Int, checking promotion: Int, lint: String) -> Bool {
        if stoppedAt != nil { return false }
        spent += count
        if spent > context.options.lintBudget { stoppedAt = (promotion, lint) }
        return stoppedAt == nil
    }

    /// Most cells a promotion's reach may hold for its cells to be visited one by
    /// one; a wider reach is visited by classes of cells.
    static let directCells = 4_096

    /// The cells where promotion `index` is listed, each kind of cell for the
    /// promotions `set` once; `body` returns false to stop.
    func forEachCell(of index: Int, for set: [Int], bundlesOnly: Bool = false, lint: String, _ body: (AnalysedCell) -> Bool) {
        let itemCount = bundlesOnly ? context.bundles.count : context.bundles.count + context.customAmounts.count
        var seen: Set<AnalysedCell.Signature> = []
        /// Looks at one cell; false to stop.
        func visit(_ item: Int, _ region: Int, _ channel: Int) -> Bool {
            guard context.isListed(index, item: item, region: region, channel: channel) else { return true }
            let derived = context.derivedListPrices
            let cell = context.cell(bundle: item, region: region, channel: channel, only: set)
            let price = 1 + (context.derivedListPrices - derived) * AnalysisOptions.stepsPerListPrice
            guard spend(price + (cell?.promotions.reduce(0) { $0 + max(1, $1.include.count) } ?? 0), checking: index, lint: lint) else { return false }
            // Cells alike for these promotions give the same answer: looked at once.
            guard let cell, seen.insert(cell.signature(zone: context.regionZones[cell.region], amounts: false)).inserted else { return true }
            return body(cell)
        }
        if let reach = context.book.program.reach(of: index) {
            let items = reach.items.members.filter { $0 < itemCount }
            let regions = reach.regions.members
            let channels = reach.channels.members
            if items.count * regions.count * channels.count <= Self.directCells {
                for item in items {
                    for region in regions {
                        for channel in channels where !visit(item, region, channel) { return }
                    }
                }
                return
            }
        }
        let items = context.book.program.reach(of: index).map { $0.items.members.filter { $0 < itemCount } } ?? Array(0..<itemCount)
        for item in items {
            for member in context.classes.members(item: item, promotions: set, amounts: false)
            where !visit(item, member.region, member.channel) { return }
        }
    }

    /// `W0101` when the promotion is a candidate in no cell, at no instant, for no buyer.
    func neverApplies(_ index: Int) -> Diagnostic? {
        let key = keys[index]
        let verdict: Verdict
        if let known = verdicts[key] {
            verdict = known
        } else {
            var listed = false
            var conditionHolds = false
            var applies = false
            forEachCell(of: index, for: [index], lint: "whether it can apply") { cell in
                listed = true
                guard let here = cell.promotions.first else { return true }
                if !here.include.isEmpty { conditionHolds = true }
                applies = !Scenario(slotCount: context.domains.slotCount).including(here).isEmpty
                if applies { witnesses[key] = (cell.bundle, cell.region, cell.channel) }
                return !applies
            }
            if stoppedAt != nil { return nil }
            verdict = applies ? .applies : !listed ? .noCell : !conditionHolds ? .noBuyer : .noTime
            verdicts[key] = verdict
        }
        let promotion = context.declarations[index]
        let why: String
        let span: SourceSpan
        switch verdict {
        case .applies:
            return nil
        case .noCell:
            why = "no bundle, region and channel meet its condition"
            span = promotion.condition?.span ?? promotion.span
        case .noBuyer:
            why = "no buyer's facts meet its condition"
            span = promotion.condition?.span ?? promotion.span
        case .noTime:
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
        let promotion = context.declarations[index]
        // One candidate shadow per key: the key's first cutter, when it is walked
        // before this promotion. Later ones of the key answer alike; and when the
        // first ties with this one on priority (a tie is `W0103`'s to report), so do
        // all of the key's cutters walked before it, as the walk orders by priority.
        // `firstCutters` is in walk order: the ones before `index` are a prefix.
        let shadows = firstCutters.lazy.prefix { $0 < index }.filter { shadow in
            self.canShadow(shadow, index) && !(promotion.exclusive && self.context.declarations[shadow].priority == promotion.priority)
        }
        guard let first = shadows.first(where: { covers($0, index) }), stoppedAt == nil else { return nil }
        let shadow = context.declarations[first]
        return Diagnostic(.promotionShadowed,
                          "promotion `\(promotion.name)` never applies: the exclusive `\(shadow.name)` comes first wherever it could apply",
                          at: promotion.span,
                          notes: [DiagnosticNote("`\(shadow.name)` is exclusive and walked before it (priority \(shadow.priority) against \(promotion.priority))",
                                                 at: shadow.span)],
                          help: "give `\(promotion.name)` a higher priority than `\(shadow.name)`, narrow `\(shadow.name)`, or remove `\(promotion.name)`")
    }

    /// Whether `shadow` is a candidate, and cannot be kept out by its condition or
    /// times, in every scenario that makes `index` a candidate.
    private func covers(_ shadow: Int, _ index: Int) -> Bool {
        // Where `index` can apply, `shadow` must at least be listed. This settles most
        // pairs, and costs less than remembering them: in a big shop, remembering
        // every pair of promotions is most of the time and memory of the lints.
        if let cell = witnesses[keys[index]], !context.isListed(shadow, item: cell.item, region: cell.region, channel: cell.channel) {
            return false
        }
        let pair = Pair(first: keys[shadow], second: keys[index])
        if let known = covering[pair] { return known }
        var covered = true
        forEachCell(of: index, for: [shadow, index], lint: "whether an exclusive promotion always cuts it") { cell in
            guard let here = cell.promotions.last, here.index == index else { return true }
            let scenarios = Scenario(slotCount: context.domains.slotCount).including(here)
            if scenarios.isEmpty { return true }
            guard let other = cell.promotions.first(where: { $0.index == shadow }) else {
                covered = false
                return false
            }
            covered = scenarios.allSatisfy { !escapes($0, other) }
            return covered
        }
        if stoppedAt != nil { return false }
        covering[pair] = covered
        return covered
    }

    /// Whether promotion `shadow`, walked before `index`, cuts it whenever both are
    /// candidates, and only its condition and times can keep it out where `index` is
    /// a candidate: no code but the same one.
    private func canShadow(_ shadow: Int, _ index: Int) -> Bool {
        guard canCut[shadow] else { return false }
        if let code = context.declarations[shadow].code, code != context.declarations[index].code { return false }
        return true
    }

    /// Whether a scenario can keep `other` from being a candidate by its condition or
    /// its times (codes and limits were ruled out before).
    private func escapes(_ scenario: Scenario, _ other: CellPromotion) -> Bool {
        if other.exclude.contains(where: { scenario.user.intersection($0) != nil }) { return true }
        guard let times = other.times else { return false }
        return !(scenario.time ?? context.times.horizon).isSubset(of: times)
    }
}
