import CoinageSyntax

/// Derived prices that round to zero: a bundle sold for nothing.
///
/// A derived price is `start × channel level × rate × region level`, rounded to
/// the region currency's grid or, without one, half-even to its minor unit. A grid
/// never gives zero; the minor unit does when the value is at most half of one,
/// which an inverted rate (`rate IDR 0.000065`) makes of every price in IDR.
///
/// The check does not walk the bundle × region × channel matrix. Within one
/// region currency and level, and one channel level, a price is its start times
/// one factor, so the starts are walked from the smallest up and the walk stops
/// at the first that does not round to zero: the work is the number of such
/// combinations plus the number of zero prices found.
extension Checker {
    /// Regions of one currency and one level, whose prices scale alike.
    private struct RegionGroup {
        let currency: Currency
        let level: Percentage
        /// By code, so that the region a diagnostic names is the first one.
        var regions: [Region]
    }

    /// Where a zero price was first found, for its diagnostic.
    private struct ZeroPrice {
        let region: String
        let channel: String?
        /// The explicit channel-wide price it was derived from; nil: the base price.
        let from: ExplicitPrice?
    }

    private struct ZeroKey: Hashable {
        let item: String
        let currency: String
    }

    /// Reports every bundle and custom amount with a price that rounds to zero in
    /// some region currency: one error per bundle and currency, naming the first
    /// region and channel where it does.
    mutating func reportZeroPrices() {
        guard let baseCurrency else { return }
        let groups = regionGroups()
        guard !groups.isEmpty else { return }
        let levels = channelLevels()
        let overrides = ExplicitPriceOverrides(prices: checkedPrices, markets: markets)
        var found: [ZeroKey: ZeroPrice] = [:]

        // From the base price, with the channel's level.
        let byBase = bundles.values.sorted { ($0.basePrice.minorUnits, $0.name) < ($1.basePrice.minorUnits, $1.name) }
        for (level, slots) in levels {
            for group in groups where roundingRules[group.currency.code] == nil {
                guard let factor = scale(channelLevel: level, group: group, from: baseCurrency) else { continue }
                for bundle in byBase {
                    guard roundsToZero(bundle.basePrice, times: factor) else { break }
                    let key = ZeroKey(item: bundle.name, currency: group.currency.code)
                    guard found[key] == nil else { continue }
                    for slot in slots where overrides.channelWide(bundle.name, on: slot?.name) == nil {
                        if let region = group.regions.first(where: {
                            !overrides.covers(bundle.name, region: $0.code, channel: slot?.name) && !hasScopedRounding($0, channel: slot?.name)
                        }) {
                            found[key] = ZeroPrice(region: region.code, channel: slot?.name, from: nil)
                            break
                        }
                    }
                }
            }
        }

        // From a channel-wide explicit price, converted without the channel's level.
        let slots = levels.flatMap { $0.slots }
        let channelWide = checkedPrices.compactMap { price in price.money.map { (price, $0) } }.filter { $0.0.scope == .everywhere }
            .sorted { ($0.1.minorUnits, $0.0.bundle) < ($1.1.minorUnits, $1.0.bundle) }
        for group in groups where roundingRules[group.currency.code] == nil {
            // Channel-wide prices are in the base currency (E0506 otherwise).
            guard let factor = scale(channelLevel: nil, group: group, from: baseCurrency) else { continue }
            for (price, money) in channelWide where money.currency == baseCurrency {
                guard roundsToZero(money, times: factor) else { break }
                let key = ZeroKey(item: price.bundle, currency: group.currency.code)
                guard found[key] == nil else { continue }
                for slot in slots where overrides.channelWide(price.bundle, on: slot?.name) == price {
                    if let region = group.regions.first(where: {
                        !overrides.covers(price.bundle, region: $0.code, channel: slot?.name) && !hasScopedRounding($0, channel: slot?.name)
                    }) {
                        found[key] = ZeroPrice(region: region.code, channel: slot?.name, from: price)
                        break
                    }
                }
            }
        }

        for key in found.keys.sorted(by: { ($0.item, $0.currency) < ($1.item, $1.currency) }) {
            guard let zero = found[key], let bundle = bundles[key.item], let currency = groups.first(where: { $0.currency.code == key.currency })?.currency else { continue }
            let place = "in `\(zero.region)`" + (zero.channel.map { " on `\($0)`" } ?? "")
            report(.derivedPriceIsZero, "the price of `\(bundle.name)` \(place) rounds to \(Money(minorUnits: 0, currency: currency))",
                   at: zero.from?.span ?? bundle.span, notes: rateNotes(currency), help: zeroHelp(currency, from: baseCurrency))
        }
        reportZeroCustomAmounts(groups: groups, levels: levels, base: baseCurrency)
    }

