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
    }

    public let source: Source

    /// True when an explicit price was used as written, with no derivation.
    public var isAsWritten: Bool {
        switch source {
        case .explicit, .channelPriceAsWritten: true
        case .derivedFromBase, .derivedFromChannelPrice: false
        }
    }

    /// Empty for a price used as written.
    public let steps: [Step]
    public let rounding: Rounding
    public let price: Money
}

/// Finds list prices in a rule set, by the brief's order of specificity:
/// region+channel > region > market+channel > market > channel > derived.
package struct ListPriceDerivation {
    let rules: RuleSet
    /// Explicit prices by bundle, most specific first.
    private let pricesByBundle: [String: [ExplicitPrice]]
    /// The markets each region belongs to.
    private let marketsOfRegion: [String: Set<String>]

    package init(_ rules: RuleSet) {
        self.rules = rules
        var byBundle: [String: [ExplicitPrice]] = [:]
        for price in rules.explicitPrices { byBundle[price.bundle, default: []].append(price) }
        for key in byBundle.keys { byBundle[key]?.sort { $0.specificity > $1.specificity } }
        pricesByBundle = byBundle
        var markets: [String: Set<String>] = [:]
        for market in rules.markets {
            for region in market.regions { markets[region, default: []].insert(market.name) }
        }
        marketsOfRegion = markets
    }

    /// The most specific explicit price that applies to the cell, if any.
    func explicitPrice(bundle: String, region: String, channel: String?) -> ExplicitPrice? {
        pricesByBundle[bundle]?.first { price in
            if let priceChannel = price.channel, priceChannel != channel { return false }
            switch price.scope {
            case .region(let code): return code == region
            case .market(let name): return marketsOfRegion[region]?.contains(name) ?? false
            case .everywhere: return true
            }
        }
    }

    /// The list price of a bundle in a region on a channel (`nil` channel: the rule
    /// set declares none), with how it was found. Without `labelled`, the steps are
    /// left out: the same price, without writing a label for each step.
    package func listPrice(bundle: Bundle, region: Region, channel: Channel?, labelled: Bool = true) throws(ArithmeticOverflow) -> ListPriceExplanation {
        let explicit = explicitPrice(bundle: bundle.name, region: region.code, channel: channel?.name)
        if let explicit, explicit.scope != .everywhere {
            return ListPriceExplanation(source: .explicit(explicit), steps: [], rounding: .none, price: explicit.price)
        }
        if let explicit, explicit.price.currency == region.currency, region.level == .hundred {
            return ListPriceExplanation(source: .channelPriceAsWritten(explicit), steps: [], rounding: .none, price: explicit.price)
        }
        var steps: [ListPriceExplanation.Step] = []
        let start = explicit?.price ?? bundle.basePrice
        guard var value = Fraction(start.decimal).map(BigFraction.init) else { throw ArithmeticOverflow() }
        if labelled {
            steps.append(.init(label: explicit == nil ? "base price of \(bundle.name)" : "price of \(bundle.name) on \(channel?.name ?? "")",
                               value: value, currency: start.currency))
        }
        if explicit == nil, let channel, channel.level != .hundred {
            value = try value.multiplied(by: percentFraction(channel.level))
            if labelled { steps.append(.init(label: "channel \(channel.name) level \(channel.level)", value: value, currency: start.currency)) }
        }
        if start.currency != region.currency {
            value = try Conversion(rules).convert(value, from: start.currency, to: region.currency)
            if labelled {
                steps.append(.init(label: Conversion(rules).label(from: start.currency, to: region.currency), value: value, currency: region.currency))
            }
        }
        if region.level != .hundred {
            value = try value.multiplied(by: percentFraction(region.level))
            if labelled { steps.append(.init(label: "region \(region.code) level \(region.level)", value: value, currency: region.currency)) }
        }
        let minor = value.multiplied(by: region.currency.minorUnitsPerMajorUnsigned)
        let rounding: ListPriceExplanation.Rounding
        let amount: Int64
        if let rule = rules.roundingRules[region.currency.code] {
            let result = try rule.round(minor)
            rounding = .grid(result)
            amount = result.minorUnits
        } else {
            guard let rounded = minor.rounded(.halfEven), rounded <= UInt64(Int64.max) else { throw ArithmeticOverflow() }
            rounding = .halfEvenToMinorUnit
            amount = Int64(rounded)
        }
        let source: ListPriceExplanation.Source = explicit.map { .derivedFromChannelPrice($0) } ?? .derivedFromBase
        return ListPriceExplanation(source: source, steps: steps, rounding: rounding,
                                    price: Money(minorUnits: amount, currency: region.currency))
    }
}

extension ListPriceDerivation {
    /// The list price of the rule set's bundle number `bundle` in region number
    /// `region` on channel number `channel` (nil: the rule set declares none): what
    /// a compiled price book asks by index, never holding a declaration itself.
    package func listPrice(bundle: Int, region: Int, channel: Int?, labelled: Bool = true) throws(ArithmeticOverflow) -> ListPriceExplanation {
        try listPrice(bundle: rules.bundles[bundle], region: rules.regions[region], channel: channel.map { rules.channels[$0] },
                      labelled: labelled)
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
    }

    /// Per region, the index of its price class (numbered in order of first member).
    package func regionPriceClasses() -> [Int] {
        var named: Set<String> = []
        var marketsNamed: Set<String> = []
        for price in rules.explicitPrices {
            switch price.scope {
            case .region(let code): named.insert(code)
            case .market(let name): marketsNamed.insert(name)
            case .everywhere: break
            }
        }
        return Self.classes(rules.regions.map { region in
            RegionPriceKey(currency: region.currency.code, level: region.level,
                           ownPrices: named.contains(region.code) ? region.code : nil,
                           markets: (marketsOfRegion[region.code] ?? []).filter(marketsNamed.contains).sorted())
        })
    }

    /// Per channel slot, the index of its price class: channels alike in level and
    /// not named by an explicit price have the same list prices.
    package func channelPriceClasses(_ slots: [Channel?]) -> [Int] {
        let named = Set(rules.explicitPrices.compactMap(\.channel))
        return Self.classes(slots.map { channel -> [String] in
            guard let channel else { return [] }
            return [channel.level.description, named.contains(channel.name) ? channel.name : ""]
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
