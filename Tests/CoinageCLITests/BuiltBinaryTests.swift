import Foundation
import Testing

/// The `coinage` executable of this build, run as a separate process through
/// `/bin/sh` so that its standard streams can be a full device, closed, or a
/// directory, as a shell user would make them.
enum BuiltBinary {
    /// `coinage` next to the test runner in the build products directory, else in
    /// the package's `.build/debug`.
    static let url: URL? = {
        var candidates: [URL] = []
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(runner.deletingLastPathComponent().appendingPathComponent("coinage"))
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("coinage"))
        }
        candidates.append(Snapshot.packageRoot.appendingPathComponent(".build/debug/coinage"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Runs `script` with `sh -c`: `$0` is the binary, `$1`... are `arguments`.
    static func shell(_ script: String, _ arguments: [String] = []) throws -> (status: Int32, out: String, err: String) {
        let binary = try #require(url, "no built `coinage` next to the tests; run `swift build` first")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, binary.path] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // The outputs here are a few lines: neither pipe fills while the other is read.
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }
}

/// The built binary against `/dev/full`, a closed standard output, a directory as
/// standard input and a reader that goes away: each is reported, with exit status 2.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"))
struct BuiltBinaryTests {
    static let promotions = Snapshot.fixture("promotions")
    static let line = #"{"bundle":"coins_700","region":"DE","channel":"web","at":"2026-11-28T10:00:00Z"}"#

    @Test func checkToAFullDevice() throws {
        let result = try BuiltBinary.shell(#"exec "$0" check "$1" > /dev/full"#, [Snapshot.fixture("clean")])
        #expect(result.status == 2)
        #expect(result.err == "error: cannot write to standard output: No space left on device\n")
    }

    @Test func batchToAFullDevice() throws {
        let result = try BuiltBinary.shell(#"printf '%s\n' "$2" | "$0" quote --batch --rules "$1" > /dev/full"#,
                                           [Self.promotions, Self.line])
        #expect(result.status == 2)
        #expect(result.err == "error: cannot write to standard output: No space left on device\n")
    }

    @Test func closedStandardOutput() throws {
        let result = try BuiltBinary.shell(#"exec "$0" quote coins_700 --region DE --channel web --rules "$1" >&-"#,
                                           [Self.promotions])
        #expect(result.status == 2)
        #expect(result.err == "error: cannot write to standard output: Bad file descriptor\n")
    }

    @Test func directoryAsStandardInput() throws {
        let result = try BuiltBinary.shell(#"exec "$0" quote --batch --rules "$1" < /"#, [Self.promotions])
        #expect(result.status == 2)
        #expect(result.out.isEmpty)
        #expect(result.err == "error: cannot read standard input: Is a directory\n")
    }

    /// With SIGPIPE ignored, a reader that stops early makes the next write fail: the
    /// batch says so and stops, instead of quoting the rest for nobody.
    @Test func readerGoneWithSigpipeIgnored() throws {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("coinage-pipe-\(UInt64.random(in: 0...UInt64.max)).jsonl")
        defer { try? FileManager.default.removeItem(at: input) }
        // About 3 MiB of output: the first 1 MiB flush reaches `head`, a later one fails.
        let explained = Self.line.dropLast() + #","explain":true}"#
        try Data(String(repeating: explained + "\n", count: 1_500).utf8).write(to: input)
        let script = #"trap '' PIPE; { "$0" quote --batch --rules "$1" < "$2"; echo "status $?" >&2; } | head -c 1 > /dev/null"#
        let result = try BuiltBinary.shell(script, [Self.promotions, input.path])
        #expect(result.err == "error: cannot write to standard output: Broken pipe\nstatus 2\n")
    }
}
