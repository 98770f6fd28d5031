import CoinageSyntax

extension Checker {
    /// Bundles, custom amounts, explicit prices, gifts and the payout.
    mutating func checkCatalog() {
        for declaration in declarations.bundles {
            if let bundle = bundle(declaration) { bundles[bundle.name] = bundle }
        }
        for declaration in declarations.customs {
            if let custom = customAmount(declaration) { customAmounts[custom.name] = custom }
        }
        reportOverlappingCustomAmounts()
        checkedPrices = declarations.prices.compactMap { explicitPrice($0) }
        reportConflictingMarketPrices()
        for declaration in declarations.gifts {
            if let coins = positiveInteger(declaration.coins, "a gift's price in \(unit.plural)") {
                checkedGifts.append(Gift(name: declaration.name.text, coins: coins, span: declaration.span))
            }
        }
        checkedGifts.sort { ($0.coins, $0.name) < ($1.coins, $1.name) }
        if let declaration = declarations.payouts.first { checkedPayout = payout(declaration) }
    }

    private mutating func bundle(_ declaration: BundleDeclaration) -> Bundle? {
        let coins = positiveInteger(declaration.coins, "a bundle's \(unit.plural)")
        let bonus = declaration.bonus.map { positiveInteger($0, "bonus \(unit.plural)") } ?? 0
        guard let price = positiveMoney(declaration.price, "a bundle's base price") else { return nil }
        if let baseCurrency, price.currency != baseCurrency {
            report(.explicitPriceWrongCurrency, "base price of `\(declaration.name.text)` is in \(price.currency.code), not the base currency \(baseCurrency.code)",
                   at: declaration.price.currency.span, help: "write the base price in \(baseCurrency.code); regional prices are derived or declared with `price`")
            return nil
        }
        guard let coins, let bonus else { return nil }
        return Bundle(name: declaration.name.text, coins: coins, basePrice: price, bonusCoins: bonus, span: declaration.span)
    }

    private mutating func customAmount(_ declaration: CustomAmountDeclaration) -> CustomAmount? {
        let minimum = positiveInteger(declaration.minimum, "the smallest custom amount")
        let maximum = positiveInteger(declaration.maximum, "the largest custom amount")
        guard let currency = currency(declaration.unitPrice.currency) else { return nil }
        requireRate(currency, at: declaration.unitPrice.currency.span, for: "the price of custom amount `\(declaration.name.text)`")
        if declaration.unitPrice.amount.value.significand <= 0 {
            report(.mustBePositive, "the price of one coin must be more than zero", at: declaration.unitPrice.span)
            return nil
        }
        var channelNames: [String] = []
        var repeats = ListRepeats()
        var ok = true
        for name in declaration.channels where !repeats.isRepeat(name.text, at: name.span) {
            if let channel = channelReference(name) {
                channelNames.append(channel)
            } else {
                ok = false
            }
        }
        reportRepeats(repeats) { _ in nil }
        guard let minimum, let maximum, ok else { return nil }
        guard minimum <= maximum else {
            report(.customRangeInverted, "custom amount `\(declaration.name.text)` runs from `\(text(declaration.minimum.span))` down to `\(text(declaration.maximum.span))`",
                   at: declaration.minimum.span.merged(with: declaration.maximum.span), help: "write the smaller amount first")
            return nil
        }
        return CustomAmount(name: declaration.name.text, minimumCoins: minimum, maximumCoins: maximum,
                            unitPrice: declaration.unitPrice.amount.value, unitCurrency: currency,
                            channels: channelNames, span: declaration.span)
    }

    /// Two custom amounts sold on one channel would make `quote N coins` ambiguous.
    ///
    /// Each custom amount is reported once, with the first earlier one it shares a
    /// channel with, found through an index of channels rather than by comparing
    /// every pair: a hundred thousand custom amounts stay linear.
    private mutating func reportOverlappingCustomAmounts() {
        let customs = declarations.customs.filter { customAmounts[$0.name.text] != nil }
        var firstOnChannel: [String: Int] = [:]
        var firstEverywhere: Int?
        for (index, custom) in customs.enumerated() {
            let channelNames = custom.channels.map { $0.text }
            // Sold everywhere, it overlaps the first one of all; otherwise the first
            // sold everywhere or on one of its channels.
            let earlier = channelNames.isEmpty ? (index > 0 ? 0 : nil)
                : (channelNames.compactMap { firstOnChannel[$0] } + [firstEverywhere].compactMap { $0 }).min()
            if let earlier {
                let first = customs[earlier]
                report(.overlappingCustomAmounts, "custom amounts `\(first.name.text)` and `\(custom.name.text)` are both sold on one channel",
                       at: custom.name.span, notes: [DiagnosticNote("`\(first.name.text)` is declared here", at: first.name.span)],
                       help: "give each custom amount its own channels with `, on ...`")
            }
            if channelNames.isEmpty, firstEverywhere == nil { firstEverywhere = index }
            for name in channelNames where firstOnChannel[name] == nil { firstOnChannel[name] = index }
        }
    }

