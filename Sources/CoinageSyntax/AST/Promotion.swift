/// `promotion black_friday { ... }`: a name and its clauses in source order.
public struct PromotionDeclaration: Hashable, Sendable {
    public let name: Name
    public let clauses: [PromotionClause]
    /// False when recovery dropped a broken clause: what is missing may be in it.
    public let isComplete: Bool
    public let span: SourceSpan
}

/// One clause of a promotion block.
public struct PromotionClause: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// `when EXPR`
        case when(Expression)
        // The large payloads are boxed (`indirect`), so that a clause is the size of the
        // small ones: a big shop holds hundreds of thousands of clauses at once.
        /// `during D to D [local|ZONE]`
        indirect case during(Window)
        /// `every sat, sun [from 18:00 to 22:00] [local|ZONE]`
        indirect case every(WeeklyWindow)
        /// `code "VIP2026"`
        case code(StringLiteral)
        /// `limit 10_000`, `limit 1 per user`, `limit 10_000, 1 per user`
        indirect case limit(total: NumberLiteral?, perUser: NumberLiteral?)
        /// `discount 20%`
        case discountPercent(PercentLiteral)
        /// `discount 2.00 USD`
        indirect case discountAmount(MoneyLiteral)
        /// `price 4.99 USD`
        indirect case price(MoneyLiteral)
        /// `bonus 10%`
        case bonusPercent(PercentLiteral)
        /// `bonus 100 coins`
        indirect case bonusCoins(NumberLiteral)
        /// `priority 95`
        indirect case priority(NumberLiteral)
        /// `exclusive`
        case exclusive
        /// `group weekend`
        case group(Name)
    }

    public let kind: Kind
    public let span: SourceSpan

    public init(kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// The keyword that opens the clause. The parser accepts each clause by its one
    /// spelling, so the kind tells it: kept as text, it was a fifth of every clause
    /// of a big shop's syntax tree.
    public var keyword: String {
        switch kind {
        case .when: "when"
        case .during: "during"
        case .every: "every"
        case .code: "code"
        case .limit: "limit"
        case .discountPercent, .discountAmount: "discount"
        case .price: "price"
        case .bonusPercent, .bonusCoins: "bonus"
        case .priority: "priority"
        case .exclusive: "exclusive"
        case .group: "group"
        }
    }
}

/// `during 2026-11-27 to 2026-11-30 local`
public struct Window: Hashable, Sendable {
    public let start: TimePoint
    public let end: TimePoint
    public let zone: ZoneSpec?
}

/// `every sat, sun from 18:00 to 22:00 local`
public struct WeeklyWindow: Hashable, Sendable {
    public let days: [Name]
    public let from: TimeLiteral?
    public let to: TimeLiteral?
    public let zone: ZoneSpec?
}

/// `user.segment` in a condition: the attribute's name, and the span from `user` to
/// the name's end.
///
/// The name's own span is not stored but derived (it ends where the whole does, and
/// a name's text is its source): with it, this payload was the one that made every
/// `Expression` 48 bytes instead of 32, in each list element and each operand of a
/// big shop's conditions.
public struct UserAttributeReference: Hashable, Sendable {
    /// The attribute's name, `segment`.
    public let text: String
    /// From `user` to the end of the name.
    public let span: SourceSpan

    public init(name: Name, span: SourceSpan) {
        self.text = name.text
        self.span = span
    }

    /// The attribute's name and where it stands.
    public var name: Name {
        let end = Int(span.end)
        return Name(text, span: SourceSpan(file: span.file, start: max(Int(span.start), end - text.utf8.count), end: end))
    }
}

/// The comparison operators of conditions.
public enum ComparisonOperator: String, Hashable, Sendable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    public var isOrdering: Bool { self != .equal && self != .notEqual }
}

/// A condition expression as written. Names stay unresolved words here: the
/// checker reads a word on the left of a comparison as a field (`region`) and on the
/// right as a value of that field's type (`coins_700`, `eurozone`, `vip`).
///
/// Only the cases that hold expressions, and the large literals, are boxed: a name, a
/// code or a list is stored in place, which saves an allocation per word of a condition.
public enum Expression: Hashable, Sendable {
    indirect case or(Expression, Expression, SourceSpan)
    indirect case and(Expression, Expression, SourceSpan)
    indirect case not(Expression, SourceSpan)
    indirect case comparison(Expression, ComparisonOperator, Expression, SourceSpan)
    /// `x in [..]` or `x not in market`
    indirect case membership(Expression, negated: Bool, Expression, SourceSpan)
    indirect case parenthesized(Expression, SourceSpan)
    /// A bare lowercase word: a field or a value name.
    case word(Name)
    /// `user.segment`
    case userAttribute(UserAttributeReference)
    case code(Code)
    indirect case number(NumberLiteral)
    indirect case money(MoneyLiteral)
    case percent(PercentLiteral)
    case boolean(Bool, SourceSpan)
    case string(StringLiteral)
    case date(TimePoint)
    case list([Expression], SourceSpan)

    public var span: SourceSpan {
        switch self {
        case .or(_, _, let s), .and(_, _, let s), .not(_, let s), .comparison(_, _, _, let s),
             .membership(_, _, _, let s), .parenthesized(_, let s),
             .boolean(_, let s), .list(_, let s):
            s
        case .userAttribute(let reference): reference.span
        case .word(let name): name.span
        case .code(let code): code.span
        case .number(let n): n.span
        case .money(let m): m.span
        case .percent(let p): p.span
        case .string(let s): s.span
        case .date(let d): d.span
        }
    }
}
