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

    // MARK: during, in UTC

    @Test func wholeDaysInUTCAreInclusive() throws {
        let book = try Self.book("during 2026-11-27 to 2026-11-30")
        // [2026-11-27T00:00Z, 2026-12-01T00:00Z)
        #expect(try Self.reason(book, at: F.utc(2026, 11, 26, 23, 59)) == "outside_window")
        #expect(try Self.reason(book, at: F.utc(2026, 11, 26, 23, 59, 59)) == "outside_window")
        #expect(try Self.applies(book, at: F.utc(2026, 11, 27, 0, 0)))          // first minute
        #expect(try Self.applies(book, at: F.utc(2026, 11, 30, 23, 59)))        // last minute
        #expect(try Self.applies(book, at: F.utc(2026, 11, 30, 23, 59, 59)))    // last second
        #expect(try Self.reason(book, at: F.utc(2026, 12, 1, 0, 0)) == "outside_window") // first minute after
        // Without a zone, UTC even in a region with its own zone: DE at 2026-11-26T23:30Z
        // is already the 27th in Berlin, but the window is read in UTC.
        #expect(try Self.reason(book, at: F.utc(2026, 11, 26, 23, 30), in: "DE") == "outside_window")
    }

    @Test func aOneDayWindowIsTheWholeDay() throws {
        let book = try Self.book("during 2026-11-27 to 2026-11-27")
        #expect(try !Self.applies(book, at: F.utc(2026, 11, 26, 23, 59)))
        #expect(try Self.applies(book, at: F.utc(2026, 11, 27, 0, 0)))
        #expect(try Self.applies(book, at: F.utc(2026, 11, 27, 23, 59)))
        #expect(try !Self.applies(book, at: F.utc(2026, 11, 28, 0, 0)))
    }

    @Test func dateTimeWindowsAreHalfOpen() throws {
        let book = try Self.book("during 2026-11-27T18:00 to 2026-11-27T20:00")
        // [18:00, 20:00) UTC
        #expect(try Self.reason(book, at: F.utc(2026, 11, 27, 17, 59)) == "outside_window")
        #expect(try Self.applies(book, at: F.utc(2026, 11, 27, 18, 0)))
        #expect(try Self.applies(book, at: F.utc(2026, 11, 27, 19, 59)))
        #expect(try Self.applies(book, at: F.utc(2026, 11, 27, 19, 59, 59)))
        #expect(try Self.reason(book, at: F.utc(2026, 11, 27, 20, 0)) == "outside_window")
    }

    @Test func dateTimeWindowsWithSeconds() throws {
        let book = try Self.book("during 2026-11-27T18:00:30 to 2026-11-27T18:01:15")
        #expect(try !Self.applies(book, at: F.utc(2026, 11, 27, 18, 0, 29)))
        #expect(try Self.applies(book, at: F.utc(2026, 11, 27, 18, 0, 30)))
        #expect(try Self.applies(book, at: F.utc(2026, 11, 27, 18, 1, 14)))
        #expect(try !Self.applies(book, at: F.utc(2026, 11, 27, 18, 1, 15)))
    }

    // MARK: during, in a zone

    @Test func localWindowsUseEachRegionsZone() throws {
        let book = try Self.book("during 2026-11-27 to 2026-11-30 local")
        // DE, CET (+01:00) in November: [2026-11-26T23:00Z, 2026-11-30T23:00Z).
        #expect(try !Self.applies(book, at: F.utc(2026, 11, 26, 22, 59), in: "DE"))
        #expect(try Self.applies(book, at: F.utc(2026, 11, 26, 23, 0), in: "DE"))
        #expect(try Self.applies(book, at: F.utc(2026, 11, 30, 22, 59), in: "DE"))
        #expect(try !Self.applies(book, at: F.utc(2026, 11, 30, 23, 0), in: "DE"))
        // US declares no zone: UTC. [2026-11-27T00:00Z, 2026-12-01T00:00Z).
        #expect(try !Self.applies(book, at: F.utc(2026, 11, 26, 23, 59), in: "US"))
        #expect(try Self.applies(book, at: F.utc(2026, 11, 27, 0, 0), in: "US"))
        #expect(try Self.applies(book, at: F.utc(2026, 11, 30, 23, 59), in: "US"))
        #expect(try !Self.applies(book, at: F.utc(2026, 12, 1, 0, 0), in: "US"))
        // IN, +05:30: [2026-11-26T18:30Z, 2026-11-30T18:30Z).
        #expect(try !Self.applies(book, at: F.utc(2026, 11, 26, 18, 29), in: "IN"))
        #expect(try Self.applies(book, at: F.utc(2026, 11, 26, 18, 30), in: "IN"))
        #expect(try Self.applies(book, at: F.utc(2026, 11, 30, 18, 29), in: "IN"))
        #expect(try !Self.applies(book, at: F.utc(2026, 11, 30, 18, 30), in: "IN"))
    }

    @Test func aNamedZoneIsUsedInEveryRegion() throws {
        let book = try Self.book("during 2026-11-27 to 2026-11-27 America/New_York")
        // EST (−05:00): [2026-11-27T05:00Z, 2026-11-28T05:00Z), whatever the region.
        for region in ["US", "DE", "IN"] {
            #expect(try !Self.applies(book, at: F.utc(2026, 11, 27, 4, 59), in: region), "\(region)")
            #expect(try Self.applies(book, at: F.utc(2026, 11, 27, 5, 0), in: region), "\(region)")
            #expect(try Self.applies(book, at: F.utc(2026, 11, 28, 4, 59), in: region), "\(region)")
            #expect(try !Self.applies(book, at: F.utc(2026, 11, 28, 5, 0), in: region), "\(region)")
        }
    }

    @Test func aWholeDayOnTheSpringChangeIsTwentyThreeHours() throws {
        // 2026-03-29 in Berlin: starts at 00:00 CET = 2026-03-28T23:00Z, ends at
        // 2026-03-30T00:00 CEST = 2026-03-29T22:00Z.
        for (clause, region) in [("during 2026-03-29 to 2026-03-29 Europe/Berlin", "US"),
                                 ("during 2026-03-29 to 2026-03-29 local", "DE")] {
            let book = try Self.book(clause)
            #expect(try Self.reason(book, at: F.utc(2026, 3, 28, 22, 59), in: region) == "outside_window", "\(clause)")
            #expect(try Self.applies(book, at: F.utc(2026, 3, 28, 23, 0), in: region), "\(clause)")   // 00:00 CET
            #expect(try Self.applies(book, at: F.utc(2026, 3, 29, 0, 59), in: region), "\(clause)")   // 01:59 CET
            #expect(try Self.applies(book, at: F.utc(2026, 3, 29, 1, 0), in: region), "\(clause)")    // 03:00 CEST
            #expect(try Self.applies(book, at: F.utc(2026, 3, 29, 21, 59), in: region), "\(clause)")  // 23:59 CEST
            #expect(try Self.reason(book, at: F.utc(2026, 3, 29, 22, 0), in: region) == "outside_window", "\(clause)")
        }
    }

    @Test func aWholeDayOnTheAutumnChangeIsTwentyFiveHours() throws {
        // 2026-10-25 in Berlin: starts at 00:00 CEST = 2026-10-24T22:00Z, ends at
        // 2026-10-26T00:00 CET = 2026-10-25T23:00Z.
        let book = try Self.book("during 2026-10-25 to 2026-10-25 local")
        #expect(try !Self.applies(book, at: F.utc(2026, 10, 24, 21, 59), in: "DE"))
        #expect(try Self.applies(book, at: F.utc(2026, 10, 24, 22, 0), in: "DE"))
        #expect(try Self.applies(book, at: F.utc(2026, 10, 25, 22, 59), in: "DE"))
        #expect(try !Self.applies(book, at: F.utc(2026, 10, 25, 23, 0), in: "DE"))
        // A window that ends on the day before: its last minute is 23:59 CEST on the 24th.
        let before = try Self.book("during 2026-10-20 to 2026-10-24 local")
        #expect(try Self.applies(before, at: F.utc(2026, 10, 24, 21, 59), in: "DE"))
        #expect(try !Self.applies(before, at: F.utc(2026, 10, 24, 22, 0), in: "DE"))
    }

    @Test func aDateTimeWindowStartingInTheSpringGapOpensAtThreeOClock() throws {
        // 02:30 does not exist on 2026-03-29 in Berlin; by wall clock the window opens
        // at the first local time at or after 02:30, which is 03:00 CEST = 01:00Z.
        let book = try Self.book("during 2026-03-29T02:30 to 2026-03-29T04:00 Europe/Berlin")
        #expect(try !Self.applies(book, at: F.utc(2026, 3, 29, 0, 59)))  // 01:59 CET
        #expect(try Self.applies(book, at: F.utc(2026, 3, 29, 1, 0)))    // 03:00 CEST
        #expect(try Self.applies(book, at: F.utc(2026, 3, 29, 1, 59)))   // 03:59 CEST
        #expect(try !Self.applies(book, at: F.utc(2026, 3, 29, 2, 0)))   // 04:00 CEST
        // A window entirely inside the gap never opens.
        let gap = try Self.book("during 2026-03-29T02:15 to 2026-03-29T02:45 Europe/Berlin")
        for minute in stride(from: 0, through: 120, by: 15) {
            #expect(try !Self.applies(gap, at: F.utc(2026, 3, 29, 0, 0) + Int64(minute * 60)), "\(minute)")
        }
    }

    /// Doubtful but as decided ("the local time is what counts"): a window inside the
    /// repeated hour of 2026-10-25 is open twice, once in CEST and once in CET.
    @Test func aDateTimeWindowInTheRepeatedAutumnHourIsOpenTwice() throws {
        let book = try Self.book("during 2026-10-25T02:00 to 2026-10-25T02:30 Europe/Berlin")
        #expect(try !Self.applies(book, at: F.utc(2026, 10, 24, 23, 59)))  // 01:59 CEST
        #expect(try Self.applies(book, at: F.utc(2026, 10, 25, 0, 0)))     // 02:00 CEST
        #expect(try Self.applies(book, at: F.utc(2026, 10, 25, 0, 29)))    // 02:29 CEST
        #expect(try !Self.applies(book, at: F.utc(2026, 10, 25, 0, 30)))   // 02:30 CEST
        #expect(try !Self.applies(book, at: F.utc(2026, 10, 25, 0, 59)))   // 02:59 CEST
        #expect(try Self.applies(book, at: F.utc(2026, 10, 25, 1, 0)))     // 02:00 CET, again
        #expect(try Self.applies(book, at: F.utc(2026, 10, 25, 1, 29)))    // 02:29 CET
        #expect(try !Self.applies(book, at: F.utc(2026, 10, 25, 1, 30)))   // 02:30 CET
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

    // MARK: every

    @Test func weeklyHours() throws {
        let book = try Self.book("every sat, sun from 18:00 to 22:00")
        // 2026-11-28 is a Saturday: [18:00, 22:00) UTC on Saturday and Sunday.
        #expect(try Self.reason(book, at: F.utc(2026, 11, 28, 17, 59)) == "outside_hours")
        #expect(try Self.applies(book, at: F.utc(2026, 11, 28, 18, 0)))
        #expect(try Self.applies(book, at: F.utc(2026, 11, 28, 21, 59)))
        #expect(try Self.reason(book, at: F.utc(2026, 11, 28, 22, 0)) == "outside_hours")
        #expect(try Self.applies(book, at: F.utc(2026, 11, 29, 18, 0)))
        #expect(try Self.applies(book, at: F.utc(2026, 11, 29, 21, 59)))
        // Friday and Monday at the same hours: not listed.
        #expect(try Self.reason(book, at: F.utc(2026, 11, 27, 19, 0)) == "outside_hours")
        #expect(try Self.reason(book, at: F.utc(2026, 11, 30, 19, 0)) == "outside_hours")
    }

    @Test func hoursPastMidnightBelongToTheDayTheyStart() throws {
        let book = try Self.book("every sat from 22:00 to 02:00")
        // Saturday 2026-11-28 22:00 to Sunday 2026-11-29 02:00, UTC.
        #expect(try !Self.applies(book, at: F.utc(2026, 11, 28, 21, 59)))
        #expect(try Self.applies(book, at: F.utc(2026, 11, 28, 22, 0)))   // first minute
        #expect(try Self.applies(book, at: F.utc(2026, 11, 28, 23, 59)))
        #expect(try Self.applies(book, at: F.utc(2026, 11, 29, 0, 0)))    // Sunday, still Saturday night
        #expect(try Self.applies(book, at: F.utc(2026, 11, 29, 1, 30)))   // Sunday 01:30: in
        #expect(try Self.applies(book, at: F.utc(2026, 11, 29, 1, 59)))   // last minute
        #expect(try Self.reason(book, at: F.utc(2026, 11, 29, 2, 0)) == "outside_hours") // first minute after
        // Saturday 01:30 belongs to Friday night, and Friday is not listed.
        #expect(try Self.reason(book, at: F.utc(2026, 11, 28, 1, 30)) == "outside_hours")
        // Sunday 22:30 starts a Sunday night, not listed either.
        #expect(try Self.reason(book, at: F.utc(2026, 11, 29, 22, 30)) == "outside_hours")

        let fridayToo = try Self.book("every fri, sat from 22:00 to 02:00")
        // Now Saturday 01:30 is Friday night: in.
        #expect(try Self.applies(fridayToo, at: F.utc(2026, 11, 28, 1, 30)))
        // Saturday 12:00: neither night.
        #expect(try !Self.applies(fridayToo, at: F.utc(2026, 11, 28, 12, 0)))
        // Sunday night (from Saturday) 01:30: in; Monday 01:30 (Sunday night): out.
        #expect(try Self.applies(fridayToo, at: F.utc(2026, 11, 29, 1, 30)))
        #expect(try !Self.applies(fridayToo, at: F.utc(2026, 11, 30, 1, 30)))
    }

    @Test func hoursEndingAtMidnight() throws {
        let book = try Self.book("every sat from 22:00 to 00:00")
        // [Sat 22:00, Sun 00:00): Sunday 00:00 is the first minute after.
        #expect(try Self.applies(book, at: F.utc(2026, 11, 28, 23, 59)))
        #expect(try !Self.applies(book, at: F.utc(2026, 11, 29, 0, 0)))
    }

    @Test func wholeDaysOfTheWeekInAZoneAcrossTheSpringChange() throws {
        let book = try Self.book("every sun local")
        // Sunday 2026-03-29 in Berlin: 00:00 CET = 2026-03-28T23:00Z to 24:00 CEST =
        // 2026-03-29T22:00Z.
        #expect(try Self.reason(book, at: F.utc(2026, 3, 28, 22, 59), in: "DE") == "outside_hours")
        #expect(try Self.applies(book, at: F.utc(2026, 3, 28, 23, 0), in: "DE"))
        #expect(try Self.applies(book, at: F.utc(2026, 3, 29, 21, 59), in: "DE"))
        #expect(try Self.reason(book, at: F.utc(2026, 3, 29, 22, 0), in: "DE") == "outside_hours")
        // The same instants in US (UTC): Saturday 23:00 is not Sunday, Sunday 22:00 is.
        #expect(try !Self.applies(book, at: F.utc(2026, 3, 28, 23, 0), in: "US"))
        #expect(try Self.applies(book, at: F.utc(2026, 3, 29, 22, 0), in: "US"))
    }

    @Test func hoursPastMidnightInAZoneAcrossBothChanges() throws {
        let book = try Self.book("every sat from 22:00 to 02:00 Europe/Berlin")
        // Spring: Saturday 2026-03-28 22:00 CET = 21:00Z; Sunday 01:59 CET = 00:59Z is the
        // last minute; at 01:00Z it is 03:00 CEST, past 02:00.
        #expect(try !Self.applies(book, at: F.utc(2026, 3, 28, 20, 59)))
        #expect(try Self.applies(book, at: F.utc(2026, 3, 28, 21, 0)))
        #expect(try Self.applies(book, at: F.utc(2026, 3, 29, 0, 59)))
        #expect(try !Self.applies(book, at: F.utc(2026, 3, 29, 1, 0)))
        // Autumn: Saturday 2026-10-24 22:00 CEST = 20:00Z; Sunday 01:59 CEST = 23:59Z is
        // the last minute; 02:00 CEST (00:00Z) is the first after, and the repeated
        // 02:00–03:00 CET hour (01:00Z–02:00Z) is past 02:00 too.
        #expect(try !Self.applies(book, at: F.utc(2026, 10, 24, 19, 59)))
        #expect(try Self.applies(book, at: F.utc(2026, 10, 24, 20, 0)))
        #expect(try Self.applies(book, at: F.utc(2026, 10, 24, 23, 59)))
        #expect(try !Self.applies(book, at: F.utc(2026, 10, 25, 0, 0)))
        #expect(try !Self.applies(book, at: F.utc(2026, 10, 25, 1, 0)))
        #expect(try !Self.applies(book, at: F.utc(2026, 10, 25, 1, 30)))
    }

    @Test func localWeeklyHoursUseEachRegionsZone() throws {
        let book = try Self.book("every sat from 18:00 to 22:00 local")
        // 2026-11-28T17:30Z: 18:30 in Berlin (in), 17:30 in UTC (out), 23:00 in Kolkata (out).
        let instant = F.utc(2026, 11, 28, 17, 30)
        #expect(try Self.applies(book, at: instant, in: "DE"))
        #expect(try !Self.applies(book, at: instant, in: "US"))
        #expect(try !Self.applies(book, at: instant, in: "IN"))
        // 2026-11-28T12:30Z is 18:00 in Kolkata: its first minute.
        #expect(try Self.applies(book, at: F.utc(2026, 11, 28, 12, 30), in: "IN"))
        #expect(try !Self.applies(book, at: F.utc(2026, 11, 28, 12, 29), in: "IN"))
    }

    @Test func duringAndEveryTogether() throws {
        let book = try Self.book("during 2026-11-27 to 2026-11-30\n  every sat, sun")
        // Friday 27th in the window but not a listed day; Saturday 28th both; Saturday
        // 5 December a listed day outside the window.
        #expect(try Self.reason(book, at: F.utc(2026, 11, 27, 12, 0)) == "outside_hours")
        #expect(try Self.applies(book, at: F.utc(2026, 11, 28, 12, 0)))
        #expect(try Self.applies(book, at: F.utc(2026, 11, 29, 23, 59)))
        #expect(try Self.reason(book, at: F.utc(2026, 12, 5, 12, 0)) == "outside_window")
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
