import Coinage
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `coinage diff --format markdown`: a pull-request comment. The summary comes
/// first; long lists stop at `rowLimit` entries and say how many were left out.
enum DiffMarkdown {
    typealias Words = DiffVocabulary

    /// Most list-price rows and most promotions shown; GitHub refuses comments over
    /// 65,536 characters, and a reviewer reads the first screen anyway.
    static let rowLimit = 30

    /// Longest clause text shown; a long condition is cut with `…`, so thirty changed
    /// promotions still fit in one comment.
    static let clauseTextLimit = 160

    /// The first line, an HTML comment a CI job can find to update its comment in place.
    static let marker = "<!-- coinage-diff -->"

    /// `replay` writes the command that makes a quote of the corpus, as in `DiffText`.
    static func render(_ diff: RuleSetDiff, old: String, new: String,
                       replay: (QuoteRequest) -> String = { $0.commandLine() }) -> String {
        var lines = [marker, "### Price impact of `\(old)` → `\(new)`", ""]
        if !diff.hasChanges {
            lines.append("No list price, promotion or quote changes.")
            lines.append("")
        }
        lines += ["| | |", "| --- | --- |"]
        lines += DiffText.summaryRows(diff).map { "| \($0[0]) | \(cell($0[1])) |" }
        lines.append("")
        if !diff.listPrices.changes.isEmpty { lines += listPrices(diff.listPrices) }
        if !diff.promotions.isEmpty { lines += promotions(diff.promotions) }
        lines += impact(diff, replay: replay)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func listPrices(_ diff: ListPriceDiff) -> [String] {
        var lines = ["<details><summary>List prices: \(Words.listPriceSummary(diff))</summary>", ""]
        lines += ["| bundle | region | channel | old | new | change |", "| --- | --- | --- | ---: | ---: | ---: |"]
        for change in diff.changes.prefix(rowLimit) {
            let row = [change.bundle, change.region, change.channel ?? "—", Words.price(change.old), Words.price(change.new),
                       Words.percent(change)]
            lines.append("| " + row.map(cell).joined(separator: " | ") + " |")
        }
        lines += truncation(diff.changes.count, what: "list price changes")
        return lines + ["", "</details>", ""]
    }

    private static func promotions(_ changes: [PromotionChange]) -> [String] {
        var lines = ["#### Promotions", ""]
        for change in changes.prefix(rowLimit) {
            lines.append("- **\(change.kind.rawValue)** `\(change.name)`")
            for clause in change.clauses {
                let text: String = switch change.kind {
                case .added: code(clause.new)
                case .removed: code(clause.old)
                case .changed: "\(code(clause.old)) → \(code(clause.new))"
                        + (clause.resolvesDifferently ? " (written the same; a name it uses changed)" : "")
                }
                lines.append("  - `\(clause.keyword)` \(text)")
            }
        }
        lines += truncation(changes.count, what: "promotion changes")
        return lines + [""]
    }

    private static func impact(_ diff: RuleSetDiff, replay: (QuoteRequest) -> String) -> [String] {
        let impact = diff.impact
        var lines = ["#### Quote impact", ""]
        lines.append("Changed: \(Words.quoteSummary(impact)): \(Words.changeBreakdown(impact, unit: diff.unit)).")
        lines.append("")
        lines.append("Corpus: \(Words.corpusSummary(diff.corpus)).")
        for (label, change) in [("Largest increase", impact.largestIncrease), ("Largest decrease", impact.largestDecrease)] {
            guard let change else { continue }
            lines += ["", "\(label): \(Words.totalChange(change, unit: diff.unit))", "", "```sh", replay(change.request), "```"]
        }
        return lines
    }

    private static func truncation(_ total: Int, what: String) -> [String] {
        guard total > rowLimit else { return [] }
        return ["", "_… and \(Words.count(total - rowLimit)) more \(what); `coinage diff` in a terminal lists them all._"]
    }

    /// Inline code, or an em dash for a clause a side lacks.
    private static func code(_ text: String?) -> String {
        guard let text else { return "—" }
        return "`" + (text.count > clauseTextLimit ? text.prefix(clauseTextLimit - 1) + "…" : text) + "`"
    }

    /// Table cells cannot hold a pipe or a line break.
    private static func cell(_ text: String) -> String {
        text.replacing("|", with: "\\|").replacing("\n", with: " ")
    }
}
