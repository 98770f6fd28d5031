import Coinage

/// A POSIX `TZ` rule, as a TZif file's footer holds it: the zone's offsets after
/// the last transition the file lists.
///
/// `CET-1CEST,M3.5.0,M10.5.0/3` reads: standard time "CET", an hour east of UTC
/// (POSIX counts offsets westward, hence the minus); daylight time "CEST", an hour
/// ahead of standard time, from the last Sunday of March at 02:00 standard time
/// to the last Sunday of October at 03:00 daylight time. RFC 8536 (TZif v3)
/// widens the time of a change to -167...167 hours, which zic writes for rules
/// like "the Saturday before the last Sunday, at 24:00" (`M3.5.0/-2`).
struct PosixTimeZoneRule: Sendable, Equatable {
    /// Seconds east of UTC in standard time.
    let standardOffset: Int32
    /// Daylight time and when it holds; nil for a zone that keeps one offset.
    let daylight: Daylight?

    /// Daylight time: its offset and the yearly changes into and out of it.
    struct Daylight: Sendable, Equatable {
        /// Seconds east of UTC in daylight time.
        let offset: Int32
        /// Into daylight time, at a local time of standard time.
        let start: Change
        /// Back to standard time, at a local time of daylight time.
        let end: Change
    }

    /// A yearly change: its day, and the local time on that day it happens at.
    struct Change: Sendable, Equatable {
        let day: Day
        /// Seconds after the day's local midnight; negative or past a day under RFC 8536.
        let secondsIntoDay: Int64
    }

    /// The three ways POSIX names the day of a change.
    enum Day: Sendable, Equatable {
        /// `Jn`: day 1...365, never counting February 29, so `J60` is always March 1.
        case julianSkippingLeapDay(Int)
        /// `n`: day 0...365, counting February 29 in leap years.
        case zeroBasedDayOfYear(Int)
        /// `Mm.w.d`: weekday `d` (0 Sunday) of week `w` of month `m`, week 5 the last.
        case weekdayOfMonth(month: Int, week: Int, weekday: Int)
    }

    /// The instants the rule is evaluated within: about ±142 million years, which
    /// keeps every day and second count far from `Int64`'s limits.
    static let evaluatedInstants: ClosedRange<Int64> = -(1 << 52)...(1 << 52)

    /// The offset in seconds east of UTC in force at `instant`.
    func offset(at instant: Int64) -> Int32 {
        guard daylight != nil else { return standardOffset }
        let clamped = min(max(instant, Self.evaluatedInstants.lowerBound), Self.evaluatedInstants.upperBound)
        let year = Self.year(of: clamped)
        // A change can land up to a week past its day (167 hours plus the offset), so
        // the last change at or before the instant is among those of the two years before.
        return changes(inYears: year - 2...year + 1).last { $0.instant <= clamped }?.offset ?? standardOffset
    }

    /// The changes strictly between two instants, ascending, each with the offset it
    /// brings; a change that keeps the offset is listed too.
    func changes(after start: Int64, before end: Int64) -> [(instant: Int64, offset: Int32)] {
        let bounds = Self.evaluatedInstants
        let low = min(max(start, bounds.lowerBound), bounds.upperBound)
        let high = min(max(end, bounds.lowerBound), bounds.upperBound)
        guard daylight != nil, low < high else { return [] }
        return changes(inYears: Self.year(of: low) - 1...Self.year(of: high) + 1)
            .filter { $0.instant > start && $0.instant < end }
    }

    /// Every change of the given years, ascending by instant. Of changes at the same
    /// instant only the later in the rule counts: `0/0,J365/25` is daylight time
    /// all year, its end at the year's end and the next start at the same instant.
    private func changes(inYears years: ClosedRange<Int64>) -> [(instant: Int64, offset: Int32)] {
        guard let daylight else { return [] }
        var all: [(instant: Int64, offset: Int32, order: Int)] = []
        all.reserveCapacity(years.count * 2)
        for year in years {
            // The start is written in standard time, the end in daylight time.
            let start = daylight.start.localSeconds(inYear: year) - Int64(standardOffset)
            let end = daylight.end.localSeconds(inYear: year) - Int64(daylight.offset)
            all.append((start, daylight.offset, all.count))
            all.append((end, standardOffset, all.count))
        }
        all.sort { ($0.instant, $0.order) < ($1.instant, $1.order) }
        var result: [(instant: Int64, offset: Int32)] = []
        result.reserveCapacity(all.count)
        for (index, change) in all.enumerated() where index + 1 == all.count || all[index + 1].instant != change.instant {
            result.append((change.instant, change.offset))
        }
        return result
    }

    /// The calendar year (UTC) an instant falls in.
    private static func year(of instant: Int64) -> Int64 {
        let days = instant >= 0 ? instant / 86_400 : (instant - 86_399) / 86_400
        return Int64(CivilTime.date(fromDays: days).year)
    }
}

extension PosixTimeZoneRule.Change {
    /// Seconds since the epoch of the change in `year`, read as if local time were UTC.
    func localSeconds(inYear year: Int64) -> Int64 {
        day.daysSinceEpoch(inYear: year) * 86_400 + secondsIntoDay
    }
}

