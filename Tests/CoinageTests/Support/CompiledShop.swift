import Coinage
import CoinageChecker
import CoinageDiff
import CoinageEngine
import CoinageFoundation

/// A checked rule set and the price book compiled from it.
///
/// The book holds only what quotes; the analysis, the lints, the rule-test runner
/// and the diff are given the rules beside it, so a test that builds rules for them
/// keeps both together.
struct CompiledShop {
    let rules: RuleSet
    let book: PriceBook

    /// A shop whose book is already compiled (the pipeline's result).
    init(rules: RuleSet, book: PriceBook) {
        self.rules = rules
        self.book = book
    }

    /// A shop compiled here.
    init(_ rules: RuleSet) {
        self.init(rules: rules, book: PriceBook(rules))
    }

    /// The rules of a directory and their book, as `PriceBook.load` checks and
    /// compiles them (with the system's zones); rules with errors throw `invalid`.
    static func load(rulesDirectory path: String) throws(RulesError) -> CompiledShop {
        let result: PipelineResult
        do {
            result = try Pipeline.load(rulesDirectory: path)
        } catch {
            throw .unreadable(error)
        }
        guard let rules = result.ruleSet, let book = result.priceBook else { throw .invalid(result.checked) }
        return CompiledShop(rules: rules, book: book)
    }

    /// The shop as one side of a diff.
    var compared: ComparedRules { ComparedRules(rules: rules, book: book) }
}
