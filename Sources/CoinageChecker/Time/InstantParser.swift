import CoinageSyntax

/// Reads instants as requests write them, without Foundation.
public enum InstantParser {
    /// `2026-11-28` (that day's first instant in UTC), `2026-11-28T10:00Z`,
    /// `2026-11-28T10:00:30Z`, `2026-11-28T10:00+01:00`; a date-time without a zone
    /// designator is read in UTC. Returns seconds since 1970-01-01T00:00:00Z, or nil.
    public static func parse(_ text: String) -> Int64? {
        parse(Array(text.utf8)[...])
    }

    public static func parse(_ bytes: ArraySlice<UInt8>) -> Int64? {
        parse(bytes, allowsZoneDesignator: true)
    }

    /// `parse(_:)` of bytes read in place: a batch reader's `at`, without an array made for it.
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        if bytes.count == 20, let instant = parseUTC(bytes) { return instant }
        return parse(bytes, allowsZoneDesignator: true)
    }

    /// `2026-11-28T10:00:30Z`, the form programs write most, read at fixed places;
    /// nil for any other text of 20 bytes, which `parse` then reads. The same
    /// instant `parse` gives: the date and time are checked the same way.
    // A batch's lines mostly carry instants of their own, and the general reader's
    // steps cost about 520 instructions an instant (callgrind).
    private static func parseUTC(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z") else { return nil }
        func digits(_ start: Int, _ count: Int) -> Int? {
            var value = 0
            for index in start..<start + count {
                let digit = bytes[index] &- 48
                guard digit <= 9 else { return nil }
                value = value &* 10 &+ Int(digit)
            }
            return value
        }
        guard let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2), let hour = digits(11, 2),
              let minute = digits(14, 2), let second = digits(17, 2),
              let date = CivilDate(year: year, month: month, day: day),
              let time = TimeOfDay(hour: hour, minute: minute, second: second) else { return nil }
        return CivilTime.days(from: date) * 86_400 + Int64(time.secondsSinceMidnight)
    }

    /// A wall-clock time: `2026-11-28` or `2026-11-28T19:00[:00]`, with no `Z` and no
    /// offset, in seconds as if it were UTC (as `CivilTime.seconds(from:)` gives it);
    /// nil for anything else. The caller decides the zone it is read in.
    public static func parseWallClock(_ text: String) -> Int64? {
        parse(Array(text.utf8)[...], allowsZoneDesignator: false)
    }

    private static func parse<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, allowsZoneDesignator: Bool) -> Int64?
    where Bytes.Index == Int {
        var cursor = bytes.startIndex
        func number(_ digits: Int) -> Int? {
            guard cursor + digits <= bytes.endIndex else { return nil }
            var value = 0
            for index in cursor..<(cursor + digits) {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            cursor += digits
            return value
        }
        func expect(_ character: UInt8) -> Bool {
            guard cursor < bytes.endIndex, bytes[cursor] == character else { return false }
            cursor += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")),
              let day = number(2), let date = CivilDate(year: year, month: month, day: day) else { return nil }
        let midnight = CivilTime.days(from: date) * 86_400
        guard cursor < bytes.endIndex else { return midnight }
        guard expect(UInt8(ascii: "T")), let hour = number(2), expect(UInt8(ascii: ":")), let minute = number(2) else { return nil }
        var second = 0
        if expect(UInt8(ascii: ":")) {
            guard let value = number(2) else { return nil }
            second = value
            // Fractional seconds (`10:00:00.000Z`, as JavaScript writes them): instants
            // are whole seconds, so the fraction is dropped.
            if expect(UInt8(ascii: ".")) {
                var digits = 0
                while cursor < bytes.endIndex, bytes[cursor] >= 48, bytes[cursor] <= 57 { cursor += 1; digits += 1 }
                guard digits > 0 else { return nil }
            }
        }
        guard let time = TimeOfDay(hour: hour, minute: minute, second: second) else { return nil }
        var offset = 0
        if cursor < bytes.endIndex, allowsZoneDesignator {
            if expect(UInt8(ascii: "Z")) {
                offset = 0
            } else {
                let sign: Int
                if expect(UInt8(ascii: "+")) { sign = 1 } else if expect(UInt8(ascii: "-")) { sign = -1 } else { return nil }
                guard let hours = number(2), expect(UInt8(ascii: ":")), let minutes = number(2), hours < 24, minutes < 60 else { return nil }
                offset = sign * (hours * 3600 + minutes * 60)
            }
        }
        guard cursor == bytes.endIndex else { return nil }
        return midnight + Int64(time.secondsSinceMidnight) - Int64(offset)
    }
}
