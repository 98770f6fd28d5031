import CoinageChecker
import CoinageEngine
import CoinageSyntax

extension PromotionLints {
    /// `W0103` for an exclusive promotion that can be a candidate together with one
    /// of equal priority walked before it: the walk then takes them in name order,
    /// which nobody chose. Each promotion is reported once, with the first it ties
    /// with, and a count of the others.
    package func exclusiveTies() -> [Diagnostic] {
        let promotions = context.promotions
        var found: [Diagnostic] = []
        var byPriority: [Int64: [Int]] = [:]
        for index in promotions.indices where context.declarations[index].exclusive {
            byPriority[context.declarations[index].priority, default: []].append(index)
        }
        for (priority, members) in byPriority.sorted(by: { $0.key > $1.key }) where members.count > 1 {
            // Per key among the members walked so far: its first member and how many.
            var earlier: [(key: Int, first: Int, count: Int)] = []
            for second in members {
                var tie: Int?
                var others = 0
                for entry in earlier where overlap(entry.first, second) {
                    if tie == nil { tie = entry.first }
                    others += entry.count
                }
                if stoppedAt != nil { return found }
                if let position = earlier.firstIndex(where: { $0.key == keys[second] }) {
                    earlier[position].count += 1
                } else {
                    earlier.append((keys[second], second, 1))
                }
                guard let first = tie else { continue }
                let a = context.declarations[first]
                let b = context.declarations[second]
                var notes = [DiagnosticNote("`\(a.name)` is walked first and cuts `\(b.name)` only because its name sorts first", at: a.span)]
                if others > 1 {
                    notes.append(DiagnosticNote("`\(b.name)` can apply together with \(others - 1) more exclusive promotion\(others == 2 ? "" : "s") of priority \(priority) walked before it"))
                }
                found.append(Diagnostic(
                    .exclusiveTie,
                    "exclusive promotions `\(a.name)` and `\(b.name)` can apply together at the same priority \(a.priority)",
                    at: b.span, notes: notes, help: "give the one that should win a higher priority"))
            }
        }
        return found
    }

    /// Whether two promotions can be candidates in one quote of a bundle (where
    /// candidacy is exact, so a tie reported is a real one).
    func overlap(_ first: Int, _ second: Int) -> Bool {
        let pair = Pair(first: keys[first], second: keys[second])
        if let known = overlapping[pair] { return known }
        // Promotions whose bundles, regions or channels do not meet never overlap.
        if let a = context.book.program.reach(of: first), let b = context.book.program.reach(of: second),
           !a.items.intersects(b.items) || !a.regions.intersects(b.regions) || !a.channels.intersects(b.channels) {
            overlapping[pair] = false
            return false
        }
        var found = false
        let narrower = context.book.program.reach(of: first) == nil ? second : first
        forEachCell(of: narrower, for: [first, second], bundlesOnly: true, lint: "exclusive ties of its priority") { cell in
            guard cell.promotions.count == 2 else { return true }
            let start = Scenario(slotCount: context.domains.slotCount)
            found = start.including(cell.promotions[0]).contains { !$0.including(cell.promotions[1]).isEmpty }
            return !found
        }
        if stoppedAt != nil { return false }
        overlapping[pair] = found
        return found
    }

    /// `W0105` at the promotion the lints stopped at.
    func incomplete(_ stop: (promotion: Int, lint: String)) -> Diagnostic {
        let promotion = context.declarations[stop.promotion]
        return Diagnostic(
            .lintIncomplete,
            "promotions were checked only in part: the lints stopped at their budget at `\(promotion.name)`",
            at: promotion.span,
            notes: [DiagnosticNote("the promotion lints may take at most \(context.options.lintBudget) steps in all; they stopped while checking \(stop.lint), and the promotions walked after it, as well as shadows and ties, may hold findings not reported")],
            help: "fewer distinct conditions and times among the promotions let the lints check them together")
    }
}
