import CoinageIO
import CoinageSyntax

/// Where a command writes, and what it knows of its surroundings. Tests give a
/// console that captures text (or one whose writes fail); `coinage` gives the
/// process's standard streams.
///
/// A write that fails is recorded in `streams`, and every later write to that
/// stream is dropped: a command asks `outputFailed` to stop early, and
/// `CoinageCLI.run` reports the failure and exits with status 2.
public struct Console {
    public var writeOut: (String) -> Void
    /// Writes bytes that are already UTF-8 (a batch's output) without making a
    /// string of them first.
    public var writeOutBytes: ([UInt8]) -> Void
    /// Writes a message for a person: control characters in it are shown visibly
    /// (see `TerminalText`), whatever the caller passes.
    public var writeError: (String) -> Void
    /// Reads the next chunk of standard input; nil at its end, or when it cannot be
    /// read (then `streams.input` says why).
    public var readInput: () -> [UInt8]?
    /// The current time in seconds since 1970-01-01T00:00:00Z, for quotes that give none.
    public var now: () -> Int64
    /// True when standard output is a terminal (colour, progress).
    public var outputIsTerminal: Bool
    public var environment: [String: String]
    /// The current directory, for relative paths.
    public var workingDirectory: String
    /// The failures of the streams so far, shared by every copy of this console.
    public let streams: StreamFailures

    /// A console whose writes and reads cannot fail.
    public init(writeOut: @escaping (String) -> Void, writeOutBytes: (([UInt8]) -> Void)? = nil,
                writeError: @escaping (String) -> Void,
                readInput: @escaping () -> [UInt8]? = { nil }, now: @escaping () -> Int64 = { 0 },
                outputIsTerminal: Bool = false, environment: [String: String] = [:], workingDirectory: String = ".") {
        self.writeOut = writeOut
        self.writeOutBytes = writeOutBytes ?? { writeOut(String(decoding: $0, as: UTF8.self)) }
        self.writeError = { writeError(TerminalText.visible($0)) }
        self.readInput = readInput
        self.now = now
        self.outputIsTerminal = outputIsTerminal
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.streams = StreamFailures()
    }

    /// A console over streams that can fail: `output` and `errorOutput` write all of
    /// the bytes or throw, and `input` returns the next chunk, nil at the end, or
    /// throws. The first failure of each stream is kept; the stream is not used again.
    public init(output: @escaping ([UInt8]) throws(StreamFailure) -> Void,
                errorOutput: @escaping ([UInt8]) throws(StreamFailure) -> Void,
                input: @escaping () throws(StreamFailure) -> [UInt8]? = { nil }, now: @escaping () -> Int64 = { 0 },
                outputIsTerminal: Bool = false, environment: [String: String] = [:], workingDirectory: String = ".") {
        let streams = StreamFailures()
        let writeOutBytes: ([UInt8]) -> Void = { bytes in
            guard streams.output == nil, !bytes.isEmpty else { return }
            do throws(StreamFailure) { try output(bytes) } catch { streams.output = error }
        }
        self.writeOutBytes = writeOutBytes
        self.writeOut = { writeOutBytes(Array($0.utf8)) }
        self.writeError = { text in
            guard streams.error == nil, !text.isEmpty else { return }
            do throws(StreamFailure) { try errorOutput(Array(TerminalText.visible(text).utf8)) } catch { streams.error = error }
        }
        self.readInput = {
            guard streams.input == nil else { return nil }
            do throws(StreamFailure) { return try input() } catch {
                streams.input = error
                return nil
            }
        }
        self.now = now
        self.outputIsTerminal = outputIsTerminal
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.streams = streams
    }

    /// True once a write to standard output has failed: whatever the command does
    /// next is lost, so it should stop.
    public var outputFailed: Bool { streams.output != nil }

    /// Writes text meant for a person to standard output, its control characters
    /// shown visibly (see `TerminalText`). Machine formats (JSON, XML, CSV) are
    /// written with `writeOut`: their own escaping already keeps control
    /// characters out.
    func writeText(_ text: String) {
        writeOut(TerminalText.visible(text))
    }

    /// Colour only on a terminal, and never when `NO_COLOR` is set (no-color.org).
    var useColor: Bool {
        outputIsTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }
}

/// Why a stream could not be written or read, in the system's words.
public struct StreamFailure: Error, Equatable, Sendable {
    /// E.g. `No space left on device`.
    public let reason: String

    public init(reason: String) {
        self.reason = reason
    }
}

/// The first failure of each of a console's streams; nil while it works.
public final class StreamFailures {
    public internal(set) var output: StreamFailure?
    public internal(set) var error: StreamFailure?
    public internal(set) var input: StreamFailure?

    init() {}
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
    /// The command was used wrongly, a file could not be read, or standard output
    /// could not be written.
    case usage = 2
    /// `diff --prove`: no claim disproven, but some proof stopped at its budget.
    case incomplete = 3
}
