import CoinageSyntax

/// Declarations of every file, grouped by kind, with duplicates reported.
///
/// Names are global across files, so a duplicate may sit in another file: the
/// diagnostic points at the second declaration and its note at the first.
struct DeclarationTable {
    var baseCurrency: [BaseCurrencyDeclaration] = []
    var stacking: [StackingDeclaration] = []
    var floor: [FloorDeclaration] = []
    var units: [UnitDeclaration] = []
    var currencies: [CurrencyDeclaration] = []
    var rates: [RateDeclaration] = []
    var roundings: [RoundingDeclaration] = []
    var regions: [RegionDeclaration] = []
    var markets: [MarketDeclaration] = []
    var channels: [ChannelDeclaration] = []
    var bundles: [BundleDeclaration] = []
    var customs: [CustomAmountDeclaration] = []
    var prices: [PriceDeclaration] = []
    var users: [UserAttributeDeclaration] = []
    var promotions: [PromotionDeclaration] = []
    var gifts: [GiftDeclaration] = []
    var payouts: [PayoutDeclaration] = []
    var tests: [TestDeclaration] = []
    var guards: [GuardDeclaration] = []
    var allows: [AllowDeclaration] = []
    var points: [PointsDeclaration] = []
    var experiments: [ExperimentDeclaration] = []

    /// First declaration seen per namespace and name.
    private var firstSeen: [String: [String: SourceSpan]] = [:]
    /// The names of the declarations kept, by kind (`bundle` and `custom` apart),
    /// for uses to look up without a scan.
    private var names: [String: Set<String>] = [:]
    /// Where each promotion is first declared: the namespace a big shop has thousands
    /// of names in, kept apart so that each costs one lookup (it is also their `names`).
    private var promotionNames: [String: SourceSpan] = [:]

    /// Names of declarations that did not parse, by namespace: they count as
    /// declared, so their uses are not reported again.
    private(set) var failed: [String: Set<String>] = [:]
    /// True when some declaration, clause or line was dropped by the parser.
    var hasParseFailures = false

    /// Records a declaration the parser abandoned.
    mutating func collect(_ incomplete: IncompleteDeclaration) {
        hasParseFailures = true
        let namespace: String? = switch incomplete.keyword {
        case "custom": "bundle"
        case "base", "stacking", "floor", "payout", "unit": "setting"
        case "price", "test", "guard": nil
        default: incomplete.keyword
        }
        guard let namespace else { return }
        let name = namespace == "setting" ? incomplete.keyword : incomplete.name
        if let name { failed[namespace, default: []].insert(name) }
    }

    func didFail(_ namespace: String, _ name: String) -> Bool {
        failed[namespace]?.contains(name) ?? false
    }

    /// True when a declaration of this kind (`region`, `channel`, `market`,
    /// `bundle`, `custom`, `user`, `promotion`, `rate`) has the name.
    func isDeclared(_ kind: String, _ name: String) -> Bool {
        if kind == "promotion" { return promotionNames[name] != nil }
        return names[kind]?.contains(name) ?? false
    }

