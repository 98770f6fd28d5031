import Coinage
import CoinageIO
import Testing

/// `QuoteRequest.jsonValue`, the JSON document of a request that `coinage diff
/// --format json` shows, is the batch line `QuoteRequest.jsonLine` writes, to the
/// byte: one writer of a request as JSON, in either form.
@Suite struct RequestJSONTests {
    static let requests: [QuoteRequest] = [
        QuoteRequest(item: .bundle("coins_700"), region: "DE", channel: "web", instant: 1_795_860_000),
        QuoteRequest(item: .coins(5_000), region: "US", channel: nil, instant: 946_684_800),
        QuoteRequest(item: .bundle("tab\there \"quoted\" \\ back"), region: "DE", channel: "wéb ✓", instant: 1_795_860_000,
                     user: ["segment": .value("vip"), "purchases": .int(-3), "first_purchase": .bool(false),
                            "joined": CivilDate(year: 2026, month: 1, day: 31).map(UserValue.date) ?? .int(0)],
                     codes: ["VIP2026", "new\nline"]),
        QuoteRequest(item: .bundle("coins_70"), region: "GB", channel: "ios", instant: 1_795_860_030,
                     redemptions: ["welcome": Redemptions(total: 12, perUser: 1), "autumn": Redemptions(total: 0, perUser: 0)],
                     explain: true),
    ]

    @Test(arguments: requests)
    func theDocumentIsTheBatchLine(request: QuoteRequest) {
        #expect(request.jsonValue.serialized() == request.jsonLine)
    }

    @Test func factsAreTypedAsTheBatchReaderTakesThem() {
        #expect(UserValue.bool(true).jsonValue == .bool(true))
        #expect(UserValue.int(12).jsonValue == .integer(12))
        #expect(UserValue.value("vip").jsonValue == .string("vip"))
        let date = CivilDate(year: 2026, month: 2, day: 1)
        #expect(date.map { UserValue.date($0).jsonValue } == .string("2026-02-01"))
    }
}
