import CoinageCLI
import Foundation
import Testing

/// A console whose standard output fails the way a full disk or a closed pipe
/// does, after `okWrites` writes that succeed; standard error is kept.
final class FailingOutput {
    private(set) var written: [UInt8] = []
    private(set) var errors = ""
    private(set) var writes = 0
    private(set) var chunksRead = 0
    private let okWrites: Int
    private let reason: String
    private var input: [[UInt8]]

    init(okWrites: Int = 0, reason: String = "No space left on device", input: [[UInt8]] = []) {
        self.okWrites = okWrites
        self.reason = reason
        self.input = input
    }

    var console: Console {
        Console(
            output: { [unowned self] bytes throws(StreamFailure) in
                self.writes += 1
                guard self.writes <= self.okWrites else { throw StreamFailure(reason: self.reason) }
                self.written += bytes
            },
            errorOutput: { [unowned self] bytes throws(StreamFailure) in self.errors += String(decoding: bytes, as: UTF8.self) },
            input: { [unowned self] () throws(StreamFailure) -> [UInt8]? in
                guard !self.input.isEmpty else { return nil }
                self.chunksRead += 1
                return self.input.removeFirst()
            },
            now: { 1_795_000_000 }
        )
    }
}

/// A failed write of standard output is an error (exit status 2, the reason on
/// standard error), never a crash and never a silent success.
@Suite struct OutputFailureTests {
    static let pricing = Snapshot.fixture("pricing")

    @Test(arguments: [
        ["check", Snapshot.fixture("clean")],
        ["check", Snapshot.fixture("broken"), "--format", "json"],
        ["quote", "coins_700", "--region", "DE", "--channel", "web", "--rules", Snapshot.fixture("pricing")],
        ["quote", "coins_700", "--region", "DE", "--channel", "web", "--json", "--rules", Snapshot.fixture("pricing")],
        ["prices", "--rules", Snapshot.fixture("pricing")],
        ["gift", "rose", "--rules", Snapshot.fixture("pricing")],
        ["test", Snapshot.fixture("tests-pass")],
        ["test", Snapshot.fixture("tests-fail"), "--format", "junit"],
        ["diff", Snapshot.fixture("clean"), Snapshot.fixture("clean"), "--at", "2026-11-26T12:00Z"],
        ["fmt", "--check", Snapshot.fixture("fmt")],
        ["--help"],
        ["help", "quote"],
        ["--version"],
    ])
    func everyCommandReportsAFailedWriteAndExitsTwo(arguments: [String]) {
        let output = FailingOutput()
        let status = CoinageCLI.run(arguments, console: output.console)
        #expect(status == .usage)
        #expect(output.errors.hasSuffix("error: cannot write to standard output: No space left on device\n"), "\(output.errors)")
        #expect(output.written.isEmpty)
    }

    @Test func aWriteThatWorksLeavesTheStatusAlone() {
        let output = FailingOutput(okWrites: 10)
        #expect(CoinageCLI.run(["check", Snapshot.fixture("clean")], console: output.console) == .success)
        #expect(output.errors.isEmpty)
        #expect(String(decoding: output.written, as: UTF8.self).contains(": ok, "))
    }

    /// Lines enough for several blocks of output, in chunks of 50 lines.
    static func bigBatch(lines: Int) -> [[UInt8]] {
        let line = #"{"bundle":"coins_700","region":"DE","channel":"web","at":"2026-11-28T10:00:00Z","explain":true}"#
        let chunk = Array(String(repeating: line + "\n", count: 50).utf8)
        return Array(repeating: chunk, count: lines / 50)
    }

    @Test func aBatchStopsAtTheFirstFailedWrite() {
        let input = Self.bigBatch(lines: 3_000)
        let output = FailingOutput(okWrites: 1, reason: "Broken pipe", input: input)
        let status = CoinageCLI.run(["quote", "--batch", "--rules", Snapshot.fixture("promotions")], console: output.console)
        #expect(status == .usage)
        #expect(output.errors == "error: cannot write to standard output: Broken pipe\n")
        // One write arrived (the first part of the first block: lines with their
        // explanations), the second failed, and nothing was tried or read after it.
        #expect(output.writes == 2)
        #expect(output.written.count >= 100 << 10)
        #expect(output.chunksRead < input.count)
    }

    @Test func aBatchWhoseOnlyWriteFailsIsNotASuccess() {
        let line = #"{"bundle":"coins_700","region":"DE","channel":"web","at":"2026-11-28T10:00:00Z"}"#
        let output = FailingOutput(input: [Array((line + "\n").utf8)])
        let status = CoinageCLI.run(["quote", "--batch", "--rules", Snapshot.fixture("promotions")], console: output.console)
        #expect(status == .usage)
        #expect(output.errors == "error: cannot write to standard output: No space left on device\n")
    }

    @Test func unreadableInputStopsTheBatch() {
        var errors = ""
        let console = Console(output: { _ throws(StreamFailure) in }, errorOutput: { errors += String(decoding: $0, as: UTF8.self) },
                          input: { () throws(StreamFailure) -> [UInt8]? in throw StreamFailure(reason: "Is a directory") })
        let status = CoinageCLI.run(["quote", "--batch", "--rules", Snapshot.fixture("promotions")], console: console)
        #expect(status == .usage)
        #expect(errors == "error: cannot read standard input: Is a directory\n")
    }

    @Test func fmtTouchesNoMoreFilesOnceOutputFails() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("coinage-fmt-out-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let messy = try Data(contentsOf: URL(fileURLWithPath: Snapshot.fixture("fmt/messy.coin")))
        for name in ["a.coin", "b.coin"] { try messy.write(to: directory.appendingPathComponent(name)) }

        let output = FailingOutput()
        #expect(CoinageCLI.run(["fmt", directory.path], console: output.console) == .usage)
        #expect(output.errors == "error: cannot write to standard output: No space left on device\n")
        // `a.coin` was formatted (its message was lost); `b.coin` was left alone.
        #expect(try Data(contentsOf: directory.appendingPathComponent("a.coin")) != messy)
        #expect(try Data(contentsOf: directory.appendingPathComponent("b.coin")) == messy)
    }
}
