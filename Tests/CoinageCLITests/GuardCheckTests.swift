import CoinageCLI
import Foundation
import Testing

/// `coinage check` on rules whose guards fail: the report in every format, and the
/// counterexamples it prints, replayed as the user would replay them.
@Suite struct GuardCheckTests {
    static let fixture = Snapshot.fixture("guards")

    @Test func failingGuardsAreErrorsWithReplayableHelp() {
        let result = runCoinage(["check", Self.fixture, "--now", "2026-04-15T00:00Z"])
        #expect(result.status == .failure)
        Snapshot.expect(result.out, matches: "check-guards.txt")
        for code in ["E0601", "E0602", "E0603", "W0101", "W0102", "W0103"] {
            #expect(result.out.contains("[\(code)]"), "\(code)")
        }
    }

    @Test func everyFormatCarriesTheMultiLineHelp() {
        for format in ["json", "github", "sarif"] {
            let result = runCoinage(["check", Self.fixture, "--now", "2026-04-15T00:00Z", "--format", format])
            #expect(result.status == .failure)
            Snapshot.expect(result.out, matches: "check-guards.\(format)")
        }
        // GitHub annotations are one line each: the help's line breaks are escaped.
        let github = runCoinage(["check", Self.fixture, "--now", "2026-04-15T00:00Z", "--format", "github"]).out
        #expect(github.split(separator: "\n").allSatisfy { $0.hasPrefix("::") })
        #expect(github.contains("%0A  quote coins_700 in DE on ios at"))
    }

    /// The `see it with:` command of each guard error, run as printed, quotes a price
    /// (or list price) on the wrong side of what the help's test block expects.
    @Test func theQuoteCommandsShowTheViolations() throws {
        let report = runCoinage(["check", Self.fixture, "--now", "2026-04-15T00:00Z"]).out
        let helps = report.components(separatedBy: "= help: see it with: ").dropFirst()
        #expect(helps.count == 3)
        for help in helps {
            let lines = help.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            let command = try #require(lines.first)
            let arguments = command.split(separator: " ").dropFirst().map(String.init)  // drops `coinage`
            let quoted = runCoinage(arguments)
            #expect(quoted.status == .success, "\(command): \(quoted.err)")
            let expectation = try #require(lines.first { $0.hasPrefix("expect price ") || $0.hasPrefix("expect list ") })
            let field = expectation.hasPrefix("expect price") ? "price" : "list"
            let expected = try #require(Self.amount(after: "expect \(field) ", in: expectation))
            let actual = try #require(Self.amount(after: "  \(field) ", in: quoted.out), "\(quoted.out)")
            if field == "price" { #expect(actual < expected, "\(command)") } else { #expect(actual > expected, "\(command)") }
        }
    }

    /// The test blocks of the help, pasted into the rules, check without a problem of
    /// their own: the rules fail on the guards alone.
    @Test func pastedTestBlocksAreValidRules() throws {
        let report = runCoinage(["check", Self.fixture, "--now", "2026-04-15T00:00Z"]).out
        var blocks: [String] = []
        for part in report.components(separatedBy: "fails until the guard holds:\n").dropFirst() {
            let lines = part.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }
            // The block keeps its layout, indented under the help's first line.
            let indent = lines.first?.prefix { $0 == " " }.count ?? 0
            blocks.append(lines.map { $0.dropFirst(indent) }.joined(separator: "\n"))
        }
        #expect(blocks.count == 3)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("coinage-guards-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["shop.coin", "promotions.coin"] {
            try FileManager.default.copyItem(atPath: Self.fixture + "/" + name, toPath: directory.appendingPathComponent(name).path)
        }
        try (blocks.joined(separator: "\n\n") + "\n").write(to: directory.appendingPathComponent("tests.coin"), atomically: true, encoding: .utf8)
        let pasted = runCoinage(["check", directory.path])
        let codes = Set(pasted.out.split(separator: "\n").compactMap { line -> String? in
            guard let open = line.range(of: "error["), let close = line[open.upperBound...].firstIndex(of: "]") else { return nil }
            return String(line[open.upperBound..<close])
        })
        #expect(codes == ["E0601", "E0602", "E0603"], "\(pasted.out)")

        // And `coinage test` runs them: each fails while its guard is broken.
        let tested = runCoinage(["test", directory.path])
        #expect(tested.status == .failure, "\(tested.out)")
        #expect(tested.out.contains("0 passed, 3 failed"), "\(tested.out)")
        for title in ["guard discount at most 50%", "guard price per coin falls with size", "guard region price within 20% of base"] {
            #expect(tested.out.contains(title), "\(title)")
        }
    }

    /// A counterexample that needs redemption counters is a `--batch` command; its
    /// request line, fed to `coinage quote --batch`, quotes the violation.
    @Test func aCounterexampleWithCountersReplaysThroughTheBatch() throws {
        let fixture = Snapshot.fixture("guards-limit")
        let report = runCoinage(["check", fixture]).out
        let line = try #require(report.split(separator: "\n").first { $0.contains("see it with: echo '") })
        let json = try #require(line.split(separator: "'").dropFirst().first.map(String.init))
        #expect(json.contains("\"redemptions\":{\"launch_gate\":{\"total\":100,\"user\":0}}"))
        #expect(json.contains("\"user\":{\"signup\":\"2026-06-01\"}"))
        let quoted = runCoinageWithInput(["quote", "--batch", "--rules", fixture], input: json + "\n")
        #expect(quoted.status == .success, "\(quoted.out)\(quoted.err)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(quoted.out.utf8)) as? [String: Any])
        #expect(object["applied"] as? [String] == ["newcomers", "summer"])
        let price = try #require((object["price"] as? [String: Any])?["amount"] as? String)
        #expect(price == "4.49", "\(quoted.out)")
    }

    /// `4.54` of `price     4.54 EUR` (as a number of hundredths, enough here).
    static func amount(after prefix: String, in text: String) -> Int? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return nil }
        let number = line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? ""
        let parts = number.split(separator: ".")
        guard parts.count == 2, let whole = Int(parts[0]), let cents = Int(parts[1]) else { return nil }
        return whole * 100 + cents
    }
}
