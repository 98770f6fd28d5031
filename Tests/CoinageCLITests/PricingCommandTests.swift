@testable import CoinageCLI
import Testing

private let shop = Snapshot.fixture("pricing")

@Suite struct QuoteCommandTests {
    @Test(arguments: [
        ("quote-derived-explain.txt", ["coins_700", "--region", "DE", "--channel", "web", "--explain"]),
        ("quote-market-price-explain.txt", ["coins_70", "--region", "FR", "--channel", "web", "--explain"]),
        ("quote-three-decimals-explain.txt", ["coins_700", "--region", "KW", "--channel", "ios", "--explain"]),
        ("quote-custom-amount-explain.txt", ["5000", "coins", "--region", "JP", "--channel", "web", "--explain"]),
        ("quote-tax-added.txt", ["coins_700", "--region", "US", "--channel", "ios"]),
        ("quote-derived.json", ["coins_700", "--region", "DE", "--channel", "web", "--json", "--explain"]),
    ])
    func quoteSnapshots(snapshot: String, arguments: [String]) {
        let result = runCoinage(["quote"] + arguments + ["--rules", shop])
        #expect(result.status == .success, "\(result.err)")
        #expect(result.err.isEmpty)
        Snapshot.expect(result.out, matches: snapshot)
    }

    @Test func unknownBundleSuggestsAndExitsOne() {
        let result = runCoinage(["quote", "coins_7000", "--region", "DE", "--channel", "web", "--rules", shop])
        #expect(result.status == .failure)
        #expect(result.out.isEmpty)
        #expect(result.err == "error: unknown bundle `coins_7000`\nhelp: did you mean `coins_700`?\n")
    }

    @Test func unknownRegionSuggests() {
        let result = runCoinage(["quote", "coins_70", "--region", "DF", "--channel", "web", "--rules", shop])
        #expect(result.status == .failure)
        #expect(result.err.hasPrefix("error: unknown region `DF`\nhelp: did you mean `DE`?"))
    }

    @Test func missingChannelIsRefused() {
        let result = runCoinage(["quote", "coins_70", "--region", "DE", "--rules", shop])
        #expect(result.status == .failure)
        #expect(result.err == "error: the rules declare channels, and the request names none\nhelp: give one of `ios`, `web`\n")
    }

    @Test func customAmountOutsideItsRange() {
        let below = runCoinage(["quote", "29", "coins", "--region", "US", "--channel", "web", "--rules", shop])
        #expect(below.status == .failure)
        #expect(below.err.hasPrefix("error: 29 coins is below the smallest custom amount of `coins`"))
        let above = runCoinage(["quote", "2_500_001", "coins", "--region", "US", "--channel", "web", "--rules", shop])
        #expect(above.status == .failure)
        #expect(above.err.hasPrefix("error: 2500001 coins is above the largest custom amount of `coins`"))
        let edge = runCoinage(["quote", "2_500_000", "coins", "--region", "US", "--channel", "web", "--rules", shop])
        #expect(edge.status == .success)
    }

    @Test func anAmountThatOverflowsIsAUsageErrorThatSaysSo() {
        let result = runCoinage(["quote", "99999999999999999999", "coins", "--region", "US", "--channel", "web", "--rules", shop])
        #expect(result.status == .usage)
        #expect(result.err.hasPrefix("error: `99999999999999999999` is not a valid value for `N`: the amount is too large to count"))
    }

    @Test func refusedQuoteAsJSONGoesToStandardOutput() {
        let result = runCoinage(["quote", "coins_7000", "--region", "DE", "--channel", "web", "--json", "--rules", shop])
        #expect(result.status == .failure)
        Snapshot.expect(result.out, matches: "quote-error.json")
    }

