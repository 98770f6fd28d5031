import CoinageCLI
import Foundation
import Testing

/// `coinage check` with the rule-set lints: `--now`, `--strict` and the machine formats.
@Suite struct CheckLintTests {
    static let shop = Snapshot.fixture("lints")
    static let now = ["--now", "2026-12-01T07:00Z"]

    @Test func lintsAreWarningsThatOnlyStrictFailsOn() {
        let relaxed = runCoinage(["check", Self.shop] + Self.now)
        #expect(relaxed.status == .success)
        Snapshot.expect(relaxed.out, matches: "check-lints.txt")
        for code in ["W0201", "W0202", "W0203", "W0204", "W0205", "W0206", "W0207"] {
            #expect(relaxed.out.contains("warning[\(code)]"), "\(code)")
        }
        let strict = runCoinage(["check", Self.shop, "--strict"] + Self.now)
        #expect(strict.status == .failure)
        #expect(strict.out.hasSuffix("lints: 7 warnings in 1 file (--strict fails on warnings)\n"))
    }

    @Test(arguments: ["github", "gitlab", "sarif", "json"])
    func machineFormats(format: String) throws {
        let result = runCoinage(["check", Self.shop, "--format", format] + Self.now)
        #expect(result.status == .success)
        // A fingerprint hashes the file's path, which differs from machine to machine.
        let out = result.out.replacing(try Regex(#""fingerprint": "[0-9a-f]{32}""#), with: #""fingerprint": "(hash of code, path, message)""#)
        Snapshot.expect(out, matches: "check-lints.\(format)")
    }

    @Test func githubAnnotationsAreOneLineEachWithEveryLocationProperty() throws {
        let out = runCoinage(["check", Self.shop, "--format", "github"] + Self.now).out
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 7)
        let pattern = try Regex(#"^::warning file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=W02\d\d [^,:]+::[^\r\n]+$"#)
        for line in lines {
            #expect(line.wholeMatch(of: pattern) != nil, "\(line)")
        }
        // A multi-line message keeps its notes and help on escaped line breaks.
        #expect(out.contains("%0Anote: checked as of 2026-12-01T07:00:00Z%0Ahelp: move its window"))
    }

    @Test func githubPropertiesEscapeCommasAndColonsOfThePath() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("coinage-a,b:c-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "base currency USD\nrate CHF 0.80\n".write(to: directory.appendingPathComponent("shop.coin"), atomically: true, encoding: .utf8)
        let out = runCoinage(["check", directory.path, "--format", "github"]).out
        #expect(out.hasPrefix("::warning file="))
        #expect(out.contains("coinage-a%2Cb%3Ac-"))
        #expect(!out.contains("a,b:c"))
    }

    @Test func sarifResultsPointIntoTheirRulesWithValidLevelsAndRegions() throws {
        let out = runCoinage(["check", Self.shop, "--format", "sarif"] + Self.now).out
        let document = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(document["version"] as? String == "2.1.0")
        let run = try #require((document["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(ids == ["W0201", "W0202", "W0203", "W0204", "W0205", "W0206", "W0207"])
        for rule in rules {
            #expect((rule["shortDescription"] as? [String: Any])?["text"] is String)
        }
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 7)
        for result in results {
            let ruleId = try #require(result["ruleId"] as? String)
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(ids[index] == ruleId)
            #expect(["none", "note", "warning", "error"].contains(result["level"] as? String ?? ""))
            let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let region = try #require(location["region"] as? [String: Int])
            #expect((region["startLine"] ?? 0) >= 1 && (region["startColumn"] ?? 0) >= 1)
            #expect((region["endLine"] ?? 0) > (region["startLine"] ?? 0) || (region["endColumn"] ?? 0) > (region["startColumn"] ?? 0))
        }
        // A note without a place is kept in the message text.
        #expect(out.contains("note: checked as of 2026-12-01T07:00:00Z"))
    }

    @Test func gitlabIssuesHaveTheFieldsCodeQualityNeedsAndStableFingerprints() throws {
        func issues(_ out: String) throws -> [[String: Any]] {
            try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
        }
        let report = try issues(runCoinage(["check", Self.shop, "--format", "gitlab"] + Self.now).out)
        #expect(report.count == 7)
        for issue in report {
            #expect(issue["description"] is String && issue["check_name"] is String)
            #expect(["info", "minor", "major", "critical", "blocker"].contains(issue["severity"] as? String ?? ""))
            let location = try #require(issue["location"] as? [String: Any])
            #expect((location["path"] as? String)?.hasSuffix("lints/shop.coin") == true)
            #expect(((location["lines"] as? [String: Int])?["begin"] ?? 0) >= 1)
        }
        let fingerprints = report.compactMap { $0["fingerprint"] as? String }
        #expect(Set(fingerprints).count == 7)
        #expect(fingerprints.allSatisfy { $0.count == 32 && $0.allSatisfy(\.isHexDigit) })

        // The same problems a line further down keep their fingerprints.
        let moved = FileManager.default.temporaryDirectory.appendingPathComponent("coinage-moved-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: moved, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: moved) }
        let text = try String(contentsOfFile: Self.shop + "/shop.coin", encoding: .utf8)
        try ("# one more line\n" + text).write(to: moved.appendingPathComponent("shop.coin"), atomically: true, encoding: .utf8)
        let original = try issues(runCoinage(["check", moved.path, "--format", "gitlab"] + Self.now).out)
        try ("# one more line\n# and another\n" + text).write(to: moved.appendingPathComponent("shop.coin"), atomically: true, encoding: .utf8)
        let shifted = try issues(runCoinage(["check", moved.path, "--format", "gitlab"] + Self.now).out)
        #expect(original.map { $0["fingerprint"] as? String } == shifted.map { $0["fingerprint"] as? String })
        #expect(original.map { ($0["location"] as? [String: Any])?["lines"] as? [String: Int] }
            != shifted.map { ($0["location"] as? [String: Any])?["lines"] as? [String: Int] })
    }

    @Test func withoutNowTheClockJudges() {
        // The test console's clock reads 2026-11-18: Black Friday is still to come,
        // the summer sale long over.
        let result = runCoinage(["check", Self.shop])
        #expect(!result.out.contains("W0206"))
        #expect(result.out.contains("warning[W0207]: promotion `summer_sale` expired 109 days ago"))
    }

    @Test func badNowIsAUsageError() {
        let result = runCoinage(["check", Self.shop, "--now", "yesterday"])
        #expect(result.status == .usage)
        #expect(result.err.hasPrefix("error: `yesterday` is not a valid value for `--now`: write a date or a date-time"))
    }

    @Test func bundledSampleShopChecksCleanOnBlackFriday() {
        let rules = Snapshot.packageRoot.appendingPathComponent("rules").path
        let result = runCoinage(["check", rules, "--strict", "--now", "2026-11-28T10:00Z"])
        #expect(result.status == .success, "\(result.out)")
    }
}