extension PosixTimeZoneRule.Day {
    /// Days since 1970-01-01 of this day in `year`.
    func daysSinceEpoch(inYear year: Int64) -> Int64 {
        let january1 = Self.days(year: year, month: 1, day: 1)
        switch self {
        case .julianSkippingLeapDay(let day):
            return january1 + Int64(day - 1) + (Self.isLeap(year) && day >= 60 ? 1 : 0)
        case .zeroBasedDayOfYear(let day):
            return january1 + Int64(day)
        case .weekdayOfMonth(let month, let week, let weekday):
            let first = Self.days(year: year, month: month, day: 1)
            // 1970-01-01 was a Thursday, weekday 4; `% 7` keeps the sign, hence the + 11.
            let firstWeekday = Int((first % 7 + 11) % 7)
            var day = 1 + (weekday - firstWeekday + 7) % 7 + 7 * (week - 1)
            while day > Self.length(ofMonth: month, year: year) { day -= 7 }
            return first + Int64(day - 1)
        }
    }

    private static func isLeap(_ year: Int64) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    private static func length(ofMonth month: Int, year: Int64) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a date in any year: `CivilTime` takes only the years
    /// a rule can write (1...9999), and a zone's rule runs on past them.
    private static func days(year: Int64, month: Int, day: Int) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = Int64((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1)
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension PosixTimeZoneRule {
    /// The rule POSIX leaves to the implementation when daylight time is named
    /// without changes; tzcode takes the United States' (second Sunday of March to
    /// first Sunday of November, both at 02:00).
    private static let unstatedChanges = (
        start: Change(day: .weekdayOfMonth(month: 3, week: 2, weekday: 0), secondsIntoDay: 7200),
        end: Change(day: .weekdayOfMonth(month: 11, week: 1, weekday: 0), secondsIntoDay: 7200)
    )

    /// Reads a rule; nil unless all of `text` is one.
    init?(_ text: String) {
        var scanner = RuleScanner(bytes: Array(text.utf8))
        guard scanner.skipName(), let standardWest = scanner.signedSeconds() else { return nil }
        let standard = -standardWest
        if scanner.isAtEnd {
            self.init(standardOffset: Int32(standard), daylight: nil)
            return
        }
        guard scanner.skipName() else { return nil }
        // Daylight time is an hour ahead of standard time unless it says otherwise.
        var daylightOffset = standard + 3600
        if !scanner.isAtEnd, scanner.peek != UInt8(ascii: ",") {
            guard let west = scanner.signedSeconds() else { return nil }
            daylightOffset = -west
        }
        var changes = Self.unstatedChanges
        if !scanner.isAtEnd {
            guard scanner.take(","), let start = scanner.change(), scanner.take(","), let end = scanner.change(),
                  scanner.isAtEnd else { return nil }
            changes = (start, end)
        }
        self.init(standardOffset: Int32(standard),
                  daylight: Daylight(offset: Int32(daylightOffset), start: changes.start, end: changes.end))
    }
}

/// Reads a `TZ` rule's parts from left to right.
private struct RuleScanner {
    let bytes: [UInt8]
    var position = 0

    var isAtEnd: Bool { position == bytes.count }
    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func take(_ character: Unicode.Scalar) -> Bool {
        guard peek == UInt8(ascii: character) else { return false }
        position += 1
        return true
    }

    /// Skips a zone abbreviation: three or more letters, or `<`, three or more
    /// letters, digits or signs, `>` (`<+0330>`). The offsets carry the meaning.
    mutating func skipName() -> Bool {
        let quoted = take("<")
        let start = position
        while let byte = peek, Self.isLetter(byte) || (quoted && (Self.isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-"))) {
            position += 1
        }
        guard position - start >= 3 else { return false }
        return !quoted || take(">")
    }

    /// `[+-]hh[:mm[:ss]]` in seconds; hours up to 167, as RFC 8536 allows a change's
    /// time, which is wider than any offset zic writes.
    mutating func signedSeconds() -> Int64? {
        let sign: Int64 = take("-") ? -1 : 1
        if sign == 1 { _ = take("+") }
        guard let hours = number(upTo: 167) else { return nil }
        var seconds = hours * 3600
        if take(":") {
            guard let minutes = number(upTo: 59) else { return nil }
            seconds += minutes * 60
            if take(":") {
                guard let extra = number(upTo: 59) else { return nil }
                seconds += extra
            }
        }
        return sign * seconds
    }

    /// A change: its day (`Jn`, `n` or `Mm.w.d`), then `/time`, 02:00 when left out.
    mutating func change() -> PosixTimeZoneRule.Change? {
        let day: PosixTimeZoneRule.Day
        if take("J") {
            guard let number = number(upTo: 365), number >= 1 else { return nil }
            day = .julianSkippingLeapDay(Int(number))
        } else if take("M") {
            guard let month = number(upTo: 12), month >= 1, take("."), let week = number(upTo: 5), week >= 1,
                  take("."), let weekday = number(upTo: 6) else { return nil }
            day = .weekdayOfMonth(month: Int(month), week: Int(week), weekday: Int(weekday))
        } else {
            guard let number = number(upTo: 365) else { return nil }
            day = .zeroBasedDayOfYear(Int(number))
        }
        guard take("/") else { return PosixTimeZoneRule.Change(day: day, secondsIntoDay: 7200) }
        guard let time = signedSeconds() else { return nil }
        return PosixTimeZoneRule.Change(day: day, secondsIntoDay: time)
    }

    /// One or more decimal digits making a number no larger than `limit`.
    private mutating func number(upTo limit: Int64) -> Int64? {
        var value: Int64 = 0
        let start = position
        while let byte = peek, Self.isDigit(byte) {
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            guard value <= limit else { return nil }
            position += 1
        }
        return position > start ? value : nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
}
