import CoinageSyntax

/// `round USD on web ...`, `round EUR in DE ...`: rounding rules scoped like
/// explicit prices, checked once the regions, markets and channels are known.
extension Checker {
    mutating func checkScopedRoundings() {
        for declaration in declarations.roundings where !declaration.isCurrencyWide {
            guard let currency = currency(declaration.currency) else { continue }
            if case .tiers = declaration.body, !declaration.isComplete { continue }
            var ok = true
            var scope = ExplicitPrice.Scope.everywhere
            switch declaration.scope {
            case .region(let code):
                if let name = regionReference(code), let region = regions[name] {
                    scope = .region(name)
                    if region.currency != currency {
                        reportOtherCurrency(declaration, place: "region `\(name)`", uses: [region.currency.code])
                        ok = false
                    }
                } else {
                    ok = false
                }
            case .market(let name):
                if let market = marketReference(name) {
                    scope = .market(market.name)
                    let used = Set(market.regions.compactMap { regions[$0]?.currency.code })
                    if used.contains(where: { $0 != currency.code }) {
                        reportOtherCurrency(declaration, place: "market `\(market.name)`", uses: used.sorted())
                        ok = false
                    }
                } else {
                    ok = false
                }
            case nil:
                break
            }
            var channel: String?
            if let name = declaration.channel {
                channel = channelReference(name)
                if channel == nil { ok = false }
                if let snapping = channel.flatMap({ channels[$0]?.points }) {
                    report(.roundingNeverApplies, "this rounding of \(currency.code) never applies: `\(name.text)` snaps its prices to `\(snapping.table)`",
                           at: declaration.span, notes: [DiagnosticNote("the channel's prices come from the table here", at: snapping.span)],
                           help: "remove this rule, or the channel's `points` to round its prices instead")
                }
            }
            guard let rule = roundingRule(declaration.body, currency: currency, declarationSpan: declaration.span), ok else { continue }
            scopedRoundingRules.append(ScopedRoundingRule(currency: currency, scope: scope, channel: channel, rule: rule,
                                                          span: declaration.span))
        }
    }

    /// A scoped rule whose region or market prices in other currencies: it would
    /// never round anything.
    private mutating func reportOtherCurrency(_ declaration: RoundingDeclaration, place: String, uses currencies: [String]) {
        let code = declaration.currency.text
        report(.explicitPriceWrongCurrency,
               "the rounding of \(code) is scoped to \(place), which prices in \(currencies.joined(separator: ", "))",
               at: declaration.scope?.span ?? declaration.span,
               help: currencies.count == 1 ? "write `round \(currencies[0]) \(declaration.scope.map { "in \($0.text)" } ?? "")...` to round its prices"
                                           : "scope the rule to a region or a market of one currency")
    }

    /// Whether a scoped rounding rule rounds region `region`'s prices on `channel`:
    /// its grid, not the minor unit, decides whether a price rounds to zero there.
    func hasScopedRounding(_ region: Region, channel: String?) -> Bool {
        scopedRoundingRules.contains { rule in
            rule.currency == region.currency && rule.covers(.region(region.code), channel: channel, regionsOf: { markets[$0]?.regions })
        }
    }
}
