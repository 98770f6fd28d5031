import CoinageIO
import Coinage
import CoinageFoundation
import CoinagePictures
import CoinageSyntax

/// `coinage diff OLD_DIR NEW_DIR [--at T] [--format text|markdown|json|html]`: what a change
/// to the rules does to prices, for review.
///
/// Finding differences is the command's job, not a failure: it exits 0 whether or not
/// anything changed, so a CI step that posts the result never fails the build. It
/// exits 1 when either rule set has errors (each side's diagnostics are printed,
/// named old or new) and 2 for a wrong command line or an unreadable directory.
/// With claims (`--prove`, `--claims`, see `DiffProof`) the status is the proofs',
/// in control and in every experiment arm of either side: 0 proven, 1 disproven,
/// 3 incomplete.
enum DiffCommand: Command {
    static let name = "diff"
    static let summary = "Show what a change to the rules does to list prices, promotions and quotes"
    static let usage = "coinage diff OLD_DIR NEW_DIR [--at T] [--format text|markdown|json|html] [--prove CLAIM]... [--claims FILE] [--prove-budget N] [--sarif FILE]\n       coinage diff --experiments DIR [--at T] [--format text|markdown|json]"
    static let options: [OptionSpec] = [
        .value(.at, "T", "the instant weekly hours are counted from, e.g. 2026-11-28T10:00Z (default: now)"),
        .value(.format, "FORMAT", choices: ["text", "markdown", "json", "html"], "text (default), markdown, json or html"),
        .flag(.experiments, "compare each experiment arm of one rules directory with control, and say how much traffic it reaches"),
    ] + DiffProof.options

    static func run(_ arguments: ParsedArguments, console: Console) -> ExitCode {
        if arguments.flag(.experiments) { return experiments(arguments, console: console) }
        guard arguments.positionals.count == 2 else {
            let error: UsageError = arguments.positionals.count < 2
                ? .missingArgument(arguments.positionals.isEmpty ? "the old and the new rules directories" : "the new rules directory")
                : .unexpectedArgument(arguments.positionals[2])
            return CoinageCLI.usageError(error, usage: usage, console: console)
        }
        let reference: Int64
        let proving: DiffProof.Asked?
        do throws(UsageError) {
            reference = try arguments.instant(.at) ?? console.now()
            proving = try DiffProof.asked(arguments)
            // The page has no place for the proofs: they go to text, markdown, json or SARIF.
            if proving != nil, arguments.value(.format) == "html" {
                throw UsageError.invalidValue(option: Option.format.name, value: "html",
                                              reason: "the proofs of --prove and --claims are written as text, markdown or json (and --sarif), not on the html page")
            }
        } catch {
            return CoinageCLI.usageError(error, usage: usage, console: console)
        }
        let (oldDirectory, newDirectory) = (arguments.positionals[0], arguments.positionals[1])
        // Both sides are loaded before either is judged, so one run reports every problem.
        let old = RulesLoading.compiled(oldDirectory, side: "old", console: console)
        let new = RulesLoading.compiled(newDirectory, side: "new", console: console)
        let oldRules: ComparedRules
        let newRules: ComparedRules
        switch (old, new) {
        case let (.success(a), .success(b)):
            (oldRules, newRules) = (ComparedRules(rules: a.rules, book: a.book), ComparedRules(rules: b.rules, book: b.book))
        case (.failure(.usage), _), (_, .failure(.usage)):
            return .usage
        default:
            return .failure
        }
        let diff = RuleSetDiff(old: oldRules, new: newRules, at: reference)
        let proof = proving.map { ArmChangeProof($0.claims, old: oldRules, new: newRules, budget: $0.budget, at: reference) }
        switch arguments.value(.format) ?? "text" {
        case "markdown": console.writeText(DiffMarkdown.render(diff, old: oldDirectory, new: newDirectory))
        case "json": console.writeOut(DiffJSON.render(diff, old: oldDirectory, new: newDirectory, proofs: proof.map { DiffProof.json($0, old: oldDirectory, new: newDirectory) }))
        case "html":
            let words = DiffPage.Words(summary: DiffText.summaryRows(diff), impact: DiffText.impactLines(diff), percent: DiffVocabulary.percent)
            console.writeOut(DiffPage.html(diff, old: oldDirectory, new: newDirectory, words: words))
        default: console.writeText(DiffText.render(diff, old: oldDirectory, new: newDirectory))
        }
        return proving.map { DiffProof.finish($0, proof, format: arguments.value(.format) ?? "text", old: oldDirectory, new: newDirectory, console: console) } ?? .success
    }

    /// `coinage diff --experiments DIR [--at T] [--format text|markdown|json]`.
    private static func experiments(_ arguments: ParsedArguments, console: Console) -> ExitCode {
        guard arguments.positionals.count == 1 else {
            let error: UsageError = arguments.positionals.isEmpty
                ? .missingArgument("the rules directory") : .unexpectedArgument(arguments.positionals[1])
            return CoinageCLI.usageError(error, usage: usage, console: console)
        }
        let reference: Int64
        do throws(UsageError) {
            reference = try arguments.instant(.at) ?? console.now()
            if try DiffProof.asked(arguments) != nil || arguments.value(.format) == "html" {
                throw UsageError.invalidValue(option: Option.experiments.name, value: arguments.value(.format) ?? "--prove",
                                              reason: "--experiments writes text, markdown or json, without proofs")
            }
        } catch {
            return CoinageCLI.usageError(error, usage: usage, console: console)
        }
        return DiffExperiments.run(arguments.positionals[0], at: reference, format: arguments.value(.format) ?? "text", console: console)
    }
}
