import CoinageCLI
import Testing

/// `coinage serve` refuses to start on a wrong command line or rules with errors,
/// before it listens. (The running service is tested in CoinageServerTests.)
@Suite struct ServeCommandTests {
    @Test(arguments: [
        (["--port", "70000"], "`70000` is not a valid value for `--port`: write a whole number from 0 to 65535"),
        (["--port", "http"], "`http` is not a valid value for `--port`: write a whole number from 0 to 65535"),
        (["--max-body-bytes", "-1"], "`-1` is not a valid value for `--max-body-bytes`"),
        (["--idle-timeout", "0"], "`0` is not a valid value for `--idle-timeout`"),
        (["rules"], "unexpected argument `rules`"),
    ])
    func wrongCommandLines(_ arguments: [String], message: String) {
        let result = runCoinage(["serve"] + arguments)
        #expect(result.status == .usage)
        #expect(result.err.hasPrefix("error: \(message)"))
        #expect(result.err.contains("usage: coinage serve"))
    }

    @Test func rulesWithErrorsAreNotServed() throws {
        let result = try withTemporaryRules("bundle broken: lots of coins\n") { runCoinage(["serve", "--rules", $0, "--port", "0"]) }
        #expect(result.status == .failure)
        #expect(result.err.contains("error: the rules in `"))
        #expect(result.err.contains("`coinage check"))
    }

    @Test func anUnreadableDirectoryIsAUsageError() {
        let result = runCoinage(["serve", "--rules", "/nonexistent/coinage-rules", "--port", "0"])
        #expect(result.status == .usage)
        #expect(result.err.hasPrefix("error: "))
    }

    @Test func aHostThatDoesNotResolve() {
        let result = runCoinage(["serve", "--rules", Snapshot.packageRoot.appendingPathComponent("rules").path, "--host", "no-such-host.invalid", "--port", "0"])
        #expect(result.status == .usage)
        #expect(result.err.contains("error: cannot resolve `no-such-host.invalid`"))
    }
}
