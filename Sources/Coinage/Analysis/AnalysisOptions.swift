/// What an analysis of the rules takes besides the price book.
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
    /// How many choices the discount guard's search may visit per bundle, region and
    /// channel before it settles for the worst case found so far (and says so).
    public var searchBudget: Int

    /// The default search budget: far above what real rule sets need.
    public static let defaultSearchBudget = 200_000

    public init(now: Int64? = nil, rulesDirectory: String? = nil,
                expiredAfterDays: Int = AnalysisOptions.defaultExpiredAfterDays,
                searchBudget: Int = AnalysisOptions.defaultSearchBudget) {
        self.now = now
        self.rulesDirectory = rulesDirectory
        self.expiredAfterDays = expiredAfterDays
        self.searchBudget = searchBudget
    }
}
