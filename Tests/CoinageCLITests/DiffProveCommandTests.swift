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
