@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageRuleTests
import CoinageSyntax
import Foundation
import Testing

/// `during` and `every` at their edges: the first and last minute of a window and the
/// first minute after it, in UTC, in a region's own zone (`local`) and in a named zone,
/// across both daylight-saving changes of Europe/Berlin in 2026 (29 March: 02:00 CET
/// jumps to 03:00 CEST at 01:00Z; 25 October: 03:00 CEST falls back to 02:00 CET at
/// 01:00Z), and weekly hours that run past midnight.
///
/// Instants are computed with Foundation's calendar in UTC (`F.utc`), never with the
/// engine's own calendar code.
@Suite struct PromotionWindowTests {
    typealias F = WalkFixture

    /// US in UTC (no zone declared), DE in Europe/Berlin, IN in Asia/Kolkata (+05:30).
    static let header = """
        base currency USD
        rate EUR 0.92
        rate INR 88
        region US: USD
        region DE: EUR, zone Europe/Berlin
        region IN: INR, zone Asia/Kolkata
        bundle b: 100 coins, 10.00 USD

        """

    static func book(_ promotion: String) throws -> PriceBook {
        try F.book("promotion p {\n  discount 10%\n  \(promotion)\n}\n", header: header)
    }

    /// The reason of `p` in the trace of a quote at `instant` in `region`.
    static func reason(_ book: PriceBook, at instant: Int64, in region: String = "US") throws -> String {
        let q = try F.quote(book, F.request(region: region, at: instant))
        let reason = F.reasons(q)["p"] ?? "none"
        // Applied or not, the quote agrees with its trace.
        #expect(q.applied.contains("p") == (reason == "applied"))
        return reason
    }

    static func applies(_ book: PriceBook, at instant: Int64, in region: String = "US") throws -> Bool {
        try reason(book, at: instant, in: region) == "applied"
    }