    @Test func usageErrorsExitTwo() {
        #expect(runCoinage(["quote", "coins_70", "--rules", shop]).status == .usage)
        #expect(runCoinage(["quote", "--region", "DE", "--rules", shop]).status == .usage)
        #expect(runCoinage(["quote", "1.5", "coins", "--region", "DE", "--rules", shop]).status == .usage)
        #expect(runCoinage(["quote", "-5", "coins", "--region", "DE", "--rules", shop]).status == .usage)
        #expect(runCoinage(["quote", "a", "b", "c", "--region", "DE", "--rules", shop]).status == .usage)
    }

    @Test func brokenRulesAreReportedAndExitOne() {
        let result = runCoinage(["quote", "coins_70", "--region", "DE", "--rules", Snapshot.fixture("broken")])
        #expect(result.status == .failure)
        #expect(result.out.isEmpty)
        #expect(result.err.contains("error: the rules in"))
        #expect(result.err.contains("have 5 errors"))
    }
}

@Suite struct PricesCommandTests {
    @Test(arguments: ["table", "csv", "json", "markdown"])
    func everyFormat(format: String) {
        let result = runCoinage(["prices", "--format", format, "--rules", shop])
        #expect(result.status == .success)
        Snapshot.expect(result.out, matches: "prices.\(format == "table" ? "txt" : format == "markdown" ? "md" : format)")
    }

    @Test func oneChannel() {
        let result = runCoinage(["prices", "--channel", "web", "--rules", shop])
        #expect(result.status == .success)
        #expect(result.out.hasPrefix("channel web\n"))
        #expect(!result.out.contains("channel ios"))
    }

    @Test func unknownChannel() {
        let result = runCoinage(["prices", "--channel", "wbe", "--rules", shop])
        // A filter naming nothing in the rules is a usage error (2), not broken rules (1).
        #expect(result.status == .usage)
        #expect(result.out.isEmpty)
        #expect(result.err == "error: unknown channel `wbe`\nhelp: did you mean `web`?\nusage: \(PricesCommand.usage)\n")
    }

    @Test func theLegendIsShownOnlyWithAnExplicitPrice() throws {
        // The snapshots of `pricing` show it; here no price shown is explicit: on `ios`
        // the explicit price is on `web`, and a rule set may have none at all.
        let rules = "base currency USD\nregion US: USD\nchannel ios\nchannel web\nbundle coins_70: 70 coins, 0.99 USD\n"
            + "price coins_70 on web: 0.89 USD\n"
        let (table, markdown, web) = try withTemporaryRules(rules) { path in
            (runCoinage(["prices", "--channel", "ios", "--rules", path]).out,
             runCoinage(["prices", "--channel", "ios", "--format", "markdown", "--rules", path]).out,
             runCoinage(["prices", "--channel", "web", "--rules", path]).out)
        }
        #expect(table == "channel ios\nregion  currency  coins_70\nUS      USD           0.99\n")
        #expect(markdown == "### ios\n\n| region | currency | coins_70 |\n| --- | --- | ---: |\n| US | USD | 0.99 |\n")
        #expect(web == "channel web\nregion  currency  coins_70\nUS      USD          0.89*\n\n* explicit price\n")
    }
}

@Suite struct GiftCommandTests {
    @Test func giftsInARegion() {
        let result = runCoinage(["gift", "universe", "--count", "3", "--region", "DE", "--rules", shop])
        #expect(result.status == .success)
        Snapshot.expect(result.out, matches: "gift-universe.txt")
    }

    @Test func giftAsJSON() {
        let result = runCoinage(["gift", "rose", "--json", "--rules", shop])
        #expect(result.status == .success)
        Snapshot.expect(result.out, matches: "gift-rose.json")
    }

