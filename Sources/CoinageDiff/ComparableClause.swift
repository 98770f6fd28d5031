import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// One clause of a checked promotion, in a form two rule sets can be compared by.
///
/// `value` is canonical and free of source positions (sets sorted, markets
/// expanded), so moving a promotion to another file or reformatting it changes
/// nothing, while a market that gained a region does. `text` is what a reader sees:
/// the condition as written, the other clauses as the language writes them.
struct ComparableClause: Hashable, Sendable {
    /// The clause's keyword: `when`, `during`, `every`, `code`, `limit`, `discount`,
    /// `price`, `bonus`, `priority`, `exclusive`, `group`.
    let keyword: String
    let value: String
    let text: String

    /// The keywords in the order a promotion block is usually written, which is the
    /// order changes are reported in.
    static let keywordOrder = ["when", "during", "every", "code", "limit", "discount", "price", "bonus",
                               "priority", "exclusive", "group"]

    /// Every clause `promotion` has; `priority` only when it is not the default 0.
    static func clauses(of promotion: Promotion, sources: SourceMap) -> [ComparableClause] {
        var clauses: [ComparableClause] = []
        func add(_ keyword: String, _ value: String, text: String? = nil) {
            clauses.append(ComparableClause(keyword: keyword, value: value, text: text ?? value))
        }
        if let condition = promotion.condition {
            let written = sources.files.first { $0.id == condition.span.file }.map { $0.text(of: condition.span) }
            add("when", ConditionText.canonical(condition), text: written.map(collapsingWhitespace))
        }
        if let window = promotion.window { add("during", windowText(window)) }
        if let weekly = promotion.weekly { add("every", weeklyText(weekly)) }
        if let code = promotion.code { add("code", "\"\(code)\"") }
        switch (promotion.totalLimit, promotion.perUserLimit) {
        case let (total?, perUser?): add("limit", "\(total), \(perUser) per user")
        case let (total?, nil): add("limit", "\(total)")
        case let (nil, perUser?): add("limit", "\(perUser) per user")
        case (nil, nil): break
        }
        switch promotion.priceEffect {
        case .percentOff(let percent): add("discount", percent.description)
        case .amountOff(let money): add("discount", money.description)
        case .setPrice(let money): add("price", money.description)
        case nil: break
        }
        switch promotion.bonus {
        case .percent(let percent): add("bonus", percent.description)
        case .coins(let coins): add("bonus", "\(coins) coins")
        case nil: break
        }
        if promotion.priority != 0 { add("priority", String(promotion.priority)) }
        if promotion.exclusive { add("exclusive", "exclusive") }
        if let group = promotion.group { add("group", group) }
        return clauses
    }

    static func windowText(_ window: DateWindow) -> String {
        let range = window.wholeDays ? "\(window.start.date) to \(window.end.date)" : "\(window.start) to \(window.end)"
        return range + zoneText(window.zone)
    }

    static func weeklyText(_ weekly: WeeklySchedule) -> String {
        let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        var text = weekly.days.sorted().compactMap { $0 >= 1 && $0 <= 7 ? names[$0 - 1] : nil }.joined(separator: ", ")
        if let from = weekly.from, let to = weekly.to { text += " from \(clockText(from)) to \(clockText(to))" }
        return text + zoneText(weekly.zone)
    }

    private static func zoneText(_ zone: ZoneReference) -> String {
        switch zone {
        case .local: " local"
        case .named(let name): " " + name
        }
    }

    /// `18:00`, or `18:00:30` when the clause has seconds.
    private static func clockText(_ seconds: Int) -> String {
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let text = "\(pad(seconds / 3600)):\(pad(seconds / 60 % 60))"
        return seconds % 60 == 0 ? text : text + ":\(pad(seconds % 60))"
    }

    private static func collapsingWhitespace(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }
}

/// A checked condition written out canonically: fully parenthesized, every set sorted.
enum ConditionText {
    static func canonical(_ condition: Condition) -> String {
        switch condition.kind {
        case .and(let a, let b): "(\(canonical(a)) and \(canonical(b)))"
        case .or(let a, let b): "(\(canonical(a)) or \(canonical(b)))"
        case .not(let a): "not \(canonical(a))"
        case .bundle(let names): "bundle in \(list(names))"
        case .region(let codes): "region in \(list(codes))"
        case .channel(let names): "channel in \(list(names))"
        case .currency(let codes): "currency in \(list(codes))"
        case .coins(let op, let value): "coins \(op.rawValue) \(value)"
        case .list(let op, let money): "list \(op.rawValue) \(money)"
        case .userBool(let name, let value): "user.\(name) == \(value)"
        case .userInt(let name, let op, let value): "user.\(name) \(op.rawValue) \(value)"
        case .userDate(let name, let op, let date): "user.\(name) \(op.rawValue) \(date)"
        case .userValue(let name, let values): "user.\(name) in \(list(values))"
        case .userValueExcluded(let name, let values): "user.\(name) not in \(list(values))"
        }
    }

    private static func list(_ names: Set<String>) -> String { "[" + names.sorted().joined(separator: ", ") + "]" }
}