    mutating func collect(_ declaration: Declaration, into bag: inout DiagnosticBag) {
        switch declaration {
        case .baseCurrency(let d):
            if unique("setting", "base currency", what: "`base currency`", at: d.span, into: &bag) { baseCurrency.append(d) }
        case .stacking(let d):
            if unique("setting", "stacking", what: "`stacking`", at: d.span, into: &bag) { stacking.append(d) }
        case .floor(let d):
            if unique("setting", "floor", what: "`floor`", at: d.span, into: &bag) { floor.append(d) }
        case .unit(let d):
            if unique("setting", "unit", what: "`unit`", at: d.span, into: &bag) { units.append(d) }
        case .currency(let d):
            if unique("currency", d.code.text, what: "currency `\(d.code.text)`", at: d.code.span, into: &bag) { currencies.append(d) }
        case .rate(let d):
            if unique("rate", d.currency.text, what: "the rate of `\(d.currency.text)`", at: d.currency.span, into: &bag) { rates.append(d); names["rate", default: []].insert(d.currency.text) }
        case .rounding(let d):
            let place = [d.scope.map { "in \($0.text)" }, d.channel.map { "on \($0.text)" }].compactMap { $0 }.joined(separator: " ")
            let key = place.isEmpty ? d.currency.text : "\(d.currency.text) \(place)"
            if unique("round", key, what: "the rounding of `\(key)`", at: d.currency.span, into: &bag) { roundings.append(d) }
        case .region(let d):
            if unique("region", d.code.text, what: "region `\(d.code.text)`", at: d.code.span, into: &bag) { regions.append(d); names["region", default: []].insert(d.code.text) }
        case .market(let d):
            if unique("market", d.name.text, what: "market `\(d.name.text)`", at: d.name.span, into: &bag) { markets.append(d); names["market", default: []].insert(d.name.text) }
        case .channel(let d):
            if unique("channel", d.name.text, what: "channel `\(d.name.text)`", at: d.name.span, into: &bag) { channels.append(d); names["channel", default: []].insert(d.name.text) }
        case .bundle(let d):
            // Bundles and custom amounts share a namespace: both are what `bundle ==` compares.
            if unique("bundle", d.name.text, what: "bundle `\(d.name.text)`", at: d.name.span, into: &bag) { bundles.append(d); names["bundle", default: []].insert(d.name.text) }
        case .custom(let d):
            if unique("bundle", d.name.text, what: "custom amount `\(d.name.text)`", at: d.name.span, into: &bag) { customs.append(d); names["custom", default: []].insert(d.name.text) }
        case .price(let d):
            let key = "\(d.bundle.text) \(d.scope?.text ?? "*") \(d.channel?.text ?? "*")"
            var place = ""
            if let scope = d.scope { place += " in `\(scope.text)`" }
            if let channel = d.channel { place += " on `\(channel.text)`" }
            if unique("price", key, what: "the price of `\(d.bundle.text)`\(place)", at: d.span, into: &bag) { prices.append(d) }
        case .user(let d):
            if unique("user", d.name.text, what: "user attribute `\(d.name.text)`", at: d.name.span, into: &bag) { users.append(d); names["user", default: []].insert(d.name.text) }
        case .promotion(let d):
            if !d.isComplete { hasParseFailures = true }
            if uniquePromotion(d.name, into: &bag) { promotions.append(d) }
        case .gift(let d):
            if unique("gift", d.name.text, what: "gift `\(d.name.text)`", at: d.name.span, into: &bag) { gifts.append(d) }
        case .payout(let d):
            if unique("setting", "payout", what: "`payout`", at: d.span, into: &bag) { payouts.append(d) }
        case .test(let d):
            if !d.isComplete { hasParseFailures = true }
            if unique("test", d.title.value, what: "test \"\(d.title.value)\"", at: d.title.span, into: &bag) { tests.append(d) }
        case .guardRule(let d):
            if unique("guard", Self.guardKey(d.kind), what: "this guard", at: d.span, into: &bag) { guards.append(d) }
        case .points(let d):
            if unique("points", d.name.text, what: "price-point table `\(d.name.text)`", at: d.name.span, into: &bag) {
                points.append(d)
                names["points", default: []].insert(d.name.text)
            }
        case .experiment(let d):
            if !d.isComplete { hasParseFailures = true }
            if unique("experiment", d.name.text, what: "experiment `\(d.name.text)`", at: d.name.span, into: &bag) { experiments.append(d) }
        case .allow(let d):
            let key = d.code.text + (d.target.map { " for \($0.text)" } ?? "")
            if unique("allow", key, what: "`allow \(key)`", at: d.code.span, into: &bag) { allows.append(d) }
        }
    }

    private static func guardKey(_ kind: GuardDeclaration.Kind) -> String {
        switch kind {
        case .discountAtMost: "discount"
        // One guard on the ladder: the two forms say the same thing, one strictly.
        case .pricePerCoinFallsWithSize, .pricePerCoinDoesNotRiseWithSize: "price per coin"
        case .regionPriceWithin: "region price"
        }
    }

    /// Room for `count` promotions, so that a big shop's table of names is made once.
    mutating func reserve(promotions count: Int) {
        promotionNames.reserveCapacity(count)
        promotions.reserveCapacity(count)
    }

    /// `unique` for a promotion's name, with one hash of the name when it is new.
    ///
    /// Only the name is passed: a copy of the whole declaration for each promotion
    /// was a third of the cost.
    private mutating func uniquePromotion(_ name: Name, into bag: inout DiagnosticBag) -> Bool {
        guard let first = promotionNames.updateValue(name.span, forKey: name.text) else { return true }
        promotionNames[name.text] = first
        bag.add(Diagnostic(.duplicateDeclaration, "promotion `\(name.text)` is declared twice", at: name.span,
                           notes: [DiagnosticNote("first declared here", at: first)],
                           help: "remove one of the two, or give them different names"))
        return false
    }

    /// Records a name; reports and returns false when it was declared before.
    private mutating func unique(_ namespace: String, _ name: String, what: @autoclosure () -> String, at span: SourceSpan,
                                 into bag: inout DiagnosticBag) -> Bool {
        if let first = firstSeen[namespace]?[name] {
            let named = !["setting", "guard", "rate", "round", "price"].contains(namespace)
            bag.add(Diagnostic(.duplicateDeclaration, "\(what()) is declared twice", at: span,
                               notes: [DiagnosticNote("first declared here", at: first)],
                               help: named ? "remove one of the two, or give them different names" : "remove one of the two"))
            return false
        }
        firstSeen[namespace, default: [:]][name] = span
        return true
    }
}
