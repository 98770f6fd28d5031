import CoinageChecker
import CoinageSyntax

extension PriceBook {
    /// Quotes a request: an exact quote, or a typed error that says why not.
    ///
    /// Safe to call from any thread; it reads only the immutable price book. On a
    /// hot path, `quoted(_:)` gives the same answer faster.
    public func quote(_ request: QuoteRequest) -> Result<Quote, QuoteError> {
        do throws(QuoteError) {
            return .success(try quoted(request))
        } catch {
            return .failure(error)
        }
    }

    /// Quotes a request resolved against these rules (`resolve(_:)`), without its
    /// explanation: the fast path for a caller that resolves once per request.
    public func quote(_ request: ResolvedRequest) -> Result<Quote, QuoteError> {
        do throws(QuoteError) {
            return .success(try quoted(request))
        } catch {
            return .failure(error)
        }
    }

    /// `quote(_:)` as a throwing call: the same quote, or the same error thrown.
    ///
    /// The fast path for a Swift caller. The quote is written where the caller
    /// keeps it, where a `Result<Quote, QuoteError>` is built and then copied out
    /// whole (169 bytes, more than Swift copies without a call to `memcpy`), which
    /// costs about as much as the buyer's facts do to read (`coinage-bench`).
    public func quoted(_ request: QuoteRequest) throws(QuoteError) -> Quote {
        let resolved = try resolved(request)
        // Only a request that asks for its explanation pays for the explaining walk.
        // Through the resolved request's `quoted`, where the evaluation is inlined,
        // not through the evaluation's own specialization: about 5 ns a quote less
        // (`coinage-bench`). The quote is still copied once on its way to the caller,
        // since the resolved request is dropped after it is made.
        guard request.explain else { return try quoted(resolved) }
        return try evaluate(resolved, given: request)
    }

    /// `quote(_:)` of a resolved request as a throwing call (see `quoted(_:)`).
    public func quoted(_ request: ResolvedRequest) throws(QuoteError) -> Quote {
        guard request.rules == fingerprint else { throw foreignRequest() }
        return try evaluate(request, given: NoExplanation())
    }

    /// The quote path, on indices only. Only a refused request pays for building its
    /// message (`QuoteRefusals.swift`); `given` is the request as given, read only
    /// when it asks for its explanation. Generic, so the fast path's `NoExplanation`
    /// compiles the explanation away instead of copying an optional request.
    @inline(__always)
    private func evaluate<Given: ExplanationSource>(_ request: ResolvedRequest, given: Given) throws(QuoteError) -> Quote {
        let explains = given.explains
        let r = Int(request.region)
        let c = Int(request.channel)
        let itemIndex = Int(request.item)
        let currencyIndex = regions.currencyIndex[r]

        let list: Int64
        var coins: CoinCount
        var listExplanation: ListPriceExplanation?
        var customExplanation: CustomAmountExplanation?
        if itemIndex < names.bundleCount {
            guard let minor = prices.listPrice(bundle: itemIndex, region: r, channel: c) else {
                throw QuoteError(.overflow, "the list price of `\(names.items[itemIndex])` in `\(regions.codes[r])` is too large to compute")
            }
            list = minor
            coins = bundleCoins[itemIndex]
            if explains { listExplanation = prices.explainedListPrice(bundle: itemIndex, region: r, channel: c) }
        } else {
            let (_, priced) = try customAmountPrice(request.amount, region: r, channel: c)
            list = priced.price.minorUnits
            coins = CoinCount(base: request.amount, bonus: 0)
            if explains { customExplanation = priced }
        }

        let context = WalkContext(item: itemIndex, region: r, channel: c, currencyIndex: currencyIndex,
                                  list: list, baseCoins: coins.base, instant: request.instant)
        var walked = PromotionResult(price: list, applied: AppliedPromotions(labels: labels, currencyIndex: currencyIndex))
        var traces: [PromotionTrace]?
        if explains, let explaining = given.request {
            traces = walkPromotionsExplained(context, resolved: request, request: explaining, into: &walked)
        } else {
            walkPromotions(context, request: request, into: &walked)
        }
        let (bonus, bonusOverflow) = coins.bonus.addingReportingOverflow(walked.bonusCoins)
        guard !bonusOverflow, !coins.base.addingReportingOverflow(bonus).overflow else {
            throw QuoteError(.overflow, "the bonus coins of this quote are too many to count")
        }
        coins = CoinCount(base: coins.base, bonus: bonus)

        let price = walked.price
        let included = regions.taxIncluded[r]
        guard let tax = regions.taxRatios[r]?.apply(to: price) else {
            throw QuoteError(.overflow, "the tax on \(Money(minorUnits: price, currency: regions.currency[r])) is too large to compute")
        }
        let (total, totalOverflow) = included ? (price, false) : price.addingReportingOverflow(tax)
        guard !totalOverflow else {
            throw QuoteError(.overflow, "the tax on \(Money(minorUnits: price, currency: regions.currency[r])) is too large to compute")
        }
        let net = included ? price - tax : price
        guard let fee = channels.feeRatios[c]?.apply(to: net) else {
            throw QuoteError(.overflow, "the channel fee on \(Money(minorUnits: net, currency: regions.currency[r])) is too large to compute")
        }
        // Consumed, so its applied promotions move into the quote instead of being
        // copied; and last, after the arithmetic above: the walk has just written
        // them, and a copy made at once read them back in 16-byte loads before
        // those stores reached the cache (perf: about 5 ns a quote).
        let applied = (consume walked).applied
        return Quote(
            item: itemIndex, isCustomAmount: itemIndex >= names.bundleCount, region: r, channel: c, instant: request.instant,
            coins: coins, list: list, promotions: applied, price: price, tax: tax, total: total, proceeds: net - fee,
            explanation: explains
                ? QuoteExplanation(listPrice: listExplanation, customAmount: customExplanation, promotions: traces ?? [])
                : nil
        )
    }
}

/// The request as given, for the explanation of a quote: the quote path reads it
/// only when `explains` is true.
protocol ExplanationSource {
    var explains: Bool { get }
    var request: QuoteRequest? { get }
}

/// The fast path's source: no request, no explanation.
struct NoExplanation: ExplanationSource {
    var explains: Bool { false }
    var request: QuoteRequest? { nil }
}

extension QuoteRequest: ExplanationSource {
    var explains: Bool { explain }
    var request: QuoteRequest? { self }
}
