import CoinageChecker

/// The price books of a rule set and of its experiments' arms, and the one place
/// that picks the arm a request is priced in.
///
/// Control's book is the rule set's own, compiled as if no experiment existed; each
/// other arm has a book compiled from its rules (control's with the arm's
/// declarations). Quoting in an arm is quoting with its book, so the quote path
/// itself knows nothing of experiments.
public struct ExperimentBooks: Sendable {
    /// The book of the rules as written: every request no experiment assigns is priced here.
    public let control: PriceBook
    let experiments: [CompiledExperiment]

    /// One experiment, ready to assign requests.
    struct CompiledExperiment: Sendable {
        let experiment: Experiment
        let audience: ExperimentAudience?
        /// Parallel to `experiment.arms`: each arm's book (control's for control).
        let books: [PriceBook]
        let totalWeight: Int64
    }

    /// Compiles the arms of every experiment of `rules`; `control` is `PriceBook(rules)`.
    public init(_ rules: RuleSet, control: PriceBook) {
        self.control = control
        experiments = rules.experiments.sorted { $0.name < $1.name }.map { experiment in
            CompiledExperiment(
                experiment: experiment,
                audience: experiment.audience.map { ExperimentAudience($0, rules: rules) },
                books: experiment.arms.map { arm in arm.rules.map { PriceBook($0) } ?? control },
                totalWeight: experiment.totalWeight)
        }
    }

    /// True when the rules declare no experiment: every quote is control's.
    public var isEmpty: Bool { experiments.isEmpty }

    /// The experiments' names and each one's arms, in name order.
    public var arms: [(experiment: String, arms: [String])] {
        experiments.map { compiled in (compiled.experiment.name, compiled.experiment.arms.map { $0.name }) }
    }

    /// The book of `arm` of `experiment`, if the rules declare it.
    public func book(experiment: String, arm: String) -> PriceBook? {
        guard let compiled = experiments.first(where: { $0.experiment.name == experiment }),
              let index = compiled.experiment.arms.firstIndex(where: { $0.name == arm }) else { return nil }
        return compiled.books[index]
    }

    /// The arm `request` is priced in, and its book.
    ///
    /// A request takes part in at most one experiment: the first, by name, that
    /// assigns it (its unit hashed, or an arm forced). When none does, the quote is
    /// control's, and the assignment says why for the first experiment. `forced`
    /// names an arm per experiment (`"arms"` of a JSON request); an experiment or arm
    /// the rules do not declare is refused (`unknown_arm`). Nil when the rules declare
    /// no experiment.
    public func assign(_ request: QuoteRequest, forcing forced: [String: String] = [:])
        -> Result<(assignment: ArmAssignment, book: PriceBook)?, QuoteError> {
        for (name, arm) in forced.sorted(by: { $0.key < $1.key }) where book(experiment: name, arm: arm) == nil {
            let known = experiments.first { $0.experiment.name == name }
            let help = known.map { "its arms are " + $0.experiment.arms.map { "`\($0.name)`" }.joined(separator: ", ") }
                ?? (experiments.isEmpty ? "the rules declare no experiment"
                    : "experiments are " + experiments.map { "`\($0.experiment.name)`" }.joined(separator: ", "))
            let message = known == nil ? "unknown experiment `\(name)`" : "experiment `\(name)` has no arm `\(arm)`"
            return .failure(QuoteError(.unknownArm, message, help: help))
        }
        guard !experiments.isEmpty else { return .success(nil) }
        var first: (ArmAssignment, PriceBook)?
        for compiled in experiments {
            let (assignment, index) = assignment(request, in: compiled, forced: forced[compiled.experiment.name])
            switch assignment.reason {
            case .hashed, .forced: return .success((assignment, compiled.books[index]))
            default: if first == nil { first = (assignment, control) }
            }
        }
        return .success(first)
    }

    /// Quotes `request` in the arm it is assigned to.
    public func quote(_ request: QuoteRequest, forcing forced: [String: String] = [:]) -> ExperimentQuote {
        switch assign(request, forcing: forced) {
        case .failure(let error): return ExperimentQuote(result: .failure(error), assignment: nil)
        case .success(nil): return ExperimentQuote(result: control.quote(request), assignment: nil)
        case .success(let (assignment, book)?): return ExperimentQuote(result: book.quote(request), assignment: assignment)
        }
    }

    /// The arm of `compiled` for `request`, and its index.
    private func assignment(_ request: QuoteRequest, in compiled: CompiledExperiment, forced: String?) -> (ArmAssignment, Int) {
        let experiment = compiled.experiment
        let controlIndex = experiment.arms.firstIndex { $0.name == Experiment.controlArm } ?? 0
        func control(_ reason: ArmAssignment.Reason) -> (ArmAssignment, Int) {
            (ArmAssignment(experiment: experiment.name, arm: Experiment.controlArm, reason: reason), controlIndex)
        }
        if let forced, let index = experiment.arms.firstIndex(where: { $0.name == forced }) {
            return (ArmAssignment(experiment: experiment.name, arm: forced, reason: .forced), index)
        }
        guard experiment.start <= request.instant, request.instant < experiment.end else { return control(.outsideWindow) }
        if let audience = compiled.audience, !audience.includes(request) { return control(.notInAudience) }
        let unit: String
        switch request.user[experiment.unitAttribute] {
        case .int(let number)?: unit = String(number)
        case .value(let text)?: unit = text
        default: return control(.noUnit)
        }
        let bucket = ExperimentHash.bucket(experiment: experiment.name, salt: experiment.salt, unit: unit,
                                           buckets: compiled.totalWeight)
        var upper: Int64 = 0
        for (index, arm) in experiment.arms.enumerated() {
            upper += arm.weight
            if bucket < upper {
                return (ArmAssignment(experiment: experiment.name, arm: arm.name, reason: .hashed(bucket: bucket)), index)
            }
        }
        return control(.hashed(bucket: bucket))
    }
}
