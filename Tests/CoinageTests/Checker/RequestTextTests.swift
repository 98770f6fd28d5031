@testable import CoinageChecker
import CoinageEngine
import CoinageFoundation
import CoinageTestSupport
@testable import CoinageIO
import Testing

/// `QuoteRequest`'s one renderer: a JSON line the batch reader reads back as the same
/// request, `test` lines, and a shell command whose words survive a POSIX shell.
@Suite("Request text")
struct RequestTextTests {
    /// Codes are free text: every character a JSON string must escape is escaped.
    @Test("a JSON line with control characters, quotes and backslashes in its strings reads back as the same request",
          arguments: ["TAB\tCODE", "LINE\nBREAK", "QUOTE\"D", "BACK\\SLASH", "BELL\u{07}", "ÉTÉ-2026 🎁", "\r\u{1F}"])
    func jsonLineRoundTrip(code: String) throws {
        let rules = try CompiledShop.load(rulesDirectory: RepositoryPaths.sampleShop.path).rules
        let request = QuoteRequest(item: .bundle("coins_700"), region: "DE", channel: "web", instant: 1_795_687_200,
                                   user: ["segment": .value("vip"), "first_purchase": .bool(false)], codes: [code])
        let line = request.jsonLine
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 }, "a raw control character in \(line)")
        let read = RequestLineParser.parse(Array(line.utf8)[...], rules: rules, now: 0)
        #expect(read == .success(request), "\(line) read back as \(read)")
    }

    @Test("the JSON line of a request is fixed, members in order")
    func jsonLineShape() {
        let request = QuoteRequest(item: .coins(5_000), region: "US", channel: nil, instant: 0,
                                   user: ["segment": .value("vip"), "purchases": .int(3)], codes: ["A", "B"],
                                   redemptions: ["vip_code": Redemptions(total: 10, perUser: 1)])
        #expect(request.jsonLine == #"{"coins":5000,"region":"US","at":"1970-01-01T00:00:00Z","user":{"purchases":3,"segment":"vip"},"codes":["A","B"],"redemptions":{"vip_code":{"total":10,"user":1}}}"#)
    }

    @Test("a command line quotes each word a shell would split or expand, and no other")
    func commandLineQuoting() {
        let plain = QuoteRequest(item: .bundle("coins_700"), region: "DE", channel: "web", instant: 1_795_687_200,
                                 user: ["segment": .value("vip")], codes: ["BF2026"])
        #expect(plain.commandLine() ==
            "coinage quote coins_700 --region DE --channel web --at 2026-11-26T10:00:00Z --user segment=vip --code BF2026")
        let awkward = QuoteRequest(item: .coins(1_400), region: "GB", channel: nil, instant: 0,
                                   codes: ["it's 50% off", "$HOME"])
        #expect(awkward.commandLine(rulesDirectory: "my rules") ==
            #"coinage quote 1400 coins --rules 'my rules' --region GB --at 1970-01-01T00:00:00Z --code 'it'\''s 50% off' --code '$HOME'"#)
        #expect(awkward.commandLine(rulesDirectory: "rules").hasPrefix("coinage quote 1400 coins --region GB"))
    }

    @Test("a request with redemption counters becomes the --batch form, its JSON line shell-quoted")
    func batchCommand() {
        let request = QuoteRequest(item: .bundle("coins_700"), region: "DE", channel: nil, instant: 0,
                                   codes: ["O'BRIEN"], redemptions: ["vip_code": Redemptions(total: 1, perUser: 0)])
        #expect(request.commandLine() ==
            #"echo '{"bundle":"coins_700","region":"DE","at":"1970-01-01T00:00:00Z","codes":["O'\''BRIEN"],"redemptions":{"vip_code":{"total":1,"user":0}}}' | coinage quote --batch"#)
    }

    @Test("test lines write the cell, the facts, the codes and the counters in the rule language")
    func testLines() {
        let request = QuoteRequest(item: .bundle("coins_700"), region: "DE", channel: "web", instant: 1_795_687_200,
                                   user: ["segment": .value("vip")], codes: [#"say "hi""#],
                                   redemptions: ["vip_code": Redemptions(total: 3, perUser: 1)])
        #expect(request.testLines == [
            "quote coins_700 in DE on web at 2026-11-26T10:00:00",
            "user segment = vip",
            #"code "say \"hi\"""#,
            "redeemed vip_code 3, 1 per user",
        ])
    }
}
