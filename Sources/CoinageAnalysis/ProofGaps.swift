import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// Where and why a guard's proof does not cover every bundle, region and channel:
/// a search cut short by its budget in a cell, the guard's whole budget spent
/// before every cell was looked at, or an amount too large to compute. Each kind is
/// reported once per guard, as W0104, with the first cell it concerns.
struct ProofGaps {
    /// One kind of gap: how many cells it covers and the first of them.
    struct Gap {
        var cells = 0
        var first: (bundle: Int, region: Int, channel: Int)?

        mutating func add(_ member: CellClasses.Member) {
            add(bundle: member.item, region: member.region, channel: member.channel, count: member.count)
        }

        mutating func add(bundle: Int, region: Int, channel: Int, count: Int = 1) {
            cells += count
            if first == nil { first = (bundle, region, channel) }
        }
    }

    /// Cells whose search stopped at the per-cell budget.
    var searchCut = Gap()
    /// Cells the guard did not reach because its whole budget was spent.
    var unexamined = Gap()
    /// Cells where an amount the guard measures could not be computed.
    var overflow = Gap()
    /// What could not be computed, for the overflow message: `its list price`.
    var overflowWhat = "its list price"

    var isEmpty: Bool { searchCut.cells == 0 && unexamined.cells == 0 && overflow.cells == 0 }

    /// The W0104 warnings for these gaps, at the guard.
    func diagnostics(guardRule: Guard, cellCount: Int, context: AnalysisContext) -> [Diagnostic] {
        let options = context.options
        var found: [Diagnostic] = []
        let of = "of \(cellCount) bundle, region and channel combination\(cellCount == 1 ? "" : "s")"
        if searchCut.cells > 0, let first = searchCut.first {
            found.append(Diagnostic(
                .guardProofIncomplete,
                "the guard is proven only in part: the search stopped at its budget in \(searchCut.cells) \(of)",
                at: guardRule.span,
                notes: [DiagnosticNote("each combination may take at most \(options.searchBudget) steps of the search for the worst choice of candidate promotions; a worse case may lie beyond"),
                        DiagnosticNote("the first is \(GuardText.cell(first, context: context))")],
                help: "give promotions that apply everywhere groups, priorities or narrower conditions, so fewer of them combine"))
        }
        if unexamined.cells > 0, let first = unexamined.first {
            found.append(Diagnostic(
                .guardProofIncomplete,
                "the guard is proven only in part: its budget ran out with \(unexamined.cells) \(of) not examined",
                at: guardRule.span,
                notes: [DiagnosticNote("a guard may take at most \(options.guardBudget) steps in all; it stopped before \(GuardText.cell(first, context: context)), and the combinations after it are unproven")],
                help: "fewer distinct prices, levels and promotion conditions per region and channel let the check prove combinations that price alike at once"))
        }
        if overflow.cells > 0, let first = overflow.first {
            found.append(Diagnostic(
                .guardProofIncomplete,
                "the guard is proven only in part: in \(overflow.cells) \(of) \(overflowWhat) is too large to compute",
                at: guardRule.span,
                notes: [DiagnosticNote("the first is \(GuardText.cell(first, context: context)); its exact amounts there need more than the 128 bits the guards compute with")],
                help: "a rate or level with fewer decimals, or a smaller price, keeps these amounts narrower"))
        }
        return found
    }
}

extension GuardText {
    /// How a cell of the analysis is named: "`coins_700` in `DE` on `web`".
    static func cell(_ cell: (bundle: Int, region: Int, channel: Int), context: AnalysisContext) -> String {
        let rules = context.rules
        let item = cell.bundle < rules.bundles.count ? rules.bundles[cell.bundle].name
            : rules.customAmounts[cell.bundle - rules.bundles.count].name
        let channel = context.channelSlots[cell.channel].map { " on `\($0.name)`" } ?? ""
        return "`\(item)` in `\(rules.regions[cell.region].code)`\(channel)"
    }
}
