@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageIO
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// Issue 11, D: what a request line (and a quote) refuses, and how it says so.
@Suite struct RequestLineStrictnessTests {
    typealias F = WalkFixture

    static let shop = """
        user purchases: int 0 to 1_000
        user first_purchase: bool
        user segment: one of new, vip
        user signup: date
        bundle b: 100 coins, 10.00 USD
        promotion vip_code {
          when user.segment == vip
          discount 1.00 USD
          limit 100, 1 per user
        }
        """

    static func compiled() throws -> CompiledShop { try F.shop(shop) }

    static func parse(_ shop: CompiledShop, _ line: String) -> Result<QuoteRequest, RequestLineError> {
        RequestLineParser.parse(Array(line.utf8)[...], rules: shop.rules, now: F.noon)
    }

    static func message(_ shop: CompiledShop, _ line: String) -> String? {
        guard case .failure(let error) = parse(shop, line) else { return nil }
        return error.message
    }

    @Test func aUnicodeEscapeHasExactlyFourHexDigits() throws {
        let shop = try Self.compiled()
        // `\u005f` is `_`, in either case of hex digit.
        #expect(try Self.parse(shop, #"{"bundle":"\u0062","region":"US"}"#).get().item == .bundle("b"))
        #expect(try Self.parse(shop, #"{"bundle":"a\u005F\u005fz","region":"US"}"#).get().item == .bundle("a__z"))
        // A sign, a space or a short escape is not four hex digits.
        for escape in [#"\u+05f"#, #"\u-05f"#, #"\u 05f"#, #"\u05f"#, #"\u0x5f"#] {
            #expect(Self.message(shop, #"{"bundle":"a"# + escape + #"","region":"US"}"#)?.hasPrefix("invalid `\\u` escape in a string") == true, "\(escape)")
        }
    }

