import CoinageSyntax

/// What the left side of a comparison is, and so what the right side must be.
enum FieldType {
    case bundle, region, channel, currency, coins, list
    case user(UserAttribute)

    var name: String {
        switch self {
        case .bundle: "bundle"
        case .region: "region"
        case .channel: "channel"
        case .currency: "currency"
        case .coins: "coins"
        case .list: "list"
        case .user(let attribute): "user.\(attribute.name)"
        }
    }

    var allowsOrdering: Bool {
        switch self {
        case .coins, .list: true
        case .user(let attribute):
            switch attribute.kind {
            case .int, .date: true
            case .bool, .oneOf, .text: false
            }
        default: false
        }
    }

    static let fieldNames = ["bundle", "region", "channel", "currency", "coins", "list"]
}

extension Checker {
    /// Type-checks a condition. Returns nil when it has an error (already reported).
    mutating func condition(_ expression: Expression) -> Condition? {
        // Each case binds its own span: the `span` getter is a second switch over the
        // expression, which ran for every node of every condition.
        switch expression {
        case .or(let a, let b, let span):
            let (left, right) = (condition(a), condition(b))
            guard let left, let right else { return nil }
            return Condition(.or(left, right), span: span)
        case .and(let a, let b, let span):
            let (left, right) = (condition(a), condition(b))
            guard let left, let right else { return nil }
            return Condition(.and(left, right), span: span)
        case .not(let inner, let span):
            return condition(inner).map { Condition(.not($0), span: span) }
        case .parenthesized(let inner, _):
            return condition(inner)
        case .comparison(let left, let op, let right, let span):
            return comparison(left, op, right, span: span)
        case .membership(let left, let negated, let right, let span):
            guard let field = field(left) else { return nil }
            guard let condition = membership(field, right, span: span) else { return nil }
            if negated, case .userValue(let name, let values) = condition.kind {
                return Condition(.userValueExcluded(name, values), span: span)
            }
            return negated ? Condition(.not(condition), span: span) : condition
        case .userAttribute(let reference):
            let (name, span) = (reference.name, reference.span)
            guard let field = field(expression) else { return nil }
            if case .user(let attribute) = field, attribute.kind == .bool {
                return Condition(.userBool(name.text, true), span: span)
            }
            report(.conditionNotBoolean, "`user.\(name.text)` is not true or false on its own", at: span,
                   help: "compare it, e.g. `user.\(name.text) == ...`")
            return nil
        case .word(let name):
            if FieldType.fieldNames.contains(name.text) || name.text == unit.plural {
                report(.conditionNotBoolean, "`\(name.text)` on its own is not a condition", at: name.span,
                       help: "compare it, e.g. `\(name.text) \(name.text == "coins" || name.text == unit.plural ? ">= 1_000" : name.text == "list" ? ">= 9.99 USD" : "== ...")`")
                return nil
            }
            _ = field(expression)
            return nil
        default:
            let span = expression.span
            report(.conditionNotBoolean, "`\(text(span))` is not a condition", at: span,
                   help: "a condition compares a field with a value, e.g. `region == DE`")
            return nil
        }
    }

    /// Reads the left side of a comparison as a field.
    private mutating func field(_ expression: Expression) -> FieldType? {
        switch expression {
        case .word(let name):
            switch name.text {
            case "bundle": return .bundle
            case "region": return .region
            case "channel": return .channel
            case "currency": return .currency
            case "coins": return .coins
            case "list": return .list
            case unit.plural: return .coins
            default:
                // The shop's plural is the `coins` field under its own name.
                let fields = FieldType.fieldNames + (unit == .coins ? [] : [unit.plural])
                let help = userAttributes[name.text] != nil
                    ? "user attributes are written `user.\(name.text)`"
                    : Suggestion.help(for: name.text, among: fields)
                        ?? "fields are \(fields.map { "`\($0)`" }.joined(separator: ", ")) and `user.NAME`"
                report(.unknownField, "unknown field `\(name.text)`", at: name.span, help: help)
                return nil
            }
        case .userAttribute(let reference):
            let name = (text: reference.text, span: reference.name.span)
            // A shop's conditions name a few attributes thousands of times: those used
            // already are compared in place, without hashing the name twice.
            for index in recentAttributes.indices where recentAttributes[index].name == name.text {
                return .user(recentAttributes[index])
            }
            usedUserAttributes.insert(name.text)
            if let attribute = userAttributes[name.text] {
                if recentAttributes.count < 8 { recentAttributes.append(attribute) }
                return .user(attribute)
            }
            if declarations.isDeclared("user", name.text) || declarations.didFail("user", name.text) { return nil }
            reportedUnknownAttribute = true
            let help = spendSuggestionBudget(declarations.users.count) ? Suggestion.help(for: name.text, among: declarations.users.map { $0.name.text }) : nil
            report(.unknownUserAttribute, "user attribute `\(name.text)` is not declared", at: name.span,
                   help: help ?? "declare it, e.g. `user \(name.text): bool`")
            return nil
        case .parenthesized(let inner, _):
            return field(inner)
        default:
            report(.unknownField, "expected a field on the left, found `\(text(expression.span))`", at: expression.span,
                   help: "put the field first, e.g. `region == DE`, not `DE == region`")
            return nil
        }
    }

