import CoinageLanguageServer

/// `coinage lsp [--rules DIR]`: the Language Server Protocol over standard input
/// and output, for editors (see Docs/Editors.md). It serves until the client
/// sends `exit`, then exits with status 0 after `shutdown` and 1 without it.
enum LspCommand: Command {
    static let name = "lsp"
    static let summary = "Serve the Language Server Protocol on standard input and output, for editors"
    static let usage = "coinage lsp [--rules DIR]"
    static let options: [OptionSpec] = [
        .value(.rules, "DIR", "the rules directory (default: the editor's workspace folder, or its `rules` folder)"),
    ]

    static func run(_ arguments: ParsedArguments, console: Console) -> ExitCode {
        if let extra = arguments.positionals.first {
            return CoinageCLI.usageError(.unexpectedArgument(extra), usage: usage, console: console)
        }
        let status = StdioTransport.run(rulesDirectory: arguments.value(.rules))
        return status == 0 ? .success : .failure
    }
}
