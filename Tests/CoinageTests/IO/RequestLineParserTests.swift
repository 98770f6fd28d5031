@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageIO
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// The strict JSON-lines reader of `coinage quote --batch`: every key it accepts, and
/// every kind of line it refuses, with the message (and the byte it points at,
/// counted by hand from 1).
@Suite struct RequestLineParserTests {
    typealias F = WalkFixture

    /// The clock's answer when a line gives no `at`.
    static let now: Int64 = 1_000_000

    static let rules: RuleSet = {
        let result = check("""
            user first_purchase: bool
            user segment: one of new, casual, whale, vip, lapsed
            user purchases: int 0 to 1_000_000
            user signup: date
            bundle coins_70: 70 coins, 0.99 USD
            promotion p {
              when user.first_purchase and user.segment == vip and user.purchases > 1 and user.signup > 2020-01-01
              bonus 1 coins
            }
            promotion vip_code {
              discount 1%
            }
            promotion other {
              discount 1%
            }
            """, header: WalkFixture.header)
        return result.ruleSet!
    }()

    static func parse(_ line: String) -> Result<QuoteRequest, RequestLineError> {
        RequestLineParser.parse(Array(line.utf8)[...], rules: rules, now: now)
    }

    static func request(_ line: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> QuoteRequest {
        switch parse(line) {
        case .success(let request): return request
        case .failure(let error):
            Issue.record("refused: \(error.message)", sourceLocation: sourceLocation)
            throw error
        }
    }

    static func message(_ line: String) -> String? {
        guard case .failure(let error) = parse(line) else { return nil }
        return error.message
    }

    // MARK: Valid lines

    @Test func everyKey() throws {
        let line = #"{"bundle":"coins_700","region":"DE","channel":"web","at":"2026-11-28T10:00:00Z","user":{"segment":"vip","first_purchase":true,"purchases":12,"signup":"2025-12-31"},"codes":["BF2026","VIP2026"],"redemptions":{"vip_code":{"total":120,"user":0},"other":{"user":3}},"explain":true}"#
        let r = try Self.request(line)
        #expect(r.item == .bundle("coins_700") && r.region == "DE" && r.channel == "web")
        // 2026-11-28 is day 20_785 since 1970 (56 years with 14 leap days = 20_454 to
        // 2026-01-01, + 331): 20_785 × 86_400 + 10 h = 1_795_824_000 + 36_000.
        #expect(r.instant == 1_795_860_000)
        #expect(r.user == ["segment": .value("vip"), "first_purchase": .bool(true), "purchases": .int(12),
                           "signup": .date(CivilDate(year: 2025, month: 12, day: 31)!)])
        #expect(r.codes == ["BF2026", "VIP2026"])
        // A counter left out is 0.
        #expect(r.redemptions == ["vip_code": Redemptions(total: 120, perUser: 0), "other": Redemptions(total: 0, perUser: 3)])
        #expect(r.explain)
    }

    @Test func aCustomAmountWithoutChannelOrTime() throws {
        let r = try Self.request(#"{"coins":5000,"region":"US","channel":null}"#)
        #expect(r.item == .coins(5_000) && r.region == "US" && r.channel == nil)
        // No `at`: the clock's time. Nothing else given: empty, and no explanation.
        #expect(r.instant == Self.now)
        #expect(r.user.isEmpty && r.codes.isEmpty && r.redemptions.isEmpty && !r.explain)
    }

    @Test(arguments: [
        // A bare date is that day's first instant in UTC.
        ("2026-11-28", 1_795_824_000),
        ("2026-11-28T10:00:00Z", 1_795_860_000),
        ("2026-11-28T10:00Z", 1_795_860_000),
        // Without a zone designator: UTC.
        ("2026-11-28T10:00", 1_795_860_000),
        ("2026-11-28T10:00:30Z", 1_795_860_030),
        // 10:00 at +01:00 is 09:00Z; at −05:00, 15:00Z; at +05:30, 04:30Z.
        ("2026-11-28T10:00+01:00", 1_795_856_400),
        ("2026-11-28T10:00:00-05:00", 1_795_878_000),
        ("2026-11-28T10:00+05:30", 1_795_840_200),
        // 2026-01-01: 20_454 days.
        ("2026-01-01", 1_767_225_600),
        // 2024-02-29, a leap day: 19_782 days.
        ("2024-02-29", 1_709_164_800),
    ] as [(String, Int64)])
    func atIsADateOrADateTime(text: String, instant: Int64) throws {
        let r = try Self.request(#"{"bundle":"coins_70","region":"US","at":"\#(text)"}"#)
        #expect(r.instant == instant)
    }

    @Test func escapesInStrings() throws {
        let line = #"{"bund\u006ce":"coins_\u0037\u0030","region":"U\u0053","codes":["A\"B","C\\D","tab\there","\/slash","caf\u00e9","日本","new\nline","\b\f\r"]}"#
        let r = try Self.request(line)
        // `\u006c` is `l`, so the first key is `bundle`; `\u0037\u0030` is `70`.
        #expect(r.item == .bundle("coins_70") && r.region == "US")
        #expect(r.codes == ["A\"B", "C\\D", "tab\there", "/slash", "café", "日本", "new\nline", "\u{08}\u{0C}\r"])
    }

    @Test func whitespaceBetweenTokensAndAfterTheObject() throws {
        let line = "{  \"bundle\" :\t\"coins_70\" ,\r\n \"region\":\"US\" , \"codes\" : [ \"A\" , \"B\" ] , \"user\" : { } ,"
            + " \"redemptions\" : { \"p\" : { \"total\" : 3 } } , \"explain\" : false }  \t"
        let r = try Self.request(line)
        #expect(r.item == .bundle("coins_70") && r.region == "US" && r.codes == ["A", "B"])
        #expect(r.user.isEmpty && r.redemptions == ["p": Redemptions(total: 3, perUser: 0)] && !r.explain)
    }

    @Test func whitespaceBeforeTheObject() {
        // JSON allows whitespace before a value as after it; trailing whitespace is
        // accepted, leading whitespace is not.
        #expect((try? Self.parse(#"  {"bundle":"coins_70","region":"US"}"#).get())?.region == "US")
        #expect((try? Self.parse("\t{\"bundle\":\"coins_70\",\"region\":\"US\"}").get())?.region == "US")
    }

    @Test func userFactsAreReadByTheirDeclaredTypes() throws {
        // A string for a date attribute is a date; for any other, a value (the quote
        // checks it against the declaration). Numbers are ints, true/false bools.
        let r = try Self.request(#"{"bundle":"coins_70","region":"US","user":{"signup":"2026-01-31","segment":"2026-01-31","purchases":-3,"age":7}}"#)
        #expect(r.user == ["signup": .date(CivilDate(year: 2026, month: 1, day: 31)!), "segment": .value("2026-01-31"),
                           "purchases": .int(-3), "age": .int(7)])
    }

    // MARK: Refused lines

    @Test func anUnknownKey() {
        // `{` 1, `"bundle"` 2–9, `:` 10, `"coins_70"` 11–20, `,` 21, `"region"` 22–29,
        // `:` 30, `"US"` 31–34, `,` 35, `"colour"` 36–43, `:` 44: its value at 45.
        #expect(Self.message(#"{"bundle":"coins_70","region":"US","colour":"red"}"#)
            == "unknown key `colour`; a request has bundle or coins, region, channel, at, user, codes, redemptions, explain (at byte 45)")
        // Keys are case-sensitive.
        #expect(Self.message(#"{"Bundle":"coins_70","region":"US"}"#)?.hasPrefix("unknown key `Bundle`") == true)
    }

    @Test func aKeyGivenTwice() {
        // `{` 1, `"region"` 2–9, `:` 10, `"US"` 11–14, `,` 15, `"region"` 16–23, `:` 24.
        #expect(Self.message(#"{"region":"US","region":"DE","bundle":"coins_70"}"#) == "key `region` is given twice (at byte 25)")
        // `"bundle"` 16–23, `:` 24, `"b"` 25–27, `,` 28, `"user"` 29–34, `:` 35, `{` 36,
        // `"segment"` 37–45, `:` 46, `"vip"` 47–51, `,` 52, `"segment"` 53–61, `:` 62:
        // the second value at 63.
        #expect(Self.message(#"{"region":"US","bundle":"b","user":{"segment":"vip","segment":"new"}}"#)
            == "user attribute `segment` is given twice (at byte 63)")
    }

    @Test func aKeyGivenTwiceInsideRedemptions() {
        // The reader's own contract: "a key given twice ... refuses the line". Inside
        // `redemptions`, a promotion or a counter given twice is silently overwritten.
        #expect(Self.message(#"{"region":"US","bundle":"b","redemptions":{"p":{"total":1},"p":{"total":2}}}"#) != nil)
        #expect(Self.message(#"{"region":"US","bundle":"b","redemptions":{"p":{"total":1,"total":2}}}"#) != nil)
    }

    @Test func coinsWithAFraction() {
        // `{` 1, `"coins"` 2–8, `:` 9, `12` 10–11, `.` 12.
        #expect(Self.message(#"{"coins":12.5,"region":"US"}"#) == "expected a whole number, found a fraction or an exponent (at byte 12)")
        #expect(Self.message(#"{"coins":1e3,"region":"US"}"#) == "expected a whole number, found a fraction or an exponent (at byte 11)")
        #expect(Self.message(#"{"coins":"500","region":"US"}"#) == "expected a whole number (at byte 10)")
        // `0` at 10, then `,` at 11.
        #expect(Self.message(#"{"coins":0,"region":"US"}"#) == "`coins` must be 1 or more (at byte 11)")
        #expect(Self.message(#"{"coins":-5,"region":"US"}"#) == "`coins` must be 1 or more (at byte 12)")
        // Twenty nines do not fit in 64 bits: refused, not wrapped.
        #expect(Self.message(#"{"coins":99999999999999999999,"region":"US"}"#)?.contains("is too large") == true)
    }

    @Test func bothBundleAndCoins() {
        // `"coins"` 22–28, `:` 29: its value at 30.
        #expect(Self.message(#"{"bundle":"coins_70","coins":500,"region":"US"}"#) == "give `bundle` or `coins`, not both (at byte 30)")
        // The other way round: `"bundle"` 14–21, `:` 22, value at 23.
        #expect(Self.message(#"{"coins":500,"bundle":"coins_70","region":"US"}"#) == "give `bundle` or `coins`, not both (at byte 23)")
    }

    @Test func aMissingRegionOrItem() {
        #expect(Self.message(#"{"bundle":"coins_70"}"#) == "the request names no `region` (at the end of the line)")
        #expect(Self.message(#"{"region":"US"}"#) == "the request names no `bundle` and no `coins` (at the end of the line)")
        #expect(Self.message("{}") == "the request names no `bundle` and no `coins` (at the end of the line)")
    }

    @Test func trailingText() {
        // The object is bytes 1–35; a space at 36, `x` at 37.
        #expect(Self.message(#"{"bundle":"coins_70","region":"US"} x"#) == "unexpected text after the request object (at byte 37)")
        #expect(Self.message(#"{"bundle":"coins_70","region":"US"}{}"#) == "unexpected text after the request object (at byte 36)")
        #expect(Self.message(#"{"bundle":"coins_70","region":"US"},"#) == "unexpected text after the request object (at byte 36)")
    }

    @Test(arguments: ["2026-02-30", "tomorrow", "2026-11-28 10:00", "2026-11-28T25:00Z", "2026-11-28T10:00+1", "26-11-28", "2026-11-28T10Z", ""])
    func aBadAt(text: String) {
        // `"at"` 36–39, `:` 40, the string from 41; the message points after it.
        let end = 41 + text.utf8.count + 2
        #expect(Self.message(#"{"bundle":"coins_70","region":"US","at":"\#(text)"}"#)
            == "`at` is not a date or date-time: `\(text)`; write `2026-11-28T10:00:00Z` or `2026-11-28` (at byte \(end))")
    }

    @Test func notAnObject() {
        #expect(Self.message(#"["coins_70","US"]"#) == "expected `{` (at byte 1)")
        #expect(Self.message(#""coins_70""#) == "expected `{` (at byte 1)")
        #expect(Self.message("null") == "expected `{` (at byte 1)")
        #expect(Self.message("42") == "expected `{` (at byte 1)")
        #expect(Self.message("") == "expected `{` (at the end of the line)")
        #expect(Self.message(#"{bundle:"coins_70"}"#) == "expected a string (at byte 2)")
    }

    @Test func aTruncatedLine() {
        #expect(Self.message(#"{"bundle":"coins_70","region":"U"#) == "a string has no closing quote (at the end of the line)")
        #expect(Self.message(#"{"bundle":"coins_70","region":"US""#) == "expected `,` or `}` (at the end of the line)")
        #expect(Self.message(#"{"bundle":"coins_70","region":"#) == "expected a string (at the end of the line)")
        #expect(Self.message(#"{"bundle":"coins_70","region""#) == "expected `:` after the key `region` (at the end of the line)")
        #expect(Self.message(#"{"bundle":"coins_70","codes":["A","#) == "expected a string (at the end of the line)")
        #expect(Self.message(#"{"bundle":"coins_70","region":"US\"#) == "a string has no closing quote (at the end of the line)")
        #expect(Self.message(#"{"bundle":"coins_70","user":{"purchases":1"#) == "expected `,` or `}` (at the end of the line)")
    }

    @Test func wrongTypesAndBadValues() {
        #expect(Self.message(#"{"bundle":"coins_70","region":5}"#) == "expected a string (at byte 31)")
        #expect(Self.message(#"{"bundle":"coins_70","region":"US","explain":"yes"}"#) == "expected `true` or `false` (at byte 46)")
        #expect(Self.message(#"{"bundle":"coins_70","region":"US","codes":"BF2026"}"#) == "expected `[` (at byte 44)")
        // `"user":` 36–42, `{` 43, `"signup"` 44–51, `:` 52, `"yesterday"` 53–63: after it, 64.
        #expect(Self.message(#"{"bundle":"coins_70","region":"US","user":{"signup":"yesterday"}}"#)
            == "user attribute `signup` is a date; `yesterday` is not one (at byte 64)")
        // `"redemptions"` 36–48, `:` 49, `{` 50, `"vip_code"` 51–60, `:` 61, `{` 62,
        // `"total"` 63–69, `:` 70, `-1` 71–72: after it, 73.
        #expect(Self.message(#"{"bundle":"coins_70","region":"US","redemptions":{"vip_code":{"total":-1}}}"#)
            == "redemption counts cannot be negative (at byte 73)")
        #expect(Self.message(#"{"bundle":"coins_70","region":"US","redemptions":{"vip_code":{"count":1}}}"#)
            == "unknown key `count` in redemptions of `vip_code`; give `total` and `user` (at byte 71)")
        // A trailing comma.
        #expect(Self.message(#"{"bundle":"coins_70","region":"US",}"#) == "expected a string (at byte 36)")
        #expect(Self.message(#"{"bundle":"coins_70","region":"US","codes":["A",]}"#) == "expected a string (at byte 49)")
    }

    @Test func stringsFollowJSON() {
        // A raw control character (a tab at byte 13) is not allowed inside a string.
        #expect(Self.message("{\"bundle\":\"a\tb\",\"region\":\"US\"}") == "control character in a string (at byte 13)")
        // Unknown escapes are refused; the message points at the closing quote (byte 16).
        #expect(Self.message(#"{"bundle":"a\xb","region":"US"}"#) == "invalid escape in a string (at byte 16)")
        #expect(Self.message(#"{"bundle":"a\u00g1","region":"US"}"#)?.hasPrefix("invalid `\\u` escape in a string") == true)
        #expect(Self.message(#"{"bundle":"a\u00","region":"US"}"#)?.hasPrefix("invalid `\\u` escape in a string") == true)
    }

    @Test func aSurrogatePairEscapeIsOneCharacter() {
        // JSON writes characters outside the Basic Multilingual Plane as a UTF-16
        // surrogate pair: "\ud83d\ude00" is 😀 (U+1F600), as JSON.stringify writes it.
        let result = Self.parse(#"{"bundle":"coins_70","region":"US","codes":["\ud83d\ude00"]}"#)
        #expect((try? result.get())?.codes == ["😀"])
    }
}
