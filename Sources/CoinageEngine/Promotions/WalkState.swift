import CoinageChecker

/// Where a walk over the promotions stands between two candidates: the running
/// price, whether a price effect applied, the groups that applied a promotion, and
/// whether an exclusive one stopped it.
///
/// The rules of a walk step (`PromotionProgram.isGroupTaken` and `advance`) are
/// written once, here: the quote's walk, `--explain` and the analysis's discount
/// search all play their walks through them.
package struct WalkState: Hashable, Sendable {
    package var price: Int64
    /// Whether a promotion with a price effect applied (the floor then applies).
    package var priceChanged = false
    package var groups = GroupsTaken()
    /// Whether an exclusive promotion applied: nothing after it may.
    package var stopped = false

    package init(price: Int64) {
        self.price = price
    }
}

/// The groups that already applied a promotion: a bit per group, the first 64
/// inline. Two sets of the same groups past the first 64 that were taken in another
/// order compare unequal: equality is exact for every set a walk of fewer than 64
/// groups can build, and never claims two different sets equal.
package struct GroupsTaken: Hashable, Sendable {
    private var low: UInt64 = 0
    /// Groups from 64 on; nil until one is taken, so a walk of fewer groups holds
    /// no array, not even an empty one (its release cost about 20 instructions a
    /// quote in callgrind).
    private var high: [Int32]?

    package init() {}

    @inline(__always)
    package func contains(_ group: Int32) -> Bool {
        group < 64 ? low & (1 << UInt64(group)) != 0 : high?.contains(group) ?? false
    }

    @inline(__always)
    mutating func insert(_ group: Int32) {
        if group < 64 { low |= 1 << UInt64(group) } else { insertPastBits(group) }
    }

    // Out of line, so the walk's inlined `insert` stays one `or`.
    @inline(never)
    private mutating func insertPastBits(_ group: Int32) {
        if high == nil { high = [] }
        high?.append(group)
    }
}

extension PromotionProgram {
    /// Whether a walk passes over promotion `index` because its group already
    /// applied a promotion.
    @inline(__always)
    package func isGroupTaken(_ index: Int, in walk: WalkState) -> Bool {
        isGroupTaken(headers[index], in: walk)
    }

    @_transparent
    func isGroupTaken(_ header: PromotionHeader, in walk: WalkState) -> Bool {
        header.group >= 0 && walk.groups.contains(header.group)
    }

    /// Applies candidate `index` to a walk: its group is taken, its discount comes
    /// off the running price (returned), and an exclusive promotion stops the walk.
    /// Bonus coins are the caller's: they never change the price.
    @inline(__always)
    package func advance(_ walk: inout WalkState, applying index: Int, list: Int64, currency: Int) -> Int64 {
        advance(&walk, applying: index, header: headers[index], list: list, currency: currency)
    }

    // Transparent, as `PriceBook.apply` is: the walk is generic over its observer,
    // and the optimizer declines `@inline(__always)` there (a call per applied
    // promotion costs ~60 instructions a quote in callgrind).
    @_transparent
    func advance(_ walk: inout WalkState, applying index: Int, header: PromotionHeader, list: Int64, currency: Int) -> Int64 {
        if header.group >= 0 { walk.groups.insert(header.group) }
        var amount: Int64 = 0
        if header.clauses.contains(.priceEffect) {
            amount = discount(index, running: walk.price, list: list, currency: currency)
            walk.price -= amount
            walk.priceChanged = true
        }
        if header.clauses.contains(.exclusive) { walk.stopped = true }
        return amount
    }
}
