import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// The instants a diff quotes each region at: where some promotion's time window
/// opens or closes, on either side, and the reference instant.
///
/// A quote can change only where a window's answer changes, so each opening and
/// closing instant is taken together with the minute before it (inside one answer,
/// then the other). Windows are read in the zone they name, or the region's own
/// zone for `local`, with each side's zone tables and region zones. A date window
/// opens once; weekly hours recur, so the diff takes their next opening and closing
/// on each of their days in the week that starts on the reference instant's day.
public enum CorpusInstants {
    /// How far before an opening or closing the diff also looks.
    public static let leadSeconds: Int64 = 60

    /// The instants for `region`, ascending and distinct.
    public static func instants(region: String, old: RuleSet, new: RuleSet, reference: Int64) -> [Int64] {
        var instants: Set<Int64> = [reference]
        for rules in [old, new] {
            for promotion in rules.promotions {
                if let window = promotion.window {
                    let clock = Clock(rules: rules, zone: window.zone, region: region)
                    let bounds = window.wallClockBounds
                    for edge in [bounds.start, bounds.end] { instants.formUnion(clock.edge(atWallClock: edge)) }
                }
                if let weekly = promotion.weekly {
                    let clock = Clock(rules: rules, zone: weekly.zone, region: region)
                    for edge in weeklyEdges(weekly, fromWallClock: clock.wallClock(reference)) {
                        instants.formUnion(clock.edge(atWallClock: edge))
                    }
                }
            }
        }
        // Quotes accept the years the zone tables cover; outside them both sides refuse alike.
        return instants.filter { QuoteRequest.coveredInstants.contains($0) }.sorted()
    }

    /// Wall-clock openings and closings of `weekly` in the seven days from the day of
    /// `wallClock`.
    static func weeklyEdges(_ weekly: WeeklySchedule, fromWallClock wallClock: Int64) -> [Int64] {
        let firstDay = wallClock - Int64(CivilTime.secondOfDay(wallClock))
        var edges: [Int64] = []
        for offset in 0..<7 {
            let day = firstDay + Int64(offset) * 86_400
            guard weekly.days.contains(CivilTime.weekday(ofSeconds: day)) else { continue }
            let from = Int64(weekly.from ?? 0)
            var to = Int64(weekly.to ?? 86_400)
            if weekly.crossesMidnight { to += 86_400 }
            edges += [day + from, day + to]
        }
        return edges
    }

    /// Reads wall-clock times of one zone as instants.
    private struct Clock {
        let offsets: ZoneOffsets

        init(rules: RuleSet, zone: ZoneReference, region: String) {
            let name: String = switch zone {
            case .local: rules.region(region)?.zone ?? "UTC"
            case .named(let named): named
            }
            offsets = rules.zoneOffsets[name] ?? .fixed(0)
        }

        func wallClock(_ instant: Int64) -> Int64 { offsets.local(instant) }

        /// The instant a wall-clock time falls on, and the minute before it.
        func edge(atWallClock wall: Int64) -> [Int64] {
            // The offset in force near the wall-clock time; across a daylight-saving
            // change the second lookup settles on the offset of the instant itself.
            let instant = wall - offsets.offset(at: wall - offsets.offset(at: wall))
            return [instant, instant - CorpusInstants.leadSeconds]
        }
    }
}
