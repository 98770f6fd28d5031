import CoinageFormat
import CoinageIO
import CoinageFoundation
import CoinageSyntax

/// `coinage fmt [PATH...] [--check] [--diff]`
///
/// Formats every `*.coin` file under each PATH (a file or a directory). Nothing is
/// written until every PATH has been read, and a file with a syntax error, or
/// whose formatted text would not read back as the same rules, is left untouched.
enum FmtCommand: Command {
    static let name = "fmt"
    static let summary = "Format rules files in the one canonical layout"
    static let usage = "coinage fmt [PATH...] [--check] [--diff]"
    static let options: [OptionSpec] = [
        .value(.rules, "DIR", "the rules directory (default: ./rules; or give PATHs)"),
        .flag(.check, "write nothing; list the files that are not formatted and fail if there are any"),
        .flag(.diff, "write nothing; print the changes as a unified diff"),
    ]

    /// What one run found, for the exit status.
    private struct Outcome {
        var unformatted: [String] = []
        var refused: [String] = []
        var unwritable = false
    }

    static func run(_ arguments: ParsedArguments, console: Console) -> ExitCode {
        if let first = arguments.positionals.first, arguments.value(.rules) != nil {
            return CoinageCLI.usageError(.unexpectedArgument(first), usage: usage, console: console)
        }
        let paths = arguments.positionals.isEmpty ? [arguments.value(.rules) ?? "rules"] : arguments.positionals
        let check = arguments.flag(.check)
        let diff = arguments.flag(.diff)

        guard let files = load(paths, console: console) else { return .usage }
        var outcome = Outcome()
        // Once standard output fails, no more files are touched: what was done could not be told.
        for file in files where !console.outputFailed {
            switch RuleFormatter.format(file) {
            case .syntaxErrors(let diagnostics):
                reportSyntaxErrors(diagnostics, in: file, console: console)
                outcome.refused.append(file.path)
            case .unverified(let reason):
                console.writeError("error: `\(file.path)` is left as it is: \(reason)\n"
                                   + "help: this is a bug in `coinage fmt`; please report it with the file\n")
                outcome.refused.append(file.path)
            case .tooLarge(let bytes):
                console.writeError("error: `\(file.path)` is left as it is: formatted, it would be \(bytes) bytes, "
                                   + "more than the \(Limits.maxFileBytes / (1024 * 1024)) MiB a rules file may have\n"
                                   + "help: split the rules over several `.coin` files in the directory\n")
                outcome.refused.append(file.path)
            case .formatted(let text):
                guard Array(text.utf8) != file.bytes else { continue }
                outcome.unformatted.append(file.path)
                if diff {
                    // A patch keeps the files' bytes for `git apply`; only a terminal sees control characters made visible.
                    let patch = UnifiedDiff.render(path: file.path, old: String(decoding: file.bytes, as: UTF8.self), new: text)
                    if console.outputIsTerminal { console.writeText(patch) } else { console.writeOut(patch) }
                } else if check {
                    console.writeText("\(file.path)\n")
                } else {
                    do {
                        try AtomicFileWrite.replace(file.path, with: Array(text.utf8))
                        console.writeText("formatted \(file.path)\n")
                    } catch {
                        console.writeError("error: cannot write `\(file.path)`: \(error.reason)\n")
                        outcome.unwritable = true
                    }
                }
            }
        }
        return finish(outcome, check: check, paths: paths, console: console)
    }

    /// Every rules file under `paths`, each once, in the order given; nil when a
    /// path cannot be read (reported on the console).
    private static func load(_ paths: [String], console: Console) -> [SourceFile]? {
        var files: [SourceFile] = []
        var seen: Set<String> = []
        for path in paths {
            do {
                let sources = try RulesDirectory.load(path)
                for file in sources.files where !file.isPricePointFile && seen.insert(file.path).inserted {
                    files.append(SourceFile(id: SourceFileID(0), path: file.path, bytes: file.bytes))
                }
            } catch {
                console.writeError("error: \(error.description)\n")
                return nil
            }
        }
        return files
    }

    private static func reportSyntaxErrors(_ diagnostics: [Diagnostic], in file: SourceFile, console: Console) {
        var sources = SourceMap()
        sources.add(path: file.path, bytes: file.bytes)
        let renderer = DiagnosticRenderer(sources: sources, color: false)
        console.writeError(diagnostics.map { renderer.render([$0], as: .text) }.joined(separator: "\n"))
        console.writeError("error: `\(file.path)` has syntax errors and is left as it is\n\n")
    }

    private static func finish(_ outcome: Outcome, check: Bool, paths: [String], console: Console) -> ExitCode {
        if outcome.unwritable { return .usage }
        if check, !outcome.unformatted.isEmpty {
            let count = outcome.unformatted.count
            console.writeError("error: \(count) file\(count == 1 ? " is" : "s are") not formatted; "
                               + "`coinage fmt \(paths.joined(separator: " "))` formats \(count == 1 ? "it" : "them")\n")
            return .failure
        }
        return outcome.refused.isEmpty ? .success : .failure
    }
}
