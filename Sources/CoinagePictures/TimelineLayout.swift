import Coinage

/// The promotions' calendar over a range of instants: what `coinage timeline` draws.
///
/// One row per promotion, in walk order (priority, then name). A row has a lane per
/// set of regions in which the promotion is live at the same instants: a window or
/// hours in UTC or a named zone give one lane, and `local` ones give a lane per set
/// of regions whose zones keep the same clocks over the range. The instants come from
/// the analysis's `PromotionTimes`, which reads windows and weekly hours in each
/// region's zone exactly as a quote does (offsets, summer time, hours past midnight).
/// A region in which the promotion's condition can never hold (`region in …`,
/// `currency == …`) gets no lane.
package struct Timeline {
    package typealias Stretch = TimeSet.Interval

    /// The regions that see one promotion at the same instants.
    package struct Lane {
        /// Region codes, in the rules' order (by code).
        package let regions: [String]
        /// The zones its times are read in, by name.
        package let zones: [String]
        /// When the promotion is within its window and hours, clipped to the range.
        package let live: [Stretch]
        /// When an earlier promotion cuts it there: an exclusive one, or one of its group.
        package let cuts: [Stretch]
        /// Who cuts it, `name (exclusive)` or `name (group G)`, in walk order: at most
        /// `cuttersNamed`, with `moreCutters` when there are more.
        package let cutBy: [String]
        package let moreCutters: Bool
    }

    /// One promotion.
    package struct Row {
        package let name: String
        package let priority: Int64
        package let exclusive: Bool
        package let group: String?
        /// `during …`, `every …` as written, for the label; empty for a promotion
        /// without either (always within its times).
        package let schedule: [String]
        /// True when its window or hours are `local`.
        package let isLocal: Bool
        package let hasHours: Bool
        package let lanes: [Lane]
        /// Lanes past `maxLanes`, not drawn.
        package let omittedLanes: Int
        /// Regions in which its condition never holds.
        package let excludedRegions: [String]
    }

    /// Two promotions live at the same instants where the earlier cuts the later.
    package struct Overlap {
        package let winner: String
        package let loser: String
        package let reason: String
        package let regions: [String]
        package let stretches: [Stretch]
    }

    /// Most days a calendar covers: a year and a leap day.
    package static let maxDays: Int64 = 366
    /// Most promotions drawn; the rest are counted under the picture.
    package static let maxRows = 200
    /// Most lanes drawn for one promotion; the rest are counted on its row.
    package static let maxLanes = 24
    /// Most stretches (live and cut) one calendar draws: rows stop before the one that
    /// would pass it, so a page stays a few megabytes whatever the rules.
    package static let maxStretches = 20_000
    /// Most overlaps listed; the page says when there are more.
    package static let maxOverlaps = 100
    /// Most promotions named as cutting one lane.
    package static let cuttersNamed = 3

    package let from: Int64
    package let to: Int64
    /// The regions shown (every region when none were chosen).
    package let regions: [String]
    package let allRegions: Bool
    package let rows: [Row]
    /// Promotions past `maxRows` or `maxStretches`, not drawn.
    package let omittedRows: Int
    /// Overlaps among the rows drawn, at most `maxOverlaps`.
    package let overlaps: [Overlap]
    /// True when there were more than `maxOverlaps`.
    package let moreOverlaps: Bool

    /// Why a range cannot be drawn.
    package enum RangeError: Error, Equatable {
        case empty(from: Int64, to: Int64)
        case tooLong(days: Int64)
        case outsideQuotable

        package var message: String {
            switch self {
            case let .empty(from, to): "the range from \(Markup.instant(from)) to \(Markup.instant(to)) is empty"
            case .tooLong(let days): "the range covers \(days) days, more than the \(Timeline.maxDays) a timeline draws"
            case .outsideQuotable: "the range reaches outside the years 2000 to 2099, the instants a quote accepts"
            }
        }

        package var help: String {
            switch self {
            case .empty: "give `--to` a later date than `--from`, e.g. `--from 2026-11-01 --to 2026-11-30`"
            case .tooLong: "draw at most \(Timeline.maxDays) days at once, e.g. one calendar per year"
            case .outsideQuotable: "give dates from 2000-01-01 to 2099-12-31"
            }
        }
    }

    /// Checks that `from..<to` can be drawn.
    package static func validate(from: Int64, to: Int64) -> RangeError? {
        guard from < to else { return .empty(from: from, to: to) }
        let covered = QuoteRequest.coveredInstants
        guard covered.contains(from), to <= covered.upperBound else { return .outsideQuotable }
        let days = (to - from + 86_399) / 86_400
        return days > maxDays ? .tooLong(days: days) : nil
    }

    /// The calendar of `rules` (with their `book`) over `from..<to`, for `regions`
    /// (codes the rules declare; empty for all of them).
    package init(_ rules: RuleSet, book: PriceBook, from: Int64, to: Int64, regions chosen: [String] = []) throws(RangeError) {
        if let error = Self.validate(from: from, to: to) { throw error }
        self.from = from
        self.to = to
        let codes = rules.regions.map(\.code)
        let shown = chosen.isEmpty ? Array(codes.indices) : codes.indices.filter { chosen.contains(codes[$0]) }
        regions = shown.map { codes[$0] }
        allRegions = chosen.isEmpty
        let times = PromotionTimes(book: book, horizon: TimeSet(from, to))
        let program = book.program.promotions
        let declared = Dictionary(rules.promotions.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var study = TimelineStudy(book: book, times: times, regions: shown)
        var rows: [Row] = []
        var stretches = 0
        for index in 0..<min(program.count, Self.maxRows) {
            let compiled = program[index]
            let promotion = declared[compiled.name]
            let all = study.lanes(of: index, codes: codes)
            let lanes = Array(all.prefix(Self.maxLanes))
            stretches += lanes.reduce(0) { $0 + $1.live.count + $1.cuts.count }
            guard stretches <= Self.maxStretches else { break }
            rows.append(Row(
                name: compiled.name, priority: promotion?.priority ?? 0, exclusive: compiled.exclusive,
                group: compiled.groupName, schedule: promotion.map(ScheduleText.lines) ?? [],
                isLocal: (compiled.window != nil && compiled.window?.zone == nil) || (compiled.weekly != nil && compiled.weekly?.zone == nil),
                hasHours: compiled.weekly != nil, lanes: lanes, omittedLanes: all.count - lanes.count,
                excludedRegions: shown.filter { !study.applies(index, region: $0) }.map { codes[$0] }))
        }
        self.rows = rows
        omittedRows = program.count - rows.count
        (overlaps, moreOverlaps) = study.overlaps(count: rows.count, codes: codes)
    }

    /// Whether any promotion is live in the range.
    package var isEmpty: Bool { rows.allSatisfy { $0.lanes.allSatisfy(\.live.isEmpty) } }

    /// `all regions`, or the codes of a lane, at most `codesShown` of them and a count.
    package func label(_ lane: Lane, codesShown: Int = 6) -> String {
        if allRegions, lane.regions.count == regions.count, regions.count > 1 { return "all regions" }
        let head = lane.regions.prefix(codesShown).joined(separator: " ")
        return lane.regions.count > codesShown ? head + " +\(lane.regions.count - codesShown)" : head
    }
}

/// A promotion's window and hours as the rules write them, for the calendar's labels:
/// `during 2026-11-27 to 2026-11-30 local`, `every sat, sun from 18:00 to 22:00 local`.
enum ScheduleText {
    static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// One line for the window and one for the hours, those it has.
    static func lines(_ promotion: Promotion) -> [String] {
        var lines: [String] = []
        if let window = promotion.window {
            let start = window.wholeDays ? window.start.date.description : window.start.description
            let end = window.wholeDays ? window.end.date.description : window.end.description
            lines.append("during \(start) to \(end)\(zone(window.zone))")
        }
        if let weekly = promotion.weekly {
            let days = weekly.days.sorted().compactMap { (1...7).contains($0) ? dayNames[$0 - 1] : nil }.joined(separator: ", ")
            var text = "every \(days)"
            if let from = weekly.from, let to = weekly.to { text += " from \(clock(from)) to \(clock(to))" }
            lines.append(text + zone(weekly.zone))
        }
        return lines
    }

    private static func zone(_ reference: ZoneReference) -> String {
        switch reference {
        case .local: " local"
        case .named(let name): " " + name
        }
    }

    /// `18:00`, or `18:00:30` with seconds, for a second of the day.
    static func clock(_ second: Int) -> String {
        func pad(_ value: Int) -> String { (value < 10 ? "0" : "") + String(value) }
        let text = pad(second / 3600) + ":" + pad(second / 60 % 60)
        return second % 60 == 0 ? text : text + ":" + pad(second % 60)
    }
}
