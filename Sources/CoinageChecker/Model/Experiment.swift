import CoinageSyntax

/// A checked `experiment`: who takes part, when, how a request is hashed to an arm,
/// and each arm's rules (control's are the rule set's own).
public struct Experiment: Sendable {
    public let name: String
    /// Mixed into the hash; the experiment's name when the rules give none.
    public let salt: String
    /// The `int` user attribute whose value is the assignment unit.
    public let unitAttribute: String
    /// Who takes part; nil for everyone.
    public let audience: Condition?
    /// When requests are assigned, as written.
    public let window: DateWindow
    /// The window in UTC seconds, half-open: `start <= instant < end`.
    public let start: Int64
    public let end: Int64
    /// In the order written; exactly one is named `control` and has no body.
    public let arms: [ExperimentArmRules]
    public let span: SourceSpan

    /// The sum of the arms' weights: the number of buckets, never zero.
    public var totalWeight: Int64 { arms.reduce(0) { $0 + $1.weight } }

    /// The arm named `name`.
    public func arm(_ name: String) -> ExperimentArmRules? { arms.first { $0.name == name } }

    /// The name every experiment's unchanged arm has.
    public static let controlArm = "control"
}

/// One arm of an experiment: its weight and, for every arm but control, the rule
/// set control's rules become with the arm's declarations.
public struct ExperimentArmRules: Sendable {
    public let name: String
    public let weight: Int64
    /// Nil for control: its rules are the experiment's rule set itself.
    public let rules: RuleSet?
    public let span: SourceSpan

    public var isControl: Bool { rules == nil }
}

/// A test's `arm EXPERIMENT ARM` line: the test quotes in that arm.
public struct ExperimentPin: Hashable, Sendable {
    public let experiment: String
    public let arm: String

    public init(experiment: String, arm: String) {
        self.experiment = experiment
        self.arm = arm
    }
}
