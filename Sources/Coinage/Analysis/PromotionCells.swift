/// Where each promotion may be a candidate: the cells the price book lists it in,
/// as the inverse of the book's per-cell index.
struct PromotionCells {
    /// Per promotion (walk order): the bundle cells it is listed in, as
    /// `(bundle, region, channel)`; nil for a promotion listed everywhere.
    let bundleCells: [[(bundle: Int, region: Int, channel: Int)]?]
    /// Promotions listed for a custom amount: the analysis does not model custom
    /// amounts, so it says nothing about these.
    let reachesCustomAmounts: [Bool]

    init(context: AnalysisContext) {
        let book = context.book
        let regions = context.regionCount
        let channels = context.channelCount
        var cells = [[(bundle: Int, region: Int, channel: Int)]?](repeating: [], count: book.promotions.count)
        var custom = [Bool](repeating: false, count: book.promotions.count)
        for entry in book.globalPromotions {
            cells[entry.index] = nil
            custom[entry.index] = !book.rules.customAmounts.isEmpty
        }
        for cell in 0..<book.promotionCells.cellCount {
            let listed = book.promotionCells.indices(of: cell)
            guard !listed.isEmpty else { continue }
            let item = cell / (regions * channels)
            let region = cell / channels % regions
            let channel = cell % channels
            for index in listed {
                if item >= book.rules.bundles.count { custom[index] = true } else { cells[index]?.append((item, region, channel)) }
            }
        }
        bundleCells = cells
        reachesCustomAmounts = custom
    }

    /// The bundle cells of a promotion, every cell for one listed everywhere.
    func cells(_ index: Int, context: AnalysisContext) -> [(bundle: Int, region: Int, channel: Int)] {
        bundleCells[index] ?? context.cellCoordinates
    }
}
