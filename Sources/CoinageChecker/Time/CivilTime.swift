import CoinageSyntax

/// Calendar arithmetic on the proleptic Gregorian calendar, without Foundation.
///
/// Instants are whole seconds since 1970-01-01T00:00:00Z; wall-clock times are the
/// same count read in some zone. Converting between them needs only the zone's
/// offset, which `ZoneOffsets` supplies.
public enum CivilTime {
    /// Days since 1970-01-01 of a civil date (negative before it).
    public static func days(from date: CivilDate) -> Int64 {
        // Counts in 400-year eras from 0000-03-01, so leap days fall at the end of a year.
        let year = Int64(date.month <= 2 ? date.year - 1 : date.year)
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let month = Int64(date.month)
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + Int64(date.day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    public static func date(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    /// Seconds since the epoch of a wall-clock date and time (read as UTC).
    public static func seconds(from value: DateTimeValue) -> Int64 {
        days(from: value.date) * 86_400 + Int64(value.time.secondsSinceMidnight)
    }

    /// ISO weekday, Monday = 1 ... Sunday = 7, of a wall-clock second count.
    public static func weekday(ofSeconds seconds: Int64) -> Int {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        // 1970-01-01 was a Thursday (4).
        let index = (days + 3) % 7
        return Int(index < 0 ? index + 7 : index) + 1
    }

    /// Seconds since local midnight of a wall-clock second count.
    public static func secondOfDay(_ seconds: Int64) -> Int {
        let remainder = seconds % 86_400
        return Int(remainder < 0 ? remainder + 86_400 : remainder)
    }

    /// `2026-11-28T10:00:00` for a wall-clock second count.
    public static func format(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let (year, month, day) = date(fromDays: days)
        let second = secondOfDay(seconds)
        func pad(_ value: Int, _ width: Int = 2) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month))-\(pad(day))T\(pad(second / 3600)):\(pad(second / 60 % 60)):\(pad(second % 60))"
    }
}

/// A zone's offsets from UTC over time: the offset in force from each transition
/// on. Built once per zone when a price book is compiled, so a quote finds the
/// local time with a binary search instead of a call into the zone database.
public struct ZoneOffsets: Hashable, Sendable {
    /// Instants (UTC seconds) at which the offset changes, ascending.
    public let transitions: [Int64]
    /// `offsets[0]` holds before the first transition, `offsets[i + 1]` from
    /// `transitions[i]` on.
    public let offsets: [Int32]

    public init(transitions: [Int64], offsets: [Int32]) {
        self.transitions = transitions
        self.offsets = offsets
    }

    /// A zone with one fixed offset, such as UTC.
    public static func fixed(_ offset: Int32) -> ZoneOffsets {
        ZoneOffsets(transitions: [], offsets: [offset])
    }

    /// The offset in seconds in force at `instant`.
    public func offset(at instant: Int64) -> Int64 {
        var low = 0
        var high = transitions.count
        while low < high {
            let mid = (low + high) / 2
            if transitions[mid] <= instant { low = mid + 1 } else { high = mid }
        }
        return Int64(offsets[low])
    }

    /// The wall-clock second count of `instant` in this zone.
    public func local(_ instant: Int64) -> Int64 {
        instant + offset(at: instant)
    }
}
