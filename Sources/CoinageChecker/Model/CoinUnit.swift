import CoinageSyntax

/// What the shop calls its coins (`unit bit, bits`): the word for one and the word
/// for many. Every text the package writes for people counts coins in it; JSON
/// keeps its keys (`coins`, `coinsRequested`) whatever the unit.
public struct CoinUnit: Hashable, Sendable {
    public let singular: String
    public let plural: String

    public init(singular: String, plural: String) {
        self.singular = singular
        self.plural = plural
    }

    /// The unit of a rule set without a `unit` declaration.
    public static let coins = CoinUnit(singular: "coin", plural: "coins")

    /// `1 bit`, `100 bits`: a count with the word that agrees with it.
    public func count(_ count: Int64) -> String {
        "\(count) \(count == 1 ? singular : plural)"
    }

    /// `1 bit`, `100 bits`, for counts that are not `Int64`.
    public func count(_ count: Int) -> String { self.count(Int64(count)) }

    /// The word for `count` alone: the singular for 1, else the plural.
    public func word(for count: Int64) -> String { count == 1 ? singular : plural }

    /// True when `word` names a count of coins in this rule set: the built-in
    /// `coin` and `coins`, or the unit's own words.
    public func accepts(_ word: String) -> Bool {
        word == "coin" || word == "coins" || word == singular || word == plural
    }
}
