import CoinageSyntax

/// A rounding rule for part of a currency's cells, scoped as an explicit price is:
/// `round USD on web nearest 0.05`, `round EUR in DE on ios { ... }`.
///
/// Where several rules could round a cell, the most specific wins, in the order of
/// explicit prices (region and channel, region, market and channel, market,
/// channel), and the currency's own rule (`round USD ...`) comes last.
public struct ScopedRoundingRule: Hashable, Sendable {
    public let currency: Currency
    /// `.region`, `.market`, or `.everywhere` for a channel-only rule.
    public let scope: ExplicitPrice.Scope
    public let channel: String?
    public let rule: RoundingRule
    public let span: SourceSpan

    /// Higher wins, as for explicit prices: region+channel 6, region 5,
    /// market+channel 4, market 3, channel 2.
    public var specificity: Int { scope.specificity(withChannel: channel != nil) }

    /// Whether this rule rounds every cell of `place` on `channel` (nil: every
    /// channel, or none declared); `regionsOf` gives a market's region codes.
    public func covers(_ place: ExplicitPrice.Scope, channel: String?, regionsOf: (String) -> [String]?) -> Bool {
        if let wanted = self.channel, wanted != channel { return false }
        switch (scope, place) {
        case (.everywhere, _): return true
        case let (.region(a), .region(b)): return a == b
        case let (.market(name), .region(code)): return regionsOf(name)?.contains(code) ?? false
        case let (.market(a), .market(b)): return a == b
        case (.region, _), (.market, _): return false
        }
    }
}

/// The rounding rule that governs a place, and where it is declared.
public struct GoverningRounding: Sendable {
    public let rule: RoundingRule
    public let span: SourceSpan?
    /// The scoped rule's index in `RuleSet.scopedRoundingRules`, or nil for the
    /// currency's own.
    public let scopedIndex: Int?
}

extension RuleSet {
    /// The rule that rounds derived prices in `currency` for `scope` on `channel`
    /// (nil: every channel, or none declared): the most specific rule whose scope
    /// covers the whole of it, else the currency's own rule; nil when neither exists.
    ///
    /// A cell asks with its region; an explicit price asks with its own scope, so a
    /// market price is judged by the market's grid, never by one region's.
    public func governingRounding(currency: Currency, scope: ExplicitPrice.Scope, channel: String?) -> GoverningRounding? {
        var best: Int?
        for (index, candidate) in scopedRoundingRules.enumerated() where candidate.currency == currency {
            guard candidate.covers(scope, channel: channel, regionsOf: { market($0)?.regions }) else { continue }
            if best.map({ candidate.specificity > scopedRoundingRules[$0].specificity }) ?? true { best = index }
        }
        if let best {
            return GoverningRounding(rule: scopedRoundingRules[best].rule, span: scopedRoundingRules[best].span, scopedIndex: best)
        }
        return roundingRules[currency.code].map { GoverningRounding(rule: $0, span: roundingSpans[currency.code], scopedIndex: nil) }
    }
}

extension ExplicitPrice.Scope {
    /// The order of specificity of a place, for explicit prices and rounding rules
    /// alike: region and channel 6, region 5, market and channel 4, market 3, a
    /// channel alone 2.
    public func specificity(withChannel: Bool) -> Int {
        switch (self, withChannel) {
        case (.region, true): 6
        case (.region, false): 5
        case (.market, true): 4
        case (.market, false): 3
        case (.everywhere, _): 2
        }
    }

    /// `in DE`, `in eurozone`; nil for every region.
    public var placeText: String? {
        switch self {
        case .region(let code): "in \(code)"
        case .market(let name): "in \(name)"
        case .everywhere: nil
        }
    }
}
