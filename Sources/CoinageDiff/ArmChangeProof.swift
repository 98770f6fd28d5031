import CoinageChecker
import CoinageEngine

/// Where a proof ran: control, or one arm of an experiment.
public struct ProofArm: Hashable, Sendable, CustomStringConvertible {
    /// Nil for control.
    public let experiment: String?
    public let arm: String

    public init(experiment: String, arm: String) {
        self.experiment = experiment
        self.arm = arm
    }

    private init() {
        experiment = nil
        arm = Experiment.controlArm
    }

    /// The rules outside every experiment.
    public static let control = ProofArm()

    public var isControl: Bool { experiment == nil }

    /// `control`, or `EXPERIMENT/ARM` as reports name an arm.
    public var description: String { experiment.map { "\($0)/\(arm)" } ?? arm }

    /// `EXPERIMENT=ARM`, as `coinage quote --arm` takes it; nil for control.
    public var forcing: String? { experiment.map { "\($0)=\(arm)" } }
}

/// The claims proven in one arm: which sides declare it, and the proof.
public struct ArmProof: Sendable {
    public let arm: ProofArm
    /// Whether each side declares the arm: a side that does not is proven with its
    /// control rules, and its commands and tests do not force the arm (it would be
    /// refused as `unknown_arm` there).
    public let oldDeclares: Bool
    public let newDeclares: Bool
    /// Nil when the proof was skipped: both sides price the arm with their control
    /// rules (a side without the arm, or an arm without a body), so its proof would
    /// be control's.
    public let proof: ChangeProof?
}

/// A claim decided over control and every arm: the first disproof, or every
/// incomplete proof, or proven everywhere.
public enum ArmProofOutcome: Sendable {
    case proven
    /// The first counterexample, in control then the arms in order, and where it was found.
    case disproven(ProofCounterexample, in: ProofArm)
    /// Each place whose proof is incomplete, with its reason, when none disproves.
    case incomplete([(arm: ProofArm, reason: String)])
}

/// The claims of `ChangeProof`, proven once with the two control rule sets and once
/// per experiment arm that either side declares.
///
/// An arm is proven over every request forced into it: each side quotes with its
/// arm's book, or its control book when it does not declare the arm. That is more
/// requests than the arm reaches in traffic (its window, audience and share are not
/// read, as `--arm` does not read them), so a claim proven there holds for whoever
/// the arm gets, and a counterexample may be a request only `--arm` sends to it.
public struct ArmChangeProof: Sendable {
    public let claims: [ProofClaim]
    /// The two control rule sets, as `ChangeProof` alone compares them.
    public let control: ChangeProof
    /// Every non-control arm of either side, by experiment then arm name.
    public let arms: [ArmProof]
    /// One outcome per claim, over control and every arm.
    public let outcomes: [ArmProofOutcome]

    public var allProven: Bool { outcomes.allSatisfy { if case .proven = $0 { true } else { false } } }
    public var anyDisproven: Bool { outcomes.contains { if case .disproven = $0 { true } else { false } } }
    /// Requests quoted on both sides, over every proof run.
    public var requestsQuoted: Int { arms.reduce(control.requestsQuoted) { $0 + ($1.proof?.requestsQuoted ?? 0) } }

    /// Decides `claims` for the change from `old` to `new` in control and in each arm;
    /// each proof has the whole `budget`.
    public init(_ claims: [ProofClaim], old: ComparedRules, new: ComparedRules, budget: ProofBudget = .standard,
                at reference: Int64 = QuoteRequest.coveredInstants.lowerBound) {
        self.claims = claims
        control = ChangeProof(claims, old: old, new: new, budget: budget, at: reference)
        arms = Self.arms(old: old.rules, new: new.rules).map { arm in
            let oldArm = Self.declaration(arm, in: old.rules)
            let newArm = Self.declaration(arm, in: new.rules)
            let oldRules = oldArm.flatMap(\.rules)
            let newRules = newArm.flatMap(\.rules)
            guard oldRules != nil || newRules != nil else {
                return ArmProof(arm: arm, oldDeclares: oldArm != nil, newDeclares: newArm != nil, proof: nil)
            }
            let proof = ChangeProof(claims, old: oldRules.map { ComparedRules($0) } ?? old,
                                    new: newRules.map { ComparedRules($0) } ?? new, budget: budget, at: reference)
            return ArmProof(arm: arm, oldDeclares: oldArm != nil, newDeclares: newArm != nil, proof: proof)
        }
        let runs = [(ProofArm.control, control)] + arms.compactMap { run in run.proof.map { (run.arm, $0) } }
        outcomes = claims.indices.map { index in Self.combined(runs.map { ($0.0, $0.1.outcomes[index]) }) }
    }

    /// The non-control arms of either side's experiments, without repeats, by
    /// experiment then arm name.
    static func arms(old: RuleSet, new: RuleSet) -> [ProofArm] {
        var found = Set<ProofArm>()
        for experiment in old.experiments + new.experiments {
            for arm in experiment.arms where arm.name != Experiment.controlArm {
                found.insert(ProofArm(experiment: experiment.name, arm: arm.name))
            }
        }
        return found.sorted { ($0.experiment ?? "", $0.arm) < ($1.experiment ?? "", $1.arm) }
    }

    /// The arm's declaration in `rules`, nil when they do not declare it.
    static func declaration(_ arm: ProofArm, in rules: RuleSet) -> ExperimentArmRules? {
        rules.experiments.first { $0.name == arm.experiment }?.arm(arm.arm)
    }

    /// One claim's outcome from its outcome in each run: the first disproof, else
    /// every incomplete one, else proven.
    static func combined(_ outcomes: [(ProofArm, ProofOutcome)]) -> ArmProofOutcome {
        var incomplete: [(arm: ProofArm, reason: String)] = []
        for (arm, outcome) in outcomes {
            switch outcome {
            case .proven: continue
            case .disproven(let example): return .disproven(example, in: arm)
            case .incomplete(let reason): incomplete.append((arm, reason))
            }
        }
        return incomplete.isEmpty ? .proven : .incomplete(incomplete)
    }
}