    /// A custom amount is priced half-even to the minor unit whatever the grid: its
    /// smallest amount must not cost nothing.
    private mutating func reportZeroCustomAmounts(groups: [RegionGroup], levels: [(level: Percentage, slots: [Channel?])], base: Currency) {
        let levelOrder = Dictionary(keepingFirstOf: levels.enumerated().map { ($1.level, $0) })
        for custom in customAmounts.values.sorted(by: { $0.name < $1.name }) {
            let start = Fraction(custom.unitPrice).flatMap { try? $0.multiplied(by: UInt64(custom.minimumCoins)) }
            let sold = firstChannels(of: custom, levels: levels, levelOrder: levelOrder)
            for group in groups {
                var zero: (region: String, channel: String?)?
                for (level, first) in sold {
                    guard let start, let factor = scale(channelLevel: level, group: group, from: custom.unitCurrency),
                          roundsToZero(start, times: factor) else { continue }
                    zero = (group.regions[0].code, first?.name)
                    break
                }
                guard let zero else { continue }
                let place = "in `\(zero.region)`" + (zero.channel.map { " on `\($0)`" } ?? "")
                report(.derivedPriceIsZero,
                       "the price of \(unit.count(custom.minimumCoins)) of custom amount `\(custom.name)` \(place) rounds to \(Money(minorUnits: 0, currency: group.currency))",
                       at: custom.span, notes: rateNotes(group.currency), help: zeroHelp(group.currency, from: base, custom: true))
            }
        }
    }

    /// Per channel level, in `levels` order, the first channel by name that sells
    /// `custom`. An amount sold on named channels is looked at through those alone,
    /// so a shop with as many amounts as channels costs their number, not its square.
    private func firstChannels(of custom: CustomAmount, levels: [(level: Percentage, slots: [Channel?])],
                               levelOrder: [Percentage: Int]) -> [(level: Percentage, first: Channel?)] {
        guard !custom.channels.isEmpty else { return levels.compactMap { level, slots in slots.first.map { (level, $0) } } }
        var first: [Percentage: Channel] = [:]
        for name in custom.channels {
            guard let channel = channels[name] else { continue }
            if first[channel.level].map({ name < $0.name }) ?? true { first[channel.level] = channel }
        }
        return first.sorted { (levelOrder[$0.key] ?? 0) < (levelOrder[$1.key] ?? 0) }.map { ($0.key, Optional($0.value)) }
    }

    /// The region groups, by currency code and level, each with its regions by code.
    private func regionGroups() -> [RegionGroup] {
        var groups: [String: RegionGroup] = [:]
        for region in regions.values.sorted(by: { $0.code < $1.code }) {
            let key = "\(region.currency.code) \(region.level)"
            groups[key, default: RegionGroup(currency: region.currency, level: region.level, regions: [])].regions.append(region)
        }
        return groups.keys.sorted().compactMap { groups[$0] }
    }

    /// The channels by level, each level's channels by name; one slot without a
    /// channel when the rules declare none.
    private func channelLevels() -> [(level: Percentage, slots: [Channel?])] {
        guard !channels.isEmpty else { return [(.hundred, [nil])] }
        var byLevel: [Percentage: [Channel?]] = [:]
        var order: [Percentage] = []
        for channel in channels.values.sorted(by: { $0.name < $1.name }) {
            if byLevel[channel.level] == nil { order.append(channel.level) }
            byLevel[channel.level, default: []].append(channel)
        }
        return order.map { ($0, byLevel[$0] ?? []) }
    }

