import CoinageAnalysis
import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// The analysis of experiments: every guard proven in every arm, and when each
/// experiment stops.
enum ExperimentFindings {
    /// The guard findings of every arm but control (errors and unproven guards that
    /// control does not have as well), each naming its arm, with replays that force
    /// the arm; a note per experiment saying when its window closes (W0007), or a
    /// warning when it closed before `options.now` (W0208).
    static func findings(_ rules: RuleSet, control: [Diagnostic], options: AnalysisOptions) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let known = Set(control.map { "\($0.code.rawValue) \($0.span) \($0.message)" })
        for experiment in rules.experiments {
            for arm in experiment.arms {
                guard let armRules = arm.rules else { continue }
                let book = PriceBook(armRules)
                for diagnostic in RuleAnalysis.analyze(armRules, book: book, options: options)
                where diagnostic.severity == .error || diagnostic.code == .guardProofIncomplete {
                    guard !known.contains("\(diagnostic.code.rawValue) \(diagnostic.span) \(diagnostic.message)") else { continue }
                    found.append(named(diagnostic, experiment: experiment.name, arm: arm.name, armSpan: arm.span))
                }
            }
            found.append(schedule(experiment, now: options.now))
        }
        return found
    }

    /// `diagnostic` as found in an arm: its message names the arm, its replays force it.
    static func named(_ diagnostic: Diagnostic, experiment: String, arm: String, armSpan: SourceSpan) -> Diagnostic {
        let help = diagnostic.help.map { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
                var line = String(line)
                let command = "coinage quote "
                if let start = line.indices.first(where: { line[$0...].hasPrefix(command) }) {
                    let end = line.index(start, offsetBy: command.count)
                    line.replaceSubrange(start..<end, with: command + "--arm \(experiment)=\(arm) ")
                }
                if line.hasPrefix("test \""), line.hasSuffix("{") { return [line, "  arm \(experiment) \(arm)"] }
                return [line]
            }.joined(separator: "\n")
        }
        return Diagnostic(diagnostic.code, "in arm `\(arm)` of experiment `\(experiment)`: \(diagnostic.message)",
                          at: diagnostic.span,
                          notes: diagnostic.notes + [DiagnosticNote("the arm is declared here", at: armSpan)],
                          help: help, severity: diagnostic.severity)
    }

    /// When the experiment stops: a note while it runs or is to come, a warning once closed.
    static func schedule(_ experiment: Experiment, now: Int64?) -> Diagnostic {
        let closes = CivilTime.format(experiment.end) + "Z"
        if let now, experiment.end <= now {
            return Diagnostic(.experimentEnded,
                              "experiment `\(experiment.name)` ended at \(closes): every request is priced in control",
                              at: experiment.window.span,
                              notes: [DiagnosticNote("checked as of \(CivilTime.format(now))Z")],
                              help: "remove the experiment, or keep the arm that won by moving its declarations out of it")
        }
        return Diagnostic(.experimentSchedule,
                          "experiment `\(experiment.name)` stops at \(closes); from then on every request is priced in control",
                          at: experiment.window.span,
                          notes: [DiagnosticNote("it assigns requests from \(CivilTime.format(experiment.start))Z")],
                          severity: .note)
    }
}
