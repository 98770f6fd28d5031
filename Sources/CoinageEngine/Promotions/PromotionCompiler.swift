import CoinageChecker
import CoinageSyntax

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
    /// The rules' rates, made once: made per amount, each copied the whole rule set.
    let conversion: Conversion

    init(rules: RuleSet, itemIndex: NameTable, regionIndex: NameTable, channelIndex: NameTable,
         currencyIndex: [String: Int], currencies: [Currency], zoneIndex: [String: Int]) {
        self.rules = rules
        self.itemIndex = itemIndex
        self.regionIndex = regionIndex
        self.channelIndex = channelIndex
        self.currencyIndex = currencyIndex
        self.currencies = currencies
        self.zoneIndex = zoneIndex
        conversion = Conversion(rules)
    }

    /// Compiles one promotion. Whatever a checked rule set promises and this compiler
    /// finds broken (a name that does not resolve, an amount that cannot convert for
    /// want of a rate) is recorded in `brokenInvariant`, never replaced by a stand-in.
    ///
    /// `label` labels its condition; `sharing` hands promotions of one fixed amount
    /// one array of it per currency, and equal comparisons one box.
    func compile(_ promotion: Promotion, groups: [String: Int], label: ConditionLabel?,
                 sharing: inout Sharing) -> CompiledPromotion {
        var problems: [String] = []
        var amounts: [Int64?] = []
        var effect: CompiledPromotion.PriceEffect?
        var discountRatio: Ratio?
        var effectText: String?
        switch promotion.priceEffect {
        case .amountOff(let money)?:
            effect = .amountOff
            effectText = "\(money) off"
            amounts = currencies.map { currency in
                guard convertible(money, to: currency, &problems) else { return nil }
                // Too large for 64 bits is larger than every price: it takes the whole running price.
                return (try? conversion.convert(money, to: currency).minorUnits) ?? Int64.max
            }
            amounts = sharing.shared(amounts, amountOff: true, money)
        case .setPrice(let money)?:
            effect = .setPrice
            effectText = "price \(money)"
            amounts = currencies.map { currency in
                guard money.currency != currency else { return money.minorUnits }
                guard convertible(money, to: currency, &problems) else { return nil }
                // Too large for 64 bits is above every price: never lower, no discount.
                return (try? roundedByRule(money, to: currency)) ?? Int64.max
            }
            amounts = sharing.shared(amounts, amountOff: false, money)
        case .percentOff(let percent)?:
            effect = .percentOff
            effectText = "\(percent) off"
            discountRatio = (try? percentFraction(percent)).flatMap(Ratio.init)
        case nil:
            break
        }
        var bonus: CompiledPromotion.Bonus?
        var bonusRatio: Ratio?
        switch promotion.bonus {
        case .coins(let count)?: bonus = .coins(count)
        case .percent(let percent)?:
            bonus = .percent
            bonusRatio = (try? percentFraction(percent)).flatMap(Ratio.init)
        case nil: break
        }
        let condition = promotion.condition.map { compile($0, problems: &problems, sharing: &sharing) }
        let groupIndex = promotion.group.flatMap { groups[$0] }
        if promotion.group != nil, groupIndex == nil { problems.append("its group has no index") }
        return CompiledPromotion(
            name: promotion.name, condition: condition, conditionLabel: label,
            window: window(promotion), weekly: weekly(promotion), code: promotion.code,
            totalLimit: promotion.totalLimit, perUserLimit: promotion.perUserLimit, exclusive: promotion.exclusive,
            group: groupIndex.flatMap { index in promotion.group.map { (index, $0) } },
            priceEffect: effect, discountRatio: discountRatio, amounts: amounts, bonus: bonus, bonusRatio: bonusRatio,
            effectText: effectText, brokenInvariant: problems.first.map { "promotion `\(promotion.name)`: \($0)" })
    }

    /// What promotions compiled so far share: the per-currency amounts of a fixed
    /// amount, by effect and amount as written, and the comparisons of conditions.
    /// A big shop writes a few amounts, markets and bundle lists many times, and a
    /// copy of each per promotion was a fifth of its price book.
    struct Sharing {
        private var arrays: [AmountKey: [Int64?]] = [:]
        /// The comparisons made so far, each by itself: an equal one shares its box.
        private var leaves: [CompiledCondition: CompiledCondition] = [:]

        private struct AmountKey: Hashable {
            let amountOff: Bool
            let money: Money
        }

        init() {}

        /// The array already made for the same effect and amount, if equal to
        /// `amounts` (it always is: the same amount converts alike), else `amounts`.
        mutating func shared(_ amounts: [Int64?], amountOff: Bool, _ money: Money) -> [Int64?] {
            let key = AmountKey(amountOff: amountOff, money: money)
            if let existing = arrays[key], existing == amounts { return existing }
            arrays[key] = amounts
            return amounts
        }

        /// An equal comparison made before, else `leaf`; `and`, `or` and `not` are
        /// returned as they are (their operands are shared already).
        mutating func shared(_ leaf: CompiledCondition) -> CompiledCondition {
            switch leaf {
            case .and, .or, .not: return leaf
            default:
                if let existing = leaves[leaf] { return existing }
                leaves[leaf] = leaf
                return leaf
            }
        }
    }

    /// Whether `money` converts to `currency`: both have a rate (the checker requires
    /// one for every currency a promotion names), and the amount is not negative.
    private func convertible(_ money: Money, to currency: Currency, _ problems: inout [String]) -> Bool {
        guard money.minorUnits >= 0, conversion.hasRate(money.currency), conversion.hasRate(currency) else {
            problems.append("\(money) cannot convert to \(currency.code)")
            return false
        }
        return true
    }

    /// `during A to B` as wall-clock seconds, half-open.
    func window(_ promotion: Promotion) -> CompiledWindow? {
        promotion.window.map { window in
            let bounds = window.wallClockBounds
            return CompiledWindow(start: bounds.start, end: bounds.end, zone: zone(window.zone))
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
        let minor = try conversion.convert(BigFraction(value), from: money.currency, to: currency)
            .multiplied(by: currency.minorUnitsPerMajorUnsigned)
        if let rule = rules.roundingRules[currency.code] { return try rule.round(minor).minorUnits }
        guard let rounded = minor.rounded(.halfEven), rounded <= UInt64(Int64.max) else { throw ArithmeticOverflow() }
        return Int64(rounded)
    }

    /// Compiles a condition; a name that does not resolve is recorded in `problems`
    /// and compiles to a comparison that never holds.
    func compile(_ condition: Condition, problems: inout [String], sharing: inout Sharing) -> CompiledCondition {
        sharing.shared(unshared(condition, problems: &problems, sharing: &sharing))
    }

    /// Compiles a condition as `compile` does, its comparison (if it is one) not yet shared.
    private func unshared(_ condition: Condition, problems: inout [String], sharing: inout Sharing) -> CompiledCondition {
        func indices(_ names: Set<String>, in table: NameTable, _ what: String) -> [Int] {
            let found = names.compactMap { table[$0] }
            if found.count != names.count { problems.append("a \(what) of its condition has no index") }
            return found
        }
        switch condition.kind {
        case .and(let a, let b):
            return .and(compile(a, problems: &problems, sharing: &sharing), compile(b, problems: &problems, sharing: &sharing))
        case .or(let a, let b):
            return .or(compile(a, problems: &problems, sharing: &sharing), compile(b, problems: &problems, sharing: &sharing))
        case .not(let a): return .not(compile(a, problems: &problems, sharing: &sharing))
        case .bundle(let names): return .item(IndexSet64(indices(names, in: itemIndex, "bundle"), capacity: rules.bundles.count + rules.customAmounts.count))
        case .region(let codes): return .region(IndexSet64(indices(codes, in: regionIndex, "region"), capacity: rules.regions.count))
        case .channel(let names): return .channel(IndexSet64(indices(names, in: channelIndex, "channel"), capacity: rules.channels.count))
        // A currency no region uses is allowed: it has no index and never matches.
        case .currency(let codes): return .currency(IndexSet64(codes.compactMap { currencyIndex[$0] }, capacity: currencies.count))
        case .coins(let op, let value): return .coins(op, value)
        case .list(let op, let money):
            // Kept as a fraction that compares with every whole list price exactly as the
            // converted amount does (which may need more than 128 bits itself); one past
            // 64 bits compares like `UInt64.max`, above every list price.
            var amounts: [Fraction?] = []
            for currency in currencies {
                guard convertible(money, to: currency, &problems), let value = Fraction(money.decimal),
                      let converted = try? conversion.convert(BigFraction(value), from: money.currency, to: currency)
                else { amounts.append(nil); continue }
                amounts.append(converted.multiplied(by: currency.minorUnitsPerMajorUnsigned).roundingEquivalent ?? Fraction(UInt64.max))
            }
            return .list(op, amounts)
        case .userBool(let name, let value):
            guard let slot = slot(name, &problems) else { return Self.never }
            return .userBool(slot, value)
        case .userInt(let name, let op, let value):
            guard let slot = slot(name, &problems) else { return Self.never }
            return .userInt(slot, op, value)
        case .userDate(let name, let op, let date):
            guard let slot = slot(name, &problems) else { return Self.never }
            return .userDate(slot, op, CivilTime.days(from: date))
        case .userValue(let name, let values):
            guard let (slot, set) = valueSet(name, values, &problems) else { return Self.never }
            return .userValue(slot, set)
        case .userValueExcluded(let name, let values):
            guard let (slot, set) = valueSet(name, values, &problems) else { return Self.never }
            return .userValueExcluded(slot, set)
        }
    }

    /// What a condition that did not compile becomes: never true. Its price book
    /// refuses every quote anyway (`brokenInvariant`).
    private static let never = CompiledCondition.item(IndexSet64(capacity: 1))

    private func valueSet(_ name: String, _ values: Set<String>, _ problems: inout [String]) -> (Int, IndexSet64)? {
        guard let slot = slot(name, &problems) else { return nil }
        guard case .oneOf(let declared) = rules.userAttributes[slot].kind else {
            problems.append("`user.\(name)` is compared with values but is not `one of`")
            return nil
        }
        let found = values.compactMap { declared.firstIndex(of: $0) }
        guard found.count == values.count else {
            problems.append("a value compared with `user.\(name)` is not declared")
            return nil
        }
        return (slot, IndexSet64(found, capacity: declared.count))
    }

    /// The attribute's index among the declared attributes; the checker guarantees it exists.
    private func slot(_ name: String, _ problems: inout [String]) -> Int? {
        guard let slot = rules.userAttributes.firstIndex(where: { $0.name == name }) else {
            problems.append("`user.\(name)` is not declared")
            return nil
        }
        return slot
    }
}
