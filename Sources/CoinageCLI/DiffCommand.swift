import CoinageIO
import Coinage
import CoinageFoundation
import CoinageSyntax

/// `coinage diff OLD_DIR NEW_DIR [--at T] [--format text|markdown|json]`: what a change
/// to the rules does to prices, for review.
///
/// Finding differences is the command's job, not a failure: it exits 0 whether or not
/// anything changed, so a CI step that posts the result never fails the build. It
/// exits 1 when either rule set has errors (each side's diagnostics are printed,
/// named old or new) and 2 for a wrong command line or an unreadable directory.
enum DiffCommand: Command {
    static let name = "diff"
    static let summary = "Show what a change to the rules does to list prices, promotions and quotes"
    static let usage = "coinage diff OLD_DIR NEW_DIR [--at T] [--format text|markdown|json]"
    static let options: [OptionSpec] = [
        .value("--at", "T", "the instant weekly hours are counted from, e.g. 2026-11-28T10:00Z (default: now)"),
        .value("--format", "FORMAT", choices: ["text", "markdown", "json"], "text (default), markdown or json"),
    ]

    static func run(_ arguments: ParsedArguments, console: Console) -> ExitCode {
        guard arguments.positionals.count == 2 else {
            let error: UsageError = arguments.positionals.count < 2
                ? .missingArgument(arguments.positionals.isEmpty ? "the old and the new rules directories" : "the new rules directory")
                : .unexpectedArgument(arguments.positionals[2])
            return CoinageCLI.usageError(error, usage: usage, console: console)
        }
        var reference = console.now()
        if let text = arguments.value("--at") {
            guard let instant = InstantParser.parse(text) else {
                return CoinageCLI.usageError(.invalidValue(option: "--at", value: text,
                                                           reason: "write a date or a date-time, e.g. `2026-11-28` or `2026-11-28T10:00Z`"),
                                             usage: usage, console: console)
            }
            reference = instant
        }
        let (oldDirectory, newDirectory) = (arguments.positionals[0], arguments.positionals[1])
        // Both sides are loaded before either is judged, so one run reports every problem.
        let old = load(oldDirectory, side: "old", console: console)
        let new = load(newDirectory, side: "new", console: console)
        let oldBook: PriceBook
        let newBook: PriceBook
        switch (old, new) {
        case let (.success(a), .success(b)):
            (oldBook, newBook) = (a, b)
        case (.failure(.usage), _), (_, .failure(.usage)):
            return .usage
        default:
            return .failure
        }
        let diff = RuleSetDiff(old: oldBook, new: newBook, at: reference)
        switch arguments.value("--format") ?? "text" {
        case "markdown": console.writeText(DiffMarkdown.render(diff, old: oldDirectory, new: newDirectory))
        case "json": console.writeOut(DiffJSON.render(diff, old: oldDirectory, new: newDirectory))
        default: console.writeText(DiffText.render(diff, old: oldDirectory, new: newDirectory))
        }
        return .success
    }

    /// Loads, checks and compiles one side. Problems are reported with the side's
    /// name: exit 2 for an unreadable directory, 1 for rules with errors.
    private static func load(_ directory: String, side: String, console: Console) -> Result<PriceBook, ExitCode> {
        let sources: SourceMap
        do {
            sources = try RulesDirectory.load(directory)
        } catch {
            console.writeError("error: the \(side) rules: \(error.description)\n")
            return .failure(.usage)
        }
        let result = Checker.check(sources, zones: FoundationTimeZones())
        guard let rules = result.ruleSet else {
            let renderer = DiagnosticRenderer(sources: result.sources, color: false)
            let errors = result.diagnostics.filter { $0.severity == .error }
            console.writeError(errors.map { renderer.render([$0], as: .text) }.joined(separator: "\n"))
            console.writeError("error: the \(side) rules in `\(directory)` have \(errors.count) error\(errors.count == 1 ? "" : "s");"
                + " `coinage check \(directory)` lists them\n")
            return .failure(.failure)
        }
        return .success(PriceBook(rules))
    }
}
