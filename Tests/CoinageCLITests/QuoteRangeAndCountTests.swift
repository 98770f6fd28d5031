import CoinageCLI
import Foundation
import Testing

/// Issue 11 at the command line: `--at` outside the years the zone tables cover is
/// refused (D), and `coinage diff` counts profile combinations past 64 bits exactly (E).
@Suite struct QuoteRangeAndCountTests {
    static let shop = Snapshot.fixture("promotions")

    @Test func anInstantOutsideTheCoveredYearsIsRefusedOnTheCommandLine() {
        for at in ["1990-06-01T10:00Z", "2150-06-01", "2100-01-01T00:00Z"] {
            let result = runCoinage(["quote", "coins_70", "--region", "DE", "--channel", "web", "--at", at, "--rules", Self.shop])
            #expect(result.status == .failure, "\(at)")
            #expect(result.err.contains("is outside the years 2000 to 2099 that quotes cover"), "\(at): \(result.err)")
        }
        let json = runCoinage(["quote", "coins_70", "--region", "DE", "--channel", "web", "--at", "1999-12-31T23:59:59Z",
                               "--rules", Self.shop, "--json"])
        #expect(json.out.contains("\"instant_out_of_range\"") || json.err.contains("\"instant_out_of_range\""), "\(json)")
        // The last second of 2099 is still quoted.
        let last = runCoinage(["quote", "coins_70", "--region", "DE", "--channel", "web", "--at", "2099-12-31T23:59:59Z", "--rules", Self.shop])
        #expect(last.status == .success, "\(last.err)")
    }

    @Test func aBatchLineOutsideTheCoveredYearsGetsItsErrorObject() throws {
        let line = #"{"bundle":"coins_70","region":"DE","channel":"web","at":"1990-06-01T10:00:00Z"}"#
        let result = runCoinageWithInput(["quote", "--batch", "--rules", Self.shop], input: line + "\n")
        #expect(result.out.hasPrefix(#"{"error":{"code":"instant_out_of_range","message":"the instant 1990-06-01T10:00:00Z is outside the years 2000 to 2099 that quotes cover""#))
    }

    @Test func aDiffCountsMoreProfilesThan64BitsHold() throws {
        // 41 bool attributes, each false, true or not carried: 3^41 combinations.
        let names = (0..<41).map { "flag\($0)" }
        var rules = "base currency USD\nregion US: USD\nbundle b: 10 coins, 1.00 USD\n"
        rules += names.map { "user \($0): bool\n" }.joined()
        rules += "promotion p {\n  when " + names.map { "user.\($0)" }.joined(separator: " or ") + "\n  discount 10%\n}\n"
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("coinage-profiles-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try rules.write(to: directory.appendingPathComponent("shop.coin"), atomically: true, encoding: .utf8)
        let text = runCoinage(["diff", directory.path, directory.path, "--at", "2026-11-26T12:00Z"])
        #expect(text.out.contains("128 user profiles (sampled from 36,472,996,377,170,786,403)"), "\(text.out)")
        let json = runCoinage(["diff", directory.path, directory.path, "--at", "2026-11-26T12:00Z", "--format", "json"])
        #expect(json.out.contains("\"profileCombinations\":36472996377170786403") || json.out.contains("\"profileCombinations\": 36472996377170786403"),
                "\(json.out.prefix(2_000))")
    }
}
