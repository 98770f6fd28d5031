import CoinageChecker

/// Which arm of an experiment a quote was priced in, and why.
public struct ArmAssignment: Hashable, Sendable {
    /// Why a request got its arm. Only `hashed` and `forced` can give an arm other
    /// than control.
    public enum Reason: Hashable, Sendable {
        /// The unit's hash fell in the arm's share of the buckets.
        case hashed(bucket: Int64)
        /// The request named the arm (`"arms": {"EXPERIMENT": "ARM"}`, `--arm`, or a
        /// test's `arm` line).
        case forced
        /// The request carries no value of the experiment's unit attribute.
        case noUnit
        /// The request's instant is before the window opens or after it closes.
        case outsideWindow
        /// The request is not in the experiment's audience.
        case notInAudience

        /// The reason's stable name, as JSON and text output show it.
        public var name: String {
            switch self {
            case .hashed: "assigned"
            case .forced: "forced"
            case .noUnit: "no_unit"
            case .outsideWindow: "outside_window"
            case .notInAudience: "not_in_audience"
            }
        }
    }

    public let experiment: String
    public let arm: String
    public let reason: Reason

    public init(experiment: String, arm: String, reason: Reason) {
        self.experiment = experiment
        self.arm = arm
        self.reason = reason
    }
}

/// A quote priced through `ExperimentBooks`: the quote or refusal, and the arm.
public struct ExperimentQuote: Sendable {
    public let result: Result<Quote, QuoteError>
    /// Nil when the rules declare no experiment.
    public let assignment: ArmAssignment?

    public init(result: Result<Quote, QuoteError>, assignment: ArmAssignment?) {
        self.result = result
        self.assignment = assignment
    }
}
