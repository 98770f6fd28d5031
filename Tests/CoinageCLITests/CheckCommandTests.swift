import CoinageCLI
import Foundation
import Testing

/// Runs `coinage` in-process and returns its exit status and output.
func runCoinage(_ arguments: [String], terminal: Bool = false, environment: [String: String] = [:])
    -> (status: ExitCode, out: String, err: String)
{
    let captured = CapturedConsole()
    var console = captured.console
    console.outputIsTerminal = terminal
    console.environment = environment
    let status = CoinageCLI.run(arguments, console: console)
    return (status, captured.output, captured.errors)
}

@Suite struct CheckCommandTests {
    @Test func cleanRulesExitZeroWithSummary() {
        let result = runCoinage(["check", Snapshot.fixture("clean")])
        #expect(result.status == .success)
        #expect(result.err.isEmpty)
        Snapshot.expect(result.out, matches: "check-clean.txt")
    }

    @Test func bundledSampleShopChecksCleanUnderStrict() {
        let result = runCoinage(["check", Snapshot.packageRoot.appendingPathComponent("rules").path, "--strict"])
        #expect(result.status == .success, "\(result.out)")
        #expect(result.out.contains(": ok, "))
    }

    /// `--allow` accepts a warning for one run, so `--strict` passes; an error's
    /// code or an unknown one is a wrong command line.
    @Test func allowAcceptsAWarningForOneRun() throws {
        let ladder = """
            base currency USD
            region US: USD, tax 7.25% added
            bundle coins_70: 70 coins, 0.99 USD
            bundle coins_350: 350 coins, 4.99 USD

            """
        try withTemporaryRules(ladder) { directory in
            #expect(runCoinage(["check", directory, "--strict"]).status == .failure)
            let allowed = runCoinage(["check", directory, "--strict", "--allow", "W0202"])
            #expect(allowed.status == .success, "\(allowed.out)")
            #expect(!allowed.out.contains("W0202"))
            #expect(allowed.out.contains("(1 warning accepted by `allow`)"))
            let error = runCoinage(["check", directory, "--allow", "E0101"])
            #expect(error.status == .usage)
            #expect(error.err.contains("an error cannot be allowed"))
            #expect(runCoinage(["check", directory, "--allow", "W9999"]).status == .usage)
        }
    }

    @Test func brokenRulesReportEachMistakeOnce() {
        let result = runCoinage(["check", Snapshot.fixture("broken")])
        #expect(result.status == .failure)
        Snapshot.expect(result.out, matches: "check-broken.txt")
        // Five planted mistakes, five errors, each at its own line and column.
        let headers = result.out.split(separator: "\n").filter { $0.contains(": error[") }
        #expect(headers.count == 5)
        for expected in ["E0101", "E0103", "E0109", "E0204", "E0401"] {
            #expect(headers.count(where: { $0.contains("[\(expected)]") }) == 1, "\(expected)")
        }
        #expect(result.out.contains("did you mean `coins_700`?"))
        #expect(result.out.contains("did you mean `vip`?"))
    }

    @Test(arguments: ["json", "github", "sarif"])
    func machineFormats(format: String) {
        let result = runCoinage(["check", Snapshot.fixture("broken"), "--format", format])
        #expect(result.status == .failure)
        Snapshot.expect(result.out, matches: "check-broken.\(format)")
    }

    @Test func warningsPassUnlessStrict() {
        let relaxed = runCoinage(["check", Snapshot.fixture("warnings")])
        #expect(relaxed.status == .success)
        #expect(relaxed.out.contains("warning[W0002]"))
        let strict = runCoinage(["check", Snapshot.fixture("warnings"), "--strict"])
        #expect(strict.status == .failure)
        Snapshot.expect(strict.out, matches: "check-warnings-strict.txt")
    }

    @Test func colourOnlyOnATerminalWithoutNoColor() {
        let plain = runCoinage(["check", Snapshot.fixture("broken")])
        #expect(!plain.out.contains("\u{1B}["))
        let terminal = runCoinage(["check", Snapshot.fixture("broken")], terminal: true)
        #expect(terminal.out.contains("\u{1B}[1;31merror[E0101]"))
        let noColor = runCoinage(["check", Snapshot.fixture("broken")], terminal: true, environment: ["NO_COLOR": "1"])
        #expect(!noColor.out.contains("\u{1B}["))
        let json = runCoinage(["check", Snapshot.fixture("broken"), "--format", "json"], terminal: true)
        #expect(!json.out.contains("\u{1B}["))
    }

    @Test func rulesOptionIsTheSameAsThePositionalDirectory() {
        let positional = runCoinage(["check", Snapshot.fixture("clean")])
        let option = runCoinage(["check", "--rules", Snapshot.fixture("clean")])
        #expect(positional.out == option.out)
        #expect(positional.status == option.status)
    }

    @Test func missingDirectoryIsAUsageError() {
        let result = runCoinage(["check", "/nonexistent/coinage-rules"])
        #expect(result.status == .usage)
        #expect(result.out.isEmpty)
        #expect(result.err == "error: `/nonexistent/coinage-rules` does not exist\n")
    }

    @Test func directoryWithoutRuleFilesIsAUsageError() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("coinage-empty-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        try "not rules".write(to: empty.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let result = runCoinage(["check", empty.path])
        #expect(result.status == .usage)
        #expect(result.err.contains("holds no `.coin` files"))
    }

    @Test func singleFileCanBeChecked() {
        let result = runCoinage(["check", Snapshot.fixture("clean") + "/shop.coin"])
        #expect(result.status == .success)
        #expect(result.out.contains(": ok, 1 file"))
    }
}
