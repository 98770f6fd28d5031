import CoinageChecker
import CoinageEngine

/// One side of a comparison: a checked rule set and the price book compiled from it.
///
/// The diff reads the declarations (names, promotions, user attributes) from the
/// rules and every price and quote from the book.
public struct ComparedRules: Sendable {
    public let rules: RuleSet
    public let book: PriceBook

    /// A side whose book is already compiled (the pipeline's result).
    public init(rules: RuleSet, book: PriceBook) {
        self.rules = rules
        self.book = book
    }

    /// A side compiled here.
    public init(_ rules: RuleSet) {
        self.init(rules: rules, book: PriceBook(rules))
    }
}