    @Test func theFixtureInstantsAreWhatTheCommentsSay() {
        // 2026-06-17T12:00Z is F.noon; 2026-11-28 is a Saturday, 2026-03-29 and
        // 2026-10-25 are Sundays (Foundation's weekday: Sunday 1 ... Saturday 7).
        #expect(F.utc(2026, 6, 17, 12) == F.noon)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        func weekday(_ instant: Int64) -> Int { calendar.component(.weekday, from: Date(timeIntervalSince1970: TimeInterval(instant))) }
        #expect(weekday(F.utc(2026, 11, 28)) == 7)
        #expect(weekday(F.utc(2026, 3, 29)) == 1 && weekday(F.utc(2026, 10, 25)) == 1)
        // Berlin's offsets around the changes.
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        func offset(_ instant: Int64) -> Int { berlin.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))) }
        #expect(offset(F.utc(2026, 3, 29, 0, 59)) == 3600 && offset(F.utc(2026, 3, 29, 1)) == 7200)
        #expect(offset(F.utc(2026, 10, 25, 0, 59)) == 7200 && offset(F.utc(2026, 10, 25, 1)) == 3600)
    }

    // MARK: during

    /// `during` windows in UTC, in each region's zone (`local`) and in a named zone: the
    /// last instant before, the first and last inside, and the first after.
    static let during: [WindowCase] = [
        WindowCase("whole days in UTC are inclusive", "during 2026-11-27 to 2026-11-30", [
            // [2026-11-27T00:00Z, 2026-12-01T00:00Z)
            .shut(F.utc(2026, 11, 26, 23, 59), reason: "outside_window"),
            .shut(F.utc(2026, 11, 26, 23, 59, 59), reason: "outside_window"),
            .open(F.utc(2026, 11, 27, 0, 0), "first minute"),
            .open(F.utc(2026, 11, 30, 23, 59), "last minute"),
            .open(F.utc(2026, 11, 30, 23, 59, 59), "last second"),
            .shut(F.utc(2026, 12, 1, 0, 0), reason: "outside_window", "first minute after"),
            // Without a zone, UTC even in a region with its own zone: DE at 2026-11-26T23:30Z
            // is already the 27th in Berlin, but the window is read in UTC.
            .shut(F.utc(2026, 11, 26, 23, 30), in: "DE", reason: "outside_window"),
        ]),
        WindowCase("a one-day window is the whole day", "during 2026-11-27 to 2026-11-27", [
            .shut(F.utc(2026, 11, 26, 23, 59)),
            .open(F.utc(2026, 11, 27, 0, 0)),
            .open(F.utc(2026, 11, 27, 23, 59)),
            .shut(F.utc(2026, 11, 28, 0, 0)),
        ]),
        WindowCase("date-time windows are half-open", "during 2026-11-27T18:00 to 2026-11-27T20:00", [
            // [18:00, 20:00) UTC
            .shut(F.utc(2026, 11, 27, 17, 59), reason: "outside_window"),
            .open(F.utc(2026, 11, 27, 18, 0)),
            .open(F.utc(2026, 11, 27, 19, 59)),
            .open(F.utc(2026, 11, 27, 19, 59, 59)),
            .shut(F.utc(2026, 11, 27, 20, 0), reason: "outside_window"),
        ]),
        WindowCase("date-time windows with seconds", "during 2026-11-27T18:00:30 to 2026-11-27T18:01:15", [
            .shut(F.utc(2026, 11, 27, 18, 0, 29)),
            .open(F.utc(2026, 11, 27, 18, 0, 30)),
            .open(F.utc(2026, 11, 27, 18, 1, 14)),
            .shut(F.utc(2026, 11, 27, 18, 1, 15)),
        ]),
        WindowCase("local windows use each region's zone", "during 2026-11-27 to 2026-11-30 local", [
            // DE, CET (+01:00) in November: [2026-11-26T23:00Z, 2026-11-30T23:00Z).
            .shut(F.utc(2026, 11, 26, 22, 59), in: "DE"),
            .open(F.utc(2026, 11, 26, 23, 0), in: "DE"),
            .open(F.utc(2026, 11, 30, 22, 59), in: "DE"),
            .shut(F.utc(2026, 11, 30, 23, 0), in: "DE"),
            // US declares no zone: UTC. [2026-11-27T00:00Z, 2026-12-01T00:00Z).
            .shut(F.utc(2026, 11, 26, 23, 59), in: "US"),
            .open(F.utc(2026, 11, 27, 0, 0), in: "US"),
            .open(F.utc(2026, 11, 30, 23, 59), in: "US"),
            .shut(F.utc(2026, 12, 1, 0, 0), in: "US"),
            // IN, +05:30: [2026-11-26T18:30Z, 2026-11-30T18:30Z).
            .shut(F.utc(2026, 11, 26, 18, 29), in: "IN"),
            .open(F.utc(2026, 11, 26, 18, 30), in: "IN"),
            .open(F.utc(2026, 11, 30, 18, 29), in: "IN"),
            .shut(F.utc(2026, 11, 30, 18, 30), in: "IN"),
        ]),
        // EST (−05:00): [2026-11-27T05:00Z, 2026-11-28T05:00Z), whatever the region.
        WindowCase("a named zone is used in every region", "during 2026-11-27 to 2026-11-27 America/New_York",
                   ["US", "DE", "IN"].flatMap { region in [
                       .shut(F.utc(2026, 11, 27, 4, 59), in: region),
                       .open(F.utc(2026, 11, 27, 5, 0), in: region),
                       .open(F.utc(2026, 11, 28, 4, 59), in: region),
                       .shut(F.utc(2026, 11, 28, 5, 0), in: region),
                   ] }),
        // 2026-03-29 in Berlin: starts at 00:00 CET = 2026-03-28T23:00Z, ends at
        // 2026-03-30T00:00 CEST = 2026-03-29T22:00Z.
        WindowCase("a whole day on the spring change is 23 hours (named zone)",
                   "during 2026-03-29 to 2026-03-29 Europe/Berlin", springDay(in: "US")),
        WindowCase("a whole day on the spring change is 23 hours (local)",
                   "during 2026-03-29 to 2026-03-29 local", springDay(in: "DE")),
        // 2026-10-25 in Berlin: starts at 00:00 CEST = 2026-10-24T22:00Z, ends at
        // 2026-10-26T00:00 CET = 2026-10-25T23:00Z.
        WindowCase("a whole day on the autumn change is 25 hours", "during 2026-10-25 to 2026-10-25 local", [
            .shut(F.utc(2026, 10, 24, 21, 59), in: "DE"),
            .open(F.utc(2026, 10, 24, 22, 0), in: "DE"),
            .open(F.utc(2026, 10, 25, 22, 59), in: "DE"),
            .shut(F.utc(2026, 10, 25, 23, 0), in: "DE"),
        ]),
        // A window that ends on the day before: its last minute is 23:59 CEST on the 24th.
        WindowCase("a window ending the day before the autumn change", "during 2026-10-20 to 2026-10-24 local", [
            .open(F.utc(2026, 10, 24, 21, 59), in: "DE"),
            .shut(F.utc(2026, 10, 24, 22, 0), in: "DE"),
        ]),
        // 02:30 does not exist on 2026-03-29 in Berlin; by wall clock the window opens
        // at the first local time at or after 02:30, which is 03:00 CEST = 01:00Z.
        WindowCase("a date-time window starting in the spring gap opens at 03:00",
                   "during 2026-03-29T02:30 to 2026-03-29T04:00 Europe/Berlin", [
            .shut(F.utc(2026, 3, 29, 0, 59), "01:59 CET"),
            .open(F.utc(2026, 3, 29, 1, 0), "03:00 CEST"),
            .open(F.utc(2026, 3, 29, 1, 59), "03:59 CEST"),
            .shut(F.utc(2026, 3, 29, 2, 0), "04:00 CEST"),
        ]),
        // A window entirely inside the gap never opens.
        WindowCase("a window inside the spring gap never opens",
                   "during 2026-03-29T02:15 to 2026-03-29T02:45 Europe/Berlin",
                   stride(from: 0, through: 120, by: 15).map { minute in
                       .shut(F.utc(2026, 3, 29, 0, 0) + Int64(minute * 60), "\(minute)")
                   }),
        // Doubtful but as decided ("the local time is what counts"): a window inside the
        // repeated hour of 2026-10-25 is open twice, once in CEST and once in CET.
        WindowCase("a date-time window in the repeated autumn hour is open twice",
                   "during 2026-10-25T02:00 to 2026-10-25T02:30 Europe/Berlin", [
            .shut(F.utc(2026, 10, 24, 23, 59), "01:59 CEST"),
            .open(F.utc(2026, 10, 25, 0, 0), "02:00 CEST"),
            .open(F.utc(2026, 10, 25, 0, 29), "02:29 CEST"),
            .shut(F.utc(2026, 10, 25, 0, 30), "02:30 CEST"),
            .shut(F.utc(2026, 10, 25, 0, 59), "02:59 CEST"),
            .open(F.utc(2026, 10, 25, 1, 0), "02:00 CET, again"),
            .open(F.utc(2026, 10, 25, 1, 29), "02:29 CET"),
            .shut(F.utc(2026, 10, 25, 1, 30), "02:30 CET"),
        ]),
    ]

    /// 2026-03-29 as a whole day in Berlin, read from `region`.
    static func springDay(in region: String) -> [WindowProbe] {
        [
            .shut(F.utc(2026, 3, 28, 22, 59), in: region, reason: "outside_window"),
            .open(F.utc(2026, 3, 28, 23, 0), in: region, "00:00 CET"),
            .open(F.utc(2026, 3, 29, 0, 59), in: region, "01:59 CET"),
            .open(F.utc(2026, 3, 29, 1, 0), in: region, "03:00 CEST"),
            .open(F.utc(2026, 3, 29, 21, 59), in: region, "23:59 CEST"),
            .shut(F.utc(2026, 3, 29, 22, 0), in: region, reason: "outside_window"),
        ]
    }

    @Test(arguments: during)
    func duringWindowsOpenAndShutAtTheirBounds(_ row: WindowCase) throws {
        let book = try Self.book(row.clause)
        for probe in row.probes {
            try probe.check(book, in: row)
        }
    }

    @Test func theTraceSaysWhenTheWindowOpensOrClosed() throws {
        let book = try Self.book("during 2026-11-27 to 2026-11-30 local")
        let early = try F.quote(book, F.request(region: "DE", at: F.utc(2026, 11, 26, 22, 59)))
        let detail = early.explanation?.promotions.first?.detail ?? ""
        // Opens at 2026-11-27T00:00 Berlin time; it is 23:59 on the 26th there.
        #expect(detail.contains("2026-11-27T00:00:00") && detail.contains("Europe/Berlin") && detail.contains("2026-11-26T23:59:00"))
        let late = try F.quote(book, F.request(region: "DE", at: F.utc(2026, 11, 30, 23, 0)))
        #expect(late.explanation?.promotions.first?.detail.contains("2026-12-01T00:00:00") == true)
    }

    // MARK: Instants far from 2026

    /// "No input crashes the process": `QuoteRequest.instant` is any `Int64`; one
    /// outside the years 1 to 9999 is a typed error, checked before any calendar
    /// arithmetic. (JSON and `--at` have four-digit years; library callers can.)
    @Test func anInstantAtTheEdgesOfInt64IsAQuoteNotACrash() async {
        await #expect(processExitsWith: .success) {
            let book = try WalkFixture.book("bundle b: 1 coins, 1.00 USD\npromotion p {\n  every sat\n  discount 10%\n}\n")
            _ = book.quote(QuoteRequest(item: .bundle("b"), region: "US", instant: .min))
        }
        await #expect(processExitsWith: .success) {
            let book = try WalkFixture.book("""
                region DE: EUR, zone Europe/Berlin
                rate EUR 0.92
                bundle b: 1 coins, 1.00 USD
                promotion p {
                  during 2026-11-27 to 2026-11-30 local
                  discount 10%
                }
                """)
            _ = book.quote(QuoteRequest(item: .bundle("b"), region: "DE", instant: .max))
        }
    }
}

