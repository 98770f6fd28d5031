@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageSyntax
import Testing

/// `diff --prove` in experiment arms: each arm of either side proven over the
/// requests forced into it, against the other side's arm or its control, and each
/// claim's outcome over control and every arm.
@Suite struct ArmChangeProofTests {
    typealias F = WalkFixture

    static let header = "base currency USD\nregion US: USD\nregion DE: EUR\nrate EUR 0.9\nuser id: int\n"
    static let bundles = "bundle b: 100 coins, 9.99 USD\nbundle c: 500 coins, 39.99 USD\n"
    static let cheaper = ProofArm(experiment: "price_test", arm: "cheaper")
    static let all: [ProofClaim] = [.noPriceIncrease, .sameQuotes, .noLostPromotion]

    /// An experiment `price_test` whose arms are `arms`, written as in the rules.
    static func experiment(_ arms: String) -> String {
        "experiment price_test {\n  during 2026-12-01 to 2027-01-01 UTC\n  unit user.id\n  arm control 50\n" + arms + "}\n"
    }

    static func side(_ body: String) throws -> ComparedRules {
        try F.shop(Self.bundles + body, header: header).compared
    }

    static func isProven(_ outcome: ProofOutcome) -> Bool { if case .proven = outcome { true } else { false } }

    /// Every counterexample of every run, quoted again as `coinage quote --arm` would
    /// (the arm forced on each side that declares it): its claim still breaks.
    static func expectCounterexamplesReplay(_ proof: ArmChangeProof, old: ComparedRules, new: ComparedRules,
                                            sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let oldBooks = ExperimentBooks(old.rules, control: old.book)
        let newBooks = ExperimentBooks(new.rules, control: new.book)
        for arm in proof.arms {
            guard let run = arm.proof, let experiment = arm.arm.experiment else { continue }
            for (claim, outcome) in zip(run.claims, run.outcomes) {
                guard case .disproven(let example) = outcome else { continue }
                let a = oldBooks.quote(example.request, forcing: arm.oldDeclares ? [experiment: arm.arm.arm] : [:])
                let b = newBooks.quote(example.request, forcing: arm.newDeclares ? [experiment: arm.arm.arm] : [:])
                if arm.oldDeclares { #expect(a.assignment?.arm == arm.arm.arm, sourceLocation: sourceLocation) }
                if arm.newDeclares { #expect(b.assignment?.arm == arm.arm.arm, sourceLocation: sourceLocation) }
                #expect(claim.violation(example.request, old: a.result, new: b.result) != nil,
                        "\(claim) in \(arm.arm): \(example.request.cellText)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func anArmThatRaisesAPriceIsDisprovenNamingTheArmWhileControlIsProven() throws {
        let old = try Self.side(Self.experiment("  arm cheaper 50 {\n    price b in US: 7.99 USD\n  }\n"))
        let new = try Self.side(Self.experiment("  arm cheaper 50 {\n    price b in US: 8.99 USD\n  }\n"))
        let proof = ArmChangeProof([.noPriceIncrease, .noLostPromotion], old: old, new: new)
        #expect(proof.control.outcomes.allSatisfy(Self.isProven))
        #expect(proof.arms.map(\.arm) == [Self.cheaper])
        let arm = try #require(proof.arms.first)
        #expect(arm.oldDeclares && arm.newDeclares)
        guard case .disproven(let example, let place) = proof.outcomes[0] else {
            Issue.record("expected a disproof, got \(proof.outcomes[0])")
            return
        }
        #expect(place == Self.cheaper)
        #expect(place.description == "price_test/cheaper")
        #expect(example.request.cellText == "b in US")
        #expect(example.reason == "the total rose from 7.99 USD to 8.99 USD")
        guard case .proven = proof.outcomes[1] else { Issue.record("\(proof.outcomes[1])"); return }
        #expect(proof.anyDisproven)
        #expect(!proof.allProven)
        Self.expectCounterexamplesReplay(proof, old: old, new: new)
    }

    @Test func anArmAddedOnlyOnTheNewSideIsProvenAgainstTheOldControl() throws {
        let old = try Self.side("")
        let new = try Self.side(Self.experiment("  arm cheaper 50 {\n    promotion launch {\n      when bundle == c\n      discount 10%\n    }\n  }\n"))
        let proof = ArmChangeProof(Self.all, old: old, new: new)
        let arm = try #require(proof.arms.first)
        #expect(proof.arms.count == 1)
        #expect(arm.arm == Self.cheaper)
        #expect(!arm.oldDeclares && arm.newDeclares)
        let run = try #require(arm.proof)
        // Cheaper and a promotion more: nothing rises and nothing is lost, but quotes change.
        #expect(Self.isProven(run.outcomes[0]))
        #expect(Self.isProven(run.outcomes[2]))
        guard case .disproven(let example, let place) = proof.outcomes[1] else {
            Issue.record("expected a disproof, got \(proof.outcomes[1])")
            return
        }
        #expect(place == Self.cheaper)
        #expect(example.request.cellText.hasPrefix("c in "))
        #expect(proof.control.outcomes.allSatisfy(Self.isProven))
        Self.expectCounterexamplesReplay(proof, old: old, new: new)
    }

    @Test func anArmRemovedOnTheNewSideIsComparedWithTheNewControl() throws {
        let old = try Self.side(Self.experiment("  arm cheaper 50 {\n    price b in US: 7.99 USD\n  }\n"))
        let new = try Self.side("")
        let proof = ArmChangeProof([.noPriceIncrease], old: old, new: new)
        let arm = try #require(proof.arms.first)
        #expect(arm.oldDeclares && !arm.newDeclares)
        guard case .disproven(let example, Self.cheaper) = proof.outcomes[0] else {
            Issue.record("expected a disproof in the arm, got \(proof.outcomes[0])")
            return
        }
        #expect(example.reason == "the total rose from 7.99 USD to 9.99 USD")
        Self.expectCounterexamplesReplay(proof, old: old, new: new)
    }

    @Test func armsAlikeOnBothSidesAreProvenAndBodilessArmsAreSkipped() throws {
        let arms = "  arm cheaper 40 {\n    price b in US: 7.99 USD\n    promotion launch {\n      when bundle == c\n      bonus 10%\n    }\n  }\n  arm holdout 10\n"
        let old = try Self.side(Self.experiment(arms))
        let new = try Self.side(Self.experiment(arms))
        let proof = ArmChangeProof(Self.all, old: old, new: new)
        #expect(proof.arms.map(\.arm.description) == ["price_test/cheaper", "price_test/holdout"])
        #expect(proof.allProven)
        #expect(proof.outcomes.allSatisfy { if case .proven = $0 { true } else { false } })
        let cheaper = try #require(proof.arms.first?.proof)
        #expect(cheaper.outcomes.allSatisfy(Self.isProven))
        #expect(cheaper.requestsQuoted > 0)
        // `holdout` prices every request with control's rules on both sides: its proof would be control's.
        #expect(proof.arms[1].proof == nil)
        #expect(proof.requestsQuoted == proof.control.requestsQuoted + cheaper.requestsQuoted)
    }

    @Test func withoutExperimentsTheOutcomesAreControls() throws {
        let old = try Self.side("")
        let new = try Self.side("promotion p {\n  when region == DE\n  discount 5%\n}\n")
        let proof = ArmChangeProof(Self.all, old: old, new: new)
        #expect(proof.arms.isEmpty)
        #expect(proof.requestsQuoted == proof.control.requestsQuoted)
        guard case .proven = proof.outcomes[0], case .disproven(_, ProofArm.control) = proof.outcomes[1], case .proven = proof.outcomes[2] else {
            Issue.record("\(proof.outcomes)")
            return
        }
        #expect(ProofArm.control.description == "control")
        #expect(ProofArm.control.forcing == nil)
        #expect(Self.cheaper.forcing == "price_test=cheaper")
    }

    /// The arms of two experiments, one declared only on the new side, in experiment
    /// then arm order; a disproof in control is reported before one in an arm.
    @Test func armsOfEveryExperimentAreProvenAndControlIsReportedFirst() throws {
        let launch = "experiment a_launch {\n  during 2026-12-01 to 2027-01-01 UTC\n  unit user.id\n  arm control 50\n"
            + "  arm zeta 50 {\n    price c in DE: 49.99 EUR\n  }\n}\n"
        let old = try Self.side(Self.experiment("  arm cheaper 50 {\n    price b in US: 7.99 USD\n  }\n"))
        let new = try Self.side("bundle d: 10 coins, 0.99 USD\n" + launch
            + Self.experiment("  arm cheaper 50 {\n    price b in US: 8.99 USD\n  }\n"))
        let proof = ArmChangeProof([.noPriceIncrease, .sameQuotes], old: old, new: new)
        #expect(proof.arms.map(\.arm.description) == ["a_launch/zeta", "price_test/cheaper"])
        #expect(proof.arms.map(\.oldDeclares) == [false, true])
        // `d` is new: refused on the old side, so no total rises in control, but quotes change.
        #expect(Self.isProven(proof.control.outcomes[0]))
        guard case .disproven(_, let first) = proof.outcomes[0], case .disproven(let example, .control) = proof.outcomes[1] else {
            Issue.record("\(proof.outcomes)")
            return
        }
        #expect(first.description == "a_launch/zeta")
        #expect(example.request.cellText.hasPrefix("d in "))
        Self.expectCounterexamplesReplay(proof, old: old, new: new)
    }

    @Test func anIncompleteArmIsNamedAndDecidesNothingAlone() throws {
        let old = try Self.side(Self.experiment("  arm cheaper 50 {\n    price b in US: 7.99 USD\n  }\n"))
        // A budget of one request: every run is over it, so every claim is incomplete everywhere.
        let proof = ArmChangeProof([.sameQuotes], old: old, new: old, budget: ProofBudget(requests: 1))
        guard case .incomplete(let places) = proof.outcomes[0] else { Issue.record("\(proof.outcomes[0])"); return }
        #expect(places.map(\.arm) == [.control, Self.cheaper])
        #expect(places.allSatisfy { $0.reason.hasPrefix("budget: ") })
        #expect(!proof.allProven && !proof.anyDisproven)
    }
}