    @Test func aFactOfTheWrongTypeNamesTheTypeExpectedAndFound() throws {
        let shop = try Self.compiled()
        func refusal(_ user: String) throws -> QuoteError {
            let request = try Self.parse(shop, #"{"bundle":"b","region":"US","user":"# + user + "}").get()
            guard case .failure(let error) = shop.book.quote(request) else { throw QuoteError(.overflow, "quoted") }
            return error
        }
        let string = try refusal(#"{"purchases":"12"}"#)
        #expect(string.kind == .userAttributeType)
        #expect(string.message == #"`purchases` is an int; the request gives the string `"12"`"#)
        #expect(string.help == "give a whole number, e.g. `12`")
        #expect(try refusal(#"{"first_purchase":1}"#).message == "`first_purchase` is a bool; the request gives the number `1`")
        #expect(try refusal(#"{"segment":true}"#).message == "`segment` is one of `new`, `vip`; the request gives the bool `true`")
        #expect(try refusal(#"{"signup":5}"#).message == "`signup` is a date; the request gives the number `5`")
        #expect(try refusal(#"{"purchases":1001}"#).message == "`purchases` is an int from 0 to 1000; 1001 is outside it")
        let value = try refusal(#"{"segment":"vipp"}"#)
        #expect(value.message == "`segment` is one of `new`, `vip`; `vipp` is not one of them")
        #expect(value.help == "did you mean `vip`?")
    }

    @Test func redemptionsOfAnUnknownPromotionAreRefused() throws {
        let shop = try Self.compiled()
        #expect(Self.message(shop, #"{"bundle":"b","region":"US","redemptions":{"vip_cod":{"total":1}}}"#)
            == "unknown promotion `vip_cod` in redemptions; did you mean `vip_code`? (at byte 54)")
        #expect(Self.message(shop, #"{"bundle":"b","region":"US","redemptions":{"other":{"total":1}}}"#)?
            .hasPrefix("unknown promotion `other` in redemptions (at byte") == true)
        let known = try Self.parse(shop, #"{"bundle":"b","region":"US","redemptions":{"vip_code":{"total":100}}}"#).get()
        #expect(known.redemptions == ["vip_code": Redemptions(total: 100, perUser: 0)])
        // The limit holds: 100 redemptions of a limit of 100.
        #expect(!(try shop.book.quote(known).get().applied.contains("vip_code")))
    }

    @Test func aMessageRepeatsAtMostAHundredBytesOfTheRequest() throws {
        let shop = try Self.compiled()
        let key = String(repeating: "k", count: 5_000)
        let message = try #require(Self.message(shop, "{\"" + key + "\":1}"))
        #expect(message.hasPrefix("unknown key `" + String(repeating: "k", count: 100) + "…`"))
        #expect(message.count < 300)
        // A quote's refusal of an unknown name is cut the same way.
        let request = QuoteRequest(item: .bundle(String(repeating: "x", count: 5_000)), region: "US", instant: F.noon)
        guard case .failure(let error) = shop.book.quote(request) else { Issue.record("quoted"); return }
        #expect(error.message == "unknown bundle `" + String(repeating: "x", count: 100) + "…`")
    }

    @Test func quotesAcceptTheYearsTheZoneTablesCover() throws {
        let book = try F.book("""
            region DE: EUR, zone Europe/Berlin
            rate EUR 0.92
            promotion evening {
              every mon, tue, wed, thu, fri, sat, sun from 18:00 to 19:00 local
              discount 10%
            }
            """ + "\nbundle b: 100 coins, 10.00 USD\n")
        #expect(QuoteRequest.coveredInstants == 946_684_800..<4_102_444_800)
        for (text, accepted) in [("1999-12-31T23:59:59Z", false), ("2000-01-01T00:00:00Z", true), ("2099-12-31T23:59:59Z", true),
                                 ("2100-01-01T00:00:00Z", false), ("1990-06-01T16:30:00Z", false), ("2150-06-01T16:30:00Z", false),
                                 ("0001-01-01T00:00:00Z", false), ("9999-12-31T23:59:59Z", false)] {
            let instant = try #require(InstantParser.parse(text))
            let result = book.quote(F.request(region: "DE", at: instant))
            if accepted {
                #expect((try? result.get()) != nil, "\(text)")
            } else {
                guard case .failure(let error) = result else { Issue.record("\(text) was quoted"); continue }
                #expect(error.kind == .instantOutOfRange && error.message == "the instant \(text) is outside the years 2000 to 2099 that quotes cover", "\(text)")
                #expect(error.help == "quote an instant from 2000-01-01T00:00:00Z to 2099-12-31T23:59:59Z: the time-zone tables hold those years")
            }
        }
        // Beyond the years 1 to 9999 the instant is named in seconds.
        guard case .failure(let error) = book.quote(F.request(region: "DE", at: .max)) else { Issue.record("quoted"); return }
        #expect(error.message == "the instant 9223372036854775807 s is outside the years 2000 to 2099 that quotes cover")
        // Summer 2050 in Berlin is UTC+2: 16:30Z is 18:30 local, inside the evening hours.
        let summer = try #require(InstantParser.parse("2050-06-01T16:30:00Z"))
        #expect(try book.quote(F.request(region: "DE", at: summer)).get().applied == ["evening"])
    }

    @Test func aTestBlockOutsideTheCoveredYearsExpectsTheError() throws {
        let result = check("""
            bundle b: 100 coins, 10.00 USD
            test "long ago" {
              quote b in US at 1990-06-01T10:00
              expect error instant_out_of_range
            }
            test "in range" {
              quote b in US at 2026-06-01T10:00
              expect list 10.00 USD
            }
            """)
        let rules = try #require(result.ruleSet, "\(result.diagnostics.map(\.message))")
        let report = RuleTestRunner(rules, book: PriceBook(rules)).run()
        #expect(report.results.count == 2 && report.allPassed, "\(report)")
    }
}