    private mutating func comparison(_ left: Expression, _ op: ComparisonOperator, _ right: Expression, span: SourceSpan) -> Condition? {
        guard let field = field(left) else { return nil }
        if op.isOrdering && !field.allowsOrdering {
            report(.invalidOperator, "`\(op.rawValue)` does not apply to `\(field.name)`", at: span,
                   help: "compare `\(field.name)` with `==`, `!=`, `in` or `not in`")
            return nil
        }
        if case .list = right {
            report(.invalidOperator, "`\(op.rawValue)` compares with one value, not a list", at: span,
                   help: "write `\(field.name) \(op == .notEqual ? "not in" : "in") \(text(right.span))`")
            return nil
        }
        let negate = op == .notEqual
        func wrap(_ kind: Condition.Kind) -> Condition {
            let condition = Condition(kind, span: span)
            return negate ? Condition(.not(condition), span: span) : condition
        }
        switch field {
        case .bundle, .region, .channel, .currency:
            if case .word(let name) = right, field.isRegion, let market = markets[name.text] {
                report(.invalidOperator, "`\(name.text)` is a market: a region is in it, not equal to it", at: span,
                       help: "write `region \(negate ? "not in" : "in") \(market.name)`")
                return nil
            }
            guard let values = value(right, of: field) else { return nil }
            return wrap(setCondition(field, values))
        case .user(let attribute):
            if case .oneOf = attribute.kind {
                guard let values = value(right, of: field) else { return nil }
                return Condition(negate ? .userValueExcluded(attribute.name, values) : .userValue(attribute.name, values), span: span)
            }
            return scalarComparison(attribute, op, right, span: span)
        case .coins:
            guard let count = integer(right, for: field) else { return nil }
            return Condition(.coins(op, count), span: span)
        case .list:
            guard case .money(let literal) = right else {
                report(.typeMismatch, "`list` is a price and must be compared with money", at: right.span,
                       help: "give an amount and its currency, e.g. `list >= 9.99 USD`")
                return nil
            }
            guard let money = money(literal) else { return nil }
            requireRate(money.currency, at: literal.currency.span, for: "the compared amount")
            return Condition(.list(op, money), span: span)
        }
    }

    private mutating func scalarComparison(_ attribute: UserAttribute, _ op: ComparisonOperator, _ right: Expression,
                                           span: SourceSpan) -> Condition? {
        switch attribute.kind {
        case .bool:
            guard case .boolean(let value, _) = right else {
                report(.typeMismatch, "`user.\(attribute.name)` is a bool and must be compared with `true` or `false`",
                       at: right.span, notes: [DiagnosticNote("`\(attribute.name)` is declared here", at: attribute.span)])
                return nil
            }
            return Condition(.userBool(attribute.name, op == .equal ? value : !value), span: span)
        case .int(let range):
            guard let value = integer(right, for: .user(attribute)) else { return nil }
            if let range, !range.contains(value) {
                report(.valueOutOfRange, "`\(text(right.span))` is outside the range of `user.\(attribute.name)`, \(range.lowerBound) to \(range.upperBound)",
                       at: right.span, notes: [DiagnosticNote("`\(attribute.name)` is declared here", at: attribute.span)],
                       help: "compare with a value the attribute can take, or widen its declared range")
                return nil
            }
            return Condition(.userInt(attribute.name, op, value), span: span)
        case .date:
            guard case .date(let point) = right, point.isDate else {
                report(.typeMismatch, "`user.\(attribute.name)` is a date and must be compared with a date such as `2026-01-01`",
                       at: right.span, notes: [DiagnosticNote("`\(attribute.name)` is declared here", at: attribute.span)])
                return nil
            }
            return Condition(.userDate(attribute.name, op, point.date), span: span)
        case .oneOf:
            return nil
        case .text:
            report(.typeMismatch, "`user.\(attribute.name)` is text, which conditions cannot compare",
                   at: span, notes: [DiagnosticNote("`\(attribute.name)` is declared here", at: attribute.span)],
                   help: "a text attribute names a buyer, as an experiment's `unit`; compare a `one of`, `int` or `date` attribute instead")
            return nil
        }
    }