    @Test func unknownGiftAndBadCount() {
        let unknown = runCoinage(["gift", "roses", "--rules", shop])
        #expect(unknown.status == .usage)
        #expect(unknown.err == "error: unknown gift `roses`\nhelp: did you mean `rose`?\nusage: \(GiftCommand.usage)\n")
        let region = runCoinage(["gift", "rose", "--region", "DF", "--json", "--rules", shop])
        #expect(region.status == .usage && region.out.isEmpty)
        #expect(region.err.hasPrefix("error: unknown region `DF`\nhelp: did you mean `DE`?\n"))
        #expect(runCoinage(["gift", "rose", "--count", "0", "--rules", shop]).status == .usage)
        #expect(runCoinage(["gift", "rose", "--count", "x", "--rules", shop]).status == .usage)
        #expect(runCoinage(["gift", "--rules", shop]).status == .usage)
    }

    @Test func anUnknownGiftFarFromEveryNameListsTheGifts() throws {
        let unknown = runCoinage(["gift", "unicorn", "--rules", shop])
        #expect(unknown.status == .usage && unknown.out.isEmpty)
        #expect(unknown.err == "error: unknown gift `unicorn`\nhelp: the gifts are `rose`, `universe`\nusage: \(GiftCommand.usage)\n")
        let none = try withTemporaryRules("base currency USD\nregion US: USD\nbundle coins_70: 70 coins, 0.99 USD\n") {
            runCoinage(["gift", "rose", "--rules", $0])
        }
        #expect(none.status == .usage)
        #expect(none.err == "error: unknown gift `rose`\nhelp: the rules declare no gifts\nusage: \(GiftCommand.usage)\n")
    }

    @Test func theWithdrawalLineCountsSingleGiftsAndQuotesOfTheCount() throws {
        // One rose earns half a diamond: 40000 single roses reach 100.00 USD, and
        // 13334 quotes of 3 roses (40002 roses) are the first whole number of them.
        let three = runCoinage(["gift", "rose", "--count", "3", "--rules", shop])
        #expect(three.status == .success)
        #expect(three.out.hasSuffix("  withdrawal    40000 rose gifts reach the 100.00 USD minimum: 13334 times the 3 quoted\n"), "\(three.out)")
        let one = runCoinage(["gift", "rose", "--rules", shop])
        #expect(one.out.hasSuffix("  withdrawal    40000 rose gifts reach the 100.00 USD minimum\n"), "\(one.out)")
        let json = runCoinage(["gift", "rose", "--count", "3", "--json", "--rules", shop]).out
        #expect(json.hasSuffix("\"giftsToMinimumWithdrawal\": 40000,\n  \"quotesToMinimumWithdrawal\": 13334\n}\n"), "\(json)")
    }
}

/// A shop that counts in bits: quotes, explanations, gifts and test reports say bits.
@Suite struct CoinUnitCommandTests {
    private let bits = Snapshot.fixture("bits")

    @Test(arguments: [
        ("quote-bits-explain.txt", ["quote", "bits_1000", "--region", "DE", "--channel", "web", "--explain"]),
        ("quote-bits-custom.txt", ["quote", "5000", "bits", "--region", "US", "--channel", "web"]),
        ("gift-bits.txt", ["gift", "party", "--count", "2", "--region", "DE"]),
        ("gift-bit.txt", ["gift", "cheer"]),
        ("test-bits.txt", ["test"]),
    ])
    func snapshots(snapshot: String, arguments: [String]) {
        let result = runCoinage(arguments + ["--rules", bits])
        #expect(result.status == .success, "\(result.err)")
        Snapshot.expect(result.out, matches: snapshot)
    }

    @Test func coinsStillQuoteACustomAmountAndAnotherWordIsAUsageError() {
        #expect(runCoinage(["quote", "5000", "coins", "--region", "US", "--channel", "web", "--rules", bits]).status == .success)
        let wrong = runCoinage(["quote", "5000", "gems", "--region", "US", "--channel", "web", "--rules", bits])
        #expect(wrong.status == .usage)
        #expect(wrong.err.hasPrefix("error: `gems` is not a valid value for `N`: the rules count in `bits`, e.g. `5000 bits`\n"))
    }
}
