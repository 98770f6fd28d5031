@testable import CoinageCLI
import Foundation
import Testing

/// The instant of a quote on the command line: `--at "… local"` read in the region's
/// zone, refused where no region decides it, and the `at` every quote's JSON records.
@Suite struct QuoteInstantTests {
    static let shop = Snapshot.fixture("pricing")

    /// The `at` of `quote --json` for `at`, in `region`.
    static func pricedAt(_ at: String, region: String = "DE", rules: String = shop) throws -> String {
        let result = runCoinage(["quote", "coins_700", "--region", region, "--channel", "web", "--at", at, "--json", "--rules", rules])
        #expect(result.status == .success, "\(result.err)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        return try #require(object["at"] as? String)
    }

    @Test func quoteJSONRecordsTheInstantInUTC() throws {
        #expect(try Self.pricedAt("2026-11-28T19:00+01:00") == "2026-11-28T18:00:00Z")
        #expect(try Self.pricedAt("2026-11-28") == "2026-11-28T00:00:00Z")
        // Without `--at`, the clock's instant (the captured console's: 2026-11-18T11:06:40Z).
        let now = runCoinage(["quote", "coins_700", "--region", "DE", "--channel", "web", "--json", "--rules", Self.shop])
        #expect(now.out.contains("\n  \"at\": \"2026-11-18T11:06:40Z\",\n"))
    }

    @Test func aBatchLineRecordsTheInstantOfItsRequest() {
        let input = #"{"bundle":"coins_70","region":"JP","channel":"web","at":"2026-11-28T19:00:00+09:00"}"# + "\n"
            + #"{"bundle":"coins_70","region":"JP","channel":"web"}"# + "\n"
        let lines = runCoinageWithInput(["quote", "--batch", "--rules", Self.shop], input: input).out.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains(#""channel":"web","at":"2026-11-28T10:00:00Z","currency":"JPY""#) == true)
        #expect(lines.last?.contains(#""at":"2026-11-18T11:06:40Z""#) == true)
    }

    @Test func aLocalTimeIsReadInTheRegionsZone() throws {
        // Europe/Berlin is UTC+1 in November, Asia/Tokyo UTC+9.
        #expect(try Self.pricedAt("2026-11-28T19:00 local") == "2026-11-28T18:00:00Z")
        #expect(try Self.pricedAt("2026-11-28T19:00 local", region: "JP") == "2026-11-28T10:00:00Z")
        #expect(try Self.pricedAt("2026-11-28 local", region: "JP") == "2026-11-27T15:00:00Z")
        #expect(try Self.pricedAt("2026-06-28T19:00:30 local") == "2026-06-28T17:00:30Z")
        // The text quote is the one of the same instant written in UTC.
        let local = runCoinage(["quote", "coins_700", "--region", "DE", "--channel", "web", "--at", "2026-11-28T19:00 local", "--explain", "--rules", Self.shop])
        let utc = runCoinage(["quote", "coins_700", "--region", "DE", "--channel", "web", "--at", "2026-11-28T18:00Z", "--explain", "--rules", Self.shop])
        #expect(local.status == .success && local.out == utc.out)
    }

    @Test func aRegionWithoutAZoneReadsLocalTimeInUTC() throws {
        let rules = "base currency USD\nregion BR: USD\nchannel web\nbundle coins_700: 700 coins, 9.99 USD\n"
        let at = try withTemporaryRules(rules) { try Self.pricedAt("2026-11-28T19:00 local", region: "BR", rules: $0) }
        #expect(at == "2026-11-28T19:00:00Z")
    }

    @Test func aTimeTheClocksShowTwiceIsItsFirstShowingAndASkippedOneIsRefused() throws {
        // Berlin turns its clocks back from 03:00 to 02:00 on 2026-10-25: 02:30 is first
        // shown in summer time (UTC+2). On 2026-03-29 they jump from 02:00 to 03:00.
        #expect(try Self.pricedAt("2026-10-25T02:30 local") == "2026-10-25T00:30:00Z")
        let skipped = runCoinage(["quote", "coins_700", "--region", "DE", "--channel", "web", "--at", "2026-03-29T02:30 local", "--rules", Self.shop])
        #expect(skipped.status == .usage && skipped.out.isEmpty)
        #expect(skipped.err.hasPrefix("error: `2026-03-29T02:30 local` is not a valid value for `--at`: the clocks in Europe/Berlin skip that time (they move 60 minutes forward)"))
    }

    @Test(arguments: ["2026-11-28T19:00Z local", "2026-11-28T19:00+01:00 local", "tomorrow local", "local"])
    func aLocalTimeIsAWallClockTime(text: String) {
        let result = runCoinage(["quote", "coins_700", "--region", "DE", "--channel", "web", "--at", text, "--rules", Self.shop])
        #expect(result.status == .usage)
        #expect(result.err.hasPrefix("error: `\(text)` is not a valid value for `--at`: "), "\(result.err)")
    }

    @Test func aLocalTimeIsRefusedWhereNoRegionDecidesIt() {
        let runs = [
            (runCoinage(["diff", Self.shop, Self.shop, "--at", "2026-11-28T19:00 local"]), "--at"),
            (runCoinage(["check", Self.shop, "--now", "2026-11-28T19:00 local"]), "--now"),
        ]
        for (run, option) in runs {
            #expect(run.status == .usage && run.out.isEmpty)
            #expect(run.err.hasPrefix("""
                error: `2026-11-28T19:00 local` is not a valid value for `\(option)`: a `local` time needs a region, and this instant is the same for every region
                help: write the instant in UTC or with an offset, e.g. `2026-11-28T19:00Z` or `2026-11-28T19:00+01:00`

                """), "\(run.err)")
        }
    }

    @Test func aBatchTakesItsInstantsFromItsLines() {
        let option = runCoinageWithInput(["quote", "--batch", "--at", "2026-11-28T19:00 local", "--rules", Self.shop], input: "")
        #expect(option.status == .usage && option.out.isEmpty)
        #expect(option.err.hasPrefix("error: `--at` is not taken with `--batch`\nhelp: with `--batch`, each request line gives its own `region`, `channel`, `at`,"))
        let line = #"{"bundle":"coins_70","region":"DE","channel":"web","at":"2026-11-28T19:00 local"}"# + "\n"
        let batch = runCoinageWithInput(["quote", "--batch", "--rules", Self.shop], input: line)
        #expect(batch.status == .failure)
        #expect(batch.out.hasPrefix(#"{"error":{"code":"invalid_request","message":"line 1: `at` is a `local` time: `2026-11-28T19:00 local`; a request line gives the instant, in UTC or with an offset"#))
    }
}
