import Coinage
import CoinageJSON

/// The proofs sections of `diff --prove` over control and every experiment arm.
///
/// When neither side declares an experiment, each format writes control's proofs
/// alone, byte for byte as before experiments existed; otherwise control's proofs,
/// then each arm's, then each claim's outcome over them all.
extension DiffProof {
    /// The proofs section of the text report.
    static func text(_ proof: ArmChangeProof, old: String, new: String) -> String {
        guard !proof.arms.isEmpty else {
            return (["", "proofs"] + textLines(proof.control, arm: nil, old: old, new: new)).joined(separator: "\n") + "\n"
        }
        var lines = ["", "proofs in control"] + textLines(proof.control, arm: nil, old: old, new: new)
        for arm in proof.arms {
            guard let run = arm.proof else {
                lines += ["", "proofs in arm `\(arm.arm)`: \(skipped)"]
                continue
            }
            lines += ["", "proofs in arm `\(arm.arm)`" + sides(arm)] + textLines(run, arm: arm, old: old, new: new)
        }
        lines += ["", "claims over control and every arm"]
        for (claim, outcome) in zip(proof.claims, proof.outcomes) {
            switch outcome {
            case .proven: lines.append("  ✓ \(claim): proven in control and every arm")
            case .disproven(let example, let place):
                lines.append("  ✗ \(claim): disproven in \(name(place)): \(example.request.cellText): \(example.reason)")
            case .incomplete(let places):
                lines.append("  ? \(claim): incomplete in " + places.map { name($0.arm) }.joined(separator: ", "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The proofs section of the markdown comment.
    static func markdown(_ proof: ArmChangeProof, old: String, new: String) -> String {
        guard !proof.arms.isEmpty else {
            let lines = ["#### Claims", ""] + markdownTable(proof.control) + markdownDetails(proof.control, arm: nil, old: old, new: new)
            return lines.joined(separator: "\n") + "\n"
        }
        var lines = ["#### Claims", "", "In control and in every experiment arm of either side, each arm over every request forced into it.", "",
                     "| claim | outcome |", "| --- | --- |"]
        for (claim, outcome) in zip(proof.claims, proof.outcomes) {
            let text = switch outcome {
            case .proven: "✅ proven in control and every arm"
            case .disproven(let example, let place):
                "❌ disproven in \(name(place)): `\(example.request.cellText)`: " + escaped(example.reason)
            case .incomplete(let places): "❔ incomplete in " + places.map { name($0.arm) }.joined(separator: ", ")
            }
            lines.append("| `\(claim)` | \(text) |")
        }
        lines += ["", "##### In control", ""] + markdownTable(proof.control)
        for arm in proof.arms {
            lines += ["", "##### In arm `\(arm.arm)`" + sides(arm), ""]
            lines += arm.proof.map(markdownTable) ?? [skipped.prefix(1).uppercased() + skipped.dropFirst() + "."]
        }
        lines += markdownDetails(proof.control, arm: nil, old: old, new: new)
        for arm in proof.arms {
            if let run = arm.proof { lines += markdownDetails(run, arm: arm, old: old, new: new) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The proofs member of the JSON document: `requestsQuoted` and `claims`, and with
    /// experiments, each claim over control and every arm and `arms`, one entry per proof run.
    static func json(_ proof: ArmChangeProof, old: String, new: String) -> JSONValue {
        let control = proof.control
        let controlClaims = zip(control.claims, control.outcomes).map { claimJSON($0, $1, arm: nil, old: old, new: new) }
        guard !proof.arms.isEmpty else {
            return .object([("requestsQuoted", .integer(Int64(control.requestsQuoted))), ("claims", .array(controlClaims))])
        }
        let claims = zip(proof.claims, proof.outcomes).map { claim, outcome -> JSONValue in
            switch outcome {
            case .proven:
                return .object([("claim", .string(claim.description)), ("outcome", .string("proven"))])
            case .disproven(let example, let place):
                return claimJSON(claim, .disproven(example), arm: proof.arms.first { $0.arm == place }, old: old, new: new,
                                 naming: placeJSON(place))
            case .incomplete(let places):
                let reason = places.map { "in \(name($0.arm)): \($0.reason)" }.joined(separator: "; ")
                return .object([("claim", .string(claim.description)), ("outcome", .string("incomplete")), ("reason", .string(reason)),
                                ("incomplete", .array(places.map { .object(placeJSON($0.arm) + [("reason", .string($0.reason))]) }))])
            }
        }
        var runs: [JSONValue] = [.object(placeJSON(.control) + [("skipped", .bool(false)),
                                                                ("requestsQuoted", .integer(Int64(control.requestsQuoted))),
                                                                ("claims", .array(controlClaims))])]
        for arm in proof.arms {
            let run = arm.proof
            runs.append(.object(placeJSON(arm.arm) + [
                ("oldDeclares", .bool(arm.oldDeclares)), ("newDeclares", .bool(arm.newDeclares)),
                ("skipped", .bool(run == nil)), ("requestsQuoted", .integer(Int64(run?.requestsQuoted ?? 0))),
                ("claims", .array(run.map { run in
                    zip(run.claims, run.outcomes).map { claimJSON($0, $1, arm: arm, old: old, new: new) }
                } ?? [])),
            ]))
        }
        return .object([("requestsQuoted", .integer(Int64(proof.requestsQuoted))), ("claims", .array(claims)), ("arms", .array(runs))])
    }

    /// Why an arm has no proof of its own.
    private static let skipped = "skipped: both sides price it with their control rules, so control's proofs hold for it"

    /// `control`, or ``arm `web_price/cheaper` ``.
    private static func name(_ place: ProofArm) -> String {
        place.isControl ? "control" : "arm `\(place)`"
    }

    /// `experiment` (null for control) and `arm`.
    private static func placeJSON(_ place: ProofArm) -> [(String, JSONValue)] {
        [("experiment", place.experiment.map(JSONValue.string) ?? .null), ("arm", .string(place.arm))]
    }

    /// Which side stands in with its control rules because it does not declare the arm.
    private static func sides(_ arm: ArmProof) -> String {
        if !arm.oldDeclares { return " (not in the old rules: their control is compared)" }
        if !arm.newDeclares { return " (not in the new rules: their control is compared)" }
        return ""
    }
}
