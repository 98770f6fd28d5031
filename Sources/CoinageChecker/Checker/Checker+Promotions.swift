import CoinageSyntax

extension Checker {
    static let weekdays = ["mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7]

    /// The number of a day written in a schedule (1 is Monday), without hashing the word.
    static func weekday(_ word: String) -> Int? {
        switch word {
        case "mon": 1
        case "tue": 2
        case "wed": 3
        case "thu": 4
        case "fri": 5
        case "sat": 6
        case "sun": 7
        default: nil
        }
    }

    /// User attributes: their types, value lists and ranges.
    mutating func checkUserAttributes() {
        for declaration in declarations.users {
            let kind: UserAttribute.Kind
            switch declaration.type {
            case .bool: kind = .bool
            case .date: kind = .date
            case .text: kind = .text
            case .int(let minimum, let maximum):
                guard let minimum, let maximum else { kind = .int(nil); break }
                guard let low = minimum.value.integerValue, let high = maximum.value.integerValue else { continue }
                guard low <= high else {
                    report(.customRangeInverted, "the range of `\(declaration.name.text)` runs from `\(text(minimum.span))` down to `\(text(maximum.span))`",
                           at: minimum.span.merged(with: maximum.span), help: "write the smaller value first")
                    continue
                }
                kind = .int(low...high)
            case .oneOf(let names):
                var values: [String] = []
                var repeats = ListRepeats()
                for name in names where !repeats.isRepeat(name.text, at: name.span) { values.append(name.text) }
                reportRepeats(repeats) { _ in "remove the second one" }
                oneOfValues[declaration.name.text] = Set(values)
                kind = .oneOf(values)
            }
            userAttributes[declaration.name.text] = UserAttribute(name: declaration.name.text, kind: kind, span: declaration.span)
        }
    }

    mutating func reportUnusedUserAttributes() {
        // A condition that failed to parse may have used the attribute, and a misspelt
        // use (`user.segmnet`) is already reported where it stands.
        guard !declarations.hasParseFailures, !reportedUnknownAttribute else { return }
        for declaration in declarations.users where !usedUserAttributes.contains(declaration.name.text) {
            report(.unusedUserAttribute, "user attribute `\(declaration.name.text)` is never used in a condition",
                   at: declaration.name.span, help: "remove it, or use it in a promotion's `when`")
        }
    }

    /// Every promotion, checked clause by clause; those with errors are left out.
    mutating func checkPromotions() -> [Promotion] {
        // One array, sized once, checked in the order of the file (the syntax tree is
        // read where it lies: in the order of the names, a third of the check's time
        // went to cache misses) and then put in the order of the names in place: a
        // sort of the values took a scratch buffer of half their size at the check's peak.
        var checked: [Promotion] = []
        checked.reserveCapacity(declarations.promotions.count)
        for index in declarations.promotions.indices { promotion(at: index, into: &checked) }
        Self.orderByName(&checked)
        return checked
    }

    /// Puts `promotions` in the order of their names (a name declared twice keeps its
    /// declarations' order) by sorting their indices, then swapping the values along
    /// the cycles of that permutation: a swap moves bytes, where an assignment would
    /// retain and release every field of the value.
    static func orderByName(_ promotions: inout [Promotion]) {
        let names = promotions.map { $0.name }
        let order = names.indices.sorted { left, right in
            let (a, b) = (names[left], names[right])
            return a < b || (a == b && left < right)
        }
        var placed = [Bool](repeating: false, count: order.count)
        promotions.withUnsafeMutableBufferPointer { buffer in
            for start in buffer.indices where !placed[start] {
                // Position `i` takes the value at `order[i]`: the value swapped forward
                // along the cycle from `start` is `start`'s, which the cycle's last
                // position takes.
                var position = start
                while true {
                    placed[position] = true
                    let source = order[position]
                    if source == start { break }
                    buffer.swapAt(position, source)
                    position = source
                }
            }
        }
    }

    /// Appends the promotion to `checked` unless it has an error: appended where it
    /// is made, not returned as an optional that was copied twice on the way.
    ///
    /// The declaration is read from the table part by part: passed whole, it was
    /// copied out of the table (which the checks may change) for every promotion.
    private mutating func promotion(at declarationIndex: Int, into checked: inout [Promotion]) {
        let name = declarations.promotions[declarationIndex].name
        var ok = true
        // The slots written so far, a bit each (see `slot(of:)`); a repeat looks back
        // for the first, so that no table of spans is made for each promotion.
        var seen: UInt16 = 0
        var condition: Condition?
        var window: DateWindow?
        var weekly: WeeklySchedule?
        var code: String?
        var totalLimit: Int64?
        var perUserLimit: Int64?
        var priceEffect: (PriceEffect, SourceSpan)?
        var bonus: (BonusEffect, SourceSpan)?
        var priority: Int64 = 0
        var exclusive = false
        var group: String?

        // By index, each clause's kind read in place: a copy of each clause, and its
        // release, cost more than checking most clauses.
        let clauses = declarations.promotions[declarationIndex].clauses
        for index in clauses.indices {
            let clauseSpan = clauses[index].span
            let slot = Self.slot(of: clauses[index].kind)
            if seen & (1 << slot) != 0 {
                let first = Self.firstSpan(of: slot, in: clauses, before: index)
                if slot == Self.priceEffectSlot {
                    report(.conflictingEffects, "promotion `\(name.text)` has two price effects", at: clauseSpan,
                           notes: [DiagnosticNote("the first is here", at: first)],
                           help: "a promotion either takes a discount or sets a price: split it into two promotions")
                } else {
                    report(.duplicateClause, "promotion `\(name.text)` has two `\(clauses[index].keyword)` clauses", at: clauseSpan,
                           notes: [DiagnosticNote("the first is here", at: first)],
                           help: clauses[index].keyword == "when" ? "join the conditions with `and`" : "keep one of them")
                }
                ok = false
                continue
            }
            seen |= 1 << slot

            switch clauses[index].kind {
            case .when(let expression):
                condition = self.condition(expression)
                if condition == nil { ok = false }
            case .during(let written):
                window = dateWindow(written, span: clauseSpan)
                if window == nil { ok = false }
            case .every(let written):
                weekly = weeklySchedule(written, span: clauseSpan)
                if weekly == nil { ok = false }
            case .code(let literal):
                if literal.value.isEmpty {
                    report(.mustBePositive, "a promotion code cannot be empty", at: literal.span)
                    ok = false
                }
                code = literal.value.uppercased()
            case .limit(let total, let perUser):
                totalLimit = total.flatMap { positiveInteger($0, "a limit") }
                perUserLimit = perUser.flatMap { positiveInteger($0, "a per-user limit") }
                if total != nil && totalLimit == nil || perUser != nil && perUserLimit == nil { ok = false }
                if let totalLimit, let perUserLimit, let literal = perUser, perUserLimit > totalLimit {
                    report(.perUserLimitAboveTotal, "the per-user limit `\(text(literal.span))` is above the total limit `\(total.map { text($0.span) } ?? "")`",
                           at: literal.span, help: "no user can reach it: lower it or raise the total")
                }
            case .discountPercent(let literal):
                if let value = percentage(literal, "a discount", from: 0, to: 100, allowLow: false) {
                    priceEffect = (.percentOff(value), clauseSpan)
                } else { ok = false }
            case .discountAmount(let literal):
                if let money = positiveMoney(literal, "a discount") {
                    requireRate(money.currency, at: literal.currency.span, for: "the discount")
                    priceEffect = (.amountOff(money), clauseSpan)
                } else { ok = false }
            case .price(let literal):
                if let money = positiveMoney(literal, "a promotional price") {
                    requireRate(money.currency, at: literal.currency.span, for: "the promotional price")
                    priceEffect = (.setPrice(money), clauseSpan)
                } else { ok = false }
            case .bonusPercent(let literal):
                if let value = percentage(literal, "a bonus", from: 0, to: 1000, allowLow: false) {
                    bonus = (.percent(value), clauseSpan)
                } else { ok = false }
            case .bonusCoins(let literal):
                if let coins = positiveInteger(literal, "bonus \(unit.plural)") { bonus = (.coins(coins), clauseSpan) } else { ok = false }
            case .priority(let literal):
                priority = literal.value.integerValue ?? 0
            case .exclusive:
                exclusive = true
            case .group(let name):
                group = name.text
            }
        }
        if priceEffect == nil && bonus == nil && seen & (1 << Self.priceEffectSlot | 1 << Self.bonusSlot) == 0
            && declarations.promotions[declarationIndex].isComplete {
            report(.promotionWithoutEffect, "promotion `\(name.text)` has no effect", at: name.span,
                   help: "add `discount 10%`, `discount 1.00 USD`, `price 4.99 USD`, `bonus 10%` or `bonus 100 \(unit.plural)`")
            ok = false
        }
        guard ok else { return }
        checked.append(Promotion(name: name.text, condition: condition, window: window, weekly: weekly, code: code,
                                 totalLimit: totalLimit, perUserLimit: perUserLimit, priceEffect: priceEffect?.0, bonus: bonus?.0,
                                 priority: priority, exclusive: exclusive, group: group, span: declarations.promotions[declarationIndex].span))
    }

    private static let priceEffectSlot = 5
    private static let bonusSlot = 6

    /// Where the first clause of `slot` among `clauses` before `end` is written.
    private static func firstSpan(of slot: Int, in clauses: [PromotionClause], before end: Int) -> SourceSpan {
        for index in 0..<end where Self.slot(of: clauses[index].kind) == slot { return clauses[index].span }
        return clauses[end].span
    }

    /// The slot of a clause: one per keyword, except that discount and price are one
    /// slot (the price effect), so a promotion has at most one clause of each slot.
    private static func slot(of kind: PromotionClause.Kind) -> Int {
        switch kind {
        case .when: 0
        case .during: 1
        case .every: 2
        case .code: 3
        case .limit: 4
        case .discountPercent, .discountAmount, .price: priceEffectSlot
        case .bonusPercent, .bonusCoins: bonusSlot
        case .priority: 7
        case .exclusive: 8
        case .group: 9
        }
    }

    mutating func dateWindow(_ window: Window, span: SourceSpan) -> DateWindow? {
        guard window.start.isDate == window.end.isDate else {
            report(.windowMixesDateAndTime, "a window runs from a date to a date, or from a date-time to a date-time",
                   at: window.start.span.merged(with: window.end.span),
                   help: "write `\(window.start.date) to \(window.end.date)` for whole days, or give both ends a time")
            return nil
        }
        let start = DateTimeValue(date: window.start.date, time: window.start.time ?? .midnight)
        let end = DateTimeValue(date: window.end.date, time: window.end.time ?? .midnight)
        let backwards = window.start.isDate ? end < start : !(start < end)
        if backwards {
            let message = start == end
                ? "the window starts and ends at `\(window.start)`: it is empty"
                : "the window ends at `\(window.end)` before it starts at `\(window.start)`"
            report(.windowEndsBeforeStart, message, at: window.end.span,
                   help: window.start.isDate ? "dates are inclusive: a one-day window is `D to D`" : "date-times are half-open: the end must be after the start")
            return nil
        }
        guard let zone = zoneReference(window.zone) else { return nil }
        return DateWindow(start: start, end: end, wholeDays: window.start.isDate, zone: zone, span: span)
    }

    private mutating func weeklySchedule(_ schedule: WeeklyWindow, span: SourceSpan) -> WeeklySchedule? {
        // Days that are all known and none twice (nearly every schedule) need no list
        // of repeats; the others are read again, word by word, to report them.
        var mask = 0
        for day in schedule.days {
            guard let number = Self.weekday(day.text), mask & (1 << number) == 0 else { mask = -1; break }
            mask |= 1 << number
        }
        var ok = true
        if mask < 0 {
            mask = 0
            var repeats = ListRepeats()
            for day in schedule.days {
                if repeats.isRepeat(day.text, at: day.span) { continue }
                guard let number = Self.weekday(day.text) else {
                    report(.unknownDay, "unknown day `\(day.text)`", at: day.span,
                           help: Suggestion.help(for: day.text, among: Self.weekdays.keys)
                               ?? "days are written `mon`, `tue`, `wed`, `thu`, `fri`, `sat`, `sun`")
                    ok = false
                    continue
                }
                mask |= 1 << number
            }
            reportRepeats(repeats) { _ in "remove the second one" }
        }
        let days = weekdaySet(mask)
        if let from = schedule.from, let to = schedule.to, from.time == to.time {
            report(.emptyTimeRange, "the hours run from `\(from.time)` to `\(to.time)`, which is no time at all",
                   at: from.span.merged(with: to.span), help: "for the whole day, leave out `from ... to ...`")
            ok = false
        }
        guard ok, let zone = zoneReference(schedule.zone) else { return nil }
        return WeeklySchedule(days: days, from: schedule.from?.time.secondsSinceMidnight,
                              to: schedule.to?.time.secondsSinceMidnight, zone: zone, span: span)
    }

    /// The set of the days of `mask` (bit N is day N), made once per mask.
    private mutating func weekdaySet(_ mask: Int) -> Set<Int> {
        if weekdaySets.isEmpty { weekdaySets = Array(repeating: nil, count: 256) }
        if let known = weekdaySets[mask] { return known }
        let days = Set((1...7).filter { mask & (1 << $0) != 0 })
        weekdaySets[mask] = days
        return days
    }

    private mutating func zoneReference(_ zone: ZoneSpec?) -> ZoneReference? {
        switch zone {
        case nil: return .named("UTC")
        case .local: return .local
        case .named(let code): return zoneIsKnown(code) ? .named(code.text) : nil
        }
    }
}
