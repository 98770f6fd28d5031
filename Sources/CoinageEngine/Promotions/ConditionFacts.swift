import CoinageChecker
import CoinageSyntax

/// What a condition can read of a quote, each fact possibly unknown (nil): a quote
/// knows its cell and the buyer's facts it carries; ahead of time the index knows
/// the cell but not the buyer, and the analysis knows one user fact at a time.
package struct ConditionFacts {
    /// The item, region, channel, currency, coins and list price.
    let cell: CellFacts
    /// By attribute slot; nil where the fact is not known.
    private(set) var user: UserFacts

    package var item: Int? { @inline(__always) get { cell.item } }
    package var region: Int? { @inline(__always) get { cell.region } }
    package var channel: Int? { @inline(__always) get { cell.channel } }
    package var currency: Int? { @inline(__always) get { cell.currency } }
    package var coins: Int64? { @inline(__always) get { cell.coins } }
    package var list: Int64? { @inline(__always) get { cell.list } }

    /// Facts known in part: the cell's given here, and no user fact.
    package init(item: Int? = nil, region: Int? = nil, channel: Int? = nil, currency: Int? = nil, coins: Int64? = nil,
                 list: Int64? = nil) {
        cell = CellFacts(item: item, region: region, channel: channel, currency: currency, coins: coins, list: list)
        user = UserFacts()
    }

    /// A quote's facts: its cell, and the buyer's facts it carries.
    init(cell: CellFacts, user: UserFacts) {
        self.cell = cell
        self.user = user
    }

    /// Only user fact `value` (see `UserFacts`) of attribute slot `slot` known.
    package init(userSlot slot: Int, value: Int64) {
        self.init()
        user.set(value, slot: slot)
    }
}

/// The facts of a quote's cell, each possibly unknown: plain integers, so the
/// quote's walk copies them for free.
package struct CellFacts {
    /// A sentinel rather than optionals keeps the struct as small as a quote's facts
    /// need (no index is negative, and no coin count or price is `Int64.min`).
    private let rawItem: Int
    private let rawRegion: Int
    private let rawChannel: Int
    private let rawCurrency: Int
    private let rawCoins: Int64
    private let rawList: Int64

    private static let unknown = Int64.min

    package var item: Int? { @inline(__always) get { rawItem >= 0 ? rawItem : nil } }
    package var region: Int? { @inline(__always) get { rawRegion >= 0 ? rawRegion : nil } }
    package var channel: Int? { @inline(__always) get { rawChannel >= 0 ? rawChannel : nil } }
    package var currency: Int? { @inline(__always) get { rawCurrency >= 0 ? rawCurrency : nil } }
    package var coins: Int64? { @inline(__always) get { rawCoins != Self.unknown ? rawCoins : nil } }
    package var list: Int64? { @inline(__always) get { rawList != Self.unknown ? rawList : nil } }

    init(item: Int?, region: Int?, channel: Int?, currency: Int?, coins: Int64?, list: Int64?) {
        rawItem = item ?? -1
        rawRegion = region ?? -1
        rawChannel = channel ?? -1
        rawCurrency = currency ?? -1
        rawCoins = coins ?? Self.unknown
        rawList = list ?? Self.unknown
    }

    /// A quote's cell: every fact known.
    @inline(__always)
    init(item: Int, region: Int, channel: Int, currency: Int, coins: Int64, list: Int64) {
        rawItem = item
        rawRegion = region
        rawChannel = channel
        rawCurrency = currency
        rawCoins = coins
        rawList = list
    }
}
