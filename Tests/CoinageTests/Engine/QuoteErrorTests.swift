@testable import CoinageChecker
@testable import CoinageEngine
import Testing

/// Requests a quote refuses, and rule sets the checker refuses so that no quote could
/// overflow or round a percentage, as tables of inputs and the errors they give.
extension QuoteTests {
    /// What the help line of a refused request must say.
    enum Help: Sendable {
        case exactly(String)
        case mentions([String])
    }

    /// One refused request: its kind, and optionally its help and a word of its message.
    struct Refused: Sendable, CustomTestStringConvertible {
        var rules: String = QuoteTests.shop
        let item: QuoteRequest.Item
        let region: String
        let channel: String?
        let kind: QuoteErrorKind
        var help: Help? = nil
        var messageMentions: String? = nil

        var testDescription: String { "\(item) in \(region) on \(channel ?? "no channel"): \(kind.rawValue)" }
    }

    static let plain = "bundle b: 1 coin, 1.00 USD"

    static let refused: [Refused] = [
        // Custom amounts just outside their range [30, 2 500 000], and absurd ones.
        Refused(item: .coins(29), region: "DE", channel: "web", kind: .amountOutOfRange, help: .mentions(["30", "2500000"])),
        Refused(item: .coins(2_500_001), region: "DE", channel: "web", kind: .amountOutOfRange),
        Refused(item: .coins(0), region: "DE", channel: "web", kind: .amountOutOfRange),
        Refused(item: .coins(-5), region: "DE", channel: "web", kind: .amountOutOfRange),
        Refused(item: .coins(Int64.max), region: "DE", channel: "web", kind: .amountOutOfRange),
        // `on web` only: ios has no custom amount, even inside the range.
        Refused(item: .coins(1000), region: "DE", channel: "ios", kind: .noCustomAmount, help: .mentions(["`web`"])),
        // Without any `custom` declaration at all.
        Refused(rules: plain, item: .coins(100), region: "US", channel: nil, kind: .noCustomAmount),
        // coins_7000 → coins_700 is one deletion away
        Refused(item: .bundle("coins_7000"), region: "DE", channel: "ios", kind: .unknownBundle,
                help: .exactly("did you mean `coins_700`?"), messageMentions: "coins_7000"),
        // DF → DE is one substitution away
        Refused(item: .bundle("coins_700"), region: "DF", channel: "ios", kind: .unknownRegion, help: .exactly("did you mean `DE`?")),
        // A region the rules do not declare, even a real one, is unknown.
        Refused(item: .bundle("coins_700"), region: "FR", channel: "ios", kind: .unknownRegion),
        // wbe → web is one transposition away
        Refused(item: .bundle("coins_700"), region: "DE", channel: "wbe", kind: .unknownChannel, help: .exactly("did you mean `web`?")),
        Refused(item: .bundle("coins_700"), region: "DE", channel: "android", kind: .unknownChannel, help: .mentions(["`ios`"])),
        // A channel named where the rules declare none.
        Refused(rules: plain, item: .bundle("b"), region: "US", channel: "web", kind: .unknownChannel),
        // No channel where the rules declare channels, for a bundle and a custom amount.
        Refused(item: .bundle("coins_700"), region: "DE", channel: nil, kind: .missingChannel, help: .mentions(["`web`"])),
        Refused(item: .coins(100), region: "DE", channel: nil, kind: .missingChannel),
    ]

