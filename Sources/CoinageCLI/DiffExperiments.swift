import CoinageIO
import Coinage
import CoinageJSON

/// `coinage diff --experiments DIR`: each experiment arm of one rule set compared
/// with control, as `coinage diff CONTROL ARM` would compare two rule sets, headed by
/// the share of traffic the arm reaches.
enum DiffExperiments {
    static func run(_ directory: String, at reference: Int64, format: String, console: Console) -> ExitCode {
        let loaded: (rules: RuleSet, book: PriceBook)
        switch RulesLoading.compiled(directory, console: console) {
        case .success(let compiled): loaded = (compiled.rules, compiled.book)
        case .failure(let status): return status
        }
        let arms = ExperimentDiff.all(ComparedRules(rules: loaded.rules, book: loaded.book), at: reference)
        switch format {
        case "json": console.writeOut(json(arms, directory: directory))
        case "markdown":
            var parts = ["# Experiments in `\(directory)`", ""]
            if arms.isEmpty { parts.append("The rules declare no experiment.") }
            for arm in arms {
                parts += ["## `\(arm.experiment)`: arm `\(arm.arm)` against control", "", "- " + reach(arm).joined(separator: "\n- "), ""]
                parts.append(DiffMarkdown.render(arm.diff, old: "control", new: arm.arm, replay: replay(arm, directory)))
            }
            console.writeText(parts.joined(separator: "\n") + "\n")
        default:
            var text = arms.isEmpty ? "\(directory): the rules declare no experiment\n" : ""
            for arm in arms {
                text += "experiment \(arm.experiment), arm \(arm.arm) against control\n"
                text += reach(arm).map { "  " + $0 + "\n" }.joined() + "\n"
                text += DiffText.render(arm.diff, old: "control", new: arm.arm, replay: replay(arm, directory)) + "\n"
            }
            console.writeText(text)
        }
        return .success
    }

    /// The command that quotes a request of the corpus in the arm.
    static func replay(_ arm: ExperimentDiff, _ directory: String) -> (QuoteRequest) -> String {
        { $0.commandLine(rulesDirectory: directory, arm: arm.experiment + "=" + arm.arm) }
    }

    /// The lines that say how much traffic an arm reaches.
    static func reach(_ arm: ExperimentDiff) -> [String] {
        let share = percentText(arm.weight, of: arm.totalWeight)
        var lines = ["weight \(arm.weight) of \(arm.totalWeight): \(share) of the requests the experiment assigns"]
        if let audience = arm.audience {
            let sampled = arm.diff.corpus.count
            lines.append("audience `\(audience)`: \(arm.inAudience) of \(sampled) sampled requests (\(percentText(Int64(arm.inAudience), of: Int64(sampled))))")
        } else {
            lines.append("audience: every request")
        }
        lines.append("window: \(CivilTime.format(arm.start))Z to \(CivilTime.format(arm.end))Z")
        return lines
    }

    /// `50%`, `33.3%`: a share, cut after one decimal.
    static func percentText(_ part: Int64, of total: Int64) -> String {
        guard total > 0 else { return "0%" }
        let (tenths, overflow) = part.multipliedReportingOverflow(by: 1_000)
        guard !overflow else { return "\(part) of \(total)" }
        let value = tenths / total
        return value % 10 == 0 ? "\(value / 10)%" : "\(value / 10).\(value % 10)%"
    }

    private static func json(_ arms: [ExperimentDiff], directory: String) -> String {
        // Each arm's diff is the object `coinage diff --format json` writes.
        let entries = arms.map { arm -> String in
            let members: [(String, JSONValue)] = [
                ("experiment", .string(arm.experiment)), ("arm", .string(arm.arm)),
                ("weight", .integer(arm.weight)), ("totalWeight", .integer(arm.totalWeight)),
                ("audience", arm.audience.map(JSONValue.string) ?? .null),
                ("inAudience", .integer(Int64(arm.inAudience))), ("sampled", .integer(Int64(arm.diff.corpus.count))),
                ("from", .string(CivilTime.format(arm.start) + "Z")), ("until", .string(CivilTime.format(arm.end) + "Z")),
            ]
            let head = JSONValue.object(members).serialized()
            let diff = DiffJSON.render(arm.diff, old: "control", new: arm.arm, replay: replay(arm, directory))
            var trimmed = Substring(diff)
            while let last = trimmed.last, last == "\n" || last == " " { trimmed.removeLast() }
            return String(head.dropLast()) + ",\"diff\":" + trimmed + "}"
        }
        return "{\"rules\":" + JSONValue.string(directory).serialized() + ",\"experiments\":[" + entries.joined(separator: ",") + "]}\n"
    }
}
