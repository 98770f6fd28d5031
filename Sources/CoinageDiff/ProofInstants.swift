import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// One instant for each class of instants a region's quotes cannot tell apart, over
/// every instant a quote accepts (2000 to 2099).
///
/// A quote reads its instant only through which promotions are within their window
/// and weekly hours (and through the years it accepts), so two instants at which
/// every promotion of both rule sets answers alike get the same quote. The answers
/// change only at the wall-clock edges of windows and hours, read through the
/// zone's offsets, and at the zone's own transitions. The prover tries each edge
/// under every offset in force near it, and the second before each, and keeps one
/// instant per distinct vector of answers: every stretch between two changes holds
/// one of the instants tried, so every vector that occurs is kept.
enum ProofInstants {
    /// The representative instants for `region`, ascending; nil when more than
    /// `limit` candidate instants would be looked at.
    /// Only the promotions named in `promotions` are looked at.
    /// Of the instants alike, the first at or after `reference` is kept (else the
    /// first of all), so counterexamples fall near the time the diff is about.
    static func instants(region: String, old: RuleSet, new: RuleSet, promotions: Set<String>, limit: Int,
                         reference: Int64 = QuoteRequest.coveredInstants.lowerBound) -> [Int64]? {
        var tests: [Membership] = []
        for rules in [old, new] {
            let regionZone = rules.region(region)?.zone ?? "UTC"
            for promotion in rules.promotions where promotions.contains(promotion.name) && (promotion.window != nil || promotion.weekly != nil) {
                tests.append(Membership(promotion, rules: rules, regionZone: regionZone))
            }
        }
        let covered = QuoteRequest.coveredInstants
        var candidates: Set<Int64> = [covered.lowerBound]
        if covered.contains(reference) { candidates.insert(reference) }
        func add(_ instant: Int64) {
            for value in [instant, instant - 1] where covered.contains(value) { candidates.insert(value) }
        }
        // Stretches between window edges and zone transitions: within one, every
        // offset and window answer is fixed and weekly hours repeat each week in UTC,
        // so the first eight days of a stretch hold every answer it has.
        var seenZones = Set<ZoneOffsets>()
        for test in tests {
            for zone in [test.windowZone, test.weeklyZone].compactMap({ $0 }) where seenZones.insert(zone).inserted {
                zone.transitions.forEach(add)
            }
            if let window = test.window, let zone = test.windowZone {
                for wall in [window.start, window.end] { Self.instants(ofWall: wall, zone).forEach(add) }
            }
        }
        let bounds = candidates.sorted() + [covered.upperBound]
        for test in tests {
            guard let weekly = test.weekly, let zone = test.weeklyZone else { continue }
            for (position, start) in bounds.dropLast().enumerated() {
                let end = min(bounds[position + 1], start + 8 * 86_400)
                // A day either side: wall clocks run up to 14 hours (or so) off UTC.
                for day in (start / 86_400 - 1)...(end / 86_400 + 1) {
                    let midnight = day * 86_400
                    // Edges fall on the schedule's days, and the day after for hours past midnight.
                    guard weekly.days.contains(CivilTime.weekday(ofSeconds: midnight))
                        || weekly.days.contains(CivilTime.weekday(ofSeconds: midnight - 86_400)) else { continue }
                    for wall in weekly.from.map({ [midnight + Int64($0)] + (weekly.to.map { [midnight + Int64($0)] } ?? []) }) ?? [midnight] {
                        Self.instants(ofWall: wall, zone).forEach(add)
                    }
                }
                if candidates.count > limit { return nil }
            }
        }
        var seen: Set<[Bool]> = []
        var kept: [Int64] = []
        let sorted = candidates.sorted()
        let pivot = sorted.firstIndex { $0 >= reference } ?? 0
        for instant in sorted[pivot...] + sorted[..<pivot] {
            let vector = tests.map { $0.holds(at: instant) }
            if seen.insert(vector).inserted { kept.append(instant) }
        }
        return kept.sorted()
    }

    /// The instants a wall-clock time can fall on: under the offset in force before
    /// and after any transition near it.
    private static func instants(ofWall wall: Int64, _ zone: ZoneOffsets) -> [Int64] {
        let early = wall - zone.offset(at: wall - 100_000)
        let late = wall - zone.offset(at: wall + 100_000)
        let settled = wall - zone.offset(at: wall - zone.offset(at: wall))
        return early == late && late == settled ? [early] : Array(Set([early, late, settled]))
    }

    /// Whether one promotion is within its window and hours, as the engine decides it
    /// (`CompiledWindow`, `CompiledWeekly`): half-open windows, hours that cross
    /// midnight belonging to the day they start on.
    private struct Membership {
        let window: (start: Int64, end: Int64)?
        let windowZone: ZoneOffsets?
        let weekly: WeeklySchedule?
        let weeklyZone: ZoneOffsets?

        init(_ promotion: Promotion, rules: RuleSet, regionZone: String) {
            func offsets(_ zone: ZoneReference) -> ZoneOffsets {
                let name = switch zone {
                case .local: regionZone
                case .named(let named): named
                }
                return rules.zoneOffsets[name] ?? .fixed(0)
            }
            window = promotion.window?.wallClockBounds
            windowZone = promotion.window.map { offsets($0.zone) }
            weekly = promotion.weekly
            weeklyZone = promotion.weekly.map { offsets($0.zone) }
        }

        func holds(at instant: Int64) -> Bool {
            if let window, let zone = windowZone {
                let local = zone.local(instant)
                guard local >= window.start && local < window.end else { return false }
            }
            if let weekly, let zone = weeklyZone {
                let local = zone.local(instant)
                let day = CivilTime.weekday(ofSeconds: local)
                let onDay = weekly.days.contains(day)
                let from = weekly.from ?? -1
                let to = weekly.to ?? -1
                guard from >= 0 else { return onDay }
                let second = CivilTime.secondOfDay(local)
                if from < to { return onDay && second >= from && second < to }
                let previous = day == 1 ? 7 : day - 1
                return (onDay && second >= from) || (weekly.days.contains(previous) && second < to)
            }
            return true
        }
    }
}
