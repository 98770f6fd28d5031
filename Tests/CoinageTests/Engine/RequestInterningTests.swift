@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageIO
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// Request lines whose strings spell the rule set's names (interned: the rule set's
/// own `String` comes back) and lines whose strings do not, or only once unescaped:
/// both read into the same `QuoteRequest` as one built by hand. Refusals keep their
/// documented messages and byte positions (see `RequestLineParserTests`).
@Suite struct RequestInterningTests {
    static let rules: RuleSet = {
        let result = check("""
            rate EUR 0.92
            region DE: EUR, tax 19% included
            channel ios: fee 30%
            channel web: fee 3%
            user first_purchase: bool
            user segment: one of new, casual, whale, vip, lapsed
            user purchases: int 0 to 1_000_000
            user signup: date
            bundle coins_70: 70 coins, 0.99 USD
            bundle coins_seventy_thousand_pack: 70_000 coins, 499.99 USD
            custom coins: 30 to 10_000, 0.0141 USD each
            promotion vip_code {
              code "VIP2026"
              when user.segment == vip and user.first_purchase and user.purchases > 1 and user.signup > 2020-01-01
              discount 1.00 USD
              limit 100, 1 per user
            }
            """, header: WalkFixture.header)
        return result.ruleSet!
    }()

    static let context = RequestLineParser.Context(rules: rules)

    /// Parses a line twice, with a context made for it and with the shared one; both
    /// must agree.
    static func parse(_ line: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Result<QuoteRequest, RequestLineError> {
        let alone = RequestLineParser.parse(Array(line.utf8)[...], rules: rules, now: RequestLineParserTests.now)
        let shared = RequestLineParser.parse(Array(line.utf8)[...], context: context, now: RequestLineParserTests.now)
        #expect(alone == shared, sourceLocation: sourceLocation)
        return shared
    }

    static func message(_ line: String) -> String? {
        guard case .failure(let error) = parse(line) else { return nil }
        return error.message
    }

    static let known = QuoteRequest(
        item: .bundle("coins_70"), region: "DE", channel: "web", instant: 1_795_860_000,
        user: ["segment": .value("vip"), "first_purchase": .bool(true), "purchases": .int(12),
               "signup": .date(CivilDate(year: 2025, month: 12, day: 31)!)],
        codes: ["VIP2026", "vip2026"], redemptions: ["vip_code": Redemptions(total: 120, perUser: 0)], explain: true)

    @Test func aLineSpellingKnownNamesReadsAsTheRequestBuiltByHand() throws {
        let line = #"{"bundle":"coins_70","region":"DE","channel":"web","at":"2026-11-28T10:00:00Z","user":{"segment":"vip","first_purchase":true,"purchases":12,"signup":"2025-12-31"},"codes":["VIP2026","vip2026"],"redemptions":{"vip_code":{"total":120,"user":0}},"explain":true}"#
        #expect(try Self.parse(line).get() == Self.known)
    }

    @Test func escapedStringsAndKeysReadAsTheirUnescapedText() throws {
        // Every key and string with an escape in it: `\u0062` b, `\u0063` c, `\u0045` E,
        // `\u0065` e, `\u0069` i, `\u005f` _, `\u0032` 2, `\u0074` t, `\u0075` u, `\u002d` -; the date attribute is
        // found by its unescaped name.
        let line = #"{"\u0062undle":"\u0063oins_70","r\u0065gion":"D\u0045","chann\u0065l":"w\u0065b","\u0061t":"2026-11-28T10:00:00Z","\u0075ser":{"s\u0065gment":"v\u0069p","first\u005fpurchase":true,"purchases":12,"sign\u0075p":"2025\u002d12-31"},"codes":["VIP\u0032026","vip2026"],"redemptions":{"vip\u005fcode":{"\u0074otal":120,"user":0}},"expl\u0061in":true}"#
        #expect(try Self.parse(line).get() == Self.known)
    }

    @Test func unknownNamesReadAsWritten() throws {
        // Nothing here is a name of the rules, though some are near one: a prefix, a
        // longer name, another case, a trailing space, a value of another attribute.
        // (An unknown promotion in `redemptions` is refused: RequestLineStrictnessTests.)
        let line = #"{"bundle":"coins_7","region":"de","channel":"web ","user":{"segment":"gold","age":7,"Segment":"vip"},"codes":["NOPE","caf\u00e9","VIP2026X"]}"#
        let expected = QuoteRequest(
            item: .bundle("coins_7"), region: "de", channel: "web ", instant: RequestLineParserTests.now,
            user: ["segment": .value("gold"), "age": .int(7), "Segment": .value("vip")],
            codes: ["NOPE", "café", "VIP2026X"])
        #expect(try Self.parse(line).get() == expected)
        for (spelled, name) in [("coins_700", "coins_700"), ("coins_70\\u0030", "coins_700"), ("\\u00e7oins_70", "çoins_70"),
                                ("coins_seventy_thousand_pac", "coins_seventy_thousand_pac")] {
            let request = try Self.parse(#"{"bundle":"\#(spelled)","region":"US"}"#).get()
            #expect(request.item == .bundle(name), "\(spelled)")
        }
    }

    /// The address of a string's UTF-8 storage, for strings too long to be held inline.
    static func storage(_ text: String) -> UnsafeRawPointer? {
        text.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
    }

    @Test func aKnownNameComesBackAsTheRuleSetsOwnString() throws {
        let own = try #require(Self.rules.bundles.first { $0.name == "coins_seventy_thousand_pack" }?.name)
        let ownStorage = try #require(Self.storage(own))
        for spelled in ["coins_seventy_thousand_pack", #"coins_seventy_thousand_p\u0061ck"#] {
            guard case .bundle(let name) = try Self.parse(#"{"bundle":"\#(spelled)","region":"US"}"#).get().item else {
                Issue.record("not a bundle")
                continue
            }
            #expect(name == own && Self.storage(name) == ownStorage, "\(spelled)")
        }
        // A name the rules do not have is a string of its own.
        guard case .bundle(let other) = try Self.parse(#"{"bundle":"coins_seventy_thousand_packs","region":"US"}"#).get().item
        else { return }
        #expect(Self.storage(other) != ownStorage)
    }

    @Test func anInternedRequestQuotesLikeTheHandBuiltOne() throws {
        let book = PriceBook(Self.rules)
        let line = #"{"bundle":"coins_70","region":"DE","channel":"web","at":"2026-11-28T10:00:00Z","user":{"segment":"vip","first_purchase":true,"purchases":12,"signup":"2025-12-31"},"codes":["vip2026"],"explain":true}"#
        let parsed = try Self.parse(line).get()
        var byHand = Self.known
        byHand.codes = ["vip2026"]
        byHand.redemptions = [:]
        #expect(book.quote(parsed) == book.quote(byHand))
        #expect((try? book.quote(parsed).get())?.applied == ["vip_code"])
    }

    // MARK: Refusals

    @Test func unknownKeysKeepTheirMessageAndPosition() {
        // As documented: the value of `"colour"` at byte 45.
        #expect(Self.message(#"{"bundle":"coins_70","region":"US","colour":"red"}"#)
            == "unknown key `colour`; a request has bundle or coins, region, channel, at, user, codes, redemptions, explain (at byte 45)")
        // Escaped: `"c\u006flour"` is bytes 36–48, `:` 49, the value at 50; the message
        // names the key unescaped.
        #expect(Self.message(#"{"bundle":"coins_70","region":"US","c\u006flour":"red"}"#)
            == "unknown key `colour`; a request has bundle or coins, region, channel, at, user, codes, redemptions, explain (at byte 50)")
        // A name of the rules is no key: `"coins_70"` 2–11, `:` 12, the value at 13.
        #expect(Self.message(#"{"coins_70":1,"region":"US"}"#)?.hasPrefix("unknown key `coins_70`;") == true)
        #expect(Self.message(#"{"coins_70":1,"region":"US"}"#)?.hasSuffix("(at byte 13)") == true)
        // A key one byte off: a prefix, a longer word, another case.
        for key in ["bundl", "bundles", "Region", "user "] {
            #expect(Self.message(#"{"\#(key)":"x"}"#)?.hasPrefix("unknown key `\(key)`;") == true, "\(key)")
        }
    }

    @Test func repeatedKeysKeepTheirMessageAndPosition() {
        #expect(Self.message(#"{"region":"US","region":"DE","bundle":"coins_70"}"#) == "key `region` is given twice (at byte 25)")
        // The second spelled with an escape: `"r\u0065gion"` 16–28, `:` 29, the value at 30.
        #expect(Self.message(#"{"region":"US","r\u0065gion":"DE","bundle":"coins_70"}"#) == "key `region` is given twice (at byte 30)")
        #expect(Self.message(#"{"bundle":"coins_70","region":"US","explain":true,"explain":false}"#)
            == "key `explain` is given twice (at byte 61)")
    }

