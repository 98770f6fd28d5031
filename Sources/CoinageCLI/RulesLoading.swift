import Coinage
import CoinageFoundation
import CoinageSyntax

/// Loading and checking a rules directory, shared by every command that needs rules.
enum RulesLoading {
    /// The directory a command works on: its positional argument, `--rules`, or `./rules`.
    static func directory(_ arguments: ParsedArguments, positional: Bool) throws(UsageError) -> String {
        if positional, arguments.positionals.count > 1 { throw .unexpectedArgument(arguments.positionals[1]) }
        let fromPosition = positional ? arguments.positionals.first : nil
        if let fromPosition, arguments.value("--rules") != nil {
            throw .unexpectedArgument(fromPosition)
        }
        return fromPosition ?? arguments.value("--rules") ?? "rules"
    }

    /// Loads and checks. An IO problem is reported on the console and gives nil:
    /// the caller exits with status 2.
    static func check(_ directory: String, console: Console) -> CheckResult? {
        do {
            let sources = try RulesDirectory.load(directory)
            return Checker.check(sources, zones: FoundationTimeZones())
        } catch {
            console.writeError("error: \(error.description)\n")
            return nil
        }
    }
}
