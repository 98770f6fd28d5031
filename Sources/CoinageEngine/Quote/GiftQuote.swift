import CoinageChecker
import CoinageSyntax

/// What `count` gifts cost the viewer and earn the creator.
public struct GiftQuote: Hashable, Sendable {
    public let gift: String
    public let count: Int64
    /// Coins the viewer spends.
    public let coins: Int64
    /// Diamonds the creator earns: `coins × share`, rounded down.
    public let diamonds: Int64
    /// The diamonds' cash value in the base currency, half-even to the minor unit.
    public let creatorCash: Money
    /// The same in the region's currency, when a region was given.
    public let creatorCashLocal: Money?
    /// What the viewer paid for the coins at the region's cheapest price per coin.
    public let viewerCost: ViewerCost?
    /// How many single gifts the creator needs to reach the smallest withdrawal,
    /// whatever `count` is.
    public let giftsToMinimumWithdrawal: Int64?
    public let minimumWithdrawal: Money?

    /// How many times `count` gifts reach the smallest withdrawal:
    /// `giftsToMinimumWithdrawal` over `count`, rounded up.
    public var quotesToMinimumWithdrawal: Int64? {
        guard let gifts = giftsToMinimumWithdrawal, count > 0 else { return nil }
        return gifts / count + (gifts % count == 0 ? 0 : 1)
    }
}

/// The viewer's cost of the coins, and the bundle whose price per coin set it.
public struct ViewerCost: Hashable, Sendable {
    public let region: String
    public let amount: Money
    /// The cheapest list price per coin in the region (bonus coins counted), in
    /// major units of the region's currency.
    public let pricePerCoin: Fraction
    public let bundle: String
    public let channel: String?
}

extension PriceBook {
    /// Prices `count` gifts of `name`, optionally in a region.
    public func giftQuote(_ name: String, count: Int64 = 1, region: String? = nil) -> Result<GiftQuote, QuoteError> {
        do throws(QuoteError) {
            return .success(try evaluateGift(name, count: count, region: region))
        } catch {
            return .failure(error)
        }
    }

    private func evaluateGift(_ name: String, count: Int64, region code: String?) throws(QuoteError) -> GiftQuote {
        guard let gift = gifts.gift(named: name) else { throw unknownGift(name) }
        guard let payout = gifts.payout else {
            throw QuoteError(.noPayout, "the rules declare no payout", help: "add a `payout { share 50% diamond 0.005 USD }` block")
        }
        guard count > 0 else { throw QuoteError(.amountOutOfRange, "a gift count must be at least 1") }
        let region = try code.map { code throws(QuoteError) -> Int in
            guard let region = names.regions[code] else {
                throw QuoteError(.unknownRegion, "unknown region `\(code)`", help: Suggestion.help(for: code, among: regions.codes))
            }
            return region
        }
        let giftCoins = gifts.coins[gift]
        do throws(ArithmeticOverflow) {
            let (coins, overflow) = giftCoins.multipliedReportingOverflow(by: count)
            guard !overflow else { throw ArithmeticOverflow() }
            let share = try percentFraction(payout.share)
            guard let diamonds = try Fraction(UInt64(coins)).multiplied(by: share).rounded(.down),
                  diamonds <= UInt64(Int64.max) else { throw ArithmeticOverflow() }
            guard let diamondValue = Fraction(payout.diamondValue) else { throw ArithmeticOverflow() }
            let cashInDiamondCurrency = try diamondValue.multiplied(by: diamonds)
            let conversion = gifts.conversion
            func cash(in currency: Currency) throws(ArithmeticOverflow) -> Money {
                let value = try conversion.convert(cashInDiamondCurrency, from: payout.diamondCurrency, to: currency)
                guard let minor = try value.multiplied(by: currency.minorUnitsPerMajorUnsigned).rounded(.halfEven),
                      minor <= UInt64(Int64.max) else { throw ArithmeticOverflow() }
                return Money(minorUnits: Int64(minor), currency: currency)
            }
            let creatorCash = try cash(in: conversion.baseCurrency)
            var viewerCost: ViewerCost?
            if let region, let cheapest = cheapestPricePerCoin(region: regions.codes[region]) {
                guard let minor = try cheapest.perCoin.multiplied(by: UInt64(coins)).rounded(.halfEven),
                      minor <= UInt64(Int64.max) else { throw ArithmeticOverflow() }
                viewerCost = ViewerCost(region: regions.codes[region], amount: Money(minorUnits: Int64(minor), currency: cheapest.currency),
                                        pricePerCoin: try cheapest.perCoin.dividedBy(cheapest.currency.minorUnitsPerMajorUnsigned),
                                        bundle: cheapest.bundle, channel: cheapest.channel)
            }
            // Diamonds of one gift, before rounding down: the count of gifts needed does
            // not depend on how many this quote is for.
            var giftsToMinimum: Int64?
            let diamondsPerGift = try Fraction(UInt64(giftCoins)).multiplied(by: share)
            if let minimum = payout.minimumWithdrawal, !diamondsPerGift.isZero, let minimumValue = Fraction(minimum.decimal) {
                let minimumInDiamondCurrency = try conversion.convert(minimumValue, from: minimum.currency, to: payout.diamondCurrency)
                let diamondsNeeded = try minimumInDiamondCurrency.dividedBy(diamondValue)
                guard let whole = diamondsNeeded.rounded(.up) else { throw ArithmeticOverflow() }
                giftsToMinimum = try Fraction(whole).dividedBy(diamondsPerGift).rounded(.up).flatMap { Int64(exactly: $0) }
            }
            return GiftQuote(
                gift: gifts.names[gift], count: count, coins: coins, diamonds: Int64(diamonds), creatorCash: creatorCash,
                creatorCashLocal: try region.map { region throws(ArithmeticOverflow) in try cash(in: regions.currency[region]) },
                viewerCost: viewerCost, giftsToMinimumWithdrawal: giftsToMinimum, minimumWithdrawal: payout.minimumWithdrawal
            )
        } catch {
            throw QuoteError(.overflow, "\(count) × `\(name)` is too large to compute")
        }
    }
}
