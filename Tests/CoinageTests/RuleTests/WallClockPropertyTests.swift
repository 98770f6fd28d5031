@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageRuleTests
import CoinageTestSupport
import Foundation
import Testing

/// Reading a wall-clock time back to instants, the inverse of `ZoneOffsets.local`,
/// over real zone tables and random instants of 2000–2099.
@Suite struct WallClockPropertyTests {
    static let zones = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "America/Santiago",
                        "Pacific/Auckland", "Europe/Dublin", "UTC"]

    static func table(_ zone: String) throws -> ZoneOffsets {
        try #require(SystemTimeZones().offsets(zone: zone, from: Checker.zoneTableRange.start, to: Checker.zoneTableRange.end))
    }

    @Test(arguments: zones)
    func everyInstantIsAmongTheInstantsOfItsWallClockTime(zone: String) throws {
        let offsets = try Self.table(zone)
        var random = SplitMix64(seed: 0x7E57_C10C)
        for _ in 0..<2_000 {
            let instant = random.int(Checker.zoneTableRange.start...(Checker.zoneTableRange.end - 1))
            switch offsets.instants(ofWallClock: offsets.local(instant)) {
            case .unique(let found):
                #expect(found == instant, "\(zone) \(instant)")
            case let .repeated(earlier, later):
                #expect(earlier < later && (earlier == instant || later == instant), "\(zone) \(instant)")
                #expect(offsets.local(earlier) == offsets.local(later))
            case .skipped:
                Issue.record("\(zone): the wall-clock time of \(instant) is reported as skipped")
            }
        }
    }

    /// A wall-clock time is skipped exactly when no instant shows it, checked against
    /// Foundation's own calendar on every half hour around each change of offset.
    @Test(arguments: zones)
    func skippedTimesAreTheOnesNoInstantShows(zone: String) throws {
        let offsets = try Self.table(zone)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: zone))
        var seen: (skipped: Int, repeated: Int) = (0, 0)
        for transition in offsets.transitions.prefix(40) {
            for step in -6...6 {
                let wallClock = offsets.local(transition) + Int64(step) * 1_800
                let result = offsets.instants(ofWallClock: wallClock)
                let found: [Int64] = switch result {
                case .unique(let instant): [instant]
                case let .repeated(earlier, later): [earlier, later]
                case .skipped: []
                }
                if found.isEmpty { seen.skipped += 1 }
                if found.count == 2 { seen.repeated += 1 }
                for instant in found { #expect(offsets.local(instant) == wallClock, "\(zone) \(wallClock)") }
                // Foundation finds a date for every wall-clock time that exists.
                let civil = CivilTime.date(fromDays: wallClock >= 0 ? wallClock / 86_400 : (wallClock - 86_399) / 86_400)
                let second = CivilTime.secondOfDay(wallClock)
                let components = DateComponents(year: civil.year, month: civil.month, day: civil.day,
                                                hour: second / 3600, minute: second / 60 % 60, second: second % 60)
                let exists = calendar.date(from: components).map {
                    calendar.dateComponents([.hour, .minute], from: $0) == DateComponents(hour: second / 3600, minute: second / 60 % 60)
                } ?? false
                #expect(exists == !found.isEmpty, "\(zone) \(CivilTime.format(wallClock)): \(result)")
            }
        }
        // Zones with daylight saving time give both cases; the others have no changes.
        #expect((seen.skipped > 0 && seen.repeated > 0) == !offsets.transitions.isEmpty, "\(zone) \(seen)")
    }
}