    /// Minor units of the group's currency per major unit of `from`, times the
    /// channel's level (nil: not applied) and the region level; nil on overflow or
    /// a currency without a rate (reported elsewhere).
    private func scale(channelLevel: Percentage?, group: RegionGroup, from: Currency) -> Fraction? {
        do throws(ArithmeticOverflow) {
            var factor = Fraction(group.currency.minorUnitsPerMajorUnsigned)
            if let channelLevel, channelLevel != .hundred { factor = try factor.multiplied(by: percentFraction(channelLevel)) }
            if group.level != .hundred { factor = try factor.multiplied(by: percentFraction(group.level)) }
            if from != group.currency {
                guard let to = rate(of: group.currency), let of = rate(of: from) else { return nil }
                factor = try factor.multiplied(by: to).dividedBy(of)
            }
            return factor
        } catch {
            return nil
        }
    }

    private func rate(of currency: Currency) -> Fraction? {
        if currency == baseCurrency { return .one }
        return rates[currency.code].flatMap { Fraction($0) }
    }

    /// True when `amount × factor` minor units round half-even to zero.
    private func roundsToZero(_ amount: Money, times factor: Fraction) -> Bool {
        guard amount.minorUnits > 0, let value = Fraction(amount.decimal) else { return false }
        return roundsToZero(value, times: factor)
    }

    private func roundsToZero(_ value: Fraction, times factor: Fraction) -> Bool {
        guard let minor = try? value.multiplied(by: factor) else { return false }
        return minor.rounded(.halfEven) == 0
    }

    /// The rate's declaration, for a currency converted to.
    private func rateNotes(_ currency: Currency) -> [DiagnosticNote] {
        guard currency != baseCurrency, let rate = rates[currency.code],
              let declaration = declarations.rates.first(where: { $0.currency.text == currency.code }) else { return [] }
        return [DiagnosticNote("`rate \(currency.code) \(rate)` makes 1 \(baseCurrency?.code ?? "") worth \(rate) \(currency.code)", at: declaration.span)]
    }

    private func zeroHelp(_ currency: Currency, from base: Currency, custom: Bool = false) -> String {
        if currency != base, let rate = rates[currency.code], ExactDecimal.compare(rate, ExactDecimal(1)) < 0,
           let fraction = Fraction(rate), let inverse = try? Fraction.one.dividedBy(fraction).multiplied(by: 100),
           let hundredths = inverse.rounded(.halfEven), hundredths > 0, hundredths <= UInt64(Int64.max) {
            let inverted = ExactDecimal(significand: Int64(hundredths), scale: 2)
            return "a rate is how many \(currency.code) 1 \(base.code) buys; if it is inverted "
                + "(1 \(currency.code) is worth \(rate) \(base.code)), write `rate \(currency.code) \(inverted)`"
        }
        return custom
            ? "raise the price of one coin or the smallest amount"
            : "raise the price, or give \(currency.code) a price grid with `round \(currency.code) ...`: a grid never rounds to zero"
    }
}

/// Which explicit prices replace a derivation, looked up per bundle.
private struct ExplicitPriceOverrides {
    /// Channel-wide prices (`price coins_70 on web: ...`) by bundle.
    private let channelWide: [String: [ExplicitPrice]]
    /// Region and market prices by bundle: used as written, so never zero.
    private let scoped: [String: [ExplicitPrice]]
    private let marketRegions: [String: Set<String>]

    init(prices: [ExplicitPrice], markets: [String: Market]) {
        var channelWide: [String: [ExplicitPrice]] = [:]
        var scoped: [String: [ExplicitPrice]] = [:]
        for price in prices {
            if price.scope == .everywhere { channelWide[price.bundle, default: []].append(price) } else { scoped[price.bundle, default: []].append(price) }
        }
        self.channelWide = channelWide
        self.scoped = scoped
        marketRegions = markets.mapValues { Set($0.regions) }
    }

    /// The channel-wide price a derivation on `channel` starts from, if any: one
    /// for the channel itself before one for every channel.
    func channelWide(_ bundle: String, on channel: String?) -> ExplicitPrice? {
        guard let prices = channelWide[bundle] else { return nil }
        return prices.first { $0.channel != nil && $0.channel == channel } ?? prices.first { $0.channel == nil }
    }

    /// True when a region or market price sets the cell.
    func covers(_ bundle: String, region: String, channel: String?) -> Bool {
        scoped[bundle]?.contains { price in
            if let priceChannel = price.channel, priceChannel != channel { return false }
            switch price.scope {
            case .region(let code): return code == region
            case .market(let name): return marketRegions[name]?.contains(region) ?? false
            case .everywhere: return false
            }
        } ?? false
    }
}