/// One row of the window tables: a `during`/`every` clause of promotion `p` and the
/// instants at which a quote must (or must not) apply it.
struct WindowCase: Sendable, CustomTestStringConvertible {
    let name: String
    /// The clause inside `promotion p { discount 10% … }`.
    let clause: String
    let probes: [WindowProbe]

    var testDescription: String { name }

    init(_ name: String, _ clause: String, _ probes: [WindowProbe]) {
        self.name = name
        self.clause = clause
        self.probes = probes
    }
}

/// One quote of a window case: the instant, the region, and what the trace must say of `p`.
struct WindowProbe: Sendable {
    enum Outcome: Sendable, Equatable {
        /// The trace says `applied`.
        case applied
        /// The trace says anything but `applied`.
        case notApplied
        /// The trace gives exactly this reason (`outside_window`, `outside_hours`).
        case reason(String)
    }

    let instant: Int64
    let region: String
    let outcome: Outcome
    let note: String

    /// `p` applies at `instant` in `region`.
    static func open(_ instant: Int64, in region: String = "US", _ note: String = "") -> WindowProbe {
        WindowProbe(instant: instant, region: region, outcome: .applied, note: note)
    }

    /// `p` does not apply at `instant` in `region`; with `reason`, the trace says exactly that.
    static func shut(_ instant: Int64, in region: String = "US", reason: String? = nil, _ note: String = "") -> WindowProbe {
        WindowProbe(instant: instant, region: region, outcome: reason.map(Outcome.reason) ?? .notApplied, note: note)
    }

    /// Quotes `book` at this probe and checks the trace's reason for `p`.
    func check(_ book: PriceBook, in row: WindowCase, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let reason = try PromotionWindowTests.reason(book, at: instant, in: region)
        let context: Testing.Comment = "\(row.name): \(instant) in \(region) \(note)"
        switch outcome {
        case .applied: #expect(reason == "applied", context, sourceLocation: sourceLocation)
        case .notApplied: #expect(reason != "applied", context, sourceLocation: sourceLocation)
        case .reason(let expected): #expect(reason == expected, context, sourceLocation: sourceLocation)
        }
    }
}
