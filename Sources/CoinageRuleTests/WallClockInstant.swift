import CoinageAnalysis
import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// The instants a wall-clock time stands for in one zone.
///
/// Usually one. Around a change of offset a wall-clock time can stand for two
/// instants (clocks turned back: the hour happens twice) or for none (clocks turned
/// forward: the hour is skipped).
public enum WallClockInstant: Hashable, Sendable {
    case unique(Int64)
    /// Both instants, the earlier first.
    case repeated(earlier: Int64, later: Int64)
    /// The offsets before and after the jump, in seconds from UTC.
    case skipped(offsetBefore: Int64, offsetAfter: Int64)

    /// The instant a test uses: the first time the clock shows this time; nil when it
    /// never does.
    public var firstInstant: Int64? {
        switch self {
        case .unique(let instant): instant
        case .repeated(let earlier, _): earlier
        case .skipped: nil
        }
    }
}

extension RuleSet {
    /// The zone `local` times are read in for a region: the region's own, or UTC for
    /// a region that declares none (or that the rules lack, which a request may name
    /// and then be refused for).
    public func localZoneName(ofRegion code: String) -> String {
        region(code)?.zone ?? "UTC"
    }

    /// The instants at which the clocks of `zone` show `wallClock` (seconds as if
    /// UTC); a zone the rules hold no table for is read as UTC.
    ///
    /// The one reading of a wall-clock time for `test` blocks and `quote --at … local`:
    /// a time shown twice stands for its first showing (`firstInstant`), a skipped
    /// one for none.
    public func instants(ofWallClock wallClock: Int64, inZone zone: String) -> WallClockInstant {
        (zoneOffsets[zone] ?? .fixed(0)).instants(ofWallClock: wallClock)
    }
}

extension ZoneOffsets {
    /// No zone is further than this from UTC (UTC−12 to UTC+14, with room to spare):
    /// an instant for a wall-clock time lies within this distance of it.
    static let largestOffset: Int64 = 26 * 3600

    /// The instants at which this zone's clocks show `wallClock` seconds (a wall-clock
    /// time read as if it were UTC, as `CivilTime.seconds(from:)` gives it).
    public func instants(ofWallClock wallClock: Int64) -> WallClockInstant {
        // Every offset in force near the wall-clock time is a candidate; a candidate
        // is right when the instant it gives has that very offset.
        var candidates: [Int64] = [offset(at: wallClock - Self.largestOffset)]
        var jump: (before: Int64, after: Int64)?
        for (index, transition) in transitions.enumerated()
        where transition > wallClock - Self.largestOffset && transition <= wallClock + Self.largestOffset {
            let (before, after) = (Int64(offsets[index]), Int64(offsets[index + 1]))
            candidates.append(after)
            // Clocks moved forward here: wall-clock times from before to after never show.
            if wallClock >= transition + before, wallClock < transition + after { jump = (before, after) }
        }
        var found: [Int64] = []
        for candidate in candidates {
            let instant = wallClock - candidate
            if offset(at: instant) == candidate, !found.contains(instant) { found.append(instant) }
        }
        found.sort()
        switch found.count {
        case 0:
            return .skipped(offsetBefore: jump?.before ?? candidates[0], offsetAfter: jump?.after ?? candidates[0])
        case 1:
            return .unique(found[0])
        default:
            return .repeated(earlier: found[0], later: found[found.count - 1])
        }
    }
}
