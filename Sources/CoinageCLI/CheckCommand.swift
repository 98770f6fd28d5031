import CoinageIO
import Coinage
import CoinageSyntax

/// `coinage check [DIR] [--format text|json|github|gitlab|sarif] [--strict] [--allow CODE]... [--now T]`
enum CheckCommand: Command {
    static let name = "check"
    static let summary = "Check a rules directory and report every problem"
    static let usage = "coinage check [DIR] [--format text|json|github|gitlab|sarif] [--strict] [--allow CODE]... [--now T]"
    static let options: [OptionSpec] = [
        .value(.rules, "DIR", "the rules directory (default: ./rules; or give DIR)"),
        .value(.format, "FORMAT", choices: DiagnosticFormat.allCases.map(\.rawValue),
               "text (default), json, github, gitlab or sarif"),
        .flag(.strict, "fail on warnings too"),
        .value(.allow, "CODE", repeatable: true, "accept warning CODE for this run (reported as suppressed in json and sarif)"),
        .value(.now, "T", "the instant expired promotions are judged by, e.g. 2026-11-28T10:00Z (default: the current time)"),
    ]

    static func run(_ arguments: ParsedArguments, console: Console) -> ExitCode {
        let directory: String
        do {
            directory = try RulesLoading.directory(arguments, positional: true)
        } catch {
            return CoinageCLI.usageError(error, usage: usage, console: console)
        }
        let format = arguments.value(.format).flatMap(DiagnosticFormat.init(rawValue:)) ?? .text
        let strict = arguments.flag(.strict)
        let now: Int64
        do {
            now = try arguments.instant(.now) ?? console.now()
        } catch {
            return CoinageCLI.usageError(error, usage: usage, console: console)
        }

        let allowed: [Allowance]
        do {
            allowed = try arguments.allValues(.allow).map(Self.allowance)
        } catch {
            return CoinageCLI.usageError(error, usage: usage, console: console)
        }

        let analysis = AnalysisOptions(now: now, rulesDirectory: directory)
        guard let result = RulesLoading.check(directory, analysis: analysis, allow: allowed, console: console)?.checked else { return .usage }

        let renderer = DiagnosticRenderer(sources: result.sources, color: format == .text && console.useColor)
        let failed = result.errorCount > 0 || (strict && result.warningCount > 0)
        switch format {
        case .text:
            var report = result.diagnostics.filter { !$0.isSuppressed }.map { renderer.render([$0], as: .text) }.joined(separator: "\n")
            if !report.isEmpty { report += "\n" }
            // The renderer shows control characters from the sources visibly; so does the summary (the path).
            report += TerminalText.visible(summary(result, directory: directory, failed: failed, strict: strict)) + "\n"
            console.writeOut(report)
        case .json, .github, .gitlab, .sarif:
            console.writeOut(renderer.render(result.diagnostics, as: format))
        }
        return failed ? .failure : .success
    }

    private static func summary(_ result: CheckResult, directory: String, failed: Bool, strict: Bool) -> String {
        let files = plural(result.sources.files.count, "file")
        var counts: [String] = []
        if result.errorCount > 0 { counts.append(plural(result.errorCount, "error")) }
        if result.warningCount > 0 { counts.append(plural(result.warningCount, "warning")) }
        if result.suppressedCount > 0 { counts.append("\(plural(result.suppressedCount, "warning")) accepted by `allow`") }
        if failed {
            let why = result.errorCount == 0 && strict ? " (--strict fails on warnings)" : ""
            return "\(directory): \(counts.joined(separator: ", ")) in \(files)\(why)"
        }
        var line = "\(directory): ok, \(files)"
        if let rules = result.ruleSet {
            line += ": " + [
                plural(rules.regions.count, "region"), plural(rules.channels.count, "channel"),
                plural(rules.bundles.count, "bundle"), plural(rules.promotions.count, "promotion"),
                plural(rules.gifts.count, "gift"),
            ].joined(separator: ", ")
        }
        if !counts.isEmpty { line += " (\(counts.joined(separator: ", ")))" }
        return line
    }

    /// `--allow W0202`: a warning's code, accepted for this run.
    private static func allowance(_ code: String) throws(UsageError) -> Allowance {
        guard let known = DiagnosticCode(rawValue: code) else {
            throw .invalidValue(option: "--allow", value: code, reason: "not a diagnostic code; write a warning's code, such as `W0202`")
        }
        guard Allowance.accepts(known) else {
            throw .invalidValue(option: "--allow", value: code, reason: "an error cannot be allowed; only warnings (`W…`) can")
        }
        return Allowance(code: known, reason: "allowed with --allow on the command line", span: nil)
    }

    private static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
