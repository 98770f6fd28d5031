import CoinageFoundation
import CoinageIO
import CoinageSyntax
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A subcommand of `coinage`: its name, its help and what it does.
protocol Command {
    static var name: String { get }
    /// One line for `coinage --help`.
    static var summary: String { get }
    /// The usage line, e.g. `coinage check [DIR] [--format FORMAT] [--strict]`.
    static var usage: String { get }
    static var options: [OptionSpec] { get }
    static func run(_ arguments: ParsedArguments, console: Console) -> ExitCode
}

extension Command {
    static var helpText: String {
        var lines = ["\(summary)", "", "usage: \(usage)"]
        if !options.isEmpty {
            lines += ["", "options:"]
            let table = TextTable(options.map { [optionLabel($0), $0.help] }, indent: "  ")
            let width = table.widths.first ?? 0
            lines += table.lines()
            lines.append("  -h, --help\(String(repeating: " ", count: max(2, width - 8)))show this help")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func optionLabel(_ option: OptionSpec) -> String {
        guard let valueName = option.valueName else { return option.name }
        return "\(option.name) \(valueName)"
    }
}

/// The `coinage` command line: a thin dispatcher to one command per file.
public enum CoinageCLI {
    public static let version = "0.1.0"

    static var commands: [any Command.Type] {
        [CheckCommand.self, QuoteCommand.self, PricesCommand.self, GiftCommand.self, TestCommand.self, FmtCommand.self,
         DiffCommand.self, ServeCommand.self, LspCommand.self, TimelineCommand.self]
    }

    /// Runs `coinage` with `arguments` (without the program name) and returns the exit status.
    ///
    /// When standard output cannot be written (a full disk, a closed descriptor, a
    /// pipe whose reader has gone) or standard input cannot be read, the command's
    /// own status gives way to 2, with the reason on standard error: what was asked
    /// for did not all arrive.
    public static func run(_ arguments: [String], console: Console) -> ExitCode {
        // A standard output known to be unusable from the start: nothing is done.
        let status = console.outputFailed ? .usage : dispatch(arguments, console: console)
        var failed = false
        if let failure = console.streams.output {
            console.writeError("error: cannot write to standard output: \(failure.reason)\n")
            failed = true
        }
        if let failure = console.streams.input {
            console.writeError("error: cannot read standard input: \(failure.reason)\n")
            failed = true
        }
        return failed ? .usage : status
    }

    private static func dispatch(_ arguments: [String], console: Console) -> ExitCode {
        guard let first = arguments.first, first != "--help", first != "-h", first != "help" else {
            return help(Array(arguments.dropFirst()), console: console)
        }
        if first == "--version" {
            console.writeText("coinage \(version)\n")
            return .success
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            return usageError(.unknownCommand(first, suggestion: Suggestion.closest(to: first, among: commands.map { $0.name })),
                              usage: "coinage COMMAND [OPTIONS]", console: console)
        }
        switch parse(Array(arguments.dropFirst()), options: command.options) {
        case .failure(let error):
            return usageError(error, usage: command.usage, console: console)
        case .success(let parsed) where parsed.wantsHelp:
            console.writeText(command.helpText)
            return .success
        case .success(let parsed):
            return command.run(parsed, console: console)
        }
    }

    /// `coinage help [COMMAND]`: the overview, or one command's help. A name that is
    /// not a command is a usage error, as it is without `help`.
    private static func help(_ arguments: [String], console: Console) -> ExitCode {
        guard let name = arguments.first, name != "--help", name != "-h" else {
            console.writeText(overview)
            return .success
        }
        guard let command = commands.first(where: { $0.name == name }) else {
            return usageError(.unknownCommand(name, suggestion: Suggestion.closest(to: name, among: commands.map { $0.name })),
                              usage: "coinage help [COMMAND]", console: console)
        }
        if arguments.count > 1 {
            return usageError(.unexpectedArgument(arguments[1]), usage: "coinage help [COMMAND]", console: console)
        }
        console.writeText(command.helpText)
        return .success
    }

    private static func parse(_ arguments: [String], options: [OptionSpec]) -> Result<ParsedArguments, UsageError> {
        Result { () throws(UsageError) in try ParsedArguments(arguments, options: options) }
    }

    /// Runs with the process's arguments and exits with the command's status.
    public static func main() -> Never {
        ProcessAllocator.mergeFreedBlocksAtOnce()
        let status = run(Array(CommandLine.arguments.dropFirst()), console: .standard())
        exit(status.rawValue)
    }

    static func usageError(_ error: UsageError, usage: String, console: Console) -> ExitCode {
        var text = "error: \(error.message)\n"
        if let help = error.help { text += "help: \(help)\n" }
        text += "usage: \(usage)\n"
        console.writeError(text)
        return .usage
    }

    static var overview: String {
        var lines = [
            "coinage \(version): pricing and promotions rules for a virtual-currency shop",
            "",
            "usage: coinage COMMAND [OPTIONS]",
            "",
            "commands:",
        ]
        lines += TextTable(commands.map { [$0.name, $0.summary] }, indent: "  ").lines()
        lines += ["", "Run `coinage COMMAND --help` for a command's options."]
        return lines.joined(separator: "\n") + "\n"
    }
}
