import CoinageSyntax

/// The AST types that write their own fingerprint, in exactly the text reflection
/// gives (`Type(field:value,...)`, `Type.case` then the payload), leaving out
/// positions as reflection does. `FingerprintTests` checks both agree on every
/// sample file, so a field added to one of these types and missed here fails a
/// test rather than going unchecked. Types not listed here are reflected.
protocol FingerprintLeaf {
    func writeFingerprint(into writer: inout FingerprintWriter)
}

extension String: FingerprintLeaf {
    func writeFingerprint(into writer: inout FingerprintWriter) { writer.text += debugDescription }
}

extension Int: FingerprintLeaf {
    func writeFingerprint(into writer: inout FingerprintWriter) { writer.text += String(self) }
}

extension Int64: FingerprintLeaf {
    func writeFingerprint(into writer: inout FingerprintWriter) { writer.text += String(self) }
}

extension Bool: FingerprintLeaf {
    func writeFingerprint(into writer: inout FingerprintWriter) { writer.text += self ? "true" : "false" }
}

extension Optional: FingerprintLeaf {
    func writeFingerprint(into writer: inout FingerprintWriter) {
        if let self { writer.write(self) } else { writer.text += "nil" }
    }
}

extension Array: FingerprintLeaf {
    func writeFingerprint(into writer: inout FingerprintWriter) {
        writer.text += "["
        for element in self {
            writer.write(element)
            writer.text += ","
        }
        writer.text += "]"
    }
}

// MARK: - Literals

extension ExactDecimal: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) { w.record(Self.self, ["significand": significand, "scale": scale]) }
}

extension Name: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) { w.record(Self.self, ["text": text]) }
}

extension Code: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) { w.record(Self.self, ["text": text]) }
}

extension NumberLiteral: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) { w.record(Self.self, ["value": value, "isInteger": isInteger, "unit": unit as Any]) }
}

extension PercentLiteral: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) { w.record(Self.self, ["value": value]) }
}

extension MoneyLiteral: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) { w.record(Self.self, ["amount": amount, "currency": currency]) }
}

extension StringLiteral: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) { w.record(Self.self, ["value": value]) }
}

extension CivilDate: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) { w.record(Self.self, ["year": year, "month": month, "day": day]) }
}

extension TimeOfDay: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) { w.record(Self.self, ["hour": hour, "minute": minute, "second": second]) }
}

extension TimePoint: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) { w.record(Self.self, ["date": date, "time": time as Any]) }
}

extension TimeLiteral: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) { w.record(Self.self, ["time": time]) }
}

extension ZoneSpec: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) {
        switch self {
        case .local: w.enumCase(Self.self, "local")
        case .named(let code): w.enumCase(Self.self, "named", code)
        }
    }
}

// MARK: - Declarations

extension Declaration: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) {
        switch self {
        case .baseCurrency(let d): w.enumCase(Self.self, "baseCurrency", d)
        case .stacking(let d): w.enumCase(Self.self, "stacking", d)
        case .floor(let d): w.enumCase(Self.self, "floor", d)
        case .currency(let d): w.enumCase(Self.self, "currency", d)
        case .rate(let d): w.enumCase(Self.self, "rate", d)
        case .rounding(let d): w.enumCase(Self.self, "rounding", d)
        case .allow(let d): w.enumCase(Self.self, "allow", d)
        case .region(let d): w.enumCase(Self.self, "region", d)
        case .market(let d): w.enumCase(Self.self, "market", d)
        case .channel(let d): w.enumCase(Self.self, "channel", d)
        case .bundle(let d): w.enumCase(Self.self, "bundle", d)
        case .custom(let d): w.enumCase(Self.self, "custom", d)
        case .price(let d): w.enumCase(Self.self, "price", d)
        case .user(let d): w.enumCase(Self.self, "user", d)
        case .promotion(let d): w.enumCase(Self.self, "promotion", d)
        case .gift(let d): w.enumCase(Self.self, "gift", d)
        case .payout(let d): w.enumCase(Self.self, "payout", d)
        case .test(let d): w.enumCase(Self.self, "test", d)
        case .guardRule(let d): w.enumCase(Self.self, "guardRule", d)
        case .unit(let d): w.enumCase(Self.self, "unit", d)
        case .points(let d): w.enumCase(Self.self, "points", d)
        case .experiment(let d): w.enumCase(Self.self, "experiment", d)
        }
    }
}

extension RateDeclaration: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) { w.record(Self.self, ["currency": currency, "rate": rate]) }
}

extension RegionDeclaration: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.record(Self.self, ["code": code, "currency": currency, "tax": tax as Any, "zone": zone as Any, "level": level as Any])
    }
}

extension MarketDeclaration: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) { w.record(Self.self, ["name": name, "regions": regions]) }
}

extension ChannelDeclaration: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.record(Self.self, ["name": name, "fee": fee as Any, "level": level as Any, "points": points as Any])
    }
}

