/// Where each promotion may be a candidate: the cells the price book lists it in,
/// as the inverse of the book's per-cell index.
struct PromotionCells {
    /// Per promotion (walk order): the cells it is listed in, as `(item, region,
    /// channel)` with custom amounts after the bundles; nil for a promotion listed
    /// everywhere.
    let listed: [[(bundle: Int, region: Int, channel: Int)]?]

    init(context: AnalysisContext) {
        let book = context.book
        let regions = context.regionCount
        let channels = context.channelCount
        var cells = [[(bundle: Int, region: Int, channel: Int)]?](repeating: [], count: book.promotions.count)
        for index in book.globalPromotions { cells[Int(index)] = nil }
        for (cell, promotions) in book.promotionCells.enumerated() where !promotions.isEmpty {
            let coordinate = (bundle: cell / (regions * channels), region: cell / channels % regions, channel: cell % channels)
            for index in promotions.map(Int.init) { cells[index]?.append(coordinate) }
        }
        listed = cells
    }

    /// The cells of a promotion, bundles and custom amounts, every cell for one
    /// listed everywhere.
    func cells(_ index: Int, context: AnalysisContext) -> [(bundle: Int, region: Int, channel: Int)] {
        listed[index] ?? context.itemCoordinates
    }

    /// The bundle cells of a promotion: where its candidacy is exact.
    func bundleCells(_ index: Int, context: AnalysisContext) -> [(bundle: Int, region: Int, channel: Int)] {
        listed[index]?.filter { $0.bundle < context.bundles.count } ?? context.cellCoordinates
    }
}
