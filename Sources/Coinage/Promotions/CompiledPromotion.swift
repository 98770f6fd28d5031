import CoinageSyntax

/// A promotion compiled for quoting. A class, so the walk looks at it through one
/// reference instead of copying every field of it for every candidate.
final class CompiledPromotion: Sendable {
    let source: Promotion
    let name: String
    let condition: CompiledCondition?
    /// Fixed amounts of `discount M CUR` / `price M CUR`, per currency index, in minor
    /// units (nil where the conversion overflowed).
    let amounts: [Int64?]
    let groupIndex: Int?
    let hasPriceEffect: Bool
    let hasLimits: Bool

    init(source: Promotion, condition: CompiledCondition?, amounts: [Int64?], groupIndex: Int?) {
        self.source = source
        self.name = source.name
        self.condition = condition
        self.amounts = amounts
        self.groupIndex = groupIndex
        self.hasPriceEffect = source.priceEffect != nil
        self.hasLimits = source.totalLimit != nil || source.perUserLimit != nil
    }
}

/// `during A to B` as wall-clock seconds, half-open (a whole-day window ends at the
/// midnight after its last day).
struct CompiledWindow: Sendable {
    let start: Int64
    let end: Int64
    /// Nil: each region's own zone (`local`).
    let zone: Int?

    @inline(__always)
    func contains(_ local: Int64) -> Bool { local >= start && local < end }
}

/// `every DAYS from A to B` as ISO weekdays and seconds of the day.
struct CompiledWeekly: Sendable {
    /// Bit `d - 1` set for ISO weekday `d` (1 Monday … 7 Sunday).
    let dayMask: UInt8
    let from: Int?
    let to: Int?
    let zone: Int?

    init(days: Set<Int>, from: Int?, to: Int?, zone: Int?) {
        dayMask = days.reduce(0) { mask, day in (1...7).contains(day) ? mask | UInt8(1) << UInt8(day - 1) : mask }
        self.from = from
        self.to = to
        self.zone = zone
    }

    /// Whether the schedule includes ISO weekday `day` (1 Monday … 7 Sunday).
    func includes(_ day: Int) -> Bool { (1...7).contains(day) && dayMask & (UInt8(1) << UInt8(day - 1)) != 0 }

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

/// Turns a checked rule set's promotions into their compiled form.
struct PromotionCompiler {
    let rules: RuleSet
    let itemIndex: NameTable
    let regionIndex: NameTable
    let channelIndex: NameTable
    let currencyIndex: [String: Int]
    let currencies: [Currency]
    /// Zone names to their index in the price book's offset tables.
    let zoneIndex: [String: Int]

    func compile(_ promotion: Promotion, groups: [String: Int]) -> CompiledPromotion {
        var amounts: [Int64?] = []
        if let effect = promotion.priceEffect {
            switch effect {
            case .amountOff(let money):
                amounts = currencies.map { try? Conversion(rules).convert(money, to: $0).minorUnits }
            case .setPrice(let money):
                amounts = currencies.map { currency in
                    guard money.currency != currency else { return money.minorUnits }
                    return try? roundedByRule(money, to: currency)
                }
            case .percentOff:
                break
            }
        }
        return CompiledPromotion(source: promotion, condition: promotion.condition.map(compile), amounts: amounts,
                                 groupIndex: promotion.group.flatMap { groups[$0] })
    }

    /// `during A to B` as wall-clock seconds, half-open.
    func window(_ promotion: Promotion) -> CompiledWindow? {
        promotion.window.map { window in
            let start = CivilTime.seconds(from: window.start)
            let end = CivilTime.seconds(from: window.end) + (window.wholeDays ? 86_400 : 0)
            return CompiledWindow(start: start, end: end, zone: zone(window.zone))
        }
    }

    /// `every DAYS from A to B` as weekdays and seconds of the day.
    func weekly(_ promotion: Promotion) -> CompiledWeekly? {
        promotion.weekly.map { CompiledWeekly(days: $0.days, from: $0.from, to: $0.to, zone: zone($0.zone)) }
    }

    private func zone(_ reference: ZoneReference) -> Int? {
        switch reference {
        case .local: nil
        case .named(let name): zoneIndex[name] ?? zoneIndex["UTC"]
        }
    }

    /// A promotional price in another currency: converted, then put on that
    /// currency's grid like a derived price.
    private func roundedByRule(_ money: Money, to currency: Currency) throws(ArithmeticOverflow) -> Int64 {
        guard let value = Fraction(money.decimal) else { throw ArithmeticOverflow() }
        let minor = try Conversion(rules).convert(value, from: money.currency, to: currency)
            .multiplied(by: currency.minorUnitsPerMajorUnsigned)
        if let rule = rules.roundingRules[currency.code] { return try rule.round(minor).minorUnits }
        guard let rounded = minor.rounded(.halfEven), rounded <= UInt64(Int64.max) else { throw ArithmeticOverflow() }
        return Int64(rounded)
    }

    func compile(_ condition: Condition) -> CompiledCondition {
        switch condition.kind {
        case .and(let a, let b): return .and(compile(a), compile(b))
        case .or(let a, let b): return .or(compile(a), compile(b))
        case .not(let a): return .not(compile(a))
        case .bundle(let names): return .item(IndexSet64(names.compactMap { itemIndex[$0] }, capacity: rules.bundles.count + rules.customAmounts.count))
        case .region(let codes): return .region(IndexSet64(codes.compactMap { regionIndex[$0] }, capacity: rules.regions.count))
        case .channel(let names): return .channel(IndexSet64(names.compactMap { channelIndex[$0] }, capacity: rules.channels.count))
        case .currency(let codes): return .currency(IndexSet64(codes.compactMap { currencyIndex[$0] }, capacity: currencies.count))
        case .coins(let op, let value): return .coins(op, value)
        case .list(let op, let money):
            return .list(op, currencies.map { currency in
                guard let value = Fraction(money.decimal) else { return nil }
                return try? Conversion(rules).convert(value, from: money.currency, to: currency)
                    .multiplied(by: currency.minorUnitsPerMajorUnsigned)
            })
        case .userBool(let name, let value): return .userBool(slot(name), value)
        case .userInt(let name, let op, let value): return .userInt(slot(name), op, value)
        case .userDate(let name, let op, let date): return .userDate(slot(name), op, CivilTime.days(from: date))
        case .userValue(let name, let values):
            let (slot, set) = valueSet(name, values)
            return .userValue(slot, set)
        case .userValueExcluded(let name, let values):
            let (slot, set) = valueSet(name, values)
            return .userValueExcluded(slot, set)
        }
    }

    private func valueSet(_ name: String, _ values: Set<String>) -> (Int, IndexSet64) {
        let slot = slot(name)
        guard case .oneOf(let declared) = rules.userAttributes[slot].kind else { return (slot, IndexSet64(capacity: 1)) }
        return (slot, IndexSet64(values.compactMap { declared.firstIndex(of: $0) }, capacity: declared.count))
    }

    /// The attribute's index among the declared attributes (the checker guarantees it exists).
    private func slot(_ name: String) -> Int {
        rules.userAttributes.firstIndex { $0.name == name } ?? 0
    }
}
