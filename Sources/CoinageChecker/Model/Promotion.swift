import CoinageSyntax

/// A checked promotion: a typed condition, windows in resolved form, effects.
public struct Promotion: Hashable, Sendable {
    public let name: String
    public let condition: Condition?
    // Boxed: a window or a weekly schedule is on about one promotion in four, and
    // in place the two were 120 of a promotion's 320 bytes, in the array of every
    // promotion that the checker builds while the syntax tree is still held.
    private let boxedWindow: Boxed<DateWindow>?
    private let boxedWeekly: Boxed<WeeklySchedule>?
    /// Uppercased, so matching a request's code is case-insensitive.
    public let code: String?
    public let totalLimit: Int64?
    public let perUserLimit: Int64?
    public let priceEffect: PriceEffect?
    public let bonus: BonusEffect?
    public let priority: Int64
    public let exclusive: Bool
    public let group: String?
    public let span: SourceSpan

    public var window: DateWindow? { boxedWindow?.value }
    public var weekly: WeeklySchedule? { boxedWeekly?.value }

    init(name: String, condition: Condition?, window: DateWindow?, weekly: WeeklySchedule?, code: String?,
         totalLimit: Int64?, perUserLimit: Int64?, priceEffect: PriceEffect?, bonus: BonusEffect?,
         priority: Int64, exclusive: Bool, group: String?, span: SourceSpan) {
        self.name = name
        self.condition = condition
        self.boxedWindow = window.map(Boxed.init)
        self.boxedWeekly = weekly.map(Boxed.init)
        self.code = code
        self.totalLimit = totalLimit
        self.perUserLimit = perUserLimit
        self.priceEffect = priceEffect
        self.bonus = bonus
        self.priority = priority
        self.exclusive = exclusive
        self.group = group
        self.span = span
    }
}

/// A value kept in an allocation of its own, compared and hashed by its value: a
/// struct's rarely set, large field costs a word where it is absent.
final class Boxed<Value: Hashable & Sendable>: Hashable, Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }

    static func == (left: Boxed, right: Boxed) -> Bool { left.value == right.value }

    func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

/// What a promotion does to the price.
public enum PriceEffect: Hashable, Sendable {
    /// `discount 20%`
    case percentOff(Percentage)
    /// `discount 2.00 USD`, converted with the rates when the quote's currency differs.
    case amountOff(Money)
    /// `price 4.99 USD`: sets the running price, never raises it.
    case setPrice(Money)
}

/// What a promotion adds to the coins.
public enum BonusEffect: Hashable, Sendable {
    /// `bonus 10%` of base coins, rounded down.
    case percent(Percentage)
    /// `bonus 100 coins`
    case coins(Int64)
}

/// Where a window's times are read.
public enum ZoneReference: Hashable, Sendable {
    /// Each region's own zone.
    case local
    /// A named IANA zone (`UTC` when none was written).
    case named(String)
}

/// `during A to B`: whole days inclusive (dates) or half-open (date-times).
public struct DateWindow: Hashable, Sendable {
    public let start: DateTimeValue
    public let end: DateTimeValue
    /// True when written with bare dates: the end day is included whole.
    public let wholeDays: Bool
    public let zone: ZoneReference
    public let span: SourceSpan

    /// The window as wall-clock seconds of its zone, half-open: a whole-day window
    /// ends at the midnight after its last day. The one reading of a window that the
    /// quote path, the analysis and the diff all share.
    package var wallClockBounds: (start: Int64, end: Int64) {
        (CivilTime.seconds(from: start), CivilTime.seconds(from: end) + (wholeDays ? 86_400 : 0))
    }
}

/// A wall-clock date and time, without a zone.
public struct DateTimeValue: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let date: CivilDate
    public let time: TimeOfDay

    public init(date: CivilDate, time: TimeOfDay) {
        self.date = date
        self.time = time
    }

    public static func < (a: DateTimeValue, b: DateTimeValue) -> Bool {
        a.date != b.date ? a.date < b.date : a.time < b.time
    }

    public var description: String { "\(date)T\(time)" }
}

/// `every sat, sun from 18:00 to 22:00 local`
public struct WeeklySchedule: Hashable, Sendable {
    /// ISO weekdays, Monday = 1 ... Sunday = 7.
    public let days: Set<Int>
    /// Seconds since midnight; `from == nil` means the whole day.
    public let from: Int?
    public let to: Int?
    public let zone: ZoneReference
    public let span: SourceSpan

    /// True when the hours run past midnight (`from 22:00 to 02:00`).
    public var crossesMidnight: Bool {
        guard let from, let to else { return false }
        return to < from
    }
}
