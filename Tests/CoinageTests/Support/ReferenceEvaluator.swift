import Coinage
import CoinageFoundation
import CoinageSyntax
import Foundation

/// An exact rational for the reference evaluator: 128-bit parts, always reduced, the
/// denominator positive. Deliberately not the engine's `Fraction`. Traps on overflow,
/// which the reference's small values never reach.
struct Rational: Comparable, CustomStringConvertible {
    let numerator: Int128
    let denominator: Int128

    init(_ numerator: Int128, _ denominator: Int128 = 1) {
        precondition(denominator != 0)
        let sign: Int128 = denominator < 0 ? -1 : 1
        let divisor = Rational.gcd(numerator.magnitude, denominator.magnitude)
        self.numerator = sign * numerator / Int128(divisor)
        self.denominator = sign * denominator / Int128(divisor)
    }

    init(_ value: Int64) { self.init(Int128(value)) }

    init(_ decimal: ExactDecimal) {
        var power: Int128 = 1
        for _ in 0..<decimal.scale { power *= 10 }
        self.init(Int128(decimal.significand), power)
    }

    /// `20%` as 1/5.
    init(percent: Percentage) { self = Rational(percent.value) / Rational(100) }

    static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x == 0 ? 1 : x
    }

    static func + (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }
    static func - (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator)
    }
    static func * (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.numerator, a.denominator * b.denominator)
    }
    static func / (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.denominator, a.denominator * b.numerator)
    }
    static func < (a: Rational, b: Rational) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }
    static func == (a: Rational, b: Rational) -> Bool {
        a.numerator == b.numerator && a.denominator == b.denominator
    }

    /// The largest integer not above.
    var floor: Int128 {
        let q = numerator / denominator
        return numerator % denominator != 0 && numerator < 0 ? q - 1 : q
    }

    /// The smallest integer not below.
    var ceiling: Int128 { numerator % denominator == 0 ? numerator / denominator : floor + 1 }

    /// To the nearest integer, a tie to the even one.
    var halfEven: Int128 {
        let low = floor
        let rest = self - Rational(low)
        let half = Rational(1, 2)
        if rest < half { return low }
        if half < rest { return low + 1 }
        return low % 2 == 0 ? low : low + 1
    }

    /// To the nearest integer, a tie up.
    var halfUp: Int128 { (self + Rational(1, 2)).floor }

    var description: String { "\(numerator)/\(denominator)" }
}

/// A plain, slow evaluator written straight from the language brief and the team's
/// decisions, to compare the compiled price book with. It reads the checked
/// `RuleSet` only: promotions and their `Condition` trees as they are, zones through
/// Foundation's `TimeZone`, calendars through Foundation's `Calendar`. Of the price
/// book it uses nothing but `explainListPrice` for bundle list prices.
struct ReferenceEvaluator {
    let rules: RuleSet
    let book: PriceBook
    private let zones: [String: TimeZone]
    private let utcCalendar: Calendar

    init(_ shop: CompiledShop) {
        book = shop.book
        rules = shop.rules
        var zones: [String: TimeZone] = ["UTC": TimeZone(identifier: "UTC")!]
        var names = Set(rules.regions.map(\.zone))
        for promotion in rules.promotions {
            if case .named(let name)? = promotion.window?.zone { names.insert(name) }
            if case .named(let name)? = promotion.weekly?.zone { names.insert(name) }
        }
        for name in names { zones[name] = TimeZone(identifier: name) }
        self.zones = zones
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        utcCalendar = calendar
    }

    /// What a quote comes to, in plain values, comparable across both evaluators.
    struct Outcome: Equatable, CustomStringConvertible {
        var item: String
        var currency: String
        var list: Int64
        /// `promotion=minor units`, in order.
        var discounts: [String]
        var price: Int64
        var coinsBase: Int64
        var coinsBonus: Int64
        var coinsTotal: Int64
        var applied: [String]
        var taxRate: String
        var taxIncluded: Bool
        var tax: Int64
        var total: Int64
        var proceeds: Int64

        var description: String {
            "\(item) \(currency) list \(list) discounts \(discounts) price \(price) coins \(coinsBase)+\(coinsBonus)=\(coinsTotal) "
                + "applied \(applied) tax \(taxRate)% \(taxIncluded ? "included" : "added") \(tax) total \(total) proceeds \(proceeds)"
        }
    }

    enum Result: Equatable, CustomStringConvertible {
        case quote(Outcome)
        case error(QuoteErrorKind)

        var description: String {
            switch self {
            case .quote(let outcome): outcome.description
            case .error(let kind): "error \(kind.rawValue)"
            }
        }
    }

