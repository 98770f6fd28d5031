import Foundation

/// Where a command writes, and what it knows of its surroundings. Tests give a
/// console that captures text; `coinage` gives the process's standard streams.
public struct Console {
    public var writeOut: (String) -> Void
    /// Writes bytes that are already UTF-8 (a batch's output) without making a
    /// string of them first.
    public var writeOutBytes: ([UInt8]) -> Void
    public var writeError: (String) -> Void
    /// Reads the next chunk of standard input; nil at its end.
    public var readInput: () -> [UInt8]?
    /// The current time in seconds since 1970-01-01T00:00:00Z, for quotes that give none.
    public var now: () -> Int64
    /// True when standard output is a terminal (colour, progress).
    public var outputIsTerminal: Bool
    public var environment: [String: String]
    /// The current directory, for relative paths.
    public var workingDirectory: String

    public init(writeOut: @escaping (String) -> Void, writeOutBytes: (([UInt8]) -> Void)? = nil,
                writeError: @escaping (String) -> Void,
                readInput: @escaping () -> [UInt8]? = { nil }, now: @escaping () -> Int64 = { 0 },
                outputIsTerminal: Bool = false, environment: [String: String] = [:], workingDirectory: String = ".") {
        self.writeOut = writeOut
        self.writeOutBytes = writeOutBytes ?? { writeOut(String(decoding: $0, as: UTF8.self)) }
        self.writeError = writeError
        self.readInput = readInput
        self.now = now
        self.outputIsTerminal = outputIsTerminal
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    /// The process's own standard output and error.
    public static func standard() -> Console {
        Console(
            writeOut: { FileHandle.standardOutput.write(Data($0.utf8)) },
            writeOutBytes: { bytes in
                bytes.withUnsafeBytes { buffer in
                    guard let base = buffer.baseAddress else { return }
                    var offset = 0
                    while offset < buffer.count {
                        let written = write(STDOUT_FILENO, base + offset, buffer.count - offset)
                        if written > 0 { offset += written } else if written < 0 && errno == EINTR { continue } else { return }
                    }
                }
            },
            writeError: { FileHandle.standardError.write(Data($0.utf8)) },
            readInput: {
                var buffer = [UInt8](repeating: 0, count: 1 << 20)
                let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
                guard count > 0 else { return nil }
                buffer.removeLast(buffer.count - count)
                return buffer
            },
            now: { Int64(Date().timeIntervalSince1970) },
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
    private var input: [UInt8]?
    private let instant: Int64

    /// `input` is what standard input holds; `now` is the clock's fixed answer.
    public init(input: String? = nil, now: Int64 = 1_795_000_000) {
        self.input = input.map { Array($0.utf8) }
        self.instant = now
    }

    public var console: Console {
        Console(writeOut: { [unowned self] in self.output += $0 }, writeError: { [unowned self] in self.errors += $0 },
                readInput: { [unowned self] in
                    defer { self.input = nil }
                    return self.input
                },
                now: { [instant] in instant })
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
