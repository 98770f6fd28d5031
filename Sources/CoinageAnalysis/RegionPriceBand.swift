import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// How far a list price strays from the price its levels intend: the comparison of
/// `guard region price within P% of base`, shared by the guard's proof and the
/// price ladder of `coinage prices --format html`, which marks the cells outside the band.
///
/// The intended price is the base price × the channel's level × the region's level;
/// the list price is converted back to the base currency with the rates. All exact.
package struct RegionPriceBand: Sendable {
    /// How a list price compares with its intended price.
    package struct Deviation: Sendable {
        /// The list price in the base currency, at the rates.
        package let converted: Fraction
        /// The base price at the channel's and region's levels.
        package let intended: Fraction
        /// `|converted − intended| / intended`.
        package let share: Fraction
        /// True when the list price is above the intended price.
        package let above: Bool
    }

    /// Per region: one minor unit of its currency in the base currency, and its level.
    private let minorUnitInBase: [Fraction?]
    private let regionLevel: [Fraction?]
    /// Per bundle: its base price.
    private let basePrice: [Fraction?]

    package init(_ rules: RuleSet) {
        let conversion = Conversion(rules)
        minorUnitInBase = rules.regions.map { region in
            Fraction(1, UInt64(region.currency.minorUnitsPerMajor))
                .flatMap { try? conversion.convert($0, from: region.currency, to: rules.baseCurrency) }
        }
        regionLevel = rules.regions.map { try? percentFraction($0.level) }
        basePrice = rules.bundles.map { Fraction($0.basePrice.decimal) }
    }

    /// The guard's limit as a fraction (`35%` is 7/20), or nil when the rules have no
    /// `guard region price within P% of base`.
    package static func limit(_ rules: RuleSet) -> Fraction? {
        for rule in rules.guards {
            if case .regionPriceWithin(let percentage) = rule.kind { return try? percentFraction(percentage) }
        }
        return nil
    }

    /// A channel's level as a fraction (a shop without channels: 1).
    package static func level(_ channel: Channel?) -> Fraction? {
        try? percentFraction(channel?.level ?? .hundred)
    }

    /// The list price `list` (minor units) of bundle `bundle` in region `region` on a
    /// channel of level `channelLevel`, against its intended price; nil when an amount
    /// overflowed or the intended price is zero.
    package func deviation(list: Int64, bundle: Int, region: Int, channelLevel: Fraction?) -> Deviation? {
        guard list >= 0, let minorUnit = minorUnitInBase[region], let converted = try? minorUnit.multiplied(by: UInt64(list)),
              let base = basePrice[bundle], let regionLevel = regionLevel[region], let channelLevel,
              let intended = try? base.multiplied(by: channelLevel).multiplied(by: regionLevel), !intended.isZero
        else { return nil }
        let above = intended < converted
        let gap: Fraction?
        if above { gap = try? converted.subtracting(intended) } else { gap = try? intended.subtracting(converted) }
        guard let gap, let share = try? gap.dividedBy(intended) else { return nil }
        return Deviation(converted: converted, intended: intended, share: share, above: above)
    }
}
