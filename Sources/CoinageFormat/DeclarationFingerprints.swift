import CoinageSyntax

// The fingerprints of the declarations FingerprintFastPaths.swift does not write:
// settings, rounding, users, payouts, guards, allowances, units, price points and
// tests. Same text as reflection; `FingerprintTests` compares.

extension BaseCurrencyDeclaration: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) { w.open("BaseCurrencyDeclaration"); w.field("currency", currency); w.close() }
}

extension StackingDeclaration: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) { w.open("StackingDeclaration"); w.field("mode", mode); w.close() }
}

extension StackingMode: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        switch self {
        case .additive: w.enumCase("StackingMode", "additive")
        case .compound: w.enumCase("StackingMode", "compound")
        }
    }
}

extension FloorDeclaration: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) { w.open("FloorDeclaration"); w.field("percent", percent); w.close() }
}

extension CurrencyDeclaration: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("CurrencyDeclaration"); w.field("code", code); w.field("exponent", exponent); w.close()
    }
}

extension TaxClause: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) { w.open("TaxClause"); w.field("rate", rate); w.field("mode", mode); w.close() }
}

extension TaxMode: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        switch self {
        case .included: w.enumCase("TaxMode", "included")
        case .added: w.enumCase("TaxMode", "added")
        }
    }
}

// MARK: - Rounding

extension RoundingDeclaration: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("RoundingDeclaration")
        w.field("currency", currency); w.field("scope", scope); w.field("channel", channel)
        w.field("body", body); w.field("isComplete", isComplete)
        w.close()
    }
}

extension RoundingBody: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        switch self {
        case .single(let step): w.enumCase("RoundingBody", "single", step)
        case .tiers(let tiers): w.enumCase("RoundingBody", "tiers", tiers)
        }
    }
}

extension RoundingStep: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("RoundingStep"); w.field("mode", mode); w.field("step", step); w.field("ending", ending); w.close()
    }
}

extension RoundingMode: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        switch self {
        case .nearest: w.enumCase("RoundingMode", "nearest")
        case .up: w.enumCase("RoundingMode", "up")
        case .down: w.enumCase("RoundingMode", "down")
        }
    }
}

extension RoundingTier: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) { w.open("RoundingTier"); w.field("bound", bound); w.field("step", step); w.close() }
}

// MARK: - Users, units, payouts, guards, allowances

extension UserAttributeDeclaration: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("UserAttributeDeclaration"); w.field("name", name); w.field("type", type); w.close()
    }
}

extension UserAttributeType: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        switch self {
        case .bool: w.enumCase("UserAttributeType", "bool")
        case .int(let minimum, let maximum):
            w.enumCase("UserAttributeType", "int")
            w.open("(minimum: Optional<NumberLiteral>, maximum: Optional<NumberLiteral>)")
            w.field("minimum", minimum); w.field("maximum", maximum)
            w.close()
        case .date: w.enumCase("UserAttributeType", "date")
        case .oneOf(let names): w.enumCase("UserAttributeType", "oneOf", names)
        }
    }
}

extension UnitDeclaration: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("UnitDeclaration"); w.field("singular", singular); w.field("plural", plural); w.close()
    }
}

extension PayoutDeclaration: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("PayoutDeclaration"); w.field("clauses", clauses); w.field("isComplete", isComplete); w.close()
    }
}

extension PayoutClause: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) { w.open("PayoutClause"); w.field("kind", kind); w.field("keyword", keyword); w.close() }
}

extension PayoutClause.Kind: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        switch self {
        case .share(let percent): w.enumCase("Kind", "share", percent)
        case .diamond(let money): w.enumCase("Kind", "diamond", money)
        case .minimum(let money): w.enumCase("Kind", "minimum", money)
        case .maximumPerDay(let money): w.enumCase("Kind", "maximumPerDay", money)
        }
    }
}

extension GuardDeclaration: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) { w.open("GuardDeclaration"); w.field("kind", kind); w.close() }
}

extension GuardDeclaration.Kind: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        switch self {
        case .discountAtMost(let percent): w.enumCase("Kind", "discountAtMost", percent)
        case .pricePerCoinFallsWithSize: w.enumCase("Kind", "pricePerCoinFallsWithSize")
        case .pricePerCoinDoesNotRiseWithSize: w.enumCase("Kind", "pricePerCoinDoesNotRiseWithSize")
        case .regionPriceWithin(let percent): w.enumCase("Kind", "regionPriceWithin", percent)
        }
    }
}

extension AllowDeclaration: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("AllowDeclaration"); w.field("code", code); w.field("target", target); w.field("reason", reason); w.close()
    }
}

// MARK: - Price points

extension PointsDeclaration: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("PointsDeclaration"); w.field("name", name); w.field("body", body); w.field("isComplete", isComplete); w.close()
    }
}

extension PointsDeclaration.Body: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        switch self {
        case .rows(let rows): w.enumCase("Body", "rows", rows)
        case .file(let path): w.enumCase("Body", "file", path)
        }
    }
}

extension PointsRow: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) { w.open("PointsRow"); w.field("tier", tier); w.field("points", points); w.close() }
}

extension PointLiteral: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) { w.open("PointLiteral"); w.field("price", price); w.field("region", region); w.close() }
}

extension PointsSnap: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) { w.open("PointsSnap"); w.field("table", table); w.field("mode", mode); w.close() }
}

extension SnapMode: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        switch self {
        case .nearest: w.enumCase("SnapMode", "nearest")
        case .up: w.enumCase("SnapMode", "up")
        case .down: w.enumCase("SnapMode", "down")
        }
    }
}

extension PointsTier: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) { w.open("PointsTier"); w.field("table", table); w.field("tier", tier); w.close() }
}

extension PriceValue: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        switch self {
        case .money(let money): w.enumCase("PriceValue", "money", money)
        case .tier(let tier): w.enumCase("PriceValue", "tier", tier)
        case .snap(let snap): w.enumCase("PriceValue", "snap", snap)
        }
    }
}

// MARK: - Tests

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
        }
    }
}
