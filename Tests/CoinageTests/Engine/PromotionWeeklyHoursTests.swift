@testable import CoinageEngine
import Testing

/// `every` at its edges, as a table of the `PromotionWindowTests` suite: weekly hours in
/// UTC, hours past midnight (which belong to the day they start), hours ending at
/// midnight, whole days of the week and hours in a zone across both daylight-saving
/// changes of 2026, and `every` within `during`. 2026-11-28 is a Saturday.
extension PromotionWindowTests {
    static let every: [WindowCase] = [
        WindowCase("weekly hours", "every sat, sun from 18:00 to 22:00", [
            // 2026-11-28 is a Saturday: [18:00, 22:00) UTC on Saturday and Sunday.
            .shut(F.utc(2026, 11, 28, 17, 59), reason: "outside_hours"),
            .open(F.utc(2026, 11, 28, 18, 0)),
            .open(F.utc(2026, 11, 28, 21, 59)),
            .shut(F.utc(2026, 11, 28, 22, 0), reason: "outside_hours"),
            .open(F.utc(2026, 11, 29, 18, 0)),
            .open(F.utc(2026, 11, 29, 21, 59)),
            // Friday and Monday at the same hours: not listed.
            .shut(F.utc(2026, 11, 27, 19, 0), reason: "outside_hours"),
            .shut(F.utc(2026, 11, 30, 19, 0), reason: "outside_hours"),
        ]),
        WindowCase("hours past midnight belong to the day they start", "every sat from 22:00 to 02:00", [
            // Saturday 2026-11-28 22:00 to Sunday 2026-11-29 02:00, UTC.
            .shut(F.utc(2026, 11, 28, 21, 59)),
            .open(F.utc(2026, 11, 28, 22, 0), "first minute"),
            .open(F.utc(2026, 11, 28, 23, 59)),
            .open(F.utc(2026, 11, 29, 0, 0), "Sunday, still Saturday night"),
            .open(F.utc(2026, 11, 29, 1, 30), "Sunday 01:30: in"),
            .open(F.utc(2026, 11, 29, 1, 59), "last minute"),
            .shut(F.utc(2026, 11, 29, 2, 0), reason: "outside_hours", "first minute after"),
            // Saturday 01:30 belongs to Friday night, and Friday is not listed.
            .shut(F.utc(2026, 11, 28, 1, 30), reason: "outside_hours"),
            // Sunday 22:30 starts a Sunday night, not listed either.
            .shut(F.utc(2026, 11, 29, 22, 30), reason: "outside_hours"),
        ]),
        WindowCase("hours past midnight on two listed days", "every fri, sat from 22:00 to 02:00", [
            // Now Saturday 01:30 is Friday night: in.
            .open(F.utc(2026, 11, 28, 1, 30)),
            // Saturday 12:00: neither night.
            .shut(F.utc(2026, 11, 28, 12, 0)),
            // Sunday night (from Saturday) 01:30: in; Monday 01:30 (Sunday night): out.
            .open(F.utc(2026, 11, 29, 1, 30)),
            .shut(F.utc(2026, 11, 30, 1, 30)),
        ]),
        WindowCase("hours ending at midnight", "every sat from 22:00 to 00:00", [
            // [Sat 22:00, Sun 00:00): Sunday 00:00 is the first minute after.
            .open(F.utc(2026, 11, 28, 23, 59)),
            .shut(F.utc(2026, 11, 29, 0, 0)),
        ]),
        WindowCase("whole days of the week in a zone across the spring change", "every sun local", [
            // Sunday 2026-03-29 in Berlin: 00:00 CET = 2026-03-28T23:00Z to 24:00 CEST =
            // 2026-03-29T22:00Z.
            .shut(F.utc(2026, 3, 28, 22, 59), in: "DE", reason: "outside_hours"),
            .open(F.utc(2026, 3, 28, 23, 0), in: "DE"),
            .open(F.utc(2026, 3, 29, 21, 59), in: "DE"),
            .shut(F.utc(2026, 3, 29, 22, 0), in: "DE", reason: "outside_hours"),
            // The same instants in US (UTC): Saturday 23:00 is not Sunday, Sunday 22:00 is.
            .shut(F.utc(2026, 3, 28, 23, 0), in: "US"),
            .open(F.utc(2026, 3, 29, 22, 0), in: "US"),
        ]),
        WindowCase("hours past midnight in a zone across both changes", "every sat from 22:00 to 02:00 Europe/Berlin", [
            // Spring: Saturday 2026-03-28 22:00 CET = 21:00Z; Sunday 01:59 CET = 00:59Z is the
            // last minute; at 01:00Z it is 03:00 CEST, past 02:00.
            .shut(F.utc(2026, 3, 28, 20, 59)),
            .open(F.utc(2026, 3, 28, 21, 0)),
            .open(F.utc(2026, 3, 29, 0, 59)),
            .shut(F.utc(2026, 3, 29, 1, 0)),
            // Autumn: Saturday 2026-10-24 22:00 CEST = 20:00Z; Sunday 01:59 CEST = 23:59Z is
            // the last minute; 02:00 CEST (00:00Z) is the first after, and the repeated
            // 02:00–03:00 CET hour (01:00Z–02:00Z) is past 02:00 too.
            .shut(F.utc(2026, 10, 24, 19, 59)),
            .open(F.utc(2026, 10, 24, 20, 0)),
            .open(F.utc(2026, 10, 24, 23, 59)),
            .shut(F.utc(2026, 10, 25, 0, 0)),
            .shut(F.utc(2026, 10, 25, 1, 0)),
            .shut(F.utc(2026, 10, 25, 1, 30)),
        ]),
        WindowCase("local weekly hours use each region's zone", "every sat from 18:00 to 22:00 local", [
            // 2026-11-28T17:30Z: 18:30 in Berlin (in), 17:30 in UTC (out), 23:00 in Kolkata (out).
            .open(F.utc(2026, 11, 28, 17, 30), in: "DE"),
            .shut(F.utc(2026, 11, 28, 17, 30), in: "US"),
            .shut(F.utc(2026, 11, 28, 17, 30), in: "IN"),
            // 2026-11-28T12:30Z is 18:00 in Kolkata: its first minute.
            .open(F.utc(2026, 11, 28, 12, 30), in: "IN"),
            .shut(F.utc(2026, 11, 28, 12, 29), in: "IN"),
        ]),
        WindowCase("during and every together", "during 2026-11-27 to 2026-11-30\n  every sat, sun", [
            // Friday 27th in the window but not a listed day; Saturday 28th both; Saturday
            // 5 December a listed day outside the window.
            .shut(F.utc(2026, 11, 27, 12, 0), reason: "outside_hours"),
            .open(F.utc(2026, 11, 28, 12, 0)),
            .open(F.utc(2026, 11, 29, 23, 59)),
            .shut(F.utc(2026, 12, 5, 12, 0), reason: "outside_window"),
        ]),
    ]

    @Test(arguments: every)
    func every(_ row: WindowCase) throws {
        let book = try Self.book(row.clause)
        for probe in row.probes {
            try probe.check(book, in: row)
        }
    }
}