    @Test(arguments: refused)
    func refusedRequest(_ row: Refused) throws {
        let book = try #require(F.book(row.rules))
        let error = try #require(Self.error(book, row.item, row.region, row.channel))
        #expect(error.kind == row.kind)
        switch row.help {
        case .exactly(let help): #expect(error.help == help)
        case .mentions(let words): for word in words { #expect(error.help?.contains(word) == true, "\(word)") }
        case nil: break
        }
        if let word = row.messageMentions { #expect(error.message.contains(word)) }
    }

    /// Rules, named for what they show, and the diagnostics the checker answers with.
    struct Refusal: Sendable, CustomTestStringConvertible {
        let name: String
        let rules: String
        let diagnostics: [String]

        var testDescription: String { name }

        init(_ name: String, _ rules: String, _ diagnostics: [String]) {
            (self.name, self.rules, self.diagnostics) = (name, rules, diagnostics)
        }
    }

    /// A price that cannot fit would only ever be refused as `overflow`: the checker
    /// refuses the rule set instead (E0407), naming the bundle and its cells. Each row:
    /// the rules and the E0407 messages they get.
    static let overflows: [Refusal] = [
        // 90 000 000 000 000 000.00 USD (9×10^18 cents, fits Int64) × 10^12 JPY per USD
        // = 9×10^28 JPY: does not fit. In the US the list price fits (9×10^18 cents), but
        // the tax added does not: 9×10^18 + 6.525×10^17 > Int64.max ≈ 9.223×10^18.
        Refusal("a huge base times a huge rate", """
            rate JPY 1_000_000_000_000
            region JP: JPY
            bundle big: 1 coin, 90_000_000_000_000_000.00 USD
            bundle small: 1 coin, 1.00 USD
            """, ["the price of `big` is too large to compute in `JP` and 1 more region or channel"]),
        // 10 000 000.00 USD × 10^12 = 10^19 JPY: fits UInt64 (≤ 1.8×10^19) but not Int64.
        Refusal("fits UInt64 but not Int64", """
            rate JPY 1_000_000_000_000
            region JP: JPY
            bundle big: 1 coin, 10_000_000.00 USD
            """, ["the price of `big` is too large to compute in `JP`"]),
        // 10^12 coins × 1 000 000 USD × 10^12 JPY per USD = 10^30 JPY
        Refusal("the largest custom amount", """
            rate JPY 1_000_000_000_000
            region JP: JPY
            custom coins: 1 to 1_000_000_000_000, 1_000_000 USD each
            """, ["the largest price of the custom amount `coins` is too large to compute in `JP` and 1 more region or channel"]),
    ]

    @Test(arguments: overflows)
    func priceOverflowIsRefusedByTheChecker(_ row: Refusal) {
        #expect(check(row.rules).diagnostics.filter { $0.code == .priceOverflow }.map(\.message) == row.diagnostics)
    }

    /// Percentages have at most 6 decimals, and then are exact: more is refused by the
    /// checker (E0402), never priced. Each row: the rules and all their diagnostics, as
    /// `code message` in any order.
    static let precisions: [Refusal] = [
        // tax 7.1234567891% (10 decimals) and 7.123456789012345679% (18): refused by the checker
        // (E0402), never priced — before, the second one silently became a 0 tax.
        Refusal("a tax rate with 10 decimals", "region PR: USD, tax 7.1234567891% added\nbundle big: 1 coin, 3_000_000.01 USD",
            ["E0402 a tax rate of `7.1234567891%` has more than 6 decimals"]),
        Refusal("a tax rate with 18 decimals", "region PR: USD, tax 7.123456789012345679% added\nbundle big: 1 coin, 3_000_000.01 USD",
            ["E0402 a tax rate of `7.123456789012345679%` has more than 6 decimals"]),
        Refusal("a tax rate with 7 decimals", "region PR: USD, tax 7.1234561% added\nbundle big: 1 coin, 3_000_000.01 USD",
            ["E0402 a tax rate of `7.1234561%` has more than 6 decimals"]),
        Refusal("a channel fee with 18 decimals", "region EC: USD\nchannel ios: fee 3.123456789012345679%\nbundle b: 1 coin, 9.99 USD",
            ["E0402 a channel fee of `3.123456789012345679%` has more than 6 decimals"]),
        Refusal("channel and region levels with 7 decimals", "channel web: level 64.3000001%\nregion VN: USD, level 96.9900001%\nbundle b: 1 coin, 9.99 USD", [
            "E0402 a channel level of `64.3000001%` has more than 6 decimals",
            "E0402 a region level of `96.9900001%` has more than 6 decimals",
        ]),
        // Trailing zeros are not decimals: 7.12345600% has 6.
        Refusal("trailing zeros are not decimals", "region PR: USD, tax 7.12345600% added\nbundle b: 1 coin, 10.00 USD\n", []),
    ]

    @Test(arguments: precisions)
    func percentageWithMoreThanSixDecimalsIsRefused(_ row: Refusal) {
        let result = check(row.rules)
        #expect(result.diagnostics.map { "\($0.code.rawValue) \($0.message)" }.sorted() == row.diagnostics.sorted())
        // Any error refuses the rule set: nothing is priced with a rounded percentage.
        #expect((result.ruleSet == nil) == !row.diagnostics.isEmpty)
    }
}
