import CoinageSyntax

/// How one list price was found: the explicit price that set it, or the steps of
/// its derivation and the rounding that ended it.
public struct ListPriceExplanation: Hashable, Sendable {
    public enum Source: Hashable, Sendable {
        /// An explicit price for this region or market, used as written.
        case explicit(ExplicitPrice)
        /// Derived from the bundle's base price.
        case derivedFromBase
        /// Derived from a channel-wide explicit price (`price coins_70 on web: ...`).
        case derivedFromChannelPrice(ExplicitPrice)
        /// A channel-wide explicit price used as written: no conversion or level applied.
        case channelPriceAsWritten(ExplicitPrice)
        /// Taken from a price-point table by an explicit price: its tier, or the
        /// derived price snapped to the table (`rounding` says which point).
        case pricePoints(ExplicitPrice)
    }

    /// One factor of a derivation and the value after applying it.
    public struct Step: Hashable, Sendable {
        /// e.g. `channel web level 75%`, `rate EUR 0.92`.
        public let label: String
        /// The running value after this step, exactly, in major units of `currency`.
        public let value: BigFraction
        public let currency: Currency
    }

    public enum Rounding: Hashable, Sendable {
        case none
        /// The currency's rounding rule.
        case grid(GridRoundingResult)
        /// No rule for the currency: half-even to the minor unit.
        case halfEvenToMinorUnit
        /// A point of a price-point table: by its tier, or snapped to.
        case pricePoint(PricePointMatch)
    }

    public let source: Source

    /// True when an explicit price was used as written, with no derivation.
    public var isAsWritten: Bool {
        switch source {
        case .explicit, .channelPriceAsWritten: true
        case .derivedFromBase, .derivedFromChannelPrice: false
        case .pricePoints: steps.isEmpty
        }
    }

    /// The table point the price is, when it is one.
    public var pricePoint: PricePointMatch? {
        if case .pricePoint(let match) = rounding { match } else { nil }
    }

    /// Empty for a price used as written.
    public let steps: [Step]
    public let rounding: Rounding
    public let price: Money
}

