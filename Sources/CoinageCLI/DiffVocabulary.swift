import Coinage
import CoinageSyntax

/// The words and figures every rendering of `coinage diff` shares, so text,
/// markdown and JSON never disagree about a request or a number.
enum DiffVocabulary {
    /// `coins_700 in DE on web`, `5000 coins in US on web` (in the shop's unit).
    static func cell(_ item: QuoteRequest.Item, region: String, channel: String?, unit: CoinUnit) -> String {
        let what: String = switch item {
        case .bundle(let name): name
        case .coins(let amount): unit.count(amount)
        }
        return "\(what) in \(region)" + (channel.map { " on \($0)" } ?? "")
    }

    /// `2026-11-27T23:00:00Z`.
    static func instant(_ seconds: Int64) -> String { CivilTime.format(seconds) + "Z" }

    /// `12,345`: digits grouped by thousands for people (JSON keeps plain integers).
    static func count(_ value: Int) -> String {
        (value < 0 ? "-" : "") + count(digits: String(value.magnitude))
    }

    /// `3,486,784,401`: decimal digits of any length, grouped by three.
    static func count(digits: String) -> String {
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return grouped
    }

    /// `3 changed, 1 added, 0 removed of 105 cells`.
    static func listPriceSummary(_ diff: ListPriceDiff) -> String {
        "\(count(diff.count(.changed))) changed, \(count(diff.count(.added))) added, \(count(diff.count(.removed))) removed"
            + " of \(count(diff.cellsCompared)) cells"
    }

    /// `1 added, 1 removed, 2 changed`.
    static func promotionSummary(_ changes: [PromotionChange]) -> String {
        let counts = [PromotionChange.Kind.added, .removed, .changed].map { kind in
            "\(changes.count { $0.kind == kind }) \(kind.rawValue)"
        }
        return counts.joined(separator: ", ")
    }

    /// `1,234 of 20,000 (6.17%)`.
    static func quoteSummary(_ impact: QuoteImpact) -> String {
        "\(count(impact.changed)) of \(count(impact.requests)) (\(impact.shareChanged.percentText()))"
    }

    /// `800 in price or total, 300 in coins, 10 refused on one side only`.
    static func changeBreakdown(_ impact: QuoteImpact, unit: CoinUnit) -> String {
        "\(count(impact.priceChanged)) in price or total, \(count(impact.coinsChanged)) in \(unit.plural), "
            + "\(count(impact.refusalChanged)) refused on one side only"
    }

    /// `+25.00% coins_700 in DE on web: 6.49 EUR → 8.11 EUR`.
    static func totalChange(_ change: QuoteImpact.TotalChange, unit: CoinUnit) -> String {
        "\(change.percent) \(cell(change.request.item, region: change.request.region, channel: change.request.channel, unit: unit)):"
            + " \(change.old) → \(change.new)"
    }

    /// How the corpus was made, in one sentence.
    static func corpusSummary(_ corpus: QuoteCorpus) -> String {
        let counts = corpus.instants.values.map(\.count)
        let low = counts.min() ?? 0
        let high = counts.max() ?? 0
        let instants = low == high ? "\(count(low)) instants" : "\(count(low))–\(count(high)) instants per region"
        let profiles = corpus.profiles.isSampled
            ? "\(count(corpus.profiles.profiles.count)) user profiles (sampled from \(count(digits: corpus.profiles.exactCombinationCount)))"
            : "\(count(corpus.profiles.profiles.count)) user profile\(corpus.profiles.profiles.count == 1 ? "" : "s")"
        var text = "\(count(corpus.cells.count)) cells × \(profiles) × \(instants) × \(corpus.codeSets.count) code set"
            + (corpus.codeSets.count == 1 ? "" : "s")
        text += corpus.isSampled
            ? ": \(count(corpus.count)) requests sampled from \(count(corpus.fullCount))"
            : ": \(count(corpus.count)) requests"
        return text + ", counted from \(instant(corpus.reference))"
    }

    /// `6.49 EUR`, `overflow`, or `—` for a cell a side does not have.
    static func price(_ price: CellPrice?) -> String { price?.description ?? "—" }

    /// The percentage column of a list-price change: a number, or why there is none.
    static func percent(_ change: ListPriceChange) -> String {
        if let percent = change.percent { return percent.description }
        switch change.kind {
        case .added: return "added"
        case .removed: return "removed"
        case .changed: return change.currencyChanged ? "currency changed" : "—"
        }
    }
}
