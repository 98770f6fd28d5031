import CoinageChecker

/// Everything the quote of a custom amount reads besides its number of coins, once
/// the promotions it gets are known: the quote of `n` coins is a function of `n` and
/// of this value alone.
///
/// The list price is `n × minorUnitsPerCoin`, half-even; the walk takes each step's
/// discount off the running price in order; the floor, the tax and the channel fee
/// follow (`PriceBook.evaluate`). Two requests whose formulas are equal get the same
/// quote at every amount: the diff's proofs decide custom amounts over whole ranges
/// with it instead of quoting each amount.
package struct CustomAmountFormula: Hashable, Sendable {
    /// What one applied promotion does.
    package struct Step: Hashable, Sendable {
        package let price: PriceStep?
        package let bonus: BonusStep?
    }

    /// A discount, as `CompiledPromotion.discount` takes it.
    package enum PriceStep: Hashable, Sendable {
        /// Of the running price, or of the list price when discounts stack additively;
        /// nil takes the whole running price.
        case percentOff(Ratio?)
        /// A fixed amount in the quote's minor units; nil takes the whole running price.
        case amountOff(Int64?)
        /// The running price lowered to an amount; nil leaves it.
        case setPrice(Int64?)
    }

    /// Bonus coins, as `CompiledPromotion.bonusCoins` gives them.
    package enum BonusStep: Hashable, Sendable {
        case percent(Ratio?)
        case coins(Int64)
    }

    package let currency: String
    package let minorUnitsPerCoin: BigFraction
    /// The applied promotions, in walk order.
    package let steps: [Step]
    package let additive: Bool
    package let floor: Ratio?
    package let tax: Ratio?
    package let taxIncluded: Bool
    package let fee: Ratio?

    /// The list price of `coins` coins, or nil past 64 bits.
    package func listPrice(coins: Int64) -> Int64? {
        guard coins >= 0, let rounded = minorUnitsPerCoin.multiplied(by: UInt64(coins)).rounded(.halfEven),
              rounded <= UInt64(Int64.max) else { return nil }
        return Int64(rounded)
    }

    /// Whether no quote of `coins` coins or fewer overflows: every amount a quote
    /// computes grows with the list price or the coins, and each ratio applied to an
    /// amount fits whenever it fits applied to a larger one, so it is enough that
    /// every ratio fits applied to the largest list price and coins.
    package func isOverflowFree(upTo coins: Int64) -> Bool {
        guard let list = listPrice(coins: coins) else { return false }
        var bonus: Int64 = 0
        for step in steps {
            switch step.price {
            case .percentOff(let ratio?): if ratio.apply(to: list) == nil { return false }
            default: break
            }
            let coinsGiven: Int64?
            switch step.bonus {
            case .percent(let ratio): coinsGiven = ratio?.apply(to: coins, rounding: .down)
            case .coins(let count): coinsGiven = count
            case nil: coinsGiven = 0
            }
            guard let coinsGiven, coinsGiven >= 0 else { return false }
            let (sum, overflow) = bonus.addingReportingOverflow(coinsGiven)
            guard !overflow else { return false }
            bonus = sum
        }
        guard !coins.addingReportingOverflow(bonus).overflow else { return false }
        if let floor, floor.apply(to: list, rounding: .up) == nil { return false }
        // A region or channel without its ratio refuses every quote (a broken book).
        guard let fee, fee.apply(to: list) != nil, let tax, let taxed = tax.apply(to: list) else { return false }
        return !list.addingReportingOverflow(taxed).overflow
    }
}

extension PriceBook {
    /// The formula of `request`, a custom amount, when the promotions named
    /// `applied` (walk order) apply to it; nil when the request is not a custom
    /// amount sold here or names a promotion the book does not have.
    package func customAmountFormula(_ request: QuoteRequest, applied: [String]) -> CustomAmountFormula? {
        // Only the region and channel are read: the formula holds at every amount, sold or not.
        guard case .coins = request.item, brokenInvariant == nil, let region = names.regions[request.region],
              let channel = channelSlotIndex(request.channel) else { return nil }
        let (r, c) = (Int(region), Int(channel))
        guard let custom = customAmounts.soldOnSlot[c],
              let perCoin = try? customAmounts.minorUnitsPerCoin(custom, region: r, channel: c) else { return nil }
        let currency = regions.currencyIndex[r]
        var steps: [CustomAmountFormula.Step] = []
        for name in applied {
            guard let index = program.promotionNumbers[name] else { return nil }
            let promotion = program.promotions[index]
            let price: CustomAmountFormula.PriceStep? = switch promotion.priceEffect {
            case .percentOff?: .percentOff(promotion.discountRatio)
            case .amountOff?: .amountOff(promotion.amount(in: currency))
            case .setPrice?: .setPrice(promotion.amount(in: currency))
            case nil: nil
            }
            let bonus: CustomAmountFormula.BonusStep? = switch promotion.bonus {
            case .percent?: .percent(promotion.bonusRatio)
            case .coins(let count)?: .coins(count)
            case nil: nil
            }
            steps.append(CustomAmountFormula.Step(price: price, bonus: bonus))
        }
        return CustomAmountFormula(currency: regions.currency[r].code, minorUnitsPerCoin: perCoin, steps: steps,
                                   additive: program.additive, floor: program.floorRatio, tax: regions.taxRatios[r],
                                   taxIncluded: regions.taxIncluded[r], fee: channels.feeRatios[c])
    }

    /// The index of region `code`'s currency among the book's currencies, if the region exists.
    package func currencyIndex(ofRegion code: String) -> Int? {
        names.regions[code].map { regions.currencyIndex[Int($0)] }
    }
}
