import CoinageChecker
import CoinageEngine

/// One experiment arm compared with control: the diff of control's rules and the
/// arm's, and the share of traffic the arm reaches.
public struct ExperimentDiff: Sendable {
    public let experiment: String
    public let arm: String
    /// The arm's weight and the sum of the experiment's weights: the arm takes
    /// `weight / totalWeight` of the requests the experiment assigns.
    public let weight: Int64
    public let totalWeight: Int64
    /// The audience as written; nil when everyone takes part.
    public let audience: String?
    /// How many of the diff's sampled requests the audience takes in, of `diff.corpus.count`.
    public let inAudience: Int
    /// The window, UTC seconds, half-open.
    public let start: Int64
    public let end: Int64
    /// Control (old) against the arm (new), as `coinage diff` compares two rule sets;
    /// its quote impact counts only the sampled requests the experiment would assign
    /// (in its audience and its window).
    public let diff: RuleSetDiff

    /// Every arm but control of every experiment of `rules`, in the order written.
    public static func all(_ control: ComparedRules, at reference: Int64, limits: CorpusLimits = .standard) -> [ExperimentDiff] {
        let rules = control.rules
        return rules.experiments.flatMap { experiment in
            experiment.arms.compactMap { arm -> ExperimentDiff? in
                guard let armRules = arm.rules else { return nil }
                let audience = experiment.audience.map { ExperimentAudience($0, rules: rules) }
                // The arm prices only what the experiment assigns: requests in its
                // audience and its window (a forced arm aside, which is QA, not traffic).
                let (start, end) = (experiment.start, experiment.end)
                let diff = RuleSetDiff(old: control, new: ComparedRules(rules: armRules, book: PriceBook(armRules)),
                                       at: reference, limits: limits) { request in
                    request.instant >= start && request.instant < end && audience?.includes(request) != false
                }
                var inAudience = diff.corpus.count
                if let audience {
                    inAudience = 0
                    for position in 0..<diff.corpus.count where audience.includes(diff.corpus.request(at: position)) {
                        inAudience += 1
                    }
                }
                let source = experiment.audience.map { rules.sources[$0.span.file].text(of: $0.span) }
                return ExperimentDiff(experiment: experiment.name, arm: arm.name, weight: arm.weight,
                                      totalWeight: experiment.totalWeight, audience: source, inAudience: inAudience,
                                      start: experiment.start, end: experiment.end, diff: diff)
            }
        }
    }
}