extension BundleDeclaration: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.record(Self.self, ["name": name, "coins": coins, "price": price, "bonus": bonus as Any])
    }
}

extension CustomAmountDeclaration: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.record(Self.self, ["name": name, "minimum": minimum, "maximum": maximum, "unitPrice": unitPrice, "channels": channels])
    }
}

extension PriceScope: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) {
        switch self {
        case .region(let code): w.enumCase(Self.self, "region", code)
        case .market(let name): w.enumCase(Self.self, "market", name)
        }
    }
}

extension PriceDeclaration: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.record(Self.self, ["bundle": bundle, "scope": scope as Any, "channel": channel as Any, "price": price])
    }
}

extension GiftDeclaration: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) { w.record(Self.self, ["name": name, "coins": coins]) }
}

// MARK: - Promotions and conditions

extension PromotionDeclaration: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.record(Self.self, ["name": name, "clauses": clauses, "isComplete": isComplete])
    }
}

extension PromotionClause: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) { w.record(Self.self, ["kind": kind, "keyword": keyword]) }
}

extension PromotionClause.Kind: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) {
        switch self {
        case .when(let expression): w.enumCase(Self.self, "when", expression)
        case .during(let window): w.enumCase(Self.self, "during", window)
        case .every(let window): w.enumCase(Self.self, "every", window)
        case .code(let literal): w.enumCase(Self.self, "code", literal)
        case .limit(let total, let perUser):
            w.enumCase(Self.self, "limit")
            w.record((total: NumberLiteral?, perUser: NumberLiteral?).self, ["total": total as Any, "perUser": perUser as Any])
        case .discountPercent(let literal): w.enumCase(Self.self, "discountPercent", literal)
        case .discountAmount(let literal): w.enumCase(Self.self, "discountAmount", literal)
        case .price(let literal): w.enumCase(Self.self, "price", literal)
        case .bonusPercent(let literal): w.enumCase(Self.self, "bonusPercent", literal)
        case .bonusCoins(let literal): w.enumCase(Self.self, "bonusCoins", literal)
        case .priority(let literal): w.enumCase(Self.self, "priority", literal)
        case .exclusive: w.enumCase(Self.self, "exclusive")
        case .group(let name): w.enumCase(Self.self, "group", name)
        }
    }
}

extension Window: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) { w.record(Self.self, ["start": start, "end": end, "zone": zone as Any]) }
}

extension WeeklyWindow: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.record(Self.self, ["days": days, "from": from as Any, "to": to as Any, "zone": zone as Any])
    }
}

extension Expression: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) {
        switch self {
        case .or(let a, let b, _):
            w.enumCase(Self.self, "or")
            w.record((Expression, Expression, SourceSpan).self, [".0": a, ".1": b])
        case .and(let a, let b, _):
            w.enumCase(Self.self, "and")
            w.record((Expression, Expression, SourceSpan).self, [".0": a, ".1": b])
        case .not(let operand, _):
            w.enumCase(Self.self, "not")
            w.record((Expression, SourceSpan).self, [".0": operand])
        case .comparison(let left, let op, let right, _):
            w.enumCase(Self.self, "comparison")
            w.record((Expression, ComparisonOperator, Expression, SourceSpan).self, [".0": left, ".1": op, ".2": right])
        case .membership(let left, let negated, let right, _):
            w.enumCase(Self.self, "membership")
            w.record((Expression, negated: Bool, Expression, SourceSpan).self, [".0": left, "negated": negated, ".2": right])
        case .parenthesized(let inner, _):
            w.enumCase(Self.self, "parenthesized")
            w.record((Expression, SourceSpan).self, [".0": inner])
        case .word(let name): w.enumCase(Self.self, "word", name)
        case .userAttribute(let name, _):
            w.enumCase(Self.self, "userAttribute")
            w.record((Name, SourceSpan).self, [".0": name])
        case .code(let code): w.enumCase(Self.self, "code", code)
        case .number(let literal): w.enumCase(Self.self, "number", literal)
        case .money(let literal): w.enumCase(Self.self, "money", literal)
        case .percent(let literal): w.enumCase(Self.self, "percent", literal)
        case .boolean(let value, _):
            w.enumCase(Self.self, "boolean")
            w.record((Bool, SourceSpan).self, [".0": value])
        case .string(let literal): w.enumCase(Self.self, "string", literal)
        case .date(let point): w.enumCase(Self.self, "date", point)
        case .list(let elements, _):
            w.enumCase(Self.self, "list")
            w.record(([Expression], SourceSpan).self, [".0": elements])
        }
    }
}

// MARK: - Tests

extension TestDeclaration: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.record(Self.self, ["title": title, "lines": lines, "isComplete": isComplete])
    }
}

extension TestLine: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) { w.record(Self.self, ["kind": kind, "keyword": keyword]) }
}

extension UserFact: FingerprintLeaf {
    func writeFingerprint(into w: inout FingerprintWriter) { w.record(Self.self, ["name": name, "value": value]) }
}
