import CoinageSyntax

// The fingerprints of promotions, their clauses and windows, and conditions, in the
// text reflection gives; `FingerprintTests` compares.

extension PromotionDeclaration: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("PromotionDeclaration"); w.field("name", name); w.field("clauses", clauses); w.field("isComplete", isComplete); w.close()
    }
}

extension PromotionClause: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("PromotionClause"); w.field("kind", kind); w.close()
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
        case .userAttribute(let reference):
            w.enumCase(type, "userAttribute")
            w.open("UserAttributeReference"); w.field("text", reference.text); w.close()
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