    private mutating func explicitPrice(_ declaration: PriceDeclaration) -> ExplicitPrice? {
        var ok = true
        if bundleReference(declaration.bundle) == nil { ok = false }
        var expectedCurrency: Currency?
        var scope = ExplicitPrice.Scope.everywhere
        switch declaration.scope {
        case .region(let code):
            if let name = regionReference(code) {
                scope = .region(name)
                expectedCurrency = regions[name]?.currency
            } else {
                ok = false
            }
        case .market(let name):
            if let market = marketReference(name) {
                scope = .market(market.name)
                let currencies = Set(market.regions.compactMap { regions[$0]?.currency.code })
                if case .money = declaration.price, currencies.count > 1 {
                    // A price from a table is each storefront's own: only an amount must fit them all.
                    report(.marketMixesCurrencies, "market `\(market.name)` has regions in \(currencies.sorted().joined(separator: ", ")): one price cannot fit them all",
                           at: name.span, help: "declare the price per region, or per market of one currency")
                    ok = false
                } else {
                    expectedCurrency = market.regions.first.flatMap { regions[$0]?.currency }
                }
            } else {
                ok = false
            }
        case nil:
            expectedCurrency = baseCurrency
        }
        var channel: String?
        if let name = declaration.channel {
            channel = channelReference(name)
            if channel == nil { ok = false }
        }
        let value: ExplicitPrice.Value
        switch declaration.price {
        case .money(let literal):
            guard let price = positiveMoney(literal, "an explicit price") else { return nil }
            if let expectedCurrency, price.currency != expectedCurrency {
                let message = declaration.scope.map { "price is in \(price.currency.code), but `\($0.text)` uses \(expectedCurrency.code)" }
                    ?? "a price for every region is in the base currency \(expectedCurrency.code), not \(price.currency.code)"
                report(.explicitPriceWrongCurrency, message, at: literal.currency.span,
                       help: declaration.scope == nil ? "write it in \(expectedCurrency.code), or name the region or market it is for with `in`"
                           : "write the price in \(expectedCurrency.code)")
                return nil
            }
            value = .money(price)
        case .tier(let tier):
            guard pointsTableReference(tier.table) != nil, let number = tierNumber(tier.tier) else { return nil }
            value = .tier(table: tier.table.text, tier: number)
        case .snap(let snap):
            guard pointsTableReference(snap.table) != nil else { return nil }
            value = .snap(PointsSnapping(table: snap.table.text, mode: snap.mode, span: snap.span))
        }
        guard ok else { return nil }
        return ExplicitPrice(bundle: declaration.bundle.text, scope: scope, channel: channel, value: value, span: declaration.span)
    }

