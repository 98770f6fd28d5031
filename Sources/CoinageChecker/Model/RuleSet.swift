import CoinageSyntax

/// A checked rule set: every name resolved, every amount exact, every reference
/// known to exist. Immutable and safe to share across threads.
///
/// Only the checker makes one, and only from rules without errors; later phases
/// (the price book, analyses, the test runner) rely on that.
public struct RuleSet: Sendable {
    public let baseCurrency: Currency
    public let stacking: StackingMode
    /// No quote goes below this share of its list price.
    public let floor: Percentage
    public let currencies: CurrencyTable
    /// Units of each currency per one unit of the base currency.
    public let rates: [String: ExactDecimal]
    /// Each currency's own rounding rule (`round USD ...`), by code.
    public let roundingRules: [String: RoundingRule]
    /// Where each rate and rounding rule of `rates` and `roundingRules` is declared.
    public let rateSpans: [String: SourceSpan]
    public let roundingSpans: [String: SourceSpan]
    /// Rounding rules for part of a currency's cells (`round USD on web ...`), in
    /// declaration order; `governingRounding` picks the one for a place.
    public let scopedRoundingRules: [ScopedRoundingRule]
    public let regions: [Region]
    public let markets: [Market]
    public let channels: [Channel]
    public let bundles: [Bundle]
    public let customAmounts: [CustomAmount]
    public let explicitPrices: [ExplicitPrice]
    /// Price-point tables (`points app_store ...`), by name.
    public let pricePointTables: [String: PricePointTable]
    public let userAttributes: [UserAttribute]
    public let promotions: [Promotion]
    public let gifts: [Gift]
    public let payout: Payout?
    public let tests: [RuleTest]
    public let guards: [Guard]
    /// UTC offsets over time of every zone the rules name, from the zone database
    /// the checker was given (UTC for every zone when it was given none).
    public let zoneOffsets: [String: ZoneOffsets]
    /// The files the rule set was read from, for diagnostics in later phases.
    public let sources: SourceMap
    /// What the shop calls its coins (`unit bit, bits`); coins when not declared.
    public internal(set) var unit: CoinUnit = .coins
    /// The `experiment` declarations, each arm with its own rules; arms' rule sets have none.
    public internal(set) var experiments: [Experiment] = []

    public func region(_ code: String) -> Region? { regions.first { $0.code == code } }
    public func market(_ name: String) -> Market? { markets.first { $0.name == name } }
    public func channel(_ name: String) -> Channel? { channels.first { $0.name == name } }
    public func bundle(_ name: String) -> Bundle? { bundles.first { $0.name == name } }
    public func promotion(_ name: String) -> Promotion? { promotions.first { $0.name == name } }
    public func gift(_ name: String) -> Gift? { gifts.first { $0.name == name } }
    public func userAttribute(_ name: String) -> UserAttribute? { userAttributes.first { $0.name == name } }
}

/// `region DE: EUR, tax 19% included, zone Europe/Berlin, level 60%`
public struct Region: Hashable, Sendable {
    public let code: String
    public let currency: Currency
    public let tax: Tax
    /// IANA zone used by `local` windows; `UTC` when not declared.
    public let zone: String
    public let zoneDeclared: Bool
    /// Scales derived prices (purchasing-power pricing).
    public let level: Percentage
    public let span: SourceSpan
}

/// A region's sales tax and whether shelf prices contain it.
public struct Tax: Hashable, Sendable {
    public let rate: Percentage
    public let mode: TaxMode

    public static let none = Tax(rate: .zero, mode: .included)
}

/// `market eurozone: DE, FR, IT`
public struct Market: Hashable, Sendable {
    public let name: String
    public let regions: [String]
    public let span: SourceSpan
}

/// `channel web: fee 3%, level 75%`
public struct Channel: Hashable, Sendable {
    public let name: String
    /// The store's cut, taken from the price without tax for proceeds.
    public let fee: Percentage
    /// Scales derived prices on this channel.
    public let level: Percentage
    /// The price-point table its derived prices snap to, in place of rounding rules.
    public let points: PointsSnapping?
    public let span: SourceSpan
}

/// `bundle coins_700: 700 coins, 9.99 USD, bonus 100 coins`
public struct Bundle: Hashable, Sendable {
    public let name: String
    public let coins: Int64
    /// Base price in the base currency, before channel and region levels.
    public let basePrice: Money
    public let bonusCoins: Int64
    public let span: SourceSpan
}

/// `custom coins: 30 to 2_500_000, 0.0106 USD each, on web`
public struct CustomAmount: Hashable, Sendable {
    public let name: String
    public let minimumCoins: Int64
    public let maximumCoins: Int64
    /// Price of one coin; may have more decimals than the currency's minor unit.
    public let unitPrice: ExactDecimal
    public let unitCurrency: Currency
    /// Channels it is sold on; empty means all.
    public let channels: [String]
    public let span: SourceSpan
}

/// An explicit list price for one bundle, at some level of specificity.
public struct ExplicitPrice: Hashable, Sendable {
    public enum Scope: Hashable, Sendable {
        case region(String)
        case market(String)
        case everywhere
    }

    /// What the price is: an amount, or taken from a price-point table.
    public enum Value: Hashable, Sendable {
        /// `160 JPY`: used as written (or, for a channel-wide price, derived from).
        case money(Money)
        /// `points app_store tier 10`: that tier in each storefront.
        case tier(table: String, tier: Int)
        /// `points app_store nearest`: the derived price snapped to the table.
        case snap(PointsSnapping)
    }

    public let bundle: String
    public let scope: Scope
    public let channel: String?
    public let value: Value
    public let span: SourceSpan

    /// The amount, for a price written as one.
    public var money: Money? {
        if case .money(let money) = value { money } else { nil }
    }

    /// Higher wins: region+channel 6, region 5, market+channel 4, market 3, channel 2.
    public var specificity: Int { scope.specificity(withChannel: channel != nil) }
}

/// `gift rose: 1 coin`
public struct Gift: Hashable, Sendable {
    public let name: String
    public let coins: Int64
    public let span: SourceSpan
}

/// `payout { share 50% diamond 0.005 USD minimum 100.00 USD }`
public struct Payout: Hashable, Sendable {
    /// Diamonds a creator earns per gifted coin.
    public let share: Percentage
    /// Cash value of one diamond; may be finer than the currency's minor unit.
    public let diamondValue: ExactDecimal
    public let diamondCurrency: Currency
    public let minimumWithdrawal: Money?
    public let maximumWithdrawalPerDay: Money?
    public let span: SourceSpan
}

/// `guard discount at most 50%` and the others.
public struct Guard: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case discountAtMost(Percentage)
        /// A bigger bundle costs strictly less per coin than a smaller one.
        case pricePerCoinFallsWithSize
        /// A bigger bundle costs no more per coin than a smaller one (equal is fine).
        case pricePerCoinDoesNotRiseWithSize
        case regionPriceWithin(Percentage)
    }

    public let kind: Kind
    public let span: SourceSpan
}
