import CoinageCLI
import Foundation
import Testing

/// `prove-arms-new` makes the `cheaper` arm of `price_test` less cheap and adds a
/// `bonus` arm; control and the bodiless `holdout` arm are the same on both sides.
private let old = Snapshot.fixture("prove-arms-old")
private let new = Snapshot.fixture("prove-arms-new")
private let at = "2026-12-05T12:00Z"
private let claims = ["--prove", "no-price-increase", "--prove", "same-quotes", "--prove", "no-lost-promotion"]

/// `coinage diff --prove` with experiments: each arm's proofs, named in every format,
/// its commands forcing the arm, and the exit status over control and every arm.
@Suite struct DiffProveArmsCommandTests {
    @Test(arguments: [
        ("diff-prove-arms.txt", "text"),
        ("diff-prove-arms.md", "markdown"),
        ("diff-prove-arms.json", "json"),
    ])
    func goldenProofsInEveryArm(snapshot: String, format: String) {
        let result = runCoinage(["diff", old, new, "--at", at, "--format", format] + claims)
        #expect(result.status == .failure, "\(result.err)")
        #expect(result.err.isEmpty, "\(result.err)")
        Snapshot.expect(result.out, matches: snapshot)
    }

    @Test func theSarifResultsNameTheirArm() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("prove-arms-\(UUID().uuidString).sarif")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = runCoinage(["diff", old, new, "--at", at, "--sarif", file.path] + claims)
        #expect(result.status == .failure, "\(result.err)")
        let sarif = try String(contentsOf: file, encoding: .utf8)
        Snapshot.expect(sarif, matches: "diff-prove-arms.sarif")
        #expect(sarif.contains("in arm `price_test/cheaper`: `no-price-increase` is disproven"))
    }

    /// Control and every arm prove `no-lost-promotion`: status 0; the holdout arm
    /// is skipped, not proven again.
    @Test func provenEverywhereExitsZero() {
        let result = runCoinage(["diff", old, new, "--at", at, "--prove", "no-lost-promotion"])
        #expect(result.status == .success, "\(result.out)\(result.err)")
        #expect(result.out.contains("  ✓ no-lost-promotion: proven in arm `price_test/cheaper`\n"))
        #expect(result.out.contains("proofs in arm `price_test/holdout`: skipped: "))
        #expect(result.out.contains("  ✓ no-lost-promotion: proven in control and every arm\n"))
    }

    @Test func aBudgetTooSmallIsIncompleteInEveryPlaceAndExitsThree() {
        let result = runCoinage(["diff", old, old, "--at", at, "--prove", "same-quotes", "--prove-budget", "1"])
        #expect(result.status == .incomplete, "\(result.out)\(result.err)")
        #expect(result.out.contains("  ? same-quotes: incomplete in control, arm `price_test/cheaper`\n"), "\(result.out)")
    }

    /// Each printed command, run without its leading `coinage`, quotes the total the
    /// proof reported for its side; the new side's forces the arm.
    @Test func thePrintedArmCommandsQuoteTheReportedTotals() throws {
        let result = runCoinage(["diff", old, new, "--at", at, "--prove", "no-price-increase"])
        #expect(result.status == .failure)
        let lines = result.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let disproof = try #require(lines.firstIndex { $0.hasPrefix("  ✗ no-price-increase: disproven in arm `price_test/cheaper`") })
        for (prefix, total) in [("      old: ", "3.99 USD"), ("      new: ", "4.29 USD")] {
            let index = try #require(lines[disproof...].firstIndex { $0.hasPrefix(prefix) })
            #expect(lines[index].contains("total \(total)"))
            let command = lines[index + 1].trimmingCharacters(in: .whitespaces)
            #expect(command.contains(" --arm price_test=cheaper "), "\(command)")
            let words = Array(command.split(separator: " ").map(String.init).dropFirst())
            #expect(words.first == "quote")
            let quoted = runCoinage(words)
            #expect(quoted.status == .success, "\(words) \(quoted.err)")
            #expect(quoted.out.contains(total), "\(quoted.out)")
            #expect(quoted.out.contains("arm cheaper of experiment price_test (forced by the request)"), "\(quoted.out)")
            let json = runCoinage(words + ["--json"])
            #expect(json.out.contains("\"amount\": \"\(total.prefix(4))\""), "\(json.out)")
        }
    }

    /// The ready-to-paste test forces the arm: it passes on the old rules and fails on the new.
    @Test func anArmCounterexampleTestPassesOnTheOldRulesAndFailsOnTheNew() throws {
        let result = runCoinage(["diff", old, new, "--at", at, "--prove", "no-price-increase"])
        let block = try counterexampleTestBlock(result.out)
        #expect(block.contains("\n  arm price_test cheaper\n"), "\(block)")
        try expectCounterexampleTest(block, passesOn: old, failsOn: new, saying: "expected  total 3.99 USD")
    }

    /// An arm only the new rules declare: the old command does not force it (the old
    /// rules would refuse it as `unknown_arm`), the new one does.
    @Test func anArmNewOnOneSideIsForcedOnlyThere() throws {
        let result = runCoinage(["diff", old, new, "--at", at, "--prove", "same-quotes", "--format", "json"])
        #expect(result.status == .failure)
        let data = Data(result.out.utf8)
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let proofs = try #require(document["proofs"] as? [String: Any])
        let claim = try #require((proofs["claims"] as? [[String: Any]])?.first)
        #expect(claim["outcome"] as? String == "disproven")
        #expect(claim["experiment"] as? String == "price_test")
        #expect(claim["arm"] as? String == "bonus")
        let oldCommand = try #require(claim["oldCommand"] as? String)
        let newCommand = try #require(claim["newCommand"] as? String)
        #expect(!oldCommand.contains("--arm"))
        #expect(newCommand.contains("--arm price_test=bonus"))
        let arms = try #require(proofs["arms"] as? [[String: Any]])
        #expect(arms.map { $0["arm"] as? String } == ["control", "bonus", "cheaper", "holdout"])
        #expect(arms.map { $0["skipped"] as? Bool } == [false, false, false, true])
    }
}