    /// The compiled engine's answer in the same shape.
    static func outcome(of result: Swift.Result<Quote, QuoteError>) -> Result {
        switch result {
        case .failure(let error): return .error(error.kind)
        case .success(let q):
            return .quote(Outcome(
                item: q.item, currency: q.currency.code, list: q.list.minorUnits,
                discounts: q.discounts.map { "\($0.promotion)=\($0.amount.minorUnits)" }, price: q.price.minorUnits,
                coinsBase: q.coins.base, coinsBonus: q.coins.bonus, coinsTotal: q.coins.total, applied: q.applied,
                taxRate: q.tax.rate.value.description, taxIncluded: q.tax.included, tax: q.tax.amount.minorUnits,
                total: q.total.minorUnits, proceeds: q.proceeds.minorUnits))
        }
    }

    // MARK: - Money

    private func rate(_ currency: Currency) -> Rational {
        currency == rules.baseCurrency ? Rational(1) : Rational(rules.rates[currency.code]!)
    }

    /// Major units of `from` in major units of `to`: through the base currency.
    private func convert(_ value: Rational, from: Currency, to: Currency) -> Rational {
        from == to ? value : value / rate(from) * rate(to)
    }

    private func minorUnits(_ money: Money, in currency: Currency) -> Rational {
        convert(Rational(money.decimal), from: money.currency, to: currency) * Rational(currency.minorUnitsPerMajor)
    }

    /// A price grid: candidates `k × step + ending` (minor units), only positive ones.
    private func round(_ value: Rational, _ rule: RoundingRule) -> Int64 {
        let grid: RoundingGrid
        switch rule {
        case .single(let only): grid = only
        case .tiers(let tiers):
            grid = tiers.first { tier in tier.below.map { value < Rational($0) } ?? true }!.grid
        }
        let step = Int128(grid.step)
        let ending = Int128(grid.ending)
        let smallest: Int128 = ending > 0 ? 0 : 1
        var k = smallest
        if !(value < Rational(ending)) {
            let position = (value - Rational(ending)) / Rational(step)
            switch grid.mode {
            case .nearest: k = position.halfUp
            case .up: k = position.ceiling
            case .down: k = position.floor
            }
            k = max(k, smallest)
        }
        return Int64(k * step + ending)
    }

    // MARK: - Time

