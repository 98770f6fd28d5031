import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// When each promotion's window and hours hold, as sets of UTC instants, per zone.
///
/// Everything is read within one horizon. The starts and ends of the date windows
/// cut time into stretches in which the same windows are open; the horizon holds
/// each stretch whole, or its first year and a week when it is longer, and a year
/// and a week after the last end (the same no-window state as before the first
/// start). A year holds every weekday in summer and in winter time, so whatever can
/// happen at once happens in the horizon too. Without windows, the horizon is a
/// year and a week from now (or a fixed Monday).
package final class PromotionTimes {
    package let horizon: TimeSet
    private let windows: [CompiledWindow?]
    private let weekly: [CompiledWeekly?]
    private let regionZones: [Int]
    private let zoneTables: [ZoneOffsets]
    private var cache: [Int: TimeSet] = [:]

    /// Zone offsets reach 14 hours: local bounds are widened by this much.
    static let margin: Int64 = 2 * 86_400
    /// How much of a stretch without a window bound the horizon keeps.
    static let reach: Int64 = 372 * 86_400
    /// The instants a quote may be made at: the years 2000 to 2099 (`QuoteRequest.coveredInstants`).
    static let quotable = TimeSet(QuoteRequest.coveredInstants.lowerBound, QuoteRequest.coveredInstants.upperBound)
    /// Where the horizon starts when no promotion has a date window: Monday 2026-01-05.
    static let defaultStart: Int64 = 1_767_571_200

    convenience init(book: PriceBook, options: AnalysisOptions) {
        let windows = book.program.promotions.compactMap(\.window)
        let bounds = Array(Set(windows.flatMap { [$0.start, $0.end] })).sorted()
        var pieces: [TimeSet.Interval] = []
        for (position, bound) in bounds.enumerated() {
            let next = position + 1 < bounds.count ? min(bounds[position + 1], bound + Self.reach) : bound + Self.reach
            pieces.append(TimeSet.Interval(start: bound - Self.margin, end: next + Self.margin))
        }
        if pieces.isEmpty {
            let start = options.now ?? Self.defaultStart
            pieces = [TimeSet.Interval(start: start, end: start + Self.reach)]
        }
        self.init(book: book, horizon: TimeSet(union: pieces).intersection(Self.quotable))
    }

    /// The times of `book`'s promotions within `horizon` alone: for a calendar of a
    /// chosen range (`coinage timeline`).
    package init(book: PriceBook, horizon: TimeSet) {
        windows = book.program.promotions.map(\.window)
        weekly = book.program.promotions.map(\.weekly)
        regionZones = book.zones.regionZones
        zoneTables = book.zones.offsets
        self.horizon = horizon
    }

    /// The instants at which promotion `index` is within its window and hours when
    /// quoted in `region`; nil when it has neither (always within its times).
    package func times(_ index: Int, region: Int) -> TimeSet? {
        let window = windows[index]
        let weekly = self.weekly[index]
        guard window != nil || weekly != nil else { return nil }
        let regionZone = regionZones[region]
        let windowZone = window.map { $0.zone ?? regionZone }
        let weeklyZone = weekly.map { $0.zone ?? regionZone }
        let zones = zoneTables.count + 1
        let key = (index * zones + (windowZone ?? zones - 1)) * zones + (weeklyZone ?? zones - 1)
        if let cached = cache[key] { return cached }
        var result = horizon
        if let window, let zone = windowZone {
            result = result.intersection(utc([TimeSet.Interval(start: window.start, end: window.end)], zone: zone))
        }
        if let weekly, let zone = weeklyZone {
            result = result.intersection(utc(localIntervals(weekly), zone: zone))
        }
        cache[key] = result
        return result
    }

    /// The weekly hours as wall-clock intervals covering the horizon.
    private func localIntervals(_ weekly: CompiledWeekly) -> [TimeSet.Interval] {
        var pieces: [TimeSet.Interval] = []
        for span in horizon.intervals {
            pieces += localIntervals(weekly, from: Self.day(span.start - Self.margin), to: Self.day(span.end + Self.margin))
        }
        return pieces
    }

    /// The day count of a wall-clock second count, rounding down.
    private static func day(_ seconds: Int64) -> Int64 {
        seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    }

    /// The weekly hours of the days `firstDay` through `lastDay`.
    private func localIntervals(_ weekly: CompiledWeekly, from firstDay: Int64, to lastDay: Int64) -> [TimeSet.Interval] {
        var pieces: [TimeSet.Interval] = []
        for day in firstDay...lastDay where weekly.includes(CivilTime.weekday(ofSeconds: day * 86_400)) {
            let midnight = day * 86_400
            switch (weekly.from, weekly.to) {
            case let (from?, to?):
                // Hours that cross midnight belong to the day they start on.
                let end = to < from ? Int64(to) + 86_400 : Int64(to)
                pieces.append(TimeSet.Interval(start: midnight + Int64(from), end: midnight + end))
            default:
                pieces.append(TimeSet.Interval(start: midnight, end: midnight + 86_400))
            }
        }
        return pieces
    }

    /// Wall-clock intervals of a zone as UTC instants: within each stretch of one
    /// offset, local `t` is instant `t − offset`.
    private func utc(_ local: [TimeSet.Interval], zone: Int) -> TimeSet {
        let table = zoneTables[zone]
        var stretches: [(start: Int64, end: Int64, offset: Int64)] = []
        var previous = Int64.min
        for (position, offset) in table.offsets.enumerated() {
            let end = position < table.transitions.count ? table.transitions[position] : Int64.max
            stretches.append((previous, end, Int64(offset)))
            previous = end
        }
        if let first = horizon.intervals.first, let last = horizon.intervals.last {
            stretches = stretches.filter { $0.end > first.start - Self.margin && $0.start < last.end + Self.margin }
        }
        var pieces: [TimeSet.Interval] = []
        for interval in local {
            for stretch in stretches {
                let start = max(interval.start - stretch.offset, stretch.start)
                let end = min(interval.end - stretch.offset, stretch.end)
                if start < end { pieces.append(TimeSet.Interval(start: start, end: end)) }
            }
        }
        return TimeSet(union: pieces)
    }
}