/// Finds list prices by the brief's order of specificity: region+channel > region >
/// market+channel > market > channel > derived.
///
/// It holds values by index (the bundles' base prices, the explicit prices and the
/// `Storefronts`), never the rule set, so a compiled price book can derive past its
/// precomputed table without a pointer back to the checked model.
package struct ListPriceDerivation: Sendable {
    /// An explicit price with its scope resolved to indices.
    private struct ScopedPrice: Sendable {
        enum Regions: Sendable {
            case one(Int)
            /// A market's regions, by index, sorted.
            case market([Int])
            case everywhere
        }

        let price: ExplicitPrice
        let regions: Regions
        /// The channel it is limited to; -1 for a channel the rules do not declare.
        let channel: Int?

        func applies(region: Int, channel slot: Int?) -> Bool {
            if let channel, channel != slot { return false }
            switch regions {
            case .one(let index): return index == region
            case .market(let members): return members.contains(region)
            case .everywhere: return true
            }
        }
    }

    package let storefronts: Storefronts
    private let bundleNames: [String]
    private let basePrices: [Money]
    /// Explicit prices by bundle index, most specific first.
    private let explicitByBundle: [[ScopedPrice]]
    /// Per region, the markets with an explicit price it belongs to, sorted (price classes).
    private let pricedMarketsOfRegion: [[String]]
    /// Per region, whether an explicit price names it (price classes).
    private let regionNamed: [Bool]
    /// Per channel, whether an explicit price names it (price classes).
    private let channelNamed: [Bool]

    package init(_ rules: RuleSet) {
        storefronts = Storefronts(rules)
        bundleNames = rules.bundles.map { $0.name }
        basePrices = rules.bundles.map { $0.basePrice }
        var regionIndex: [String: Int] = [:]
        for (index, region) in rules.regions.enumerated() where regionIndex[region.code] == nil { regionIndex[region.code] = index }
        var channelIndex: [String: Int] = [:]
        for (index, channel) in rules.channels.enumerated() where channelIndex[channel.name] == nil { channelIndex[channel.name] = index }
        var marketMembers: [String: [Int]] = [:]
        for market in rules.markets where marketMembers[market.name] == nil {
            marketMembers[market.name] = Set(market.regions.compactMap { regionIndex[$0] }).sorted()
        }
        var bundleIndex: [String: Int] = [:]
        for (index, bundle) in rules.bundles.enumerated() where bundleIndex[bundle.name] == nil { bundleIndex[bundle.name] = index }
        var byBundle = [[ScopedPrice]](repeating: [], count: rules.bundles.count)
        var named = [Bool](repeating: false, count: rules.regions.count)
        var marketsNamed: Set<String> = []
        for price in rules.explicitPrices {
            let regions: ScopedPrice.Regions
            switch price.scope {
            case .region(let code):
                regions = .one(regionIndex[code] ?? -1)
                if let index = regionIndex[code] { named[index] = true }
            case .market(let name):
                regions = .market(marketMembers[name] ?? [])
                marketsNamed.insert(name)
            case .everywhere:
                regions = .everywhere
            }
            guard let bundle = bundleIndex[price.bundle] else { continue }
            byBundle[bundle].append(ScopedPrice(price: price, regions: regions, channel: price.channel.map { channelIndex[$0] ?? -1 }))
        }
        // Stable: among equally specific prices the first written wins, as before.
        explicitByBundle = byBundle.map { prices in
            prices.enumerated().sorted { ($0.element.price.specificity, -$0.offset) > ($1.element.price.specificity, -$1.offset) }
                .map { $0.element }
        }
        regionNamed = named
        var marketsOfRegion = [[String]](repeating: [], count: rules.regions.count)
        for market in rules.markets where marketsNamed.contains(market.name) {
            for member in marketMembers[market.name] ?? [] where !marketsOfRegion[member].contains(market.name) {
                marketsOfRegion[member].append(market.name)
            }
        }
        pricedMarketsOfRegion = marketsOfRegion.map { $0.sorted() }
        // A channel named by a price or by a rounding rule prices apart.
        let namedChannels = Set(rules.explicitPrices.compactMap { $0.channel } + rules.scopedRoundingRules.compactMap { $0.channel })
        channelNamed = rules.channels.map { namedChannels.contains($0.name) }
    }

    /// The most specific explicit price that applies to the cell, if any.
    private func explicitPrice(bundle: Int, region: Int, channel: Int?) -> ExplicitPrice? {
        explicitByBundle[bundle].first { $0.applies(region: region, channel: channel) }?.price
    }

    /// The list price of bundle number `bundle` in region number `region` on channel
    /// number `channel` (nil: the rule set declares none), with how it was found.
    /// Without `labelled`, the steps are left out: the same price, without writing a
    /// label for each step.
    ///
    /// A cell a price-point table cannot price (`pricePointMiss`) throws as an
    /// overflow does: the checker rejects rules with such a cell, so a compiled price
    /// book never meets one.
    package func listPrice(bundle: Int, region: Int, channel: Int?, labelled: Bool = true) throws(ArithmeticOverflow) -> ListPriceExplanation {
        do {
            return try derive(bundle: bundle, region: region, channel: channel, labelled: labelled)
        } catch {
            throw ArithmeticOverflow()
        }
    }

    /// Why the cell's price-point table cannot price it, if it cannot; nil when it
    /// can, when no table prices it, and when its price overflows (`UncomputablePrices`).
    package func pricePointMiss(bundle: Int, region: Int, channel: Int?) -> PricePointMiss? {
        do {
            _ = try derive(bundle: bundle, region: region, channel: channel, labelled: false)
            return nil
        } catch {
            if case .pricePoint(let miss) = error { return miss }
            return nil
        }
    }

    private func derive(bundle: Int, region: Int, channel: Int?, labelled: Bool) throws(DerivationFailure) -> ListPriceExplanation {
        let currency = storefronts.regionCurrencies[region]
        let regionLevel = storefronts.regionLevels[region]
        let explicit = explicitPrice(bundle: bundle, region: region, channel: channel)
        var snapping = channel.flatMap { storefronts.channelPoints[$0] }
        if let explicit {
            switch explicit.value {
            case .tier(let table, let tier):
                let match = try storefronts.tierPoint(table: table, tier: tier, region: region, use: explicit.span)
                return ListPriceExplanation(source: .pricePoints(explicit), steps: [], rounding: .pricePoint(match), price: match.point.price)
            case .snap(let snap):
                snapping = snap
            case .money(let money) where explicit.scope != .everywhere:
                return ListPriceExplanation(source: .explicit(explicit), steps: [], rounding: .none, price: money)
            // On a channel that snaps to a table, a channel-wide amount is a starting point
            // like a base price: snapped in every region, its own currency's included.
            case .money(let money) where snapping == nil && money.currency == currency && regionLevel == .hundred:
                return ListPriceExplanation(source: .channelPriceAsWritten(explicit), steps: [], rounding: .none, price: money)
            case .money:
                break
            }
        }
        let fromChannelPrice = explicit?.money
        var steps: [ListPriceExplanation.Step] = []
        let start = fromChannelPrice ?? basePrices[bundle]
        guard var value = Fraction(start.decimal).map(BigFraction.init) else { throw .overflow }
        if labelled {
            let name = bundleNames[bundle]
            let channelName = channel.map { storefronts.channelNames[$0] } ?? ""
            steps.append(.init(label: fromChannelPrice == nil ? "base price of \(name)" : "price of \(name) on \(channelName)",
                               value: value, currency: start.currency))
        }
        do {
            if fromChannelPrice == nil {
                value = try storefronts.applyingChannelLevel(value, channel: channel, currency: start.currency, steps: &steps, labelled: labelled)
            }
            value = try storefronts.converting(value, from: start.currency, toRegion: region, steps: &steps, labelled: labelled)
            value = try storefronts.applyingRegionLevel(value, region: region, steps: &steps, labelled: labelled)
        } catch {
            throw .overflow
        }
        let minor = value.multiplied(by: currency.minorUnitsPerMajorUnsigned)
        let source: ListPriceExplanation.Source = if let explicit, case .snap = explicit.value {
            .pricePoints(explicit)
        } else {
            explicit.map { .derivedFromChannelPrice($0) } ?? .derivedFromBase
        }
        if let snapping {
            let match = try storefronts.snappedPoint(minor, snapping, region: region)
            return ListPriceExplanation(source: source, steps: steps, rounding: .pricePoint(match), price: match.point.price)
        }
        let rounding: ListPriceExplanation.Rounding
        let amount: Int64
        if let rule = storefronts.roundingRule(region: region, channel: channel) {
            guard let result = try? rule.round(minor) else { throw .overflow }
            rounding = .grid(result)
            amount = result.minorUnits
        } else {
            guard let rounded = minor.rounded(.halfEven), rounded <= UInt64(Int64.max) else { throw .overflow }
            rounding = .halfEvenToMinorUnit
            amount = Int64(rounded)
        }
        return ListPriceExplanation(source: source, steps: steps, rounding: rounding,
                                    price: Money(minorUnits: amount, currency: currency))
    }
}