    private mutating func integer(_ expression: Expression, for field: FieldType) -> Int64? {
        switch expression {
        case .number(let literal):
            guard literal.isInteger, let value = literal.value.integerValue else {
                report(.integerExpected, "`\(field.name)` is a whole number; `\(text(literal.span))` is not", at: literal.span,
                       help: "compare with a whole number")
                return nil
            }
            return value
        case .money:
            report(.typeMismatch, "`\(field.name)` is a count, not money: it cannot be compared with `\(text(expression.span))`",
                   at: expression.span, help: "compare it with a whole number, e.g. `\(field.name) >= 1_000`")
            return nil
        default:
            report(.typeMismatch, "`\(field.name)` is a whole number and cannot be compared with `\(text(expression.span))`",
                   at: expression.span, help: "compare it with a whole number, e.g. `\(field.name) >= 10`")
            return nil
        }
    }

    private mutating func membership(_ field: FieldType, _ right: Expression, span: SourceSpan) -> Condition? {
        switch field {
        case .coins, .list:
            report(.invalidOperator, "`in` does not apply to `\(field.name)`", at: span,
                   help: "compare `\(field.name)` with `<`, `<=`, `>`, `>=`, `==` or `!=`")
            return nil
        case .user(let attribute):
            guard case .oneOf = attribute.kind else {
                report(.invalidOperator, "`in` does not apply to `user.\(attribute.name)`, \(attribute.typeDescriptionWithArticle)", at: span)
                return nil
            }
        default:
            break
        }
        switch right {
        case .list:
            break
        case .word(let name) where field.isRegion:
            // A market named before is one lookup of its set, not two lookups and a copy.
            if let known = marketRegionSets[name.text] { return Condition(.region(known), span: span) }
            guard let market = marketReference(name) else { return nil }
            return Condition(.region(regionSet(of: market)), span: span)
        default:
            report(.membershipNeedsList, "`in` takes a list\(field.isRegion ? " or a market" : ""), found `\(text(right.span))`",
                   at: right.span, help: "write `\(field.name) in [\(text(right.span))]`")
            return nil
        }
        guard let values = value(right, of: field) else { return nil }
        if case .user(let attribute) = field { return Condition(.userValue(attribute.name, values), span: span) }
        return Condition(setCondition(field, values), span: span)
    }

    private func setCondition(_ field: FieldType, _ values: Set<String>) -> Condition.Kind {
        switch field {
        case .bundle: .bundle(values)
        case .region: .region(values)
        case .channel: .channel(values)
        default: .currency(values)
        }
    }

    /// `value(_:of:)` without the cache of resolved values.
    mutating func resolveValue(_ expression: Expression, of field: FieldType) -> Set<String>? {
        if case .list(let elements, _) = expression {
            if field.isRegion, let plain = plainRegionSet(elements) { return plain }
            var result = Set<String>(minimumCapacity: elements.count)
            var ok = true
            var repeats = ListRepeats()
            for element in elements {
                if repeats.isRepeat(writtenText(element), at: element.span) { continue }
                if case .list = element { ok = false; continue }
                if case .word(let name) = element, field.isRegion {
                    // A word in a region list is a market; a bundle or channel there is a
                    // mix-up of kinds, not a misspelt market.
                    let otherKind = bundles[name.text] != nil ? "a bundle" : channels[name.text] != nil ? "a channel"
                        : customAmounts[name.text] != nil ? "a custom amount" : nil
                    if let otherKind, markets[name.text] == nil {
                        report(.typeMismatch, "`\(name.text)` is \(otherKind), not a region or a market", at: name.span,
                               help: "a region list holds region codes and market names, e.g. `region in [DE, eurozone]`")
                        ok = false
                        continue
                    }
                    guard let market = marketReference(name) else { ok = false; continue }
                    result.formUnion(market.regions)
                    continue
                }
                // One value at a time into the one set: a set per element cost a third of checking a big shop.
                guard let value = singleValue(element, of: field) else { ok = false; continue }
                result.insert(value)
            }
            reportRepeats(repeats) { _ in "remove the second one" }
            return ok ? result : nil
        }
        return singleValue(expression, of: field).map { [$0] }
    }

