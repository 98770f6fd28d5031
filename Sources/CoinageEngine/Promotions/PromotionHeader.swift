import CoinageChecker
import CoinageSyntax

/// What the walk tests of a promotion before it reads anything else: its times, and
/// whether it has a code, limits, a group or an effect.
///
/// Headers sit in one contiguous array in walk order. A candidate that fails its
/// times (most do, in a big shop) costs one read of one cache line, however many
/// promotions the rule set has; the promotion's object is read only when it applies.
struct PromotionHeader: Sendable {
    /// Which clauses a promotion has.
    struct Clauses: OptionSet, Sendable {
        let rawValue: UInt16
        static let window = Clauses(rawValue: 1 << 0)
        static let weekly = Clauses(rawValue: 1 << 1)
        static let code = Clauses(rawValue: 1 << 2)
        static let limits = Clauses(rawValue: 1 << 3)
        static let exclusive = Clauses(rawValue: 1 << 4)
        static let priceEffect = Clauses(rawValue: 1 << 5)
        static let bonus = Clauses(rawValue: 1 << 6)
    }

    /// The zone index that stands for each region's own zone (`local`).
    static let localZone: Int32 = -1

    /// `during`, half-open, in wall-clock seconds of `windowZone`.
    let windowStart: Int64
    let windowEnd: Int64
    let windowZone: Int32
    /// `every`: ISO weekdays as bits (`CompiledWeekly.dayMask`), and seconds of the
    /// day (`-1` for whole days), in `weeklyZone`.
    let weeklyZone: Int32
    let weeklyFrom: Int32
    let weeklyTo: Int32
    let weeklyDays: UInt8
    let clauses: Clauses
    /// The group's index, or -1.
    let group: Int32

    init(window: CompiledWindow?, weekly: CompiledWeekly?, hasCode: Bool, hasLimits: Bool, exclusive: Bool,
         hasPriceEffect: Bool, hasBonus: Bool, group: Int?) {
        var clauses: Clauses = []
        if window != nil { clauses.insert(.window) }
        if weekly != nil { clauses.insert(.weekly) }
        if hasCode { clauses.insert(.code) }
        if hasLimits { clauses.insert(.limits) }
        if exclusive { clauses.insert(.exclusive) }
        if hasPriceEffect { clauses.insert(.priceEffect) }
        if hasBonus { clauses.insert(.bonus) }
        self.clauses = clauses
        windowStart = window?.start ?? .min
        windowEnd = window?.end ?? .max
        windowZone = window?.zone.map { Int32(truncatingIfNeeded: $0) } ?? Self.localZone
        weeklyZone = weekly?.zone.map { Int32(truncatingIfNeeded: $0) } ?? Self.localZone
        weeklyFrom = weekly?.from.map { Int32(truncatingIfNeeded: $0) } ?? -1
        weeklyTo = weekly?.to.map { Int32(truncatingIfNeeded: $0) } ?? -1
        weeklyDays = weekly?.dayMask ?? 0
        self.group = group.map { Int32(truncatingIfNeeded: $0) } ?? -1
    }

    /// The window, as compiled: zone indices and seconds of the day are never
    /// negative, so -1 stands for none without ambiguity.
    var window: CompiledWindow? {
        guard clauses.contains(.window) else { return nil }
        return CompiledWindow(start: windowStart, end: windowEnd, zone: windowZone < 0 ? nil : Int(windowZone))
    }

    /// The weekly hours, as compiled.
    var weekly: CompiledWeekly? {
        guard clauses.contains(.weekly) else { return nil }
        return CompiledWeekly(dayMask: weeklyDays, from: weeklyFrom < 0 ? nil : Int(weeklyFrom),
                              to: weeklyTo < 0 ? nil : Int(weeklyTo), zone: weeklyZone < 0 ? nil : Int(weeklyZone))
    }

    /// Whether the quote's instant is inside the window and the weekly hours.
    // Transparent: in the walk over candidate masks the optimizer declined
    // `@inline(__always)`, and made a call of it per candidate.
    @_transparent
    func isWithinTimes(_ clock: inout LocalClock, tables: WallClocks) -> Bool {
        if clauses.contains(.window) {
            let local = clock.local(windowZone, tables: tables)
            if !CompiledWindow.contains(local, start: windowStart, end: windowEnd) { return false }
        }
        if clauses.contains(.weekly) {
            let local = clock.local(weeklyZone, tables: tables)
            if !CompiledWeekly.contains(local: local, dayMask: weeklyDays, from: Int(weeklyFrom), to: Int(weeklyTo)) {
                return false
            }
        }
        return true
    }
}

/// The wall-clock time of one quote's instant, computed once per zone it is asked
/// for (in practice the region's own zone, and perhaps one named zone).
struct LocalClock {
    let instant: Int64
    let regionZone: Int
    private var regionLocal: Int64?
    private var named: (zone: Int, local: Int64)?

    init(instant: Int64, regionZone: Int) {
        self.instant = instant
        self.regionZone = regionZone
    }

    /// Wall-clock seconds in `zone`, or in the region's zone for `nil` (`local`).
    mutating func local(_ zone: Int?, tables: WallClocks) -> Int64 {
        local(zone.map { Int32($0) } ?? PromotionHeader.localZone, tables: tables)
    }

    /// Wall-clock seconds in zone `zone`, or in the region's zone for `localZone`.
    @inline(__always)
    mutating func local(_ zone: Int32, tables: WallClocks) -> Int64 {
        let index = zone < 0 ? regionZone : Int(zone)
        if index == regionZone {
            if let regionLocal { return regionLocal }
            let value = tables.local(instant, zone: index)
            regionLocal = value
            return value
        }
        if let named, named.zone == index { return named.local }
        let value = tables.local(instant, zone: index)
        named = (index, value)
        return value
    }
}
