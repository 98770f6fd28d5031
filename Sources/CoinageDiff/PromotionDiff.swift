import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// One promotion that was added, removed or changed between two rule sets.
public struct PromotionChange: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case added
        case removed
        case changed
    }

    public let name: String
    public let kind: Kind
    /// For an added or removed promotion, every clause it has (on the side it
    /// exists); for a changed one, only the clauses that differ.
    public let clauses: [ClauseChange]
}

/// A clause of a promotion before and after; nil on the side that lacks it.
public struct ClauseChange: Hashable, Sendable {
    /// `when`, `during`, `every`, `code`, `limit`, `discount`, `price`, `bonus`,
    /// `priority`, `exclusive` or `group`.
    public let keyword: String
    public let old: String?
    public let new: String?
    /// True when the clause reads the same on both sides but means something else,
    /// because a market or list it names changed (`region in eurozone`).
    public let resolvesDifferently: Bool
}

/// Compares the promotions of two rule sets by name, clause by clause.
public enum PromotionDiff {
    /// Added, removed and changed promotions, by name ascending. A promotion that only
    /// moved (another file, other whitespace) is unchanged.
    public static func compare(old: RuleSet, new: RuleSet) -> [PromotionChange] {
        let names = Set(old.promotions.map(\.name)).union(new.promotions.map(\.name)).sorted()
        var changes: [PromotionChange] = []
        for name in names {
            let before = old.promotion(name).map { ComparableClause.clauses(of: $0, sources: old.sources) }
            let after = new.promotion(name).map { ComparableClause.clauses(of: $0, sources: new.sources) }
            switch (before, after) {
            case (nil, let clauses?):
                changes.append(PromotionChange(name: name, kind: .added, clauses: clauses.map {
                    ClauseChange(keyword: $0.keyword, old: nil, new: $0.text, resolvesDifferently: false)
                }))
            case (let clauses?, nil):
                changes.append(PromotionChange(name: name, kind: .removed, clauses: clauses.map {
                    ClauseChange(keyword: $0.keyword, old: $0.text, new: nil, resolvesDifferently: false)
                }))
            case let (before?, after?):
                let differences = clauseChanges(before, after)
                if !differences.isEmpty { changes.append(PromotionChange(name: name, kind: .changed, clauses: differences)) }
            case (nil, nil):
                break
            }
        }
        return changes
    }

    /// The clauses whose canonical values differ, in the usual writing order.
    static func clauseChanges(_ before: [ComparableClause], _ after: [ComparableClause]) -> [ClauseChange] {
        let old = Dictionary(before.map { ($0.keyword, $0) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(after.map { ($0.keyword, $0) }, uniquingKeysWith: { first, _ in first })
        return ComparableClause.keywordOrder.compactMap { keyword in
            let a = old[keyword]
            let b = new[keyword]
            guard a?.value != b?.value else { return nil }
            // A promotion without `priority` has priority 0, and reads better as `0 → 90`.
            let missing = keyword == "priority" ? "0" : nil
            return ClauseChange(keyword: keyword, old: a?.text ?? missing, new: b?.text ?? missing,
                                resolvesDifferently: a != nil && a?.text == b?.text)
        }
    }
}
