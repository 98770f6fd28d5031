import Coinage
import CoinageIO

/// `coinage diff` for a terminal: a summary, then every list-price change, every
/// promotion change and the quote impact, nothing truncated.
enum DiffText {
    typealias Words = DiffVocabulary

    /// `replay` writes the command that makes a quote of the corpus (`diff
    /// --experiments` forces the arm in it).
    static func render(_ diff: RuleSetDiff, old: String, new: String,
                       replay: (QuoteRequest) -> String = { $0.commandLine() }) -> String {
        var lines = ["coinage diff \(old) → \(new)", ""]
        lines += ["summary"] + aligned(summaryRows(diff)).map { "  " + $0 }
        lines += ["", "list prices"]
        if diff.listPrices.changes.isEmpty {
            lines.append("  no list price changes (\(Words.count(diff.listPrices.cellsCompared)) cells compared)")
        } else {
            let header = ["bundle", "region", "channel", "old", "new", "change"]
            let rows = diff.listPrices.changes.map { change in
                [change.bundle, change.region, change.channel ?? "-", Words.price(change.old), Words.price(change.new),
                 Words.percent(change)]
            }
            lines += aligned([header] + rows, rightAligned: [3, 4, 5]).map { "  " + $0 }
        }
        lines += ["", "promotions"]
        if diff.promotions.isEmpty { lines.append("  no promotion changes") }
        for change in diff.promotions {
            let mark = switch change.kind {
            case .added: "+"
            case .removed: "-"
            case .changed: "~"
            }
            lines.append("  \(mark) \(change.name) (\(change.kind.rawValue))")
            lines += aligned(change.clauses.map { [$0.keyword, clauseText($0, kind: change.kind)] }).map { "      " + $0 }
        }
        lines += ["", "quote impact"] + impactLines(diff, replay: replay).map { "  " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }

    static func summaryRows(_ diff: RuleSetDiff) -> [[String]] {
        [
            ["list prices", Words.listPriceSummary(diff.listPrices)],
            ["promotions", Words.promotionSummary(diff.promotions)],
            ["quotes changed", Words.quoteSummary(diff.impact)],
            ["largest increase", diff.impact.largestIncrease.map { Words.totalChange($0, unit: diff.unit) } ?? "none"],
            ["largest decrease", diff.impact.largestDecrease.map { Words.totalChange($0, unit: diff.unit) } ?? "none"],
        ]
    }

    /// A clause as it reads on its side, or `old → new` for a changed promotion.
    static func clauseText(_ clause: ClauseChange, kind: PromotionChange.Kind) -> String {
        switch kind {
        case .added: return clause.new ?? ""
        case .removed: return clause.old ?? ""
        case .changed:
            let text = "\(clause.old ?? "(none)") → \(clause.new ?? "(none)")"
            return clause.resolvesDifferently ? text + " (written the same; a name it uses changed)" : text
        }
    }

    static func impactLines(_ diff: RuleSetDiff, replay: (QuoteRequest) -> String = { $0.commandLine() }) -> [String] {
        let impact = diff.impact
        var lines = ["corpus: \(Words.corpusSummary(diff.corpus))"]
        lines.append("changed: \(Words.quoteSummary(impact)): \(Words.changeBreakdown(impact, unit: diff.unit))")
        for (label, change) in [("largest increase", impact.largestIncrease), ("largest decrease", impact.largestDecrease)] {
            guard let change else {
                lines.append("\(label): none")
                continue
            }
            lines.append("\(label): \(Words.totalChange(change, unit: diff.unit))")
            lines.append("  \(replay(change.request))")
        }
        return lines
    }

    /// Rows padded into columns two spaces apart; the last column is not padded.
    static func aligned(_ rows: [[String]], rightAligned: Set<Int> = []) -> [String] {
        TextTable(rows, rightAligned: rightAligned).lines()
    }
}
