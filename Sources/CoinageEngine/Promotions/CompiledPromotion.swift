import CoinageChecker
import CoinageSyntax

/// A promotion compiled for quoting: everything the walk, the traces and the
/// analysis read of it, with names resolved to indices and amounts converted to
/// every currency. It keeps nothing of the checked model.
///
/// A class, so the walk looks at it through one reference instead of copying every
/// field of it for every candidate.
package final class CompiledPromotion: Sendable {
    /// What a promotion does to the price, without its amounts (kept apart, per currency).
    package enum PriceEffect: Sendable {
        /// `discount P%`: `discountRatio` of the running price (or of the list
        /// price when discounts stack additively).
        case percentOff
        /// `discount M CUR`: `amounts` in the quote's currency.
        case amountOff
        /// `price M CUR`: the running price lowered to `amounts` in the quote's currency.
        case setPrice
    }

    /// What a promotion adds to the coins.
    package enum Bonus: Sendable {
        /// `bonus P%` of the base coins, rounded down (`bonusRatio`).
        case percent
        /// `bonus N coins`.
        case coins(Int64)
    }

    // Stored in this order, the ratios without optionals and the rare clauses apart,
    // an instance takes 176 bytes where it took 336: a class's fields are laid out
    // as declared, and a big shop has tens of thousands of promotions.

    /// What the walk tests of the promotion before anything else, which also holds
    /// its window, its weekly hours, its group and whether it is exclusive.
    let header: PromotionHeader
    package let name: String
    package let condition: CompiledCondition?
    /// Fixed amounts of `discount M CUR` / `price M CUR`, per currency index, in minor
    /// units; `Int64.max` where the converted amount is larger than 64 bits hold, and
    /// nil only in a book with a `brokenInvariant`. Promotions of one amount share it.
    package let amounts: [Int64?]
    /// The clauses few promotions have, or nil when it has none of them.
    private let rare: RareClauses?
    /// The effect as written (`20% off`, `price 4.99 USD`), for traces.
    package let effectText: String?
    /// Where each part of the condition is written and what it reads, for traces.
    package let conditionLabel: ConditionLabel?
    /// The ratios of `discount P%` and `bonus P%`, each read only where
    /// `ratioPresence` says it exists: an optional ratio takes 24 bytes, and a big
    /// shop has tens of thousands of promotions.
    private let storedDiscountRatio: Ratio
    private let storedBonusRatio: Ratio
    package let bonus: Bonus?
    package let priceEffect: PriceEffect?
    /// Bit 0: `storedDiscountRatio` exists; bit 1: `storedBonusRatio` does.
    private let ratioPresence: UInt8

    /// What only some promotions have, kept in one object apart.
    private final class RareClauses: Sendable {
        let code: String?
        let totalLimit: Int64?
        let perUserLimit: Int64?
        let groupName: String?
        let brokenInvariant: String?

        init(code: String?, totalLimit: Int64?, perUserLimit: Int64?, groupName: String?, brokenInvariant: String?) {
            self.code = code
            self.totalLimit = totalLimit
            self.perUserLimit = perUserLimit
            self.groupName = groupName
            self.brokenInvariant = brokenInvariant
        }
    }

    package var window: CompiledWindow? { header.window }
    package var weekly: CompiledWeekly? { header.weekly }
    /// Uppercased, so matching a request's code is case-insensitive.
    package var code: String? { rare?.code }
    package var totalLimit: Int64? { rare?.totalLimit }
    package var perUserLimit: Int64? { rare?.perUserLimit }
    package var exclusive: Bool { header.clauses.contains(.exclusive) }
    /// The group's index among the rule set's groups, and its name.
    package var groupIndex: Int? { header.group < 0 ? nil : Int(header.group) }
    package var groupName: String? { rare?.groupName }
    /// `discount P%` as a ratio (nil only in a book with a `brokenInvariant`).
    package var discountRatio: Ratio? {
        @inline(__always) get { ratioPresence & 1 != 0 ? storedDiscountRatio : nil }
    }
    /// `bonus P%` as a ratio (nil only in a book with a `brokenInvariant`).
    package var bonusRatio: Ratio? {
        @inline(__always) get { ratioPresence & 2 != 0 ? storedBonusRatio : nil }
    }
    /// What the compiler found broken in the checked promotion (a bug), or nil.
    package var brokenInvariant: String? { rare?.brokenInvariant }

    package var hasPriceEffect: Bool { priceEffect != nil }
    package var hasLimits: Bool { totalLimit != nil || perUserLimit != nil }

    init(name: String, condition: CompiledCondition?, conditionLabel: ConditionLabel?, window: CompiledWindow?,
         weekly: CompiledWeekly?, code: String?, totalLimit: Int64?, perUserLimit: Int64?, exclusive: Bool,
         group: (index: Int, name: String)?, priceEffect: PriceEffect?, discountRatio: Ratio?, amounts: [Int64?],
         bonus: Bonus?, bonusRatio: Ratio?, effectText: String?, brokenInvariant: String?) {
        header = PromotionHeader(window: window, weekly: weekly, hasCode: code != nil,
                                 hasLimits: totalLimit != nil || perUserLimit != nil, exclusive: exclusive,
                                 hasPriceEffect: priceEffect != nil, hasBonus: bonus != nil, group: group?.index)
        self.name = name
        self.condition = condition
        self.amounts = amounts
        let isRare = code != nil || totalLimit != nil || perUserLimit != nil || group != nil || brokenInvariant != nil
        rare = isRare ? RareClauses(code: code, totalLimit: totalLimit, perUserLimit: perUserLimit, groupName: group?.name,
                                    brokenInvariant: brokenInvariant) : nil
        self.effectText = effectText
        self.conditionLabel = conditionLabel
        storedDiscountRatio = discountRatio ?? .zero
        storedBonusRatio = bonusRatio ?? .zero
        self.bonus = bonus
        self.priceEffect = priceEffect
        ratioPresence = (discountRatio != nil ? 1 : 0) | (bonusRatio != nil ? 2 : 0)
    }

    /// The fixed amount in currency `currency`, or nil where there is none.
    @inline(__always)
    package func amount(in currency: Int) -> Int64? {
        currency >= 0 && currency < amounts.count ? amounts[currency] : nil
    }
}

