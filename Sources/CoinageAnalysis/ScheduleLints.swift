import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// Lints of promotion schedules: `local` times read in UTC because a region has no
/// zone, and windows that closed before now.
enum ScheduleLints {
    /// How many regions a finding names as notes before it only counts them.
    static let maxListedRegions = 5
    static let secondsPerDay: Int64 = 86_400

    /// W0203: a promotion with `local` times that can apply in a region without a
    /// declared zone, where those times are read in UTC.
    static func localTimesWithoutZone(_ rules: RuleSet) -> [Diagnostic] {
        rules.promotions.compactMap { promotion in
            var local: [SourceSpan] = []
            if let window = promotion.window, window.zone == .local { local.append(window.span) }
            if let weekly = promotion.weekly, weekly.zone == .local { local.append(weekly.span) }
            guard let first = local.min(by: { $0.start < $1.start }) else { return nil }
            let reach = regions(reachedBy: promotion, in: rules)
            let zoneless = rules.regions.filter { reach.contains($0.code) && !$0.zoneDeclared }
            guard let example = zoneless.first else { return nil }
            let named = zoneless.prefix(maxListedRegions).map { "`\($0.code)`" }
            var which = named.count == 1 ? named[0] : named.dropLast().joined(separator: ", ") + " and " + named[named.count - 1]
            if zoneless.count > maxListedRegions {
                which = named.joined(separator: ", ") + " and \(zoneless.count - maxListedRegions) more"
            }
            let notes = zoneless.prefix(maxListedRegions).map { DiagnosticNote("`\($0.code)` declares no zone", at: $0.span) }
            return Diagnostic(
                .localWindowWithoutZone,
                "the `local` times of `\(promotion.name)` are read in UTC in \(which)",
                at: first,
                notes: notes,
                help: "add the region's IANA zone to its declaration (`region \(example.code): \(example.currency.code), zone AREA/CITY`), "
                    + "or name one zone in place of `local`")
        }
    }

    /// W0206 and W0207: a promotion whose `during` window closed before `now`, in
    /// every zone it is read in. Within `expiredAfterDays` it can never apply again
    /// (W0206); beyond, it is long expired (W0207).
    static func closedWindows(_ rules: RuleSet, now: Int64, expiredAfterDays: Int) -> [Diagnostic] {
        rules.promotions.compactMap { promotion in
            guard let window = promotion.window, let (closed, zone) = closing(window, of: promotion, in: rules),
                  closed <= now else { return nil }
            let age = now - closed
            var notes: [DiagnosticNote] = []
            if window.zone == .local {
                notes.append(DiagnosticNote("its window is read in each region's zone; the last to close is \(zone)"))
            }
            notes.append(DiagnosticNote("checked as of \(utc(now))"))
            let (stale, overflow) = Int64(max(0, expiredAfterDays)).multipliedReportingOverflow(by: secondsPerDay)
            if !overflow, age > stale {
                let days = age / secondsPerDay
                return Diagnostic(
                    .promotionExpired,
                    "promotion `\(promotion.name)` expired \(days) day\(days == 1 ? "" : "s") ago, at \(utc(closed))",
                    at: window.span, notes: notes,
                    help: "remove the promotion: the history of the rules keeps it")
            }
            return Diagnostic(
                .promotionEnded,
                "promotion `\(promotion.name)` can never apply again: its window closed at \(utc(closed))",
                at: window.span, notes: notes,
                help: "move its window to dates to come, or remove the promotion")
        }
    }

    /// The instant a window closes in the last of the zones it is read in, and that zone.
    private static func closing(_ window: DateWindow, of promotion: Promotion, in rules: RuleSet) -> (Int64, String)? {
        let wallClock = window.wallClockBounds.end
        let zones: [String]
        switch window.zone {
        case .named(let name):
            zones = [name]
        case .local:
            let reach = regions(reachedBy: promotion, in: rules)
            zones = Set(rules.regions.filter { reach.contains($0.code) }.map(\.zone)).sorted()
        }
        return zones.map { zone in (instant(ofWallClock: wallClock, in: rules.zoneOffsets[zone] ?? .fixed(0)), zone) }
            .max { $0.0 < $1.0 }
    }

    /// The UTC instant at which a zone's clocks show `wallClock`. The offset is looked
    /// up twice, so a wall-clock time just after a change of offset reads the new one.
    private static func instant(ofWallClock wallClock: Int64, in offsets: ZoneOffsets) -> Int64 {
        let guess = wallClock - offsets.offset(at: wallClock)
        return wallClock - offsets.offset(at: guess)
    }

    private static func utc(_ instant: Int64) -> String { CivilTime.format(instant) + "Z" }
}

extension ScheduleLints {
    /// The regions a promotion can apply in, as far as its condition names them:
    /// every region, narrowed by `region` and `currency` tests joined with `and` and
    /// `or`. Anything under `not` is not narrowed, so the set may be too large, never
    /// too small.
    static func regions(reachedBy promotion: Promotion, in rules: RuleSet) -> Set<String> {
        let all = Set(rules.regions.map(\.code))
        guard let condition = promotion.condition else { return all }
        return regions(condition, all: all, rules: rules)
    }

    private static func regions(_ condition: Condition, all: Set<String>, rules: RuleSet) -> Set<String> {
        switch condition.kind {
        case .region(let codes): all.intersection(codes)
        case .currency(let codes): Set(rules.regions.filter { codes.contains($0.currency.code) }.map(\.code))
        case .and(let a, let b): regions(a, all: all, rules: rules).intersection(regions(b, all: all, rules: rules))
        case .or(let a, let b): regions(a, all: all, rules: rules).union(regions(b, all: all, rules: rules))
        default: all
        }
    }
}