    /// A region in two markets that both price one bundle on one channel has two
    /// equally specific prices: the brief makes that an error rather than a guess. A
    /// price for the region itself is more specific than either, and settles it.
    private mutating func reportConflictingMarketPrices() {
        let channelNames: [String?] = channels.isEmpty ? [nil] : channels.keys.sorted().map { Optional($0) }
        // Keys are structs, not interpolated strings, and each conflict is found by
        // its pair of prices in a dictionary: many market prices stay linear.
        struct NamedCell: Hashable { let bundle: String, region: String, channel: String? }
        struct Claim: Hashable { let cell: NamedCell, specificity: Int }
        struct Pair: Hashable { let first: SourceSpan, second: SourceSpan }
        var regionPriced: Set<NamedCell> = []
        for price in checkedPrices {
            if case .region(let region) = price.scope { regionPriced.insert(NamedCell(bundle: price.bundle, region: region, channel: price.channel)) }
        }
        var seen: [Claim: ExplicitPrice] = [:]
        // Per conflicting pair of prices, every region and channel they both claim, so
        // one diagnostic names them all and one round of fixes settles it.
        var conflicts: [(first: ExplicitPrice, second: ExplicitPrice, cells: [String])] = []
        var conflictIndex: [Pair: (index: Int, cells: Set<String>)] = [:]
        for price in checkedPrices {
            guard case .market(let name) = price.scope, markets[name] != nil, let market = markets[name] else { continue }
            for region in market.regions {
                if regionPriced.contains(NamedCell(bundle: price.bundle, region: region, channel: nil)) { continue }
                for channel in price.channel.map({ [$0] }) ?? channelNames {
                    if let channel, regionPriced.contains(NamedCell(bundle: price.bundle, region: region, channel: channel)) { continue }
                    let claim = Claim(cell: NamedCell(bundle: price.bundle, region: region, channel: channel), specificity: price.specificity)
                    guard let other = seen[claim] else {
                        seen[claim] = price
                        continue
                    }
                    guard other.scope != price.scope else { continue }
                    let cell = "`\(region)`" + (price.channel.map { " on `\($0)`" } ?? "")
                    let pair = Pair(first: other.span, second: price.span)
                    if let known = conflictIndex[pair] {
                        if conflictIndex[pair]?.cells.insert(cell).inserted ?? false { conflicts[known.index].cells.append(cell) }
                    } else {
                        conflictIndex[pair] = (conflicts.count, [cell])
                        conflicts.append((other, price, [cell]))
                    }
                }
            }
        }
        for conflict in conflicts {
            guard case .market(let first) = conflict.first.scope, case .market(let second) = conflict.second.scope else { continue }
            let regions = conflict.cells.joined(separator: ", ")
            report(.conflictingExplicitPrices,
                   "`\(conflict.second.bundle)` has two prices for \(regions): one from market `\(first)`, one from market `\(second)`",
                   at: conflict.second.span, notes: [DiagnosticNote("the other price is declared here", at: conflict.first.span)],
                   help: conflict.cells.count == 1
                       ? "declare a price for the region itself, which is more specific than either market"
                       : "declare a price for each of these regions, which is more specific than either market")
        }
    }

    private mutating func payout(_ declaration: PayoutDeclaration) -> Payout? {
        var share: Percentage?
        var diamond: (ExactDecimal, Currency)?
        var minimum: Money?
        var maximum: Money?
        var seen: [String: SourceSpan] = [:]
        var ok = true
        for clause in declaration.clauses {
            if let first = seen[clause.keyword] {
                report(.duplicateClause, "`\(clause.keyword)` is given twice in the payout", at: clause.span,
                       notes: [DiagnosticNote("first given here", at: first)])
                ok = false
                continue
            }
            seen[clause.keyword] = clause.span
            switch clause.kind {
            case .share(let literal):
                share = percentage(literal, "a payout share", from: 0, to: 100, allowLow: false)
                if share == nil { ok = false }
            case .diamond(let literal):
                guard let currency = currency(literal.currency) else { ok = false; continue }
                requireRate(currency, at: literal.currency.span, for: "the diamond value")
                if literal.amount.value.significand <= 0 {
                    report(.mustBePositive, "a diamond's value must be more than zero", at: literal.span)
                    ok = false
                }
                diamond = (literal.amount.value, currency)
            case .minimum(let literal):
                minimum = positiveMoney(literal, "the smallest withdrawal")
                if let minimum { requireRate(minimum.currency, at: literal.currency.span, for: "the smallest withdrawal") } else { ok = false }
            case .maximumPerDay(let literal):
                maximum = positiveMoney(literal, "the largest daily withdrawal")
                if let maximum { requireRate(maximum.currency, at: literal.currency.span, for: "the largest daily withdrawal") } else { ok = false }
            }
        }
        for (keyword, example) in [("share", "share 50%"), ("diamond", "diamond 0.005 USD")] where seen[keyword] == nil && declaration.isComplete {
            report(.missingPayoutClause, "the payout has no `\(keyword)`", at: declaration.span, help: "add `\(example)`")
            ok = false
        }
        guard ok, declaration.isComplete, let share, let diamond else { return nil }
        return Payout(share: share, diamondValue: diamond.0, diamondCurrency: diamond.1,
                      minimumWithdrawal: minimum, maximumWithdrawalPerDay: maximum, span: declaration.span)
    }
}