    /// The set of a region list of declared codes, none written twice: nearly every
    /// region list, read without the list of repeats. Nil for any other list, which
    /// is read entry by entry (nothing is reported here, so nothing twice).
    private func plainRegionSet(_ elements: [Expression]) -> Set<String>? {
        var result = Set<String>(minimumCapacity: elements.count)
        for index in elements.indices {
            // A code whose text is what is written, so that a repeat of the text is a repeat of the code.
            guard case .code(let code) = elements[index], regionCodes.contains(code.text),
                  code.text.utf8.count == Int(code.span.end - code.span.start),
                  result.insert(code.text).inserted else { return nil }
        }
        return result
    }

    /// The source text of a list entry; a name's own text when it is the text written
    /// (no string is cut from the source for each name of each list).
    private func writtenText(_ expression: Expression) -> String {
        let span = expression.span
        switch expression {
        case .word(let name) where name.text.utf8.count == Int(span.end - span.start): return name.text
        case .code(let code) where code.text.utf8.count == Int(span.end - span.start): return code.text
        default: return text(span)
        }
    }

    /// A market's regions as a set, made once per market: a big shop names the same
    /// market in thousands of conditions, which then share one set.
    private mutating func regionSet(of market: Market) -> Set<String> {
        if let known = marketRegionSets[market.name] { return known }
        let regions = Set(market.regions)
        marketRegionSets[market.name] = regions
        return regions
    }

    /// Resolves one value (not a list) of a name-valued field.
    private mutating func singleValue(_ expression: Expression, of field: FieldType) -> String? {
        switch (field, expression) {
        case (.bundle, .word(let name)):
            return bundleReference(name, includingCustomAmounts: true)
        case (.region, .code(let code)):
            return regionReference(code)
        case (.channel, .word(let name)):
            return channelReference(name)
        case (.currency, .code(let code)):
            return currency(code).map { $0.code }
        case (.user(let attribute), .word(let name)):
            guard case .oneOf(let values) = attribute.kind else { break }
            if oneOfValues[attribute.name]?.contains(name.text) ?? false { return name.text }
            report(.unknownValue, "`\(name.text)` is not a value of `user.\(attribute.name)`", at: name.span,
                   notes: [DiagnosticNote("`\(attribute.name)` is declared here with \(Self.listed(values))", at: attribute.span)],
                   help: suggestion(for: name.text, among: values, count: values.count) ?? "add `\(name.text)` to the declaration, or use one of its values")
            return nil
        default:
            break
        }
        report(.typeMismatch, "`\(field.name)` cannot be compared with `\(text(expression.span))`", at: expression.span,
               help: Self.valueHint(field, expression))
        return nil
    }

    private static func valueHint(_ field: FieldType, _ value: Expression) -> String {
        if case .string(let literal) = value {
            switch field {
            case .region, .currency: return "write codes without quotes: `\(literal.value)`"
            default: return "write names without quotes: `\(literal.value)`"
            }
        }
        switch field {
        case .bundle: return "compare it with a bundle name, e.g. `bundle == coins_700`"
        case .region: return "compare it with a region code, e.g. `region == DE`"
        case .channel: return "compare it with a channel name, e.g. `channel == web`"
        case .currency: return "compare it with a currency code, e.g. `currency == EUR`"
        case .user(let attribute):
            if case .oneOf(let values) = attribute.kind, let first = values.first {
                return "compare it with one of its values, e.g. `user.\(attribute.name) == \(first)`"
            }
            return "compare it with a value of its type"
        default: return "compare it with a value of its type"
        }
    }
}

extension FieldType {
    var isRegion: Bool {
        if case .region = self { return true }
        return false
    }
}
