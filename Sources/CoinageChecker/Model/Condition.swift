import CoinageSyntax

/// A type-checked promotion condition. Every name in it is known to exist, every
/// comparison is between values of one type.
public struct Condition: Hashable, Sendable {
    public indirect enum Kind: Hashable, Sendable {
        case and(Condition, Condition)
        case or(Condition, Condition)
        case not(Condition)
        /// `bundle in [..]`, `bundle == x`: the bundle or custom-amount name is one of these.
        case bundle(Set<String>)
        /// `region in eurozone`: market members are expanded here.
        case region(Set<String>)
        case channel(Set<String>)
        case currency(Set<String>)
        /// `coins >= 1_000`: base coins of the quote.
        case coins(ComparisonOperator, Int64)
        /// `list >= 9.99 USD`: the list price, compared after converting with the rates.
        case list(ComparisonOperator, Money)
        /// `user.first_purchase` or `user.first_purchase == false`.
        case userBool(String, Bool)
        case userInt(String, ComparisonOperator, Int64)
        case userDate(String, ComparisonOperator, CivilDate)
        /// `user.segment in [vip, whale]`
        case userValue(String, Set<String>)
        /// `user.segment != lapsed`, `user.segment not in [...]`: unknown, like every
        /// comparison, when the request does not carry the attribute.
        case userValueExcluded(String, Set<String>)
    }

    public let kind: Kind
    /// The source text of the condition, for traces.
    public let span: SourceSpan

    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

/// A declared user attribute and its type.
public struct UserAttribute: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case bool
        case int(ClosedRange<Int64>?)
        case date
        case oneOf([String])
        /// Any text (`.value` facts), such as a user id: never compared by a
        /// condition, read only as an experiment's unit.
        case text
    }

    public let name: String
    public let kind: Kind
    public let span: SourceSpan

    /// The type with its article, for messages: "a bool", "an int".
    public var typeDescriptionWithArticle: String {
        switch kind {
        case .int: "an int"
        case .oneOf: "one of a set of values"
        default: "a \(typeDescription)"
        }
    }

    /// How the type is named in messages.
    public var typeDescription: String {
        switch kind {
        case .bool: "bool"
        case .int: "int"
        case .date: "date"
        case .oneOf: "one of"
        case .text: "text"
        }
    }
}
