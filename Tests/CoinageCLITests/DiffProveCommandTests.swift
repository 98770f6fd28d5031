import CoinageCLI
import Foundation
import Testing

/// `prove-new` raises `coins_500` and widens `loyal` from 5 purchases to 3: prices
/// rise and fall, nobody loses a promotion.
private let old = Snapshot.fixture("prove-old")
private let new = Snapshot.fixture("prove-new")
private let at = "2026-11-26T12:00Z"
private let claims = ["--prove", "same-quotes", "--prove", "no-price-increase", "--prove", "no-lost-promotion",
                      "--prove", "unchanged-outside:bundle=coins_500"]

/// `coinage diff --prove`: the claims section of each format, the claims file, and
/// the exit statuses (0 proven, 1 disproven, 2 usage, 3 incomplete).
@Suite struct DiffProveCommandTests {
    @Test(arguments: [
        ("diff-prove.txt", "text"),
        ("diff-prove.md", "markdown"),
        ("diff-prove.json", "json"),
    ])
    func goldenProofsBetweenTheSampleRuleSets(snapshot: String, format: String) {
        let result = runCoinage(["diff", old, new, "--at", at, "--format", format] + claims)
        #expect(result.status == .failure, "\(result.err)")
        #expect(result.err.isEmpty)
        Snapshot.expect(result.out, matches: snapshot)
    }

    @Test func aShopWithoutCustomAmountsAgainstItselfIsProvenAndExitsZero() throws {
        let shop = """
            base currency USD
            region US: USD
            user vip: bool
            bundle b: 100 coins, 9.99 USD
            promotion p {
              when user.vip
              every sat from 18:00 to 22:00
              discount 10%
            }

            """
        try withTemporaryRules(shop) { directory in
            let result = runCoinage(["diff", directory, directory, "--at", at] + claims)
            #expect(result.status == .success, "\(result.out)\(result.err)")
            #expect(result.out.contains("  ✓ same-quotes: proven\n"))
            #expect(result.out.contains("  ✓ unchanged-outside:bundle=coins_500: proven\n"))
        }
    }

    @Test func claimsComeFromAFileToo() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("claims-\(UUID().uuidString).txt")
        try "# what every pull request keeps\nno-price-increase\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = runCoinage(["diff", old, new, "--at", at, "--claims", file.path, "--format", "json"])
        #expect(result.status == .failure)
        #expect(result.out.contains("\"claim\": \"no-price-increase\""))
        #expect(result.out.contains("\"outcome\": \"disproven\""))
    }

    @Test func anUnreadableClaimIsAUsageError() {
        let result = runCoinage(["diff", old, new, "--at", at, "--prove", "no-price-rise"])
        #expect(result.status == .usage)
        #expect(result.err.contains("unknown claim `no-price-rise`"))
        let missing = runCoinage(["diff", old, new, "--at", at, "--claims", "/nonexistent/claims"])
        #expect(missing.status == .usage)
        let budget = runCoinage(["diff", old, new, "--at", at, "--prove", "same-quotes", "--prove-budget", "zero"])
        #expect(budget.status == .usage)
    }

    /// The html page has no place for proofs: asking for both is a usage error, not
    /// proofs silently left out.
    @Test func proofsOnTheHTMLPageAreAUsageError() {
        let result = runCoinage(["diff", old, new, "--at", at, "--prove", "same-quotes", "--format", "html"])
        #expect(result.status == .usage)
        #expect(result.out.isEmpty)
        #expect(result.err.contains("not on the html page"))
    }

    /// The ready-to-paste test of a counterexample passes on the old rules and fails
    /// on the new ones, and the quote commands run on both.
    @Test func aCounterexampleTestPassesOnTheOldRulesAndFailsOnTheNew() throws {
        let result = runCoinage(["diff", old, new, "--at", at, "--prove", "no-price-increase"])
        #expect(result.status == .failure)
        let block = try counterexampleTestBlock(result.out)
        try expectCounterexampleTest(block, passesOn: old, failsOn: new, saying: "expected  total 4.04 EUR")
        let lines = result.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The commands, without their leading `coinage`, quote on each side.
        for prefix in ["old: ", "new: "] {
            let index = try #require(lines.firstIndex { $0.hasPrefix("      " + prefix) })
            let words = Array(lines[index + 1].split(separator: " ").map(String.init).dropFirst())
            #expect(words.first == "quote")
            let quoted = runCoinage(words)
            #expect(quoted.status == .success, "\(words) \(quoted.err)")
            #expect(quoted.out.contains(prefix == "old: " ? "4.04 EUR" : "4.31 EUR"), "\(quoted.out)")
        }
    }

    @Test func theProofsGoToASarifFileToo() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("prove-\(UUID().uuidString).sarif")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = runCoinage(["diff", old, new, "--at", at, "--sarif", file.path] + claims)
        #expect(result.status == .failure, "\(result.err)")
        Snapshot.expect(try String(contentsOf: file, encoding: .utf8), matches: "diff-prove.sarif")
        let alone = runCoinage(["diff", old, new, "--at", at, "--sarif", file.path])
        #expect(alone.status == .usage)
        #expect(alone.err.contains("give `--prove CLAIM` or `--claims FILE`"))
    }

    @Test func provenAndDisprovenTogetherExitOne() {
        let result = runCoinage(["diff", old, new, "--at", at, "--prove", "no-lost-promotion"])
        #expect(result.status == .success)
        #expect(result.out.contains("  ✓ no-lost-promotion: proven\n"))
        let both = runCoinage(["diff", old, new, "--at", at, "--prove", "no-lost-promotion", "--prove", "no-price-increase"])
        #expect(both.status == .failure)
    }

    @Test func aBudgetTooSmallIsIncompleteAndExitsThree() {
        let result = runCoinage(["diff", old, old, "--at", at, "--prove", "same-quotes", "--prove-budget", "10"])
        #expect(result.status == .incomplete)
        #expect(result.status.rawValue == 3)
        #expect(result.out.contains("  ? same-quotes: incomplete: "))
    }
}
