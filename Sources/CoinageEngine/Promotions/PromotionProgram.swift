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
    /// The same conditions laid out flat, as the quote's walk tests them.
    let plan: ConditionPlan
    /// Each promotion's code as a number (its index in `distinctCodes`), -1 without one.
    let codeIDs: [Int32]
    /// The rules' codes, each once, uppercased; and the same by code.
    let distinctCodes: [String]
    let codeNumbers: NameTable
    /// Whether a code of the rules goes beyond ASCII: a request's code is then
    /// compared with each as Swift compares strings when the table misses it.
    let hasUnicodeCodes: Bool
    /// The promotions' walk-order indices by name, for a request's redemption counters.
    let promotionNumbers: NameTable
    /// Which promotions can concern each cell.
    let index: PromotionIndex
    /// The same as words of bits, for a book of few promotions (`CandidateMasks`).
    let masks: CandidateMasks
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
        let labels = ConditionLabel.labels(of: ordered.map { $0.condition })
        var sharing = PromotionCompiler.Sharing()
        let promotions = ordered.indices.map { position in
            compiler.compile(ordered[position], groups: groups, label: labels[position], sharing: &sharing)
        }
        self.promotions = promotions
        headers = promotions.map { $0.header }
        conditions = promotions.map { $0.condition }
        plan = ConditionPlan(conditions)
        var distinct: [String] = []
        var numbers: [String: Int32] = [:]
        codeIDs = promotions.map { promotion in
            guard let code = promotion.code else { return -1 }
            if let number = numbers[code] { return number }
            distinct.append(code)
            numbers[code] = Int32(distinct.count - 1)
            return Int32(distinct.count - 1)
        }
        distinctCodes = distinct
        codeNumbers = NameTable(distinct)
        hasUnicodeCodes = distinct.contains { $0.utf8.contains { $0 >= 0x80 } }
        promotionNumbers = NameTable(promotions.map { $0.name })
        index = PromotionIndex(promotions: promotions, grid: grid, itemCoins: itemCoins, regionCurrency: regionCurrency,
                               listCells: listCells, maxListedEntries: maxListedEntries)
        masks = CandidateMasks(index: index, plan: plan, promotionCount: promotions.count)
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
    package var globalPromotions: [Int] { index.global.map { $0.index } }

    /// Where promotion `promotion` may be a candidate; nil for a global one.
    package func reach(of promotion: Int) -> CandidateReach? { index.reaches[promotion] }

    /// Whether every cell's candidates are precomputed (else each is scanned).
    package var listsEveryCell: Bool { index.listsEveryCell }

    /// The candidates of one cell other than the global ones, in walk order: the
    /// precomputed list, or past the precomputed table the scanned one.
    package func listedCandidates(item: Int, region: Int, channel: Int) -> [Int] {
        let (cells, range) = index.candidates(item: item, region: region, channel: channel, conditions: conditions)
        return cells.entries[range].map { $0.index }
    }

    /// Whether promotion `promotion` is listed in a cell: a global one everywhere,
    /// another where its reach holds and its condition does not fail on the cell alone.
    package func isListed(_ promotion: Int, item: Int, region: Int, channel: Int) -> Bool {
        guard let reach = index.reaches[promotion] else { return true }
        guard reach.contains(item: item, region: region, channel: channel), let condition = conditions[promotion] else {
            return false
        }
        return condition.partial(item: item, region: region, currency: index.regionCurrency[region],
                                 coins: index.itemCoins[item], channel: channel) != .no
    }
}