    @Test func repeatedUserAttributesAreReportedAtTheirSecondValue() {
        // As documented: the second value of `segment` at byte 63.
        #expect(Self.message(#"{"region":"US","bundle":"b","user":{"segment":"vip","segment":"new"}}"#)
            == "user attribute `segment` is given twice (at byte 63)")
        // `"s\u0065gment"` is five bytes longer than `"segment"`: 68.
        #expect(Self.message(#"{"region":"US","bundle":"b","user":{"segment":"vip","s\u0065gment":"new"}}"#)
            == "user attribute `segment` is given twice (at byte 68)")
        // An attribute the rules do not declare: `{` 36, `"age"` 37–41, `:` 42, `1` 43,
        // `,` 44, `"age"` 45–49, `:` 50, the second value at 51.
        #expect(Self.message(#"{"region":"US","bundle":"b","user":{"age":1,"age":2}}"#)
            == "user attribute `age` is given twice (at byte 51)")
        // A date attribute: `"signup"` 37–44, `:` 45, `"2026-01-01"` 46–57, `,` 58, `"signup"`
        // 59–66, `:` 67: the second value at 68, whatever its type.
        #expect(Self.message(#"{"region":"US","bundle":"b","user":{"signup":"2026-01-01","signup":5}}"#)
            == "user attribute `signup` is given twice (at byte 68)")
    }
}