extension ListPriceDerivation {
    /// What a region's list prices depend on: its currency and level, its own
    /// explicit prices (if any names it), and the markets with explicit prices it
    /// belongs to. Regions alike in these have the same list price for every bundle
    /// on every channel.
    private struct RegionPriceKey: Hashable {
        let currency: String
        let level: Percentage
        let ownPrices: String?
        let markets: [String]
        /// Per channel slot, the scoped rounding rule that rounds it (-1: the currency's own).
        let roundings: [Int]
        /// The price-point tables with a column of the region's own.
        let ownColumns: [String]
    }

    /// Per region, the index of its price class (numbered in order of first member).
    package func regionPriceClasses() -> [Int] {
        Self.classes(storefronts.regionCodes.indices.map { region in
            RegionPriceKey(currency: storefronts.regionCurrencies[region].code, level: storefronts.regionLevels[region],
                           ownPrices: regionNamed[region] ? storefronts.regionCodes[region] : nil,
                           markets: pricedMarketsOfRegion[region], roundings: storefronts.roundingSources[region],
                           ownColumns: storefronts.tablesWithOwnColumn(region: region))
        })
    }

    /// Per channel slot (`Storefronts.channelSlots`), the index of its price class:
    /// channels alike in level and not named by an explicit price have the same list
    /// prices.
    package func channelPriceClasses() -> [Int] {
        Self.classes(storefronts.channelSlots.map { channel -> [String] in
            guard let channel else { return [] }
            let named = channelNamed[channel] || storefronts.channelPoints[channel] != nil
            return [storefronts.channelLevels[channel].description, named ? storefronts.channelNames[channel] : ""]
        })
    }

    /// Equal keys numbered alike, in order of first appearance.
    package static func classes<Key: Hashable>(_ keys: [Key]) -> [Int] {
        var numbers: [Key: Int] = [:]
        return keys.map { key in
            if let number = numbers[key] { return number }
            numbers[key] = numbers.count
            return numbers.count - 1
        }
    }

    /// The first member of each class, by class number.
    package static func firstMembers(_ classes: [Int]) -> [Int] {
        var first: [Int] = []
        for (member, number) in classes.enumerated() where number == first.count { first.append(member) }
        return first
    }
}

/// A percentage as an exact fraction of one.
package func percentFraction(_ percentage: Percentage) throws(ArithmeticOverflow) -> Fraction {
    guard let fraction = Fraction(percent: percentage.value) else { throw ArithmeticOverflow() }
    return fraction
}

extension Currency {
    package var minorUnitsPerMajorUnsigned: UInt64 { UInt64(minorUnitsPerMajor) }
}
