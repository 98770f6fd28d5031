import CoinageCLI
import Foundation
import Testing

private let sample = Snapshot.packageRoot.appendingPathComponent("rules").path
private let small = Snapshot.fixture("pictures")

/// `coinage timeline`, `prices --format html` and `diff --format html`: the commands
/// around the pictures (the pictures themselves are held in CoinagePicturesTests).
@Suite struct PicturesCommandTests {
    @Test func timelineTextOfTheSampleShopsBlackFridayWeek() {
        let result = runCoinage(["timeline", "--rules", sample, "--from", "2026-11-23", "--to", "2026-11-29", "--format", "text"])
        #expect(result.status == .success, "\(result.err)")
        #expect(result.err.isEmpty)
        Snapshot.expect(result.out, matches: "timeline-rules.txt")
    }

    @Test func timelineHelp() {
        let result = runCoinage(["timeline", "--help"])
        #expect(result.status == .success)
        Snapshot.expect(result.out, matches: "timeline-help.txt")
    }

    @Test func timelineIsHTMLByDefaultAndSVGOnRequest() {
        let html = runCoinage(["timeline", "--rules", small, "--from", "2026-11-23", "--to", "2026-12-06"])
        #expect(html.status == .success, "\(html.err)")
        #expect(html.out.hasPrefix("<!DOCTYPE html>"))
        #expect(html.out.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"timeline-title timeline-desc\""))
        let svg = runCoinage(["timeline", "--rules", small, "--from", "2026-11-23", "--to", "2026-12-06", "--format", "svg"])
        #expect(svg.status == .success)
        #expect(svg.out.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "))
        #expect(svg.out.contains("<style>"))
    }

    /// `--to` with a bare date draws that day whole; with a time, up to that instant.
    @Test func aBareDateEndsTheRangeAtTheNextMidnight() {
        let day = runCoinage(["timeline", "--rules", small, "--from", "2026-11-27", "--to", "2026-11-27", "--format", "text"])
        #expect(day.out.hasPrefix("promotions from 2026-11-27 00:00Z to 2026-11-28 00:00Z (UTC)\n"), "\(day.out)\(day.err)")
        let instant = runCoinage(["timeline", "--rules", small, "--from", "2026-11-27", "--to", "2026-11-27T12:00Z", "--format", "text"])
        #expect(instant.out.hasPrefix("promotions from 2026-11-27 00:00Z to 2026-11-27 12:00Z (UTC)\n"))
    }

    /// CapturedConsole's clock reads 2026-11-18T11:06:40Z: the default range is four weeks from that midnight.
    @Test func theDefaultRangeIsFourWeeksFromToday() {
        let result = runCoinage(["timeline", "--rules", small, "--format", "text"])
        #expect(result.out.hasPrefix("promotions from 2026-11-18 00:00Z to 2026-12-16 00:00Z (UTC)\n"), "\(result.out)")
    }

    @Test(arguments: [
        (["--from", "2026-11-30", "--to", "2026-11-01"], "error: the range from 2026-11-30 00:00Z to 2026-11-02 00:00Z is empty\n"),
        (["--from", "2026-01-01", "--to", "2027-06-30"], "error: the range covers 546 days, more than the 366 a timeline draws\n"),
        (["--from", "1999-12-01", "--to", "2000-01-30"], "error: the range reaches outside the years 2000 to 2099, the instants a quote accepts\n"),
    ])
    func badRangesAreUsageErrors(range: [String], message: String) {
        let result = runCoinage(["timeline", "--rules", small] + range)
        #expect(result.status == .usage)
        #expect(result.out.isEmpty)
        #expect(result.err.hasPrefix(message), "\(result.err)")
        #expect(result.err.contains("\nhelp: "))
    }

    @Test func aBadDateOrAnUnknownRegionIsAUsageError() {
        let date = runCoinage(["timeline", "--rules", small, "--from", "2026-13-01"])
        #expect(date.status == .usage)
        #expect(date.err.hasPrefix("error: `2026-13-01` is not a valid value for `--from`"), "\(date.err)")
        let region = runCoinage(["timeline", "--rules", small, "--region", "JJ", "--from", "2026-11-23"])
        #expect(region.status == .usage)
        #expect(region.err.hasPrefix("error: unknown region `JJ`\n"), "\(region.err)")
    }

    @Test func regionsChooseTheLanes() {
        let result = runCoinage(["timeline", "--rules", small, "--from", "2026-11-27", "--to", "2026-11-28", "--region", "JP",
                                 "--region", "US", "--format", "text"])
        #expect(result.status == .success)
        #expect(result.out.contains("  US:\n"))
        #expect(result.out.contains("  JP:\n"))
        #expect(!result.out.contains("DE"))
    }

    @Test func brokenRulesExitOne() {
        let result = runCoinage(["timeline", "--rules", Snapshot.fixture("broken"), "--from", "2026-11-23"])
        #expect(result.status == .failure)
        #expect(result.out.isEmpty)
    }

    @Test func pricesAsAPage() {
        let result = runCoinage(["prices", "--rules", small, "--format", "html"])
        #expect(result.status == .success, "\(result.err)")
        #expect(result.out.hasPrefix("<!DOCTYPE html>"))
        #expect(result.out.contains("<title>Price ladders</title>"))
        let web = runCoinage(["prices", "--rules", small, "--format", "html", "--channel", "web"])
        #expect(!web.out.contains("<h2>Channel app</h2>"))
        #expect(web.out.contains("<h2>Channel web</h2>"))
    }

    /// The small shop against a copy with a dearer bundle, a cheaper euro and a new
    /// promotion: moved cells in every shade of both directions.
    @Test func diffAsAPage() throws {
        let text = try String(contentsOfFile: small + "/shop.coin", encoding: .utf8)
        let changed = text.replacingOccurrences(of: "bundle medium: 500 coins,   8.99 USD", with: "bundle medium: 500 coins,   9.99 USD")
            .replacingOccurrences(of: "rate EUR 0.86", with: "rate EUR 0.80")
            .replacingOccurrences(of: "price small in JP on app: 500 JPY", with: "price small in JP on app: 300 JPY")
            + "\npromotion <flash> {\n  discount 1%\n}\n"
        try withTemporaryRules(changed.replacingOccurrences(of: "<flash>", with: "flash")) { newDirectory in
            let result = runCoinage(["diff", small, newDirectory, "--at", "2026-11-26T12:00Z", "--format", "html"])
            #expect(result.status == .success, "\(result.err)")
            #expect(result.err.isEmpty)
            Snapshot.expect(result.out.replacingOccurrences(of: newDirectory, with: "NEW"), matches: "diff-small.html")
            #expect(!result.out.contains("<script"))
            #expect(result.out.contains("@media (prefers-color-scheme: dark)"))
            #expect(result.out.contains("<title id=\"diff-app-title\">List price changes on app</title>"))
            #expect(result.out.contains("class=\"down4\"><title>small in JP on app: 500 JPY → 300 JPY (-40.00%)</title>"))
        }
    }
}
