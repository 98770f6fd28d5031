import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// What an analysis of the rules takes besides the price book.
///
/// The budgets count steps, not time, so an analysis gives the same findings on
/// every machine: a step is one choice the discount guard's search visits, or one
/// alternative of a promotion's condition it or a lint looks at in a cell; a list
/// price a guard or lint measures counts as `stepsPerListPrice` steps.
public struct AnalysisOptions: Hashable, Sendable {
    /// How many days after its window closed a promotion counts as long expired.
    public static let defaultExpiredAfterDays = 30

    /// The instant the analysis treats as now, in seconds since 1970-01-01T00:00:00Z;
    /// nil when the caller gave none. The guards prove over all time either way; the
    /// lints about closed promotion windows are skipped without it.
    public var now: Int64?
    /// The rules directory as the user named it, for the `--rules` option of the
    /// `coinage quote` commands counterexamples show; nil or `rules` leaves it out.
    public var rulesDirectory: String?
    /// A promotion whose window closed more than this many days before `now` is
    /// reported as long expired (W0207) rather than as just ended (W0206).
    public var expiredAfterDays: Int
    /// How many steps the discount guard's search may take in one bundle, region and
    /// channel before it settles for the worst case found so far (and says so, W0104).
    public var searchBudget: Int
    /// How many steps each guard may take in all; the combinations it has not reached
    /// when they are spent are reported unproven (W0104).
    public var guardBudget: Int
    /// How many steps the promotion lints and the price ladder lint may take in all;
    /// past it they stop and say which promotions or prices they did not get to (W0105).
    public var lintBudget: Int

    /// The steps that measuring one list price counts for: a derivation costs about
    /// as much as this many steps of the search, so a budget bounds time either way.
    public static let stepsPerListPrice = 16

    /// The default search budget: far above what real rule sets need.
    public static let defaultSearchBudget = 1_000_000
    /// The default budget of each guard: tens of millions of combinations that price
    /// alike are proven at once, and what is left is a few seconds of work at most.
    public static let defaultGuardBudget = 20_000_000
    /// The default budget of the lints.
    public static let defaultLintBudget = 20_000_000

    public init(now: Int64? = nil, rulesDirectory: String? = nil,
                expiredAfterDays: Int = AnalysisOptions.defaultExpiredAfterDays,
                searchBudget: Int = AnalysisOptions.defaultSearchBudget,
                guardBudget: Int = AnalysisOptions.defaultGuardBudget,
                lintBudget: Int = AnalysisOptions.defaultLintBudget) {
        self.now = now
        self.rulesDirectory = rulesDirectory
        self.expiredAfterDays = expiredAfterDays
        self.searchBudget = searchBudget
        self.guardBudget = guardBudget
        self.lintBudget = lintBudget
    }
}
