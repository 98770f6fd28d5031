import CoinageIO
import Coinage
import CoinageFoundation
import CoinageSyntax

/// Checked rules and the price book compiled from them: what a command that
/// prices reads (the book quotes; the rules give names, tests and guards).
struct LoadedRules {
    let rules: RuleSet
    let book: PriceBook
}

/// Loading and checking a rules directory, shared by every command that needs rules.
enum RulesLoading {
    /// The directory a command works on: its positional argument, `--rules`, or `./rules`.
    static func directory(_ arguments: ParsedArguments, positional: Bool) throws(UsageError) -> String {
        if positional, arguments.positionals.count > 1 { throw .unexpectedArgument(arguments.positionals[1]) }
        let fromPosition = positional ? arguments.positionals.first : nil
        if let fromPosition, arguments.value(.rules) != nil {
            throw .unexpectedArgument(fromPosition)
        }
        return fromPosition ?? arguments.value(.rules) ?? "rules"
    }
}

extension RulesLoading {
    /// Loads the rules and runs the pipeline on them, with the analysis when
    /// `analysis` is given. An IO problem is reported on the console and gives nil:
    /// the caller exits with status 2. `side` names the rules in messages (`old`,
    /// `new`) when a command reads two sets.
    static func check(_ directory: String, side: String? = nil, analysis: AnalysisOptions? = nil, allow: [Allowance] = [],
                      console: Console) -> PipelineResult? {
        do {
            return try Pipeline.load(rulesDirectory: directory, analysis: analysis, allow: allow)
        } catch {
            console.writeError("error: \(side.map { "the \($0) rules: " } ?? "")\(error.description)\n")
            return nil
        }
    }

    /// Loads, checks and compiles the rules for a command that needs prices: the
    /// checked rules and their price book. Rules with errors are reported on standard
    /// error (exit 1); an unreadable directory gives exit 2.
    static func compiled(_ directory: String, side: String? = nil, console: Console) -> Result<LoadedRules, ExitCode> {
        guard let result = check(directory, side: side, console: console) else { return .failure(.usage) }
        guard let rules = result.ruleSet, let book = result.priceBook else {
            let renderer = DiagnosticRenderer(sources: result.sources, color: false)
            let errors = result.errors
            console.writeError(errors.map { renderer.render([$0], as: .text) }.joined(separator: "\n"))
            console.writeError("error: the \(side.map { "\($0) " } ?? "")rules in `\(directory)` have \(errors.count) error\(errors.count == 1 ? "" : "s");"
                + " `coinage check \(directory)` lists them\n")
            return .failure(.failure)
        }
        return .success(LoadedRules(rules: rules, book: book))
    }

    /// Writes a refused quote: JSON on standard output for scripts, text on standard error otherwise.
    static func report(_ error: QuoteError, json: Bool, console: Console) {
        if json {
            console.writeOut(QuoteJSON.error(error).serialized(pretty: true) + "\n")
        } else {
            console.writeError("error: \(error.message)\n" + (error.help.map { "help: \($0)\n" } ?? ""))
        }
    }
}
