import CoinageSyntax

// The fingerprints of the declarations (but promotions and tests), in the text
// reflection gives; `FingerprintTests` compares.

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
        case .experiment(let d): w.enumCase(type, "experiment", d)
        }
    }
}

extension ExperimentDeclaration: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("ExperimentDeclaration"); w.field("name", name); w.field("clauses", clauses); w.field("isComplete", isComplete); w.close()
    }
}

extension ExperimentClause: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("ExperimentClause"); w.field("kind", kind); w.field("keyword", keyword); w.close()
    }
}

extension ExperimentClause.Kind: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        let type = "Kind"
        switch self {
        case .during(let window): w.enumCase(type, "during", window)
        case .audience(let expression): w.enumCase(type, "audience", expression)
        case .unit(let name): w.enumCase(type, "unit", name)
        case .salt(let literal): w.enumCase(type, "salt", literal)
        case .arm(let arm): w.enumCase(type, "arm", arm)
        }
    }
}

extension ExperimentArm: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("ExperimentArm")
        w.field("name", name); w.field("weight", weight); w.field("body", body); w.field("isComplete", isComplete)
        w.close()
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

// MARK: - Settings

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
        case .text: w.enumCase("UserAttributeType", "text")
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
