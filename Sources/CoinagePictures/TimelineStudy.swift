import Coinage

/// The work behind a `Timeline`: each promotion's live instants in each region shown,
/// where earlier promotions cut it, and the regions grouped into lanes.
///
/// Rows are studied in walk order. What cuts a promotion is kept as running unions,
/// per region, of the live instants of the exclusive promotions walked so far and of
/// each group's members so far, so a row costs the same however many promotions came
/// before it; only naming who cut it looks back, and stops at `Timeline.cuttersNamed`.
struct TimelineStudy {
    private let book: PriceBook
    private let times: PromotionTimes
    private let regions: [Int]
    /// Per promotion, per region shown: its live instants (nil: its condition never
    /// holds there). Filled as rows are studied.
    private var live: [Int: [TimeSet?]] = [:]
    /// Per region shown: when an exclusive promotion studied so far is live.
    private var exclusiveLive: [TimeSet]
    /// Per group, per region shown: when a member studied so far is live.
    private var groupLive: [String: [TimeSet]] = [:]

    init(book: PriceBook, times: PromotionTimes, regions: [Int]) {
        self.book = book
        self.times = times
        self.regions = regions
        exclusiveLive = Array(repeating: TimeSet.empty, count: regions.count)
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
    /// is live and cut there, in the rules' order of their first region. Rows must be
    /// studied in walk order, from 0.
    mutating func lanes(of index: Int, codes: [String]) -> [Timeline.Lane] {
        let mine = liveTimes(index)
        let promotion = book.program.promotions[index]
        let group = promotion.groupName.flatMap { groupLive[$0] }
        struct Key: Hashable {
            let live: [Timeline.Stretch]
            let cuts: [Timeline.Stretch]
        }
        var order: [Key] = []
        var members: [Key: [Int]] = [:]
        for slot in regions.indices {
            guard let times = mine[slot] else { continue }
            var cutters = exclusiveLive[slot]
            if let group { cutters = TimeSet(union: cutters.intervals + group[slot].intervals) }
            let key = Key(live: times.intervals, cuts: times.intersection(cutters).intervals)
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(slot)
        }
        let lanes = order.map { key in
            let slots = members[key] ?? []
            let zones = Set(slots.flatMap { slot in zoneNumbers(of: index).map { book.zones.name(of: $0, region: regions[slot]) } }).sorted()
            let (names, more) = key.cuts.isEmpty ? ([], false) : cutters(of: index, in: slots)
            return Timeline.Lane(regions: slots.map { codes[regions[$0]] }, zones: zones, live: key.live, cuts: key.cuts,
                                 cutBy: names, moreCutters: more)
        }
        // This row now cuts the ones after it.
        for slot in regions.indices {
            guard let times = mine[slot] else { continue }
            if promotion.exclusive { exclusiveLive[slot] = TimeSet(union: exclusiveLive[slot].intervals + times.intervals) }
            if let name = promotion.groupName {
                var sets = groupLive[name] ?? Array(repeating: TimeSet.empty, count: regions.count)
                sets[slot] = TimeSet(union: sets[slot].intervals + times.intervals)
                groupLive[name] = sets
            }
        }
        return lanes
    }

    /// Who cuts promotion `index` in the regions `slots`, in walk order, as
    /// `name (exclusive)`: at most `Timeline.cuttersNamed`, and whether there are more.
    private mutating func cutters(of index: Int, in slots: [Int]) -> (names: [String], more: Bool) {
        let mine = liveTimes(index)
        var names: [String] = []
        for earlier in 0..<index {
            guard let reason = cutReason(earlier, index) else { continue }
            let theirs = liveTimes(earlier)
            let meets = slots.contains { slot in
                guard let a = mine[slot], let b = theirs[slot] else { return false }
                return a.intersects(b)
            }
            guard meets else { continue }
            guard names.count < Timeline.cuttersNamed else { return (names, true) }
            names.append("\(book.program.promotions[earlier].name) (\(reason))")
        }
        return (names, false)
    }

    /// The zones promotion `index`'s window and hours are read in (nil: `local`).
    private func zoneNumbers(of index: Int) -> [Int?] {
        let promotion = book.program.promotions[index]
        return (promotion.window.map { [$0.zone] } ?? []) + (promotion.weekly.map { [$0.zone] } ?? [])
    }

    /// The pairs of the first `count` promotions live at once where the earlier cuts
    /// the later, with the regions that see the same overlap grouped: at most
    /// `Timeline.maxOverlaps`, and whether there were more.
    mutating func overlaps(count: Int, codes: [String]) -> (found: [Timeline.Overlap], more: Bool) {
        var found: [Timeline.Overlap] = []
        for later in 0..<count {
            for earlier in 0..<later {
                guard let reason = cutReason(earlier, later) else { continue }
                let a = liveTimes(earlier)
                let b = liveTimes(later)
                var order: [[Timeline.Stretch]] = []
                var members: [[Timeline.Stretch]: [String]] = [:]
                for slot in regions.indices {
                    guard let first = a[slot], let second = b[slot], first.intersects(second) else { continue }
                    let shared = first.intersection(second).intervals
                    if members[shared] == nil { order.append(shared) }
                    members[shared, default: []].append(codes[regions[slot]])
                }
                let promotions = book.program.promotions
                for stretches in order {
                    guard found.count < Timeline.maxOverlaps else { return (found, true) }
                    found.append(Timeline.Overlap(winner: promotions[earlier].name, loser: promotions[later].name, reason: reason,
                                                  regions: members[stretches] ?? [], stretches: stretches))
                }
            }
        }
        return (found, false)
    }
}
