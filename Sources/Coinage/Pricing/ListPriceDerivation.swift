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
struct ListPriceDerivation {
    let rules: RuleSet
    /// Explicit prices by bundle, most specific first.
    private let pricesByBundle: [String: [ExplicitPrice]]
    /// The markets each region belongs to.
    private let marketsOfRegion: [String: Set<String>]

    init(_ rules: RuleSet) {
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
    /// set declares none), with how it was found.
    func listPrice(bundle: Bundle, region: Region, channel: Channel?) throws(ArithmeticOverflow) -> ListPriceExplanation {
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
        steps.append(.init(label: explicit == nil ? "base price of \(bundle.name)" : "price of \(bundle.name) on \(channel?.name ?? "")",
                           value: value, currency: start.currency))
        if explicit == nil, let channel, channel.level != .hundred {
            value = try value.multiplied(by: percentFraction(channel.level))
            steps.append(.init(label: "channel \(channel.name) level \(channel.level)", value: value, currency: start.currency))
        }
        if start.currency != region.currency {
            value = try Conversion(rules).convert(value, from: start.currency, to: region.currency)
            steps.append(.init(label: Conversion(rules).label(from: start.currency, to: region.currency), value: value, currency: region.currency))
        }
        if region.level != .hundred {
            value = try value.multiplied(by: percentFraction(region.level))
            steps.append(.init(label: "region \(region.code) level \(region.level)", value: value, currency: region.currency))
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

/// A percentage as an exact fraction of one.
func percentFraction(_ percentage: Percentage) throws(ArithmeticOverflow) -> Fraction {
    guard let fraction = Fraction(percent: percentage.value) else { throw ArithmeticOverflow() }
    return fraction
}

extension Currency {
    var minorUnitsPerMajorUnsigned: UInt64 { UInt64(minorUnitsPerMajor) }
}
