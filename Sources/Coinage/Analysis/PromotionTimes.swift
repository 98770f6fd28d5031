/// When each promotion's window and hours hold, as sets of UTC instants, per zone.
///
/// Everything is read within one horizon: the span of every date window in the
/// rules, widened by two days on each side (zone offsets reach 14 hours) and to at
/// least a year and a week, so weekly hours are seen in summer and in winter time.
final class PromotionTimes {
    let horizon: TimeSet
    private let windows: [CompiledWindow?]
    private let weekly: [CompiledWeekly?]
    private let regionZones: [Int]
    private let zoneTables: [ZoneOffsets]
    private var cache: [Int: TimeSet?] = [:]

    static let margin: Int64 = 2 * 86_400
    static let minimumSpan: Int64 = 372 * 86_400
    /// Where the horizon starts when no promotion has a date window: Monday 2026-01-05.
    static let defaultStart: Int64 = 1_767_571_200

    init(book: PriceBook, options: AnalysisOptions) {
        windows = book.promotionWindows
        weekly = book.promotionWeekly
        regionZones = book.regionZones
        zoneTables = book.zoneTables
        let windows = book.promotionWindows.compactMap { $0 }
        var start = windows.map(\.start).min().map { $0 - Self.margin } ?? options.now ?? Self.defaultStart
        var end = windows.map(\.end).max().map { $0 + Self.margin } ?? start
        end = max(end, start + Self.minimumSpan)
        // The zone tables and the quote path cover these years; nothing outside them can be quoted.
        start = max(start, Checker.zoneTableRange.start)
        end = min(end, Checker.zoneTableRange.end)
        horizon = TimeSet(start, end)
    }

    /// The instants at which promotion `index` is within its window and hours when
    /// quoted in `region`; nil when it has neither (always within its times).
    func times(_ index: Int, region: Int) -> TimeSet? {
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
        guard let first = horizon.intervals.first, let last = horizon.intervals.last else { return [] }
        let firstDay = (first.start - Self.margin) / 86_400
        let lastDay = (last.end + Self.margin) / 86_400
        var pieces: [TimeSet.Interval] = []
        for day in firstDay...lastDay where weekly.days.contains(CivilTime.weekday(ofSeconds: day * 86_400)) {
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
