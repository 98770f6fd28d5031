import Coinage
import Foundation

/// The IANA time-zone database as Foundation's `TimeZone` provides it: the
/// reference `SystemTimeZones` is compared with (the program itself no longer
/// loads Foundation, whose libraries cost a process about 9 MB).
final class FoundationTimeZones: TimeZoneDatabase {
    /// Built once: the identifier list is large and never changes while running.
    private static let identifiers: Set<String> = Set(TimeZone.knownTimeZoneIdentifiers).union(["UTC"])
    private static let sortedIdentifiers: [String] = identifiers.sorted()

    init() {}

    /// Where the system keeps the IANA database; `TZDIR` overrides it as in libc.
    private static let databaseDirectory = ProcessInfo.processInfo.environment["TZDIR"] ?? "/usr/share/zoneinfo"

    /// Known when Foundation lists the zone, or when the system database has it and
    /// Foundation loads it under that very name. ICU's list lags behind renames
    /// (`Asia/Kolkata`), and `TimeZone(identifier:)` alone also accepts abbreviations
    /// and offsets (`PST`, `GMT+5`) that are not IANA zone names.
    func isKnownZone(_ identifier: String) -> Bool {
        // `identifiers` always holds UTC: rules that name no other zone are checked
        // without loading ICU's list of every zone, once a process.
        if identifier == "UTC" || Self.identifiers.contains(identifier) { return true }
        guard !identifier.contains(".."), identifier.first != "/",
              FileManager.default.fileExists(atPath: Self.databaseDirectory + "/" + identifier) else { return false }
        return TimeZone(identifier: identifier)?.identifier == identifier
    }

    var knownZoneIdentifiers: [String] { Self.sortedIdentifiers }

    /// Walks Foundation's daylight-saving transitions from `start` to `end`.
    func offsets(zone identifier: String, from start: Int64, to end: Int64) -> ZoneOffsets? {
        guard isKnownZone(identifier), let zone = TimeZone(identifier: identifier) else { return nil }
        var transitions: [Int64] = []
        var offsets = [Int32(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(start))))]
        var cursor = Date(timeIntervalSince1970: TimeInterval(start))
        let limit = Date(timeIntervalSince1970: TimeInterval(end))
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < limit {
            let offset = Int32(zone.secondsFromGMT(for: next))
            if offset != offsets.last {
                transitions.append(Int64(next.timeIntervalSince1970.rounded()))
                offsets.append(offset)
            }
            cursor = next
        }
        return ZoneOffsets(transitions: transitions, offsets: offsets)
    }

    func secondsFromUTC(zone identifier: String, at instant: Int64) -> Int? {
        guard isKnownZone(identifier), let zone = TimeZone(identifier: identifier) else { return nil }
        return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
    }
}
