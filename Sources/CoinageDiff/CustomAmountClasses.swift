import CoinageChecker
import CoinageEngine

/// The classes of custom amounts that two rule sets cannot tell apart by anything
/// but arithmetic, in one region and channel: within a class, every request gets the
/// same promotions on each side, so its quotes differ from amount to amount only
/// through its formula (`CustomAmountFormula`).
///
/// A quote reads its amount in three places: the `custom` ranges, which decide
/// whether it is sold; conditions on `coins`; and conditions on `list`, through the
/// list price, which grows with the amount. The classes are cut at each range's ends,
/// at every `coins` constant and the amount after it, and at the first amount whose
/// list price reaches each `list` constant (and the whole price after it), on each
/// side with that side's prices. They run from 0 coins up; the last one ends at the
/// largest amount there is.
enum CustomAmountClasses {
    /// Most classes of amounts in one region and channel. Each is quoted with every
    /// buyer, instant and code set of its cell, and finding a `list` cut takes a
    /// search over the amounts: past it, the place is not proven (`ProofSpace.amountGap`).
    static let maximumClassesPerPlace = 1_024

    /// The classes of `region` and `channel`, in order, each at least one amount; or
    /// the number of cuts when more than `maximumClassesPerPlace` could result.
    static func ranges(region: String, channel: String?, old: ComparedRules, new: ComparedRules,
                       searched: inout [SearchKey: Int64?]) -> Result<[ClosedRange<Int64>], Count> {
        var cuts: Set<Int64> = [0]
        func cut(_ amount: Int64) { if amount > 0 { cuts.insert(amount) } }
        for custom in old.rules.customAmounts + new.rules.customAmounts {
            cut(custom.minimumCoins)
            if custom.maximumCoins < Int64.max { cut(custom.maximumCoins + 1) }
        }
        for constant in ComparedConstants(old.rules).merged(with: ComparedConstants(new.rules)).coins {
            cut(constant)
            if constant < Int64.max { cut(constant + 1) }
        }
        let searches = [old, new].map { listSearch(region: region, channel: channel, side: $0) }
        let most = cuts.count + searches.reduce(0) { $0 + ($1?.prices.count ?? 0) }
        guard most <= maximumClassesPerPlace else { return .failure(Count(value: most)) }
        for case let (formula, prices)? in searches {
            for price in prices {
                // Places of one currency and levels share their price per coin: search each price once.
                let key = SearchKey(perCoin: formula.minorUnitsPerCoin, price: price)
                if searched[key] == nil { searched[key] = .some(firstAmount(reaching: price, formula)) }
                if case let amount?? = searched[key] { cut(amount) }
            }
        }
        let starts = cuts.sorted()
        return .success(starts.indices.map { index in
            starts[index]...(index + 1 < starts.count ? starts[index + 1] - 1 : Int64.max)
        })
    }

    /// A searched list price under one price per coin.
    struct SearchKey: Hashable {
        let perCoin: BigFraction
        let price: UInt64
    }

    /// How many classes a place could have, past the limit.
    struct Count: Error {
        let value: Int
    }

    /// The whole list prices where a `list` condition of `side` can change its
    /// answer, with the formula whose list prices are searched for them; nil where
    /// `side` sells no custom amount.
    private static func listSearch(region: String, channel: String?, side: ComparedRules)
        -> (formula: CustomAmountFormula, prices: Set<UInt64>)? {
        let book = side.book
        let request = QuoteRequest(item: .coins(1), region: region, channel: channel, instant: QuoteRequest.coveredInstants.lowerBound)
        guard let formula = book.customAmountFormula(request, applied: []), let currency = book.currencyIndex(ofRegion: region)
        else { return nil }
        var prices = Set<UInt64>()
        for promotion in book.program.promotions {
            if let condition = promotion.condition { listThresholds(condition, currency: currency, into: &prices) }
        }
        return (formula, prices)
    }

    /// The whole list prices at which `list op K` can change: `⌈K⌉` and `⌊K⌋ + 1`.
    private static func listThresholds(_ condition: CompiledCondition, currency: Int, into prices: inout Set<UInt64>) {
        switch condition {
        case .and(let a, let b), .or(let a, let b):
            listThresholds(a, currency: currency, into: &prices)
            listThresholds(b, currency: currency, into: &prices)
        case .not(let a):
            listThresholds(a, currency: currency, into: &prices)
        case .list(_, let amounts):
            guard currency < amounts.count, let amount = amounts[currency] else { return }
            if let up = amount.rounded(.up) { prices.insert(up) }
            if let down = amount.rounded(.down), down < UInt64.max { prices.insert(down + 1) }
        default:
            break
        }
    }

    /// The smallest amount whose list price is at least `price`, or nil when none is:
    /// the list price never falls as the amount grows, so a binary search finds it.
    private static func firstAmount(reaching price: UInt64, _ formula: CustomAmountFormula) -> Int64? {
        func reaches(_ amount: Int64) -> Bool {
            // Past 64 bits a list price is above every whole price.
            guard let list = formula.listPrice(coins: amount) else { return true }
            return UInt64(list) >= price
        }
        var low: Int64 = 0
        var high = Int64.max
        guard reaches(high) else { return nil }
        while low < high {
            let middle = low + (high - low) / 2
            if reaches(middle) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