    /// Wall-clock seconds of `instant` in `zone`, read as if UTC.
    private func wallClock(_ instant: Int64, zone: String) -> Int64 {
        instant + Int64(zones[zone]!.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
    }

    /// Wall-clock seconds of a written date-time (as if UTC).
    private func wallClock(_ value: DateTimeValue, plusDays: Int = 0) -> Int64 {
        let components = DateComponents(year: value.date.year, month: value.date.month, day: value.date.day,
                                        hour: value.time.hour, minute: value.time.minute, second: value.time.second)
        let date = utcCalendar.date(byAdding: .day, value: plusDays, to: utcCalendar.date(from: components)!)!
        return Int64(date.timeIntervalSince1970)
    }

    private func zoneName(_ reference: ZoneReference, region: Region) -> String {
        switch reference {
        case .local: region.zone
        case .named(let name): name
        }
    }

    private func inWindow(_ window: DateWindow, instant: Int64, region: Region) -> Bool {
        let local = wallClock(instant, zone: zoneName(window.zone, region: region))
        let start = wallClock(window.start)
        // Dates: whole days inclusive, up to the midnight after the last day.
        let end = window.wholeDays ? wallClock(window.end, plusDays: 1) : wallClock(window.end)
        return start <= local && local < end
    }

    private func inSchedule(_ schedule: WeeklySchedule, instant: Int64, region: Region) -> Bool {
        let local = Date(timeIntervalSince1970: TimeInterval(wallClock(instant, zone: zoneName(schedule.zone, region: region))))
        let parts = utcCalendar.dateComponents([.weekday, .hour, .minute, .second], from: local)
        // Foundation: Sunday 1 ... Saturday 7; ISO: Monday 1 ... Sunday 7.
        let day = parts.weekday! == 1 ? 7 : parts.weekday! - 1
        let previous = day == 1 ? 7 : day - 1
        let second = parts.hour! * 3600 + parts.minute! * 60 + parts.second!
        guard let from = schedule.from, let to = schedule.to else { return schedule.days.contains(day) }
        if from < to { return schedule.days.contains(day) && from <= second && second < to }
        // Past midnight: the hours belong to the day they start on.
        return (schedule.days.contains(day) && second >= from) || (schedule.days.contains(previous) && second < to)
    }

    // MARK: - Conditions

    private struct Facts {
        let item: String
        let region: Region
        let channel: String?
        let coins: Int64
        let list: Int64
        let user: [String: UserValue]
    }

    private func compare<T: Comparable>(_ op: ComparisonOperator, _ a: T, _ b: T) -> Bool {
        switch op {
        case .equal: a == b
        case .notEqual: a != b
        case .less: a < b
        case .lessOrEqual: a <= b
        case .greater: a > b
        case .greaterOrEqual: a >= b
        }
    }

    /// The condition's truth, three-valued: nil is unknown, what a comparison on a user
    /// attribute the request does not carry gives, and `not` of it too. `and` is false
    /// when either side is false, `or` true when either side is true (Kleene's logic).
    /// A promotion is a candidate only when its condition is true.
    private func truth(_ condition: Condition, _ facts: Facts) -> Bool? {
        switch condition.kind {
        case .and(let a, let b):
            let (left, right) = (truth(a, facts), truth(b, facts))
            if left == false || right == false { return false }
            return left == true && right == true ? true : nil
        case .or(let a, let b):
            let (left, right) = (truth(a, facts), truth(b, facts))
            if left == true || right == true { return true }
            return left == false && right == false ? false : nil
        case .not(let inner): return truth(inner, facts).map { !$0 }
        case .bundle(let names): return names.contains(facts.item)
        case .region(let codes): return codes.contains(facts.region.code)
        case .channel(let names): return facts.channel.map { names.contains($0) } ?? false
        case .currency(let codes): return codes.contains(facts.region.currency.code)
        case .coins(let op, let value): return compare(op, facts.coins, value)
        case .list(let op, let money):
            return compare(op, Rational(facts.list), minorUnits(money, in: facts.region.currency))
        case .userBool(let name, let value):
            guard case .bool(let actual)? = facts.user[name] else { return nil }
            return actual == value
        case .userInt(let name, let op, let value):
            guard case .int(let actual)? = facts.user[name] else { return nil }
            return compare(op, actual, value)
        case .userDate(let name, let op, let date):
            guard case .date(let actual)? = facts.user[name] else { return nil }
            return compare(op, actual, date)
        case .userValue(let name, let values):
            guard case .value(let actual)? = facts.user[name] else { return nil }
            return values.contains(actual)
        case .userValueExcluded(let name, let values):
            // `!=` / `not in`: `not` of `==` / `in`, so unknown when the attribute is missing.
            guard case .value(let actual)? = facts.user[name] else { return nil }
            return !values.contains(actual)
        }
    }

    // MARK: - Quote

    func evaluate(_ request: QuoteRequest) -> Result {
        // 1. Region, channel, the item, then the buyer's facts.
        guard let region = rules.regions.first(where: { $0.code == request.region }) else { return .error(.unknownRegion) }
        var channel: Channel?
        if rules.channels.isEmpty {
            if request.channel != nil { return .error(.unknownChannel) }
        } else {
            guard let name = request.channel else { return .error(.missingChannel) }
            guard let found = rules.channels.first(where: { $0.name == name }) else { return .error(.unknownChannel) }
            channel = found
        }
        // The years the zone tables cover: 2000-01-01T00:00:00Z up to 2100-01-01T00:00:00Z.
        guard request.instant >= 946_684_800, request.instant < 4_102_444_800 else { return .error(.instantOutOfRange) }
        let currency = region.currency
        let item: String
        let list: Int64
        let baseCoins: Int64
        var bundleBonus: Int64 = 0
        switch request.item {
        case .bundle(let name):
            guard let bundle = rules.bundles.first(where: { $0.name == name }) else { return .error(.unknownBundle) }
            // 2. The list price (the one thing taken from the price book).
            guard let explained = book.explainListPrice(bundle: name, region: region.code, channel: channel?.name) else {
                return .error(.overflow)
            }
            item = name
            list = explained.price.minorUnits
            baseCoins = bundle.coins
            bundleBonus = bundle.bonusCoins
        case .coins(let amount):
            guard let custom = rules.customAmounts.first(where: { custom in
                custom.channels.isEmpty || channel.map { custom.channels.contains($0.name) } ?? false
            }) else { return .error(.noCustomAmount) }
            guard custom.minimumCoins <= amount, amount <= custom.maximumCoins else { return .error(.amountOutOfRange) }
            // coins × unit price, converted, × channel level × region level, half-even.
            var value = Rational(custom.unitPrice) * Rational(amount)
            value = convert(value, from: custom.unitCurrency, to: currency)
            if let channel { value = value * Rational(percent: channel.level) }
            value = value * Rational(percent: region.level) * Rational(currency.minorUnitsPerMajor)
            item = custom.name
            list = Int64(value.halfEven)
            baseCoins = amount
        }
        for (name, value) in request.user {
            guard let attribute = rules.userAttributes.first(where: { $0.name == name }) else { return .error(.unknownUserAttribute) }
            let fits: Bool
            switch (attribute.kind, value) {
            case (.bool, .bool), (.date, .date): fits = true
            case (.int(let range), .int(let number)): fits = range?.contains(number) ?? true
            case (.oneOf(let values), .value(let given)): fits = values.contains(given)
            default: fits = false
            }
            if !fits { return .error(.userAttributeType) }
        }
        let facts = Facts(item: item, region: region, channel: channel?.name, coins: baseCoins, list: list, user: request.user)

        // 3. Candidates.
        func isCandidate(_ promotion: Promotion) -> Bool {
            if let condition = promotion.condition, truth(condition, facts) != true { return false }
            if let window = promotion.window, !inWindow(window, instant: request.instant, region: region) { return false }
            if let schedule = promotion.weekly, !inSchedule(schedule, instant: request.instant, region: region) { return false }
            if let code = promotion.code, !request.codes.contains(where: { $0.lowercased() == code.lowercased() }) { return false }
            let used = request.redemptions[promotion.name] ?? Redemptions(total: 0, perUser: 0)
            if let limit = promotion.totalLimit, used.total >= limit { return false }
            if let limit = promotion.perUserLimit, used.perUser >= limit { return false }
            return true
        }

        // 4. Priority descending, then name ascending; groups; exclusive.
        let ordered = rules.promotions.sorted { a, b in a.priority != b.priority ? a.priority > b.priority : a.name < b.name }
        var running = list
        var lines: [(promotion: String, amount: Int64)] = []
        var applied: [String] = []
        var groups: Set<String> = []
        var bonusCoins: Int64 = 0
        for promotion in ordered where isCandidate(promotion) {
            if let group = promotion.group {
                if groups.contains(group) { continue }
                groups.insert(group)
            }
            applied.append(promotion.name)
            // 5. Price, line by line, never below zero.
            if let effect = promotion.priceEffect {
                var amount: Int64
                switch effect {
                case .percentOff(let percent):
                    let base = rules.stacking == .additive ? list : running
                    amount = Int64((Rational(base) * Rational(percent: percent)).halfEven)
                case .amountOff(let money):
                    amount = Int64(minorUnits(money, in: currency).halfEven)
                case .setPrice(let money):
                    let target: Int64
                    if money.currency == currency {
                        target = money.minorUnits
                    } else if let rule = rules.roundingRules[currency.code] {
                        target = round(minorUnits(money, in: currency), rule)
                    } else {
                        target = Int64(minorUnits(money, in: currency).halfEven)
                    }
                    amount = max(0, running - target)
                }
                amount = min(amount, running)
                running -= amount
                lines.append((promotion.name, amount))
            }
            // 6. Bonus coins.
            switch promotion.bonus {
            case .coins(let count)?: bonusCoins += count
            case .percent(let percent)?: bonusCoins += Int64((Rational(baseCoins) * Rational(percent: percent)).floor)
            case nil: break
            }
            if promotion.exclusive { break }
        }
        // The floor: the last applied discounts give way first.
        let floor = Int64((Rational(list) * Rational(percent: rules.floor)).ceiling)
        if running < floor {
            var excess = floor - running
            for index in lines.indices.reversed() where excess > 0 {
                let cut = min(lines[index].amount, excess)
                lines[index].amount -= cut
                excess -= cut
            }
            running = floor
        }

        // 7. Tax and proceeds.
        let rate = Rational(percent: region.tax.rate)
        let tax: Int64
        let total: Int64
        let net: Int64
        switch region.tax.mode {
        case .included:
            tax = Int64((Rational(running) * rate / (Rational(1) + rate)).halfEven)
            total = running
            net = running - tax
        case .added:
            tax = Int64((Rational(running) * rate).halfEven)
            total = running + tax
            net = running
        }
        let fee = channel.map { Int64((Rational(net) * Rational(percent: $0.fee)).halfEven) } ?? 0
        let bonus = bundleBonus + bonusCoins
        return .quote(Outcome(
            item: item, currency: currency.code, list: list,
            discounts: lines.filter { $0.amount > 0 }.map { "\($0.promotion)=\($0.amount)" }, price: running,
            coinsBase: baseCoins, coinsBonus: bonus, coinsTotal: baseCoins + bonus, applied: applied,
            taxRate: region.tax.rate.value.description, taxIncluded: region.tax.mode == .included, tax: tax,
            total: total, proceeds: net - fee))
    }
}
