import CoinageSyntax
import Foundation

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
            let width = options.map { optionLabel($0).count }.max() ?? 0
            for option in options {
                let label = optionLabel(option)
                lines.append("  \(label)\(String(repeating: " ", count: width - label.count + 2))\(option.help)")
            }
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
         DiffCommand.self]
    }

    /// Runs `coinage` with `arguments` (without the program name) and returns the exit status.
    public static func run(_ arguments: [String], console: Console) -> ExitCode {
        guard let first = arguments.first, first != "--help", first != "-h", first != "help" else {
            if arguments.count > 1, let command = commands.first(where: { $0.name == arguments[1] }) {
                console.writeOut(command.helpText)
            } else {
                console.writeOut(overview)
            }
            return .success
        }
        if first == "--version" {
            console.writeOut("coinage \(version)\n")
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
            console.writeOut(command.helpText)
            return .success
        case .success(let parsed):
            return command.run(parsed, console: console)
        }
    }

    private static func parse(_ arguments: [String], options: [OptionSpec]) -> Result<ParsedArguments, UsageError> {
        Result { () throws(UsageError) in try ParsedArguments(arguments, options: options) }
    }

    /// Runs with the process's arguments and exits with the command's status.
    public static func main() -> Never {
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
        let width = commands.map { $0.name.count }.max() ?? 0
        var lines = [
            "coinage \(version): pricing and promotions rules for a virtual-currency shop",
            "",
            "usage: coinage COMMAND [OPTIONS]",
            "",
            "commands:",
        ]
        for command in commands {
            lines.append("  \(command.name)\(String(repeating: " ", count: width - command.name.count + 2))\(command.summary)")
        }
        lines += ["", "Run `coinage COMMAND --help` for a command's options."]
        return lines.joined(separator: "\n") + "\n"
    }
}
