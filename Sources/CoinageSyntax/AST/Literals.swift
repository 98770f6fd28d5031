/// A lowercase name as written: `coins_700`, `eurozone`, `web`.
public struct Name: Hashable, Sendable, CustomStringConvertible {
    public let text: String
    public let span: SourceSpan

    public init(_ text: String, span: SourceSpan) {
        self.text = text
        self.span = span
    }

    public var description: String { text }
}

/// A capitalised code as written: a region (`DE`), a currency (`EUR`) or a zone
/// (`Europe/Berlin`).
public struct Code: Hashable, Sendable, CustomStringConvertible {
    public let text: String
    public let span: SourceSpan

    public init(_ text: String, span: SourceSpan) {
        self.text = text
        self.span = span
    }

    public var description: String { text }
}

/// A number as written: `1_000`, `4.99`. `isInteger` is false when it has a point.
public struct NumberLiteral: Hashable, Sendable {
    public let value: ExactDecimal
    public let isInteger: Bool
    public let span: SourceSpan
    /// The unit word written with a count of coins (`bits` in `100 bits`, in
    /// `expect bits 100`); nil for `coin` and `coins`, which every rule set
    /// accepts, and for every other number. The parser takes any word there; the
    /// checker holds it to the shop's `unit`.
    public internal(set) var unit: Name? = nil
}

/// `20%` or `12.5%`; `value` is the number before the sign (20, 12.5).
public struct PercentLiteral: Hashable, Sendable {
    public let value: ExactDecimal
    public let span: SourceSpan
}

/// `4.99 USD`: an amount and a currency code.
public struct MoneyLiteral: Hashable, Sendable {
    public let amount: NumberLiteral
    public let currency: Code
    public var span: SourceSpan { amount.span.merged(with: currency.span) }
}

/// `"BF2026"`, with the quotes and escapes removed from `value`.
public struct StringLiteral: Hashable, Sendable {
    public let value: String
    public let span: SourceSpan
}

/// A calendar date, checked to exist (`2026-02-30` is rejected by the parser).
public struct CivilDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    // Stored in 4 bytes, not 24: every window, test and user date holds one or two,
    // and a big shop's promotions and their parsed clauses are megabytes of them.
    private let storedYear: Int16
    private let storedMonth: UInt8
    private let storedDay: UInt8

    public var year: Int { Int(storedYear) }
    public var month: Int { Int(storedMonth) }
    public var day: Int { Int(storedDay) }

    public init?(year: Int, month: Int, day: Int) {
        guard year >= 1, year <= 9999, month >= 1, month <= 12, day >= 1,
              day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.storedYear = Int16(year)
        self.storedMonth = UInt8(month)
        self.storedDay = UInt8(day)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

/// A time of day, `18:00` or `18:00:30`. `24:00` is not a time.
public struct TimeOfDay: Hashable, Sendable, Comparable, CustomStringConvertible {
    // Stored in 3 bytes, not 24, for the same reason as `CivilDate`.
    private let storedHour: UInt8
    private let storedMinute: UInt8
    private let storedSecond: UInt8

    public var hour: Int { Int(storedHour) }
    public var minute: Int { Int(storedMinute) }
    public var second: Int { Int(storedSecond) }

    public init?(hour: Int, minute: Int, second: Int = 0) {
        guard (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second) else { return nil }
        self.init(valid: hour, minute: minute, second: second)
    }

    private init(valid hour: Int, minute: Int, second: Int) {
        self.storedHour = UInt8(hour)
        self.storedMinute = UInt8(minute)
        self.storedSecond = UInt8(second)
    }

    public static let midnight = TimeOfDay(valid: 0, minute: 0, second: 0)

    public var secondsSinceMidnight: Int { hour * 3600 + minute * 60 + second }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.secondsSinceMidnight < b.secondsSinceMidnight }

    public var description: String {
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return second == 0 ? "\(pad(hour)):\(pad(minute))" : "\(pad(hour)):\(pad(minute)):\(pad(second))"
    }
}

// Reflection shows the values, not their storage: a dump, and the formatter's
// structural fingerprint, read `year`, `month`, `day` as before. Embedded Swift
// (the WebAssembly build) has no reflection.
#if !hasFeature(Embedded)
extension CivilDate: CustomReflectable {
    public var customMirror: Mirror {
        Mirror(self, children: ["year": year, "month": month, "day": day], displayStyle: .struct)
    }
}

extension TimeOfDay: CustomReflectable {
    public var customMirror: Mirror {
        Mirror(self, children: ["hour": hour, "minute": minute, "second": second], displayStyle: .struct)
    }
}
#endif

/// A date (`2026-11-27`) or a date-time (`2026-11-27T18:00`) as written in a window
/// or a test.
public struct TimePoint: Hashable, Sendable, CustomStringConvertible {
    public let date: CivilDate
    /// Nil for a bare date.
    public let time: TimeOfDay?
    public let span: SourceSpan

    public var isDate: Bool { time == nil }

    public var description: String {
        guard let time else { return date.description }
        return "\(date)T\(time)"
    }
}

/// A time of day as written, with its span.
public struct TimeLiteral: Hashable, Sendable {
    public let time: TimeOfDay
    public let span: SourceSpan
}

/// Where a time is read: each region's own zone (`local`) or a named IANA zone.
public enum ZoneSpec: Hashable, Sendable {
    case local(SourceSpan)
    case named(Code)

    public var span: SourceSpan {
        switch self {
        case .local(let span): span
        case .named(let code): code.span
        }
    }
}
