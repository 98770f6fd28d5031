import Foundation

/// Where a command writes, and what it knows of its surroundings. Tests give a
/// console that captures text; `coinage` gives the process's standard streams.
public struct Console {
    public var writeOut: (String) -> Void
    public var writeError: (String) -> Void
    /// True when standard output is a terminal (colour, progress).
    public var outputIsTerminal: Bool
    public var environment: [String: String]
    /// The current directory, for relative paths.
    public var workingDirectory: String

    public init(writeOut: @escaping (String) -> Void, writeError: @escaping (String) -> Void,
                outputIsTerminal: Bool = false, environment: [String: String] = [:], workingDirectory: String = ".") {
        self.writeOut = writeOut
        self.writeError = writeError
        self.outputIsTerminal = outputIsTerminal
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    /// The process's own standard output and error.
    public static func standard() -> Console {
        Console(
            writeOut: { FileHandle.standardOutput.write(Data($0.utf8)) },
            writeError: { FileHandle.standardError.write(Data($0.utf8)) },
            outputIsTerminal: isatty(STDOUT_FILENO) == 1,
            environment: ProcessInfo.processInfo.environment,
            workingDirectory: FileManager.default.currentDirectoryPath
        )
    }

    /// Colour only on a terminal, and never when `NO_COLOR` is set (no-color.org).
    var useColor: Bool {
        outputIsTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }
}

/// A console that keeps what commands write, for tests and embedding.
public final class CapturedConsole {
    public private(set) var output = ""
    public private(set) var errors = ""

    public init() {}

    public var console: Console {
        Console(writeOut: { [unowned self] in self.output += $0 }, writeError: { [unowned self] in self.errors += $0 })
    }
}

/// Exit statuses of every command.
public enum ExitCode: Int32, Sendable, Error {
    /// The command did what was asked and found nothing wrong.
    case success = 0
    /// The rules, a test or a check failed, or a quote was refused.
    case failure = 1
    /// The command was used wrongly, or a file could not be read.
    case usage = 2
}
