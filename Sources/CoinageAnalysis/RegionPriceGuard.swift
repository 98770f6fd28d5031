import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// Proves `guard region price within P% of base`: every bundle's list price in every
/// region and on every channel, converted back to the base currency with the rates,
/// lies within P% of the price its levels intend: the base price × the channel's
/// level × the region's level. Levels are deliberate, so what the guard watches is
/// what strays from them: rounding grids, explicit local prices and stale rates.
struct RegionPriceGuardProof {
    let context: AnalysisContext
    let guardRule: Guard
    let limit: Percentage

    /// The band every cell is measured against, and each channel slot's level.
    private struct Scales {
        let band: RegionPriceBand
        let channelLevel: [Fraction?]

        init(_ context: AnalysisContext) {
            band = RegionPriceBand(context.rules)
            channelLevel = context.channelSlots.map { RegionPriceBand.level($0) }
        }
    }

    private struct Stray {
        let deviation: Fraction
        let bundle: Int
        let region: Int
        let channel: Int
    }

    /// `breaking` counts the cells whose list price strays too far.
    typealias Finding = GuardFinding

    /// Measures one cell per class of regions and channels that price alike, and
    /// counts what it finds for every cell of the class.
    func prove() -> Finding {
        let book = context.book
        var gaps = ProofGaps()
        gaps.overflowWhat = "the list price or its value in the base currency"
        guard let bound = try? percentFraction(limit) else { return Finding(worstCase: nil, breaking: 0, cellCount: 0, gaps: gaps) }
        let scales = Scales(context)
        let classes = context.classes.priceClasses
        var worst: Stray?
        var breaking = 0
        var cells = 0
        var spent = 0
        for bundle in context.bundles.indices {
            for regions in classes.regions {
                for channels in classes.channels {
                    let member = CellClasses.Member(item: bundle, region: regions[0], channel: channels[0],
                                                    count: regions.count * channels.count)
                    cells += member.count
                    guard spent < context.options.guardBudget else {
                        gaps.unexamined.add(member)
                        continue
                    }
                    let derived = context.derivedListPrices
                    defer { spent += 1 + (context.derivedListPrices - derived) * AnalysisOptions.stepsPerListPrice }
                    guard let deviation = deviation(bundle, region: member.region, channel: member.channel, scales: scales)?.deviation else {
                        gaps.overflow.add(member)
                        continue
                    }
                    if bound < deviation { breaking += member.count }
                    if worst.map({ $0.deviation < deviation }) ?? true {
                        worst = Stray(deviation: deviation, bundle: bundle, region: member.region, channel: member.channel)
                    }
                }
            }
        }
        guard let worst else { return Finding(worstCase: nil, breaking: 0, cellCount: cells, gaps: gaps) }
        let request = QuoteRequest(item: .bundle(context.rules.bundles[worst.bundle].name), region: context.rules.regions[worst.region].code,
                                   channel: context.channelSlots[worst.channel]?.name,
                                   instant: context.times.horizon.representative ?? PromotionTimes.defaultStart)
        guard case .success(let quote) = book.quote(request) else {
            return Finding(worstCase: nil, breaking: breaking, cellCount: cells, gaps: gaps)
        }
        return Finding(worstCase: GuardWorstCase(guardRule: guardRule, request: request, quote: quote,
                                                 measure: .regionPrice(deviation: worst.deviation, limit: bound),
                                                 holds: !(bound < worst.deviation)),
                       breaking: breaking, cellCount: cells, gaps: gaps)
    }

    /// The list price in the base currency, the intended price, and how far apart
    /// they are as a share of the intended price; nil when an amount overflowed.
    private func deviation(_ bundle: Int, region: Int, channel: Int, scales: Scales)
        -> (converted: Fraction, intended: Fraction, deviation: Fraction, above: Bool)?
    {
        guard let list = context.listPrice(bundle: bundle, region: region, channel: channel),
              let measured = scales.band.deviation(list: list, bundle: bundle, region: region,
                                                   channelLevel: scales.channelLevel[channel])
        else { return nil }
        return (measured.converted, measured.intended, measured.share, measured.above)
    }

    func diagnostic(_ worst: GuardWorstCase, breaking: Int) -> Diagnostic? {
        guard !worst.holds, case .regionPrice(let share, _) = worst.measure else { return nil }
        let book = context.book
        let rules = context.rules
        let quote = worst.quote
        guard let b = rules.bundles.firstIndex(where: { $0.name == quote.item }),
              let r = rules.regions.firstIndex(where: { $0.code == quote.region }),
              let c = context.channelSlots.firstIndex(where: { $0?.name == quote.channel }),
              let measured = deviation(b, region: r, channel: c, scales: Scales(context)) else { return nil }
        let base = rules.baseCurrency.code
        var notes: [DiagnosticNote] = []
        if let explanation = book.explainListPrice(bundle: quote.item, region: quote.region, channel: quote.channel) {
            switch explanation.source {
            case .explicit(let price), .channelPriceAsWritten(let price), .derivedFromChannelPrice(let price):
                notes.append(DiagnosticNote("the list price comes from this explicit price", at: price.span))
            case .pricePoints(let price):
                notes.append(DiagnosticNote("the list price is a point of the price-point table this explicit price names", at: price.span))
            case .derivedFromBase:
                let how = explanation.pricePoint.map { "snapped to the price-point table `\($0.table)`" } ?? "rounded"
                notes.append(DiagnosticNote("the list price is derived from the base price and \(how)", at: rules.bundles[b].span))
            }
        }
        notes.append(DiagnosticNote(
            "\(quote.list) is \(measured.converted.decimalText(maximumDigits: 4)) \(base) at the rates; the base price at this channel's and region's levels is \(measured.intended.decimalText(maximumDigits: 4)) \(base)"))
        if breaking > 1 { notes.append(DiagnosticNote("\(breaking) bundle, region and channel combinations stray too far; this one the most")) }
        var expectations: [String] = []
        if let allowed = nearestAllowed(intended: measured.intended, above: measured.above, currency: quote.currency) {
            expectations.append("expect list \(allowed)    # the \(measured.above ? "highest" : "lowest") list price the guard allows here")
        }
        let help = GuardText.replayHelp(worst.request, options: context.options,
                                        title: "guard region price within \(limit) of base", expectations: expectations)
        return Diagnostic(.regionPriceGuardBroken,
                          "the list price of \(GuardText.cell(quote)) is \(GuardText.percent(share)) \(measured.above ? "above" : "below") base, more than the guard's \(limit)",
                          at: guardRule.span, notes: notes, help: help)
    }

    /// The list price at the edge of the guard's band, in the region's currency.
    private func nearestAllowed(intended: Fraction, above: Bool, currency: Currency) -> Money? {
        let rules = context.rules
        guard let share = try? percentFraction(limit) else { return nil }
        let factor: Fraction?
        if above { factor = try? Fraction.one.adding(share) } else { factor = try? Fraction.one.subtracting(share) }
        guard let factor, let edge = try? intended.multiplied(by: factor),
              let local = try? Conversion(rules).convert(edge, from: rules.baseCurrency, to: currency)
                  .multiplied(by: UInt64(currency.minorUnitsPerMajor)),
              let minor = local.rounded(above ? .down : .up), minor <= UInt64(Int64.max) else { return nil }
        return Money(minorUnits: Int64(minor), currency: currency)
    }
}
