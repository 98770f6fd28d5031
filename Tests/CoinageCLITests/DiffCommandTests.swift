import CoinageCLI
import Testing

private let old = Snapshot.fixture("diff-old")
private let new = Snapshot.fixture("diff-new")
/// Thanksgiving 2026, a Thursday: the week counted from it holds the Black Friday
/// weekend, Cyber Monday and the weekend happy hours.
private let at = "2026-11-26T12:00Z"

/// `coinage diff` between the two sample rule sets in `Fixtures/diff-old` and
/// `diff-new`: a base-price change, a rate change, a new bundle, a new promotion, a
/// removed one, a changed discount and a changed condition.
@Suite struct DiffCommandTests {
    @Test(arguments: [
        ("diff.txt", "text"),
        ("diff.md", "markdown"),
        ("diff.json", "json"),
    ])
    func goldenDiffBetweenTheSampleRuleSets(snapshot: String, format: String) {
        let result = runCoinage(["diff", old, new, "--at", at, "--format", format])
        #expect(result.status == .success, "\(result.err)")
        #expect(result.err.isEmpty)
        Snapshot.expect(result.out, matches: snapshot)
    }

    /// A shop that counts in bits reads "in bits" in the diff's prose; JSON keeps its keys.
    @Test func theDiffSpeaksTheNewRulesUnit() throws {
        let old = """
            base currency USD
            unit bit, bits
            region US: USD
            bundle bits_100: 100 bits, 1.40 USD

            """
        try withTemporaryRules(old) { oldDirectory in
            try withTemporaryRules(old.replacingOccurrences(of: "1.40 USD", with: "1.50 USD")) { newDirectory in
                let result = runCoinage(["diff", oldDirectory, newDirectory, "--at", "2026-11-28T10:00Z"])
                #expect(result.out.contains(" in bits, "), "\(result.out)")
                #expect(!result.out.contains(" in coins, "))
            }
        }
    }

    @Test func sameRulesOnBothSidesHaveNoImpactAndExitZero() {
        let shop = Snapshot.fixture("promotions")
        let result = runCoinage(["diff", shop, shop, "--at", at, "--format", "markdown"])
        #expect(result.status == .success)
        #expect(result.out.contains("No list price, promotion or quote changes."))
        #expect(result.out.contains("| quotes changed | 0 of "))
        let text = runCoinage(["diff", shop, shop, "--at", at])
        #expect(text.out.contains("  no list price changes ("))
        #expect(text.out.contains("  no promotion changes\n"))
    }

    @Test func theDefaultInstantIsNow() {
        let shop = Snapshot.fixture("promotions")
        // CapturedConsole's clock reads 1_795_000_000: 2026-11-18T11:06:40Z.
        let result = runCoinage(["diff", shop, shop])
        #expect(result.out.contains("counted from 2026-11-18T11:06:40Z"))
    }

    @Test func brokenRulesAreReportedWithTheirSideAndExitOne() {
        let broken = Snapshot.fixture("broken")
        let oldBroken = runCoinage(["diff", broken, new])
        #expect(oldBroken.status == .failure)
        #expect(oldBroken.out.isEmpty)
        #expect(oldBroken.err.contains("error[E"))
        #expect(oldBroken.err.contains("error: the old rules in `\(broken)` have 5 errors; `coinage check \(broken)` lists them\n"))
        #expect(!oldBroken.err.contains("the new rules"))

        let both = runCoinage(["diff", broken, broken])
        #expect(both.status == .failure)
        #expect(both.err.contains("error: the old rules in `\(broken)` have 5 errors"))
        #expect(both.err.contains("error: the new rules in `\(broken)` have 5 errors"))
    }

    @Test func anUnreadableSideExitsTwo() {
        let result = runCoinage(["diff", old, "/no/such/rules"])
        #expect(result.status == .usage)
        #expect(result.out.isEmpty)
        #expect(result.err == "error: the new rules: `/no/such/rules` does not exist\n")
    }

    @Test func usageErrorsExitTwo() {
        let one = runCoinage(["diff", old])
        #expect(one.status == .usage)
        #expect(one.err.hasPrefix("error: missing the new rules directory\n"))
        #expect(runCoinage(["diff"]).err.hasPrefix("error: missing the old and the new rules directories\n"))
        #expect(runCoinage(["diff", old, new, "extra"]).err.hasPrefix("error: unexpected argument `extra`\n"))
        let instant = runCoinage(["diff", old, new, "--at", "tomorrow"])
        #expect(instant.status == .usage)
        #expect(instant.err.hasPrefix("error: `tomorrow` is not a valid value for `--at`"))
        #expect(runCoinage(["diff", old, new, "--format", "pdf"]).status == .usage)
    }

    @Test func helpDescribesTheCommand() {
        let result = runCoinage(["diff", "--help"])
        #expect(result.status == .success)
        #expect(result.out.contains("usage: coinage diff OLD_DIR NEW_DIR [--at T] [--format text|markdown|json|html] [--prove CLAIM]... [--claims FILE] [--prove-budget N] [--sarif FILE]"))
    }
}
