import CoinageSyntax

// The fingerprints of `test` blocks, in the text reflection gives;
// `FingerprintTests` compares.

extension TestDeclaration: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("TestDeclaration"); w.field("title", title); w.field("lines", lines); w.field("isComplete", isComplete); w.close()
    }
}

extension TestLine: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) { w.open("TestLine"); w.field("kind", kind); w.field("keyword", keyword); w.close() }
}

extension TestLine.Kind: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        switch self {
        case .quote(let target, let region, let channel, let at, let zone):
            w.enumCase("Kind", "quote")
            w.open("(target: QuoteTarget, region: Code, channel: Optional<Name>, at: Optional<TimePoint>, zone: Optional<ZoneSpec>)")
            w.field("target", target); w.field("region", region); w.field("channel", channel); w.field("at", at); w.field("zone", zone)
            w.close()
        case .user(let facts): w.enumCase("Kind", "user", facts)
        case .code(let code): w.enumCase("Kind", "code", code)
        case .redeemed(let promotion, let total, let perUser):
            w.enumCase("Kind", "redeemed")
            w.open("(promotion: Name, total: Optional<NumberLiteral>, perUser: Optional<NumberLiteral>)")
            w.field("promotion", promotion); w.field("total", total); w.field("perUser", perUser)
            w.close()
        case .expectMoney(let field, let money):
            w.enumCase("Kind", "expectMoney")
            w.open("(field: Name, MoneyLiteral)"); w.field("field", field); w.field(".1", money); w.close()
        case .expectCoins(let coins): w.enumCase("Kind", "expectCoins", coins)
        case .expectApplied(let name): w.enumCase("Kind", "expectApplied", name)
        case .expectNotApplied(let name): w.enumCase("Kind", "expectNotApplied", name)
        case .expectError(let name): w.enumCase("Kind", "expectError", name)
        case .arm(let experiment, let arm):
            w.enumCase("Kind", "arm")
            w.open("(experiment: Name, arm: Name)"); w.field("experiment", experiment); w.field("arm", arm); w.close()
        }
    }
}

extension QuoteTarget: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        switch self {
        case .bundle(let name): w.enumCase("QuoteTarget", "bundle", name)
        case .customAmount(let amount): w.enumCase("QuoteTarget", "customAmount", amount)
        }
    }
}

extension UserFact: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) { w.open("UserFact"); w.field("name", name); w.field("value", value); w.close() }
}

extension TestValue: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        switch self {
        case .boolean(let value, _):
            w.enumCase("TestValue", "boolean")
            w.open("(Bool, SourceSpan)"); w.field(".0", value); w.close()
        case .number(let number): w.enumCase("TestValue", "number", number)
        case .word(let name): w.enumCase("TestValue", "word", name)
        case .date(let point): w.enumCase("TestValue", "date", point)
        case .string(let literal): w.enumCase("TestValue", "string", literal)
        }
    }
}
