import CoinageSyntax

// The fingerprints of the standard types, the literals, the declarations that
// hold them, the promotions and the tests, in exactly the text reflection gives
// (`Type(field:value,...)`, `Type.case` then the payload), leaving out positions as
// reflection did. `FingerprintTests` checks both agree on every construct, so a
// field added to one of these types and missed here fails a test. The remaining
// declarations are in DeclarationFingerprints.swift.

extension String: Fingerprinted {
    func writeFingerprint(into writer: inout FingerprintWriter) { writer.text += debugDescription }
}

extension Int: Fingerprinted {
    func writeFingerprint(into writer: inout FingerprintWriter) { writer.text += String(self) }
}

extension Int64: Fingerprinted {
    func writeFingerprint(into writer: inout FingerprintWriter) { writer.text += String(self) }
}

extension Bool: Fingerprinted {
    func writeFingerprint(into writer: inout FingerprintWriter) { writer.text += self ? "true" : "false" }
}

extension Optional: Fingerprinted where Wrapped: Fingerprinted {
    func writeFingerprint(into writer: inout FingerprintWriter) {
        if let self { writer.write(self) } else { writer.text += "nil" }
    }
}

extension Array: Fingerprinted where Element: Fingerprinted {
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

extension ExactDecimal: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("ExactDecimal"); w.field("significand", significand); w.field("scale", scale); w.close()
    }
}

extension Name: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) { w.open("Name"); w.field("text", text); w.close() }
}

extension Code: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) { w.open("Code"); w.field("text", text); w.close() }
}

extension NumberLiteral: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("NumberLiteral"); w.field("value", value); w.field("isInteger", isInteger); w.field("unit", unit); w.close()
    }
}

extension PercentLiteral: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) { w.open("PercentLiteral"); w.field("value", value); w.close() }
}

extension MoneyLiteral: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("MoneyLiteral"); w.field("amount", amount); w.field("currency", currency); w.close()
    }
}

extension StringLiteral: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) { w.open("StringLiteral"); w.field("value", value); w.close() }
}

extension CivilDate: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("CivilDate"); w.field("year", year); w.field("month", month); w.field("day", day); w.close()
    }
}

extension TimeOfDay: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("TimeOfDay"); w.field("hour", hour); w.field("minute", minute); w.field("second", second); w.close()
    }
}

extension TimePoint: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) { w.open("TimePoint"); w.field("date", date); w.field("time", time); w.close() }
}

extension TimeLiteral: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) { w.open("TimeLiteral"); w.field("time", time); w.close() }
}

extension ZoneSpec: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        switch self {
        case .local: w.enumCase("ZoneSpec", "local")
        case .named(let code): w.enumCase("ZoneSpec", "named", code)
        }
    }
}

// MARK: - Declarations

extension Declaration: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        let type = "Declaration"
        switch self {
        case .baseCurrency(let d): w.enumCase(type, "baseCurrency", d)
        case .stacking(let d): w.enumCase(type, "stacking", d)
        case .floor(let d): w.enumCase(type, "floor", d)
        case .currency(let d): w.enumCase(type, "currency", d)
        case .rate(let d): w.enumCase(type, "rate", d)
        case .rounding(let d): w.enumCase(type, "rounding", d)
        case .allow(let d): w.enumCase(type, "allow", d)
        case .region(let d): w.enumCase(type, "region", d)
        case .market(let d): w.enumCase(type, "market", d)
        case .channel(let d): w.enumCase(type, "channel", d)
        case .bundle(let d): w.enumCase(type, "bundle", d)
        case .custom(let d): w.enumCase(type, "custom", d)
        case .price(let d): w.enumCase(type, "price", d)
        case .user(let d): w.enumCase(type, "user", d)
        case .promotion(let d): w.enumCase(type, "promotion", d)
        case .gift(let d): w.enumCase(type, "gift", d)
        case .payout(let d): w.enumCase(type, "payout", d)
        case .test(let d): w.enumCase(type, "test", d)
        case .guardRule(let d): w.enumCase(type, "guardRule", d)
        case .unit(let d): w.enumCase(type, "unit", d)
        case .points(let d): w.enumCase(type, "points", d)
        }
    }
}

extension RateDeclaration: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("RateDeclaration"); w.field("currency", currency); w.field("rate", rate); w.close()
    }
}

extension RegionDeclaration: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("RegionDeclaration")
        w.field("code", code); w.field("currency", currency); w.field("tax", tax); w.field("zone", zone); w.field("level", level)
        w.close()
    }
}

extension MarketDeclaration: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("MarketDeclaration"); w.field("name", name); w.field("regions", regions); w.close()
    }
}

extension ChannelDeclaration: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("ChannelDeclaration")
        w.field("name", name); w.field("fee", fee); w.field("level", level); w.field("points", points)
        w.close()
    }
}

extension BundleDeclaration: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("BundleDeclaration")
        w.field("name", name); w.field("coins", coins); w.field("price", price); w.field("bonus", bonus)
        w.close()
    }
}

