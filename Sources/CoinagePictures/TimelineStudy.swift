import Coinage

/// The work behind a `Timeline`: each promotion's live instants in each region shown,
/// where earlier promotions cut it, and the regions grouped into lanes.
struct TimelineStudy {
    private let book: PriceBook
    private let times: PromotionTimes
    private let regions: [Int]
    /// Per promotion, per region shown: its live instants (nil: its condition never
    /// holds there). Filled on first use.
    private var live: [Int: [TimeSet?]] = [:]

    init(book: PriceBook, times: PromotionTimes, regions: [Int]) {
        self.book = book
        self.times = times
        self.regions = regions
    }

    /// Whether promotion `index`'s condition can hold in region `region` for some
    /// bundle, channel and buyer: false when the region or its currency alone rule it out.
    func applies(_ index: Int, region: Int) -> Bool {
        guard let condition = book.program.promotions[index].condition else { return true }
        let currency = book.regions.currencyIndex[region]
        return condition.partial(item: nil, region: region, currency: currency, coins: nil) != .no
    }

    /// Promotion `index`'s live instants in each region shown.
    private mutating func liveTimes(_ index: Int) -> [TimeSet?] {
        if let known = live[index] { return known }
        let sets: [TimeSet?] = regions.map { region in
            guard applies(index, region: region) else { return nil }
            return times.times(index, region: region) ?? times.horizon
        }
        live[index] = sets
        return sets
    }

    /// Why promotion `earlier` cuts `later` when both are live, or nil when it does not:
    /// the walk stops at an exclusive promotion, and a group gives one promotion.
    private func cutReason(_ earlier: Int, _ later: Int) -> String? {
        let promotions = book.program.promotions
        if promotions[earlier].exclusive { return "exclusive" }
        if let group = promotions[earlier].groupName, group == promotions[later].groupName { return "group \(group)" }
        return nil
    }

    /// The lanes of promotion `index`: the regions shown, grouped by the instants it
    /// is live and cut there, in the order of their first region.
    mutating func lanes(of index: Int, codes: [String]) -> [Timeline.Lane] {
        let mine = liveTimes(index)
        var cutsByRegion = Array(repeating: [Timeline.Cut](), count: regions.count)
        for earlier in 0..<index {
            guard let reason = cutReason(earlier, index) else { continue }
            let theirs = liveTimes(earlier)
            for slot in regions.indices {
                guard let mineHere = mine[slot], let theirsHere = theirs[slot] else { continue }
                let name = book.program.promotions[earlier].name
                cutsByRegion[slot] += mineHere.intersection(theirsHere).intervals.map {
                    Timeline.Cut(stretch: $0, by: name, reason: reason)
                }
            }
        }
        struct Key: Hashable {
            let live: [Timeline.Stretch]
            let cuts: [Timeline.Cut]
        }
        var order: [Key] = []
        var members: [Key: [Int]] = [:]
        for slot in regions.indices {
            guard let times = mine[slot] else { continue }
            let key = Key(live: times.intervals, cuts: cutsByRegion[slot].sorted { ($0.stretch.start, $0.by) < ($1.stretch.start, $1.by) })
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(slot)
        }
        return order.map { key in
            let slots = members[key] ?? []
            let zones = Set(slots.flatMap { slot in zoneNumbers(of: index).map { book.zones.name(of: $0, region: regions[slot]) } }).sorted()
            return Timeline.Lane(regions: slots.map { codes[regions[$0]] }, zones: zones, live: key.live, cuts: key.cuts)
        }
    }

    /// The zones promotion `index`'s window and hours are read in (nil: `local`).
    private func zoneNumbers(of index: Int) -> [Int?] {
        let promotion = book.program.promotions[index]
        return (promotion.window.map { [$0.zone] } ?? []) + (promotion.weekly.map { [$0.zone] } ?? [])
    }

    /// Every pair of promotions live at once where the earlier cuts the later, with
    /// the regions that see the same overlap grouped.
    mutating func overlaps(codes: [String]) -> [Timeline.Overlap] {
        let count = min(book.program.promotions.count, Timeline.maxRows)
        var found: [Timeline.Overlap] = []
        for later in 0..<count {
            for earlier in 0..<later {
                guard let reason = cutReason(earlier, later) else { continue }
                let a = liveTimes(earlier)
                let b = liveTimes(later)
                var order: [[Timeline.Stretch]] = []
                var members: [[Timeline.Stretch]: [String]] = [:]
                for slot in regions.indices {
                    guard let first = a[slot], let second = b[slot] else { continue }
                    let shared = first.intersection(second).intervals
                    guard !shared.isEmpty else { continue }
                    if members[shared] == nil { order.append(shared) }
                    members[shared, default: []].append(codes[regions[slot]])
                }
                let promotions = book.program.promotions
                found += order.map { stretches in
                    Timeline.Overlap(winner: promotions[earlier].name, loser: promotions[later].name, reason: reason,
                                     regions: members[stretches] ?? [], stretches: stretches)
                }
            }
        }
        return found
    }
}

/// A promotion's window and hours as the rules write them, for labels.
enum ScheduleText {
    static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

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

    /// `18:00` for a second of the day.
    static func clock(_ second: Int) -> String {
        let hours = second / 3600
        let minutes = second / 60 % 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)"
    }
}
