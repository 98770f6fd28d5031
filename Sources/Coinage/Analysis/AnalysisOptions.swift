/// What an analysis of the rules takes besides the price book.
public struct AnalysisOptions: Hashable, Sendable {
    /// The instant the analysis treats as now, in seconds since 1970-01-01T00:00:00Z;
    /// nil when the caller gave none. The guards prove over all time either way.
    public var now: Int64?
    /// The rules directory as the user named it, for the `--rules` option of the
    /// `coinage quote` commands counterexamples show; nil or `rules` leaves it out.
    public var rulesDirectory: String?
    /// How many choices the discount guard's search may visit per bundle, region and
    /// channel before it settles for the worst case found so far (and says so).
    public var searchBudget: Int

    /// The default search budget: far above what real rule sets need.
    public static let defaultSearchBudget = 200_000

    public init(now: Int64? = nil, rulesDirectory: String? = nil, searchBudget: Int = AnalysisOptions.defaultSearchBudget) {
        self.now = now
        self.rulesDirectory = rulesDirectory
        self.searchBudget = searchBudget
    }
}
