import CoinageChecker

extension PriceBook {
    /// The names of the promotions a request's cell can consider: the global ones and
    /// those listed for the cell, the only ones the walk looks at there. Nil when the
    /// book refuses the cell itself (region, channel or item), whatever else the
    /// request carries. For the prover of `coinage diff`, not the quote path.
    package func candidateNames(item: QuoteRequest.Item, region: String, channel: String?) -> [String]? {
        let probe = QuoteRequest(item: item, region: region, channel: channel, instant: QuoteRequest.coveredInstants.lowerBound)
        guard case .success(let resolved) = resolve(probe) else { return nil }
        let listed = program.globalPromotions
            + program.listedCandidates(item: Int(resolved.item), region: Int(resolved.region), channel: Int(resolved.channel))
        return listed.map { program.promotions[$0].name }
    }

    /// What `candidateNames` depends on, as a short key: the indices of the cell's
    /// item, region and channel, or `-` when the book refuses the cell. Two cells
    /// with one key have the same candidates, so a caller can skip building names.
    package func candidateKey(item: QuoteRequest.Item, region: String, channel: String?) -> String {
        let probe = QuoteRequest(item: item, region: region, channel: channel, instant: QuoteRequest.coveredInstants.lowerBound)
        guard case .success(let resolved) = resolve(probe) else { return "-" }
        return "\(resolved.item).\(resolved.region).\(resolved.channel)"
    }
}
