import CoinageSyntax

/// The regions and channels prices are derived for, by index, as plain values: each
/// region's code, currency and level, the rounding rule of each region and channel
/// slot, each channel's name and level, and the rates between currencies.
///
/// Both derivations (list prices and custom amounts) read these rather than the
/// checked declarations, so a compiled price book can hold a derivation without
/// holding the rule set it came from.
package struct Storefronts: Sendable {
    package let regionCodes: [String]
    package let regionCurrencies: [Currency]
    package let regionLevels: [Percentage]
    /// Per region and channel slot (`channelSlots`), the rule that rounds its derived
    /// prices (`RuleSet.governingRounding`), if the rules declare one.
    private let rounding: [[RoundingRule?]]
    /// Per region and channel slot, which scoped rule rounds it (its index in
    /// `RuleSet.scopedRoundingRules`), or -1 for the currency's own: cells alike in
    /// this price alike.
    package let roundingSources: [[Int]]
    package let channelNames: [String]
    package let channelLevels: [Percentage]
    /// Per channel, the price-point table its derived prices snap to, if any.
    package let channelPoints: [PointsSnapping?]
    /// Per price-point table, the column that prices each region (nil: none does).
    let regionColumns: [String: [PricePointTable.Column?]]
    package let conversion: Conversion

    package init(_ rules: RuleSet) {
        regionCodes = rules.regions.map { $0.code }
        regionCurrencies = rules.regions.map { $0.currency }
        regionLevels = rules.regions.map { $0.level }
        let slots: [String?] = rules.channels.isEmpty ? [nil] : rules.channels.map { $0.name }
        if rules.scopedRoundingRules.isEmpty {
            rounding = rules.regions.map { Array(repeating: rules.roundingRules[$0.currency.code], count: slots.count) }
            roundingSources = rules.regions.map { _ in Array(repeating: -1, count: slots.count) }
        } else {
            let governing = rules.regions.map { region in
                slots.map { rules.governingRounding(currency: region.currency, scope: .region(region.code), channel: $0) }
            }
            rounding = governing.map { $0.map { $0?.rule } }
            roundingSources = governing.map { row in
                row.map { $0?.scopedIndex ?? -1 }
            }
        }
        channelNames = rules.channels.map { $0.name }
        channelLevels = rules.channels.map { $0.level }
        channelPoints = rules.channels.map { $0.points }
        regionColumns = rules.pricePointTables.mapValues { table in
            rules.regions.map { table.column(region: $0.code, currency: $0.currency) }
        }
        conversion = Conversion(rules)
    }

    /// The channel slots a price grid numbers: each declared channel, or one slot
    /// (nil) when the rule set declares none.
    package var channelSlots: [Int?] { channelNames.isEmpty ? [nil] : channelNames.indices.map { $0 } }

    /// The rule that rounds derived prices of region `region` on channel `channel`
    /// (nil: the rule set declares none).
    func roundingRule(region: Int, channel: Int?) -> RoundingRule? {
        rounding[region][channel ?? 0]
    }

    /// `value` times the level of channel `channel`, with its step when `labelled`.
    func applyingChannelLevel(_ value: BigFraction, channel: Int?, currency: Currency,
                              steps: inout [ListPriceExplanation.Step], labelled: Bool) throws(ArithmeticOverflow) -> BigFraction {
        guard let channel, channelLevels[channel] != .hundred else { return value }
        let scaled = try value.multiplied(by: percentFraction(channelLevels[channel]))
        if labelled {
            steps.append(.init(label: "channel \(channelNames[channel]) level \(channelLevels[channel])", value: scaled, currency: currency))
        }
        return scaled
    }

    /// `value` times the level of region `region`, with its step when `labelled`.
    func applyingRegionLevel(_ value: BigFraction, region: Int,
                             steps: inout [ListPriceExplanation.Step], labelled: Bool) throws(ArithmeticOverflow) -> BigFraction {
        guard regionLevels[region] != .hundred else { return value }
        let scaled = try value.multiplied(by: percentFraction(regionLevels[region]))
        if labelled {
            steps.append(.init(label: "region \(regionCodes[region]) level \(regionLevels[region])", value: scaled,
                               currency: regionCurrencies[region]))
        }
        return scaled
    }

    /// `value` in `from` converted to region `region`'s currency, with its step when `labelled`.
    func converting(_ value: BigFraction, from currency: Currency, toRegion region: Int,
                    steps: inout [ListPriceExplanation.Step], labelled: Bool) throws(ArithmeticOverflow) -> BigFraction {
        let target = regionCurrencies[region]
        guard currency != target else { return value }
        let converted = try conversion.convert(value, from: currency, to: target)
        if labelled { steps.append(.init(label: conversion.label(from: currency, to: target), value: converted, currency: target)) }
        return converted
    }
}
