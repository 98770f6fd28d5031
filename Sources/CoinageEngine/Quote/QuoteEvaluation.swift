import CoinageChecker
import CoinageSyntax

extension PriceBook {
    /// Quotes a request: an exact quote, or a typed error that says why not.
    ///
    /// Safe to call from any thread; it reads only the immutable price book.
    public func quote(_ request: QuoteRequest) -> Result<Quote, QuoteError> {
        do throws(QuoteError) {
            return .success(try evaluate(request))
        } catch {
            return .failure(error)
        }
    }

    /// The quote path. Names are found with plain lookups that return nil; only a
    /// refused request pays for building its message (`QuoteRefusals.swift`).
    @inline(__always)
    private func evaluate(_ request: QuoteRequest) throws(QuoteError) -> Quote {
        if let broken = brokenInvariant { throw internalError(broken) }
        guard let r = names.regions[request.region] else { throw unknownRegion(request.region) }
        guard let c = channelSlotIndex(request.channel) else { throw channelRefusal(request.channel) }
        // Checked before any calendar arithmetic: the zone tables cover these years only.
        guard QuoteRequest.coveredInstants.contains(request.instant) else { throw instantOutOfRange(request.instant) }
        let currency = regions.currency[r]

        let item: String
        let itemIndex: Int
        let list: Int64
        var coins: CoinCount
        var listExplanation: ListPriceExplanation?
        var customExplanation: CustomAmountExplanation?
        switch request.item {
        case .bundle(let name):
            guard let b = names.bundles[name] else { throw unknownBundle(name) }
            guard let minor = prices.listPrice(bundle: b, region: r, channel: c) else {
                throw QuoteError(.overflow, "the list price of `\(name)` in `\(request.region)` is too large to compute")
            }
            item = name
            itemIndex = b
            list = minor
            coins = bundleCoins[b]
            if request.explain { listExplanation = prices.explainedListPrice(bundle: b, region: r, channel: c) }
        case .coins(let amount):
            let (custom, priced) = try customAmountPrice(amount, region: r, channel: c)
            item = priced.custom
            itemIndex = names.bundleCount + custom
            list = priced.price.minorUnits
            coins = CoinCount(base: amount, bonus: 0)
            if request.explain { customExplanation = priced }
        }

        let facts = ConditionFacts(item: itemIndex, region: r, channel: c, currency: regions.currencyIndex[r], coins: coins.base,
                                   list: list, user: request.user.isEmpty ? UserFacts() : try resolve(request.user))
        let context = WalkContext(item: itemIndex, region: r, channel: c, currencyIndex: regions.currencyIndex[r],
                                  list: list, baseCoins: coins.base, instant: request.instant)
        var walked = PromotionResult(price: list, applied: AppliedPromotions(names: program.names, currencyIndex: regions.currencyIndex[r]))
        if request.explain {
            walkPromotionsExplained(context, request: request, facts: facts, into: &walked)
        } else {
            var observer = UnwatchedWalk()
            walkPromotions(context, request: request, facts: facts, into: &walked, observer: &observer)
        }
        let (bonus, bonusOverflow) = coins.bonus.addingReportingOverflow(walked.bonusCoins)
        guard !bonusOverflow, !coins.base.addingReportingOverflow(bonus).overflow else {
            throw QuoteError(.overflow, "the bonus coins of this quote are too many to count")
        }
        coins = CoinCount(base: coins.base, bonus: bonus)

        let price = walked.price
        let included = regions.taxIncluded[r]
        guard let tax = regions.taxRatios[r]?.apply(to: price) else {
            throw QuoteError(.overflow, "the tax on \(Money(minorUnits: price, currency: currency)) is too large to compute")
        }
        let (total, totalOverflow) = included ? (price, false) : price.addingReportingOverflow(tax)
        guard !totalOverflow else {
            throw QuoteError(.overflow, "the tax on \(Money(minorUnits: price, currency: currency)) is too large to compute")
        }
        let net = included ? price - tax : price
        guard let fee = channels.feeRatios[c]?.apply(to: net) else {
            throw QuoteError(.overflow, "the channel fee on \(Money(minorUnits: net, currency: currency)) is too large to compute")
        }
        return Quote(
            item: item,
            isCustomAmount: itemIndex >= names.bundleCount,
            region: regions.codes[r],
            channel: channels.names[c],
            instant: request.instant,
            currency: currency,
            coins: coins,
            list: Money(minorUnits: list, currency: currency),
            promotions: walked.applied,
            price: Money(minorUnits: price, currency: currency),
            tax: TaxLine(rate: regions.taxRates[r], included: included, amount: Money(minorUnits: tax, currency: currency)),
            total: Money(minorUnits: total, currency: currency),
            proceeds: Money(minorUnits: net - fee, currency: currency),
            ruleSetHash: contentHash,
            explanation: request.explain
                ? QuoteExplanation(listPrice: listExplanation, customAmount: customExplanation, promotions: walked.traces ?? [])
                : nil
        )
    }

    /// Resolves the buyer's facts to attribute slots, once per quote, so conditions
    /// read integers instead of hashing names. Facts must be declared and of their
    /// declared type; a value outside a declared `int` range is refused too.
    private func resolve(_ user: [String: UserValue]) throws(QuoteError) -> UserFacts {
        var resolved = UserFacts()
        for (name, value) in user {
            guard let slot = users.index[name], let fact = users.slots[slot].resolve(value) else {
                throw invalidUserFact(user)  // the first problem in name order, the same on every run
            }
            resolved.set(fact, slot: slot)
        }
        return resolved
    }

    /// The index of the requested channel among the price book's channel slots, or
    /// nil when the request must be refused for its channel.
    @inline(__always)
    private func channelSlotIndex(_ name: String?) -> Int? {
        guard let name else { return channels.declared ? nil : 0 }
        return names.channels[name]
    }
}