extension CompiledPromotion {
    /// The discount this promotion takes from the running price, never more than
    /// it: the one rule of the quote's walk, the explain walk and the analysis.
    ///
    /// Its ratio and amounts exist in a book without a `brokenInvariant` (no other
    /// book quotes), and an amount past 64 bits is stored as `Int64.max`: the
    /// fallbacks below are taken only by the analysis of a broken book.
    @inline(__always)
    package func discount(running: Int64, list: Int64, currency: Int, additive: Bool) -> Int64 {
        guard let priceEffect else { return 0 }
        let amount: Int64
        switch priceEffect {
        case .percentOff:
            amount = discountRatio?.apply(to: additive ? list : running) ?? running
        case .amountOff:
            amount = self.amount(in: currency) ?? running
        case .setPrice:
            amount = max(0, running - (self.amount(in: currency) ?? running))
        }
        return min(max(0, amount), running)
    }

    /// The most this promotion can take off a list price of `list`, whatever came
    /// before it in a walk: a bound for searches over walks.
    package func mostOff(list: Int64, currency: Int) -> Int64 {
        switch priceEffect {
        case .percentOff?:
            // Rounded half-even; one more covers the rounding.
            return min(list, (discountRatio?.apply(to: list) ?? list) + 1)
        case .amountOff?:
            return min(list, amount(in: currency) ?? list)
        case .setPrice?:
            return max(0, list - max(0, amount(in: currency) ?? 0))
        case nil:
            return 0
        }
    }

    /// The bonus coins this promotion gives on `baseCoins`.
    @inline(__always)
    package func bonusCoins(baseCoins: Int64) -> Int64 {
        switch bonus {
        case .coins(let count)?: count
        case .percent?: bonusRatio?.apply(to: baseCoins, rounding: .down) ?? Int64.max
        case nil: 0
        }
    }

    /// The limit the request's counters reach, total first, or nil.
    @inline(__always)
    package func limitReached(_ redemptions: [String: Redemptions]) -> (limit: Int64, used: Int64, perUser: Bool)? {
        limitReached(redemptions.isEmpty ? Redemptions(total: 0, perUser: 0) : redemptions[name] ?? Redemptions(total: 0, perUser: 0))
    }

    /// The limit reached by the counters `used` of this promotion, as above.
    @inline(__always)
    package func limitReached(_ used: Redemptions) -> (limit: Int64, used: Int64, perUser: Bool)? {
        if let limit = totalLimit, used.total >= limit { return (limit, used.total, false) }
        if let limit = perUserLimit, used.perUser >= limit { return (limit, used.perUser, true) }
        return nil
    }
}