extension CustomAmountDeclaration: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("CustomAmountDeclaration")
        w.field("name", name); w.field("minimum", minimum); w.field("maximum", maximum)
        w.field("unitPrice", unitPrice); w.field("channels", channels)
        w.close()
    }
}

extension PriceScope: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        switch self {
        case .region(let code): w.enumCase("PriceScope", "region", code)
        case .market(let name): w.enumCase("PriceScope", "market", name)
        }
    }
}

extension PriceDeclaration: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("PriceDeclaration")
        w.field("bundle", bundle); w.field("scope", scope); w.field("channel", channel); w.field("price", price)
        w.close()
    }
}

extension GiftDeclaration: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("GiftDeclaration"); w.field("name", name); w.field("coins", coins); w.close()
    }
}

// MARK: - Promotions and conditions

extension PromotionDeclaration: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("PromotionDeclaration"); w.field("name", name); w.field("clauses", clauses); w.field("isComplete", isComplete); w.close()
    }
}

extension PromotionClause: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("PromotionClause"); w.field("kind", kind); w.field("keyword", keyword); w.close()
    }
}

extension PromotionClause.Kind: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        let type = "Kind"
        switch self {
        case .when(let expression): w.enumCase(type, "when", expression)
        case .during(let window): w.enumCase(type, "during", window)
        case .every(let window): w.enumCase(type, "every", window)
        case .code(let literal): w.enumCase(type, "code", literal)
        case .limit(let total, let perUser):
            w.enumCase(type, "limit")
            w.open("(total: Optional<NumberLiteral>, perUser: Optional<NumberLiteral>)")
            w.field("total", total); w.field("perUser", perUser)
            w.close()
        case .discountPercent(let literal): w.enumCase(type, "discountPercent", literal)
        case .discountAmount(let literal): w.enumCase(type, "discountAmount", literal)
        case .price(let literal): w.enumCase(type, "price", literal)
        case .bonusPercent(let literal): w.enumCase(type, "bonusPercent", literal)
        case .bonusCoins(let literal): w.enumCase(type, "bonusCoins", literal)
        case .priority(let literal): w.enumCase(type, "priority", literal)
        case .exclusive: w.enumCase(type, "exclusive")
        case .group(let name): w.enumCase(type, "group", name)
        }
    }
}

extension Window: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("Window"); w.field("start", start); w.field("end", end); w.field("zone", zone); w.close()
    }
}

extension WeeklyWindow: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("WeeklyWindow"); w.field("days", days); w.field("from", from); w.field("to", to); w.field("zone", zone); w.close()
    }
}

extension Expression: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        let type = "Expression"
        switch self {
        case .or(let a, let b, _):
            w.enumCase(type, "or")
            w.open("(Expression, Expression, SourceSpan)"); w.field(".0", a); w.field(".1", b); w.close()
        case .and(let a, let b, _):
            w.enumCase(type, "and")
            w.open("(Expression, Expression, SourceSpan)"); w.field(".0", a); w.field(".1", b); w.close()
        case .not(let operand, _):
            w.enumCase(type, "not")
            w.open("(Expression, SourceSpan)"); w.field(".0", operand); w.close()
        case .comparison(let left, let op, let right, _):
            w.enumCase(type, "comparison")
            w.open("(Expression, ComparisonOperator, Expression, SourceSpan)")
            w.field(".0", left); w.field(".1", op); w.field(".2", right)
            w.close()
        case .membership(let left, let negated, let right, _):
            w.enumCase(type, "membership")
            w.open("(Expression, negated: Bool, Expression, SourceSpan)")
            w.field(".0", left); w.field("negated", negated); w.field(".2", right)
            w.close()
        case .parenthesized(let inner, _):
            w.enumCase(type, "parenthesized")
            w.open("(Expression, SourceSpan)"); w.field(".0", inner); w.close()
        case .word(let name): w.enumCase(type, "word", name)
        case .userAttribute(let name, _):
            w.enumCase(type, "userAttribute")
            w.open("(Name, SourceSpan)"); w.field(".0", name); w.close()
        case .code(let code): w.enumCase(type, "code", code)
        case .number(let literal): w.enumCase(type, "number", literal)
        case .money(let literal): w.enumCase(type, "money", literal)
        case .percent(let literal): w.enumCase(type, "percent", literal)
        case .boolean(let value, _):
            w.enumCase(type, "boolean")
            w.open("(Bool, SourceSpan)"); w.field(".0", value); w.close()
        case .string(let literal): w.enumCase(type, "string", literal)
        case .date(let point): w.enumCase(type, "date", point)
        case .list(let elements, _):
            w.enumCase(type, "list")
            w.open("(Array<Expression>, SourceSpan)"); w.field(".0", elements); w.close()
        }
    }
}

extension ComparisonOperator: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        let type = "ComparisonOperator"
        switch self {
        case .equal: w.enumCase(type, "equal")
        case .notEqual: w.enumCase(type, "notEqual")
        case .less: w.enumCase(type, "less")
        case .lessOrEqual: w.enumCase(type, "lessOrEqual")
        case .greater: w.enumCase(type, "greater")
        case .greaterOrEqual: w.enumCase(type, "greaterOrEqual")
        }
    }
}
