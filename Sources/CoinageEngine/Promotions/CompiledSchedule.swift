import CoinageChecker

/// `during A to B` as wall-clock seconds, half-open (a whole-day window ends at the
/// midnight after its last day).
package struct CompiledWindow: Sendable {
    package let start: Int64
    package let end: Int64
    /// Nil: each region's own zone (`local`).
    package let zone: Int?

    @inline(__always)
    func contains(_ local: Int64) -> Bool { Self.contains(local, start: start, end: end) }

    /// The window test on plain integers, shared with the walk's contiguous
    /// promotion headers: half-open, `start` in, `end` out.
    @inline(__always)
    static func contains(_ local: Int64, start: Int64, end: Int64) -> Bool { local >= start && local < end }
}

/// `every DAYS from A to B` as ISO weekdays and seconds of the day.
package struct CompiledWeekly: Sendable {
    /// Bit `d - 1` set for ISO weekday `d` (1 Monday … 7 Sunday).
    let dayMask: UInt8
    package let from: Int?
    package let to: Int?
    package let zone: Int?

    init(days: Set<Int>, from: Int?, to: Int?, zone: Int?) {
        dayMask = days.reduce(0) { mask, day in (1...7).contains(day) ? mask | UInt8(1) << UInt8(day - 1) : mask }
        self.from = from
        self.to = to
        self.zone = zone
    }

    init(dayMask: UInt8, from: Int?, to: Int?, zone: Int?) {
        self.dayMask = dayMask
        self.from = from
        self.to = to
        self.zone = zone
    }

    /// Whether the schedule includes ISO weekday `day` (1 Monday … 7 Sunday).
    package func includes(_ day: Int) -> Bool { (1...7).contains(day) && dayMask & (UInt8(1) << UInt8(day - 1)) != 0 }

    /// Whether a wall-clock second count falls in the schedule. Hours that cross
    /// midnight belong to the day they start on.
    @inline(__always)
    func contains(local: Int64) -> Bool {
        Self.contains(local: local, dayMask: dayMask, from: from ?? -1, to: to ?? -1)
    }

    /// The schedule test on plain integers (`from == to == -1`: whole days), shared
    /// with the walk's contiguous promotion headers.
    @inline(__always)
    static func contains(local: Int64, dayMask: UInt8, from: Int, to: Int) -> Bool {
        let day = CivilTime.weekday(ofSeconds: local)
        let onDay = dayMask & (UInt8(1) << UInt8(day - 1)) != 0
        guard from >= 0 else { return onDay }
        let second = CivilTime.secondOfDay(local)
        if from < to { return onDay && second >= from && second < to }
        let previous = day == 1 ? 7 : day - 1
        return (onDay && second >= from) || (dayMask & (UInt8(1) << UInt8(previous - 1)) != 0 && second < to)
    }
}
