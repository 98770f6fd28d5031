import CoinageChecker
import CoinageSyntax

/// A price book's promotions compiled for the walk: the promotions in walk order,
/// what the walk tests of each laid out contiguously, the index of which can
/// concern each cell, and the stacking and floor rules the walk applies.
///
/// It is the part of a price book the quote's walk, the `--explain` walk and the
/// analysis read of the promotions, and it holds nothing of the checked model.
package struct PromotionProgram: Sendable {
    /// Compiled promotions in walk order: priority descending, then name ascending.
    package let promotions: [CompiledPromotion]
    /// What the walk reads of each candidate, one contiguous array each, so it
    /// touches a promotion's object only when the promotion applies.
    let headers: [PromotionHeader]
    package let conditions: [CompiledCondition?]
    /// Each promotion's (uppercased) code, "" without one.
    let codes: [String]
    /// Their names in walk order, shared by every quote's `AppliedPromotions`.
    let names: PromotionNames
    /// Which promotions can concern each cell.
    let index: PromotionIndex
    /// Whether percent discounts are taken off the list price (`stacking additive`)
    /// rather than off the running price.
    package let additive: Bool
    /// The floor as written, and as a share of the list price.
    package let floor: Percentage
    package let floorRatio: Ratio?

    /// Compiles the promotions of `rules` and indexes them over the cells of `grid`.
    init(_ rules: RuleSet, compiler: PromotionCompiler, grid: CellGrid, itemCoins: [Int64?], regionCurrency: [Int],
         currencies: [Currency], listCells: Bool, maxListedEntries: Int) {
        let ordered = Self.walkOrder(rules.promotions)
        var groups: [String: Int] = [:]
        for promotion in ordered { if let group = promotion.group, groups[group] == nil { groups[group] = groups.count } }
        let promotions = ordered.map { compiler.compile($0, groups: groups) }
        self.promotions = promotions
        headers = promotions.map(PromotionHeader.init)
        conditions = promotions.map(\.condition)
        codes = promotions.map { $0.code ?? "" }
        names = PromotionNames(names: promotions.map(\.name), currencies: currencies)
        index = PromotionIndex(promotions: promotions, grid: grid, itemCoins: itemCoins, regionCurrency: regionCurrency,
                               listCells: listCells, maxListedEntries: maxListedEntries)
        additive = rules.stacking == .additive
        floor = rules.floor
        floorRatio = (try? percentFraction(rules.floor)).flatMap(Ratio.init)
    }

    /// The lowest price a walk that applied a promotion may end at: the floor's
    /// share of the list price, rounded up; nil only in a book with a `brokenInvariant`.
    @inline(__always)
    package func floorPrice(list: Int64) -> Int64? {
        floorRatio?.apply(to: list, rounding: .up)
    }

    /// A walk's final price: at least the floor once a promotion applied.
    package func flooredPrice(_ price: Int64, list: Int64, applied: Bool) -> Int64 {
        guard applied, let floor = floorPrice(list: list), price < floor else { return price }
        return floor
    }

    /// Promotions in walk order: priority descending, then name ascending.
    package static func walkOrder(_ promotions: [Promotion]) -> [Promotion] {
        promotions.sorted { ($0.priority, $1.name) > ($1.priority, $0.name) }
    }

    /// The discount promotion `index` takes from the running price.
    @inline(__always)
    func discount(_ index: Int, running: Int64, list: Int64, currency: Int) -> Int64 {
        promotions[index].discount(running: running, list: list, currency: currency, additive: additive)
    }
}

extension PromotionProgram {
    /// The promotions every cell considers (no condition, or one that no item or
    /// region alone decides), in walk order.
    package var globalPromotions: [Int] { index.global.map(\.index) }

    /// Where promotion `promotion` may be a candidate; nil for a global one.
    package func reach(of promotion: Int) -> CandidateReach? { index.reach[promotion] }

    /// Whether every cell's candidates are precomputed (else each is scanned).
    package var listsEveryCell: Bool { index.listsEveryCell }

    /// The candidates of one cell other than the global ones, in walk order: the
    /// precomputed list, or past the precomputed table the scanned one.
    package func listedCandidates(item: Int, region: Int, channel: Int) -> [Int] {
        let (cells, range) = index.candidates(item: item, region: region, channel: channel, conditions: conditions)
        return cells.entries[range].map(\.index)
    }

    /// Whether promotion `promotion` is listed in a cell: a global one everywhere,
    /// another where its reach holds and its condition does not fail on the cell alone.
    package func isListed(_ promotion: Int, item: Int, region: Int, channel: Int) -> Bool {
        guard let reach = index.reach[promotion] else { return true }
        guard reach.contains(item: item, region: region, channel: channel), let condition = conditions[promotion] else {
            return false
        }
        return condition.partial(item: item, region: region, currency: index.regionCurrency[region],
                                 coins: index.itemCoins[item], channel: channel) != .no
    }
}
