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

    private func evaluate(_ request: QuoteRequest) throws(QuoteError) -> Quote {
        guard let r = regionIndex[request.region] else {
            throw QuoteError(.unknownRegion, "unknown region `\(request.region)`",
                             help: Suggestion.help(for: request.region, among: rules.regions.map(\.code)))
        }
        let region = rules.regions[r]
        let c = try channelSlot(request.channel)
        let channel = channelSlots[c]
        // Years 1 to 9999: the range the calendar arithmetic and the zone tables handle.
        guard request.instant >= -62_135_596_800, request.instant <= 253_402_300_799 else {
            throw QuoteError(.overflow, "the instant \(request.instant) is outside the years 1 to 9999")
        }

        let item: String
        let itemIndex: Int
        let list: Money
        var coins: CoinCount
        var listExplanation: ListPriceExplanation?
        var customExplanation: CustomAmountExplanation?
        switch request.item {
        case .bundle(let name):
            guard let b = bundleIndex[name] else {
                throw QuoteError(.unknownBundle, "unknown bundle `\(name)`",
                                 help: Suggestion.help(for: name, among: rules.bundles.map(\.name)))
            }
            let bundle = rules.bundles[b]
            guard let minor = listPrice(bundle: b, region: r, channel: c) else {
                throw QuoteError(.overflow, "the list price of `\(name)` in `\(region.code)` is too large to compute")
            }
            item = name
            itemIndex = b
            list = Money(minorUnits: minor, currency: region.currency)
            coins = CoinCount(base: bundle.coins, bonus: bundle.bonusCoins)
            if request.explain { listExplanation = try? derivation.listPrice(bundle: bundle, region: region, channel: channel) }
        case .coins(let amount):
            let priced = try customAmountPrice(amount, region: region, channel: channel)
            item = priced.custom
            itemIndex = rules.bundles.count + (rules.customAmounts.firstIndex { $0.name == priced.custom } ?? 0)
            list = priced.price
            coins = CoinCount(base: amount, bonus: 0)
            if request.explain { customExplanation = priced }
        }

        let resolvedUser = request.user.isEmpty ? [] : try resolve(request.user)
        let walked = walkPromotions(WalkContext(
            item: itemIndex, region: r, channel: c, currency: region.currency, currencyIndex: regionCurrency[r],
            list: list.minorUnits, baseCoins: coins.base, instant: request.instant, user: request.user, resolvedUser: resolvedUser,
            codes: request.codes, redemptions: request.redemptions, explain: request.explain))
        let price = Money(minorUnits: walked.price, currency: region.currency)
        let (bonus, bonusOverflow) = coins.bonus.addingReportingOverflow(walked.bonusCoins)
        guard !bonusOverflow, !coins.base.addingReportingOverflow(bonus).overflow else {
            throw QuoteError(.overflow, "the bonus coins of this quote are too many to count")
        }
        coins = CoinCount(base: coins.base, bonus: bonus)
        let explanation = request.explain
            ? QuoteExplanation(listPrice: listExplanation, customAmount: customExplanation, promotions: walked.traces ?? [])
            : nil

        let taxAmount: Int64
        let total: Int64
        let net: Int64
        do throws(ArithmeticOverflow) {
            guard let tax = taxRatios[r]?.apply(to: price.minorUnits) else { throw ArithmeticOverflow() }
            taxAmount = tax
            switch region.tax.mode {
            case .included:
                total = price.minorUnits
                net = price.minorUnits - taxAmount
            case .added:
                let (sum, overflow) = price.minorUnits.addingReportingOverflow(taxAmount)
                guard !overflow else { throw ArithmeticOverflow() }
                total = sum
                net = price.minorUnits
            }
        } catch {
            throw QuoteError(.overflow, "the tax on \(price) is too large to compute")
        }
        guard let fee = feeRatios[c]?.apply(to: net) else {
            throw QuoteError(.overflow, "the channel fee on \(Money(minorUnits: net, currency: region.currency)) is too large to compute")
        }
        let currency = region.currency
        return Quote(
            item: item,
            isCustomAmount: itemIndex >= rules.bundles.count,
            region: region.code,
            channel: channel?.name,
            currency: currency,
            coins: coins,
            list: list,
            discounts: walked.discounts,
            price: price,
            tax: TaxLine(rate: region.tax.rate, included: region.tax.mode == .included,
                         amount: Money(minorUnits: taxAmount, currency: currency)),
            total: Money(minorUnits: total, currency: currency),
            proceeds: Money(minorUnits: net - fee, currency: currency),
            applied: walked.applied,
            ruleSetHash: contentHash,
            explanation: explanation
        )
    }

    /// Resolves the buyer's facts to attribute slots, once per quote, so conditions
    /// read an array instead of hashing names. Facts must be declared and of their
    /// declared type; a value outside a declared `int` range is refused too.
    private func resolve(_ user: [String: UserValue]) throws(QuoteError) -> [ResolvedUserValue?] {
        var resolved = [ResolvedUserValue?](repeating: nil, count: userSlots.count)
        for (name, value) in user {
            guard let slot = userSlots.first(where: { $0.name == name }), let fact = slot.resolve(value) else {
                try validate(user)  // reports the first problem in name order, the same on every run
                break
            }
            resolved[slot.index] = fact
        }
        return resolved
    }

    /// Reports the first fact, in name order, that is undeclared or does not fit; the
    /// slots decide what fits, as when resolving.
    private func validate(_ user: [String: UserValue]) throws(QuoteError) {
        for (name, value) in user.sorted(by: { $0.key < $1.key }) {
            guard let slot = userSlots.first(where: { $0.name == name }) else {
                throw QuoteError(.unknownUserAttribute, "user attribute `\(name)` is not declared",
                                 help: Suggestion.help(for: name, among: rules.userAttributes.map(\.name)))
            }
            let attribute = rules.userAttributes[slot.index]
            guard slot.resolve(value) != nil else {
                throw QuoteError(.userAttributeType,
                                 "`\(name)` is \(attribute.typeDescriptionWithArticle)\(Self.rangeText(attribute)); \(Self.describe(value)) does not fit",
                                 help: Self.valuesHelp(attribute))
            }
        }
    }

    private static func rangeText(_ attribute: UserAttribute) -> String {
        if case .int(let range?) = attribute.kind { return " from \(range.lowerBound) to \(range.upperBound)" }
        return ""
    }

    private static func valuesHelp(_ attribute: UserAttribute) -> String? {
        if case .oneOf(let values) = attribute.kind { return "give one of \(values.map { "`\($0)`" }.joined(separator: ", "))" }
        return nil
    }

    /// The index of the requested channel among the price book's channel slots.
    private func channelSlot(_ name: String?) throws(QuoteError) -> Int {
        if rules.channels.isEmpty {
            guard let name else { return 0 }
            throw QuoteError(.unknownChannel, "unknown channel `\(name)`: the rules declare no channels",
                             help: "leave the channel out")
        }
        guard let name else {
            throw QuoteError(.missingChannel, "the rules declare channels, and the request names none",
                             help: "give one of \(rules.channels.map { "`\($0.name)`" }.joined(separator: ", "))")
        }
        guard let index = channelIndex[name] else {
            throw QuoteError(.unknownChannel, "unknown channel `\(name)`",
                             help: Suggestion.help(for: name, among: rules.channels.map(\.name))
                                 ?? "the channels are \(rules.channels.map { "`\($0.name)`" }.joined(separator: ", "))")
        }
        return index
    }

}
