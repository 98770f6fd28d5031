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
    static let usage = "coinage diff OLD_DIR NEW_DIR [--at T] [--format text|markdown|json] [--prove CLAIM]... [--claims FILE] [--prove-budget N] [--sarif FILE]"
    static let options: [OptionSpec] = [
        .value(.at, "T", "the instant weekly hours are counted from, e.g. 2026-11-28T10:00Z (default: now)"),
        .value(.format, "FORMAT", choices: ["text", "markdown", "json"], "text (default), markdown or json"),
        .value(.prove, "CLAIM", repeatable: true,
               "prove a claim over every request: no-price-increase, same-quotes, no-lost-promotion, unchanged-outside:bundle=a,b;region=US;channel=web"),
        .value(.claims, "FILE", "prove the claims of FILE, one per line (`#` starts a comment)"),
        .value(.proveBudget, "N", "most requests a proof quotes before it says incomplete (default 2000000)"),
        .value(.sarif, "FILE", "also write the proofs to FILE as SARIF 2.1.0, for code scanning"),
    ]

    static func run(_ arguments: ParsedArguments, console: Console) -> ExitCode {
        guard arguments.positionals.count == 2 else {
            let error: UsageError = arguments.positionals.count < 2
                ? .missingArgument(arguments.positionals.isEmpty ? "the old and the new rules directories" : "the new rules directory")
                : .unexpectedArgument(arguments.positionals[2])
            return CoinageCLI.usageError(error, usage: usage, console: console)
        }
        let reference: Int64
        let claims: [ProofClaim]
        let budget: ProofBudget
        do {
            reference = try arguments.instant(.at) ?? console.now()
            claims = try DiffProof.claims(arguments)
            budget = try DiffProof.budget(arguments)
        } catch {
            return CoinageCLI.usageError(error, usage: usage, console: console)
        }
        if claims.isEmpty, let path = arguments.value(.sarif) {
            let error = UsageError.invalidValue(option: Option.sarif.name, value: path,
                                                reason: "it holds proofs: give `--prove CLAIM` or `--claims FILE`")
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
        let proof = claims.isEmpty ? nil : ChangeProof(claims, old: oldRules, new: newRules, budget: budget, at: reference)
        switch arguments.value(.format) ?? "text" {
        case "markdown":
            console.writeText(DiffMarkdown.render(diff, old: oldDirectory, new: newDirectory)
                + (proof.map { "\n" + DiffProof.markdown($0, old: oldDirectory, new: newDirectory) } ?? ""))
        case "json":
            console.writeOut(DiffJSON.render(diff, old: oldDirectory, new: newDirectory,
                                             proofs: proof.map { DiffProof.json($0, old: oldDirectory, new: newDirectory) }))
        default:
            console.writeText(DiffText.render(diff, old: oldDirectory, new: newDirectory)
                + (proof.map { DiffProof.text($0, old: oldDirectory, new: newDirectory) } ?? ""))
        }
        if let proof, let path = arguments.value(.sarif) {
            let text = DiffProof.sarif(proof, old: oldDirectory, new: newDirectory, claimsFile: arguments.value(.claims))
            if let failure = DiffProof.write(text, to: path) {
                console.writeError("error: \(failure)\n")
                return .usage
            }
        }
        return proof.map(DiffProof.status) ?? .success
    }
}
