import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// Proves `guard price per coin falls with size`: in every region and on every
/// channel, a bundle with more base coins costs strictly less per coin than one with
/// fewer; and `guard price per coin does not rise with size`, where it may cost the
/// same. Coins per bundle count its bundle bonus (what the buyer gets for the list
/// price); promotion bonuses are left out, since they come and go.
struct PricePerCoinGuardProof {
    let context: AnalysisContext
    let guardRule: Guard

    /// True for `falls with size`: an equal price per coin breaks it too.
    private var isStrict: Bool { guardRule.kind == .pricePerCoinFallsWithSize }

    /// Whether a bigger bundle at `ratio` times the smaller one's price per coin keeps the guard.
    private func keeps(_ ratio: Fraction) -> Bool { isStrict ? ratio < .one : !(Fraction.one < ratio) }

    /// The guard as written, for help texts.
    private var title: String {
        isStrict ? "guard price per coin falls with size" : "guard price per coin does not rise with size"
    }

    private struct Pair {
        let ratio: Fraction
        let smaller: Int
        let bigger: Int
        let region: Int
        let channel: Int
    }

    /// `breaking` counts the combinations whose bundle is no cheaper per coin than a
    /// smaller one.
    typealias Finding = GuardFinding

    /// The pair of bundles whose prices per coin fall least (or rise most), and in how
    /// many region, channel and bundle combinations a bundle breaks the guard. Regions
    /// and channels that price alike are compared once, and counted for all.
    func prove() -> Finding {
        let book = context.book
        let declared = context.bundles
        let bundles = declared.indices.sorted { (declared[$0].coins, declared[$0].name) < (declared[$1].coins, declared[$1].name) }
        let classes = context.classes.priceClasses
        var gaps = ProofGaps()
        gaps.overflowWhat = "the list price per coin"
        var worst: Pair?
        var breaking = 0
        var cells = 0
        var spent = 0
        for regions in classes.regions {
            for channels in classes.channels {
                let region = regions[0]
                let channel = channels[0]
                let count = regions.count * channels.count
                cells += count * bundles.count
                // Against the cheapest per coin among strictly smaller bundles: the
                // pair with the highest ratio, in one pass.
                var cheapestBefore: (perCoin: Fraction, bundle: Int)?
                var cheapestInSize: (perCoin: Fraction, bundle: Int)?
                var size: Int64?
                for bundle in bundles {
                    guard spent < context.options.guardBudget else {
                        gaps.unexamined.add(bundle: bundle, region: region, channel: channel, count: count)
                        continue
                    }
                    let derived = context.derivedListPrices
                    defer { spent += 1 + (context.derivedListPrices - derived) * AnalysisOptions.stepsPerListPrice }
                    let coins = declared[bundle].coins
                    if coins != size {
                        if let group = cheapestInSize, cheapestBefore.map({ group.perCoin < $0.perCoin }) ?? true { cheapestBefore = group }
                        cheapestInSize = nil
                        size = coins
                    }
                    guard let perCoin = pricePerCoin(bundle, region: region, channel: channel) else {
                        gaps.overflow.add(bundle: bundle, region: region, channel: channel, count: count)
                        continue
                    }
                    if let cheapest = cheapestBefore, !cheapest.perCoin.isZero {
                        guard let ratio = try? perCoin.dividedBy(cheapest.perCoin) else {
                            gaps.overflow.add(bundle: bundle, region: region, channel: channel, count: count)
                            continue
                        }
                        if !keeps(ratio) { breaking += count }
                        if worst.map({ $0.ratio < ratio }) ?? true {
                            worst = Pair(ratio: ratio, smaller: cheapest.bundle, bigger: bundle, region: region, channel: channel)
                        }
                    }
                    if cheapestInSize.map({ perCoin < $0.perCoin }) ?? true { cheapestInSize = (perCoin, bundle) }
                }
            }
        }
        guard let worst else { return Finding(worstCase: nil, breaking: 0, cellCount: cells, gaps: gaps) }
        let smaller = request(worst.smaller, region: worst.region, channel: worst.channel)
        let bigger = request(worst.bigger, region: worst.region, channel: worst.channel)
        guard case .success(let smallQuote) = book.quote(smaller), case .success(let bigQuote) = book.quote(bigger) else {
            return Finding(worstCase: nil, breaking: breaking, cellCount: cells, gaps: gaps)
        }
        return Finding(worstCase: GuardWorstCase(guardRule: guardRule, request: bigger, quote: bigQuote, comparedRequest: smaller,
                                                 comparedQuote: smallQuote, measure: .pricePerCoin(ratio: worst.ratio),
                                                 holds: keeps(worst.ratio)),
                       breaking: breaking, cellCount: cells, gaps: gaps)
    }

    /// List price per coin in minor units, counting the bundle bonus; nil when the
    /// price overflowed.
    private func pricePerCoin(_ bundle: Int, region: Int, channel: Int) -> Fraction? {
        let declared = context.bundles[bundle]
        guard let list = context.listPrice(bundle: bundle, region: region, channel: channel), list >= 0 else { return nil }
        guard let coins = Self.coins(declared), coins > 0 else { return nil }
        return Fraction(UInt64(list), UInt64(coins))
    }

    private func request(_ bundle: Int, region: Int, channel: Int) -> QuoteRequest {
        QuoteRequest(item: .bundle(context.rules.bundles[bundle].name), region: context.rules.regions[region].code,
                     channel: context.channelSlots[channel]?.name,
                     instant: context.times.horizon.representative ?? PromotionTimes.defaultStart)
    }

    func diagnostic(_ worst: GuardWorstCase, breaking: Int) -> Diagnostic? {
        guard !worst.holds, let smallQuote = worst.comparedQuote, let smaller = worst.comparedRequest else { return nil }
        let rules = context.rules
        let unit = rules.unit
        let bigQuote = worst.quote
        guard let big = rules.bundle(bigQuote.item), let small = rules.bundle(smallQuote.item) else { return nil }
        func describe(_ bundle: Bundle, _ quote: Quote) -> String {
            let coins = Self.coins(bundle) ?? 0
            let perCoin = Fraction(UInt64(max(0, quote.list.minorUnits)), UInt64(max(1, coins)))
                .flatMap { try? $0.dividedBy(UInt64(quote.currency.minorUnitsPerMajor)) }
            return "`\(bundle.name)` lists at \(quote.list) for \(unit.count(coins)): \(perCoin?.decimalText(maximumDigits: 6) ?? "?") \(quote.currency.code) a \(unit.singular)"
        }
        var notes = [DiagnosticNote(describe(small, smallQuote), at: small.span), DiagnosticNote(describe(big, bigQuote), at: big.span)]
        if breaking > 1 {
            let what = isStrict ? "no cheaper" : "dearer"
            notes.append(DiagnosticNote("in \(breaking) bundle, region and channel combinations a bigger bundle is \(what) per \(unit.singular); this is the worst"))
        }
        var expectations: [String] = []
        if let highest = highestAllowedList(bigger: big, smaller: small, smallList: smallQuote.list) {
            let bound = isStrict ? "less" : "no more"
            expectations.append("expect list \(highest)    # the most `\(big.name)` may list at to cost \(bound) per \(unit.singular) than `\(small.name)`")
        }
        let help = GuardText.replayHelp(worst.request, options: context.options,
                                        title: title, expectations: expectations, also: [smaller])
        let comparison = worst.measure == .pricePerCoin(ratio: .one) ? "as much per \(unit.singular) as" : "more per \(unit.singular) than"
        return Diagnostic(.pricePerCoinGuardBroken,
                          "`\(big.name)` costs \(comparison) the smaller `\(small.name)` in `\(bigQuote.region)`\(bigQuote.channel.map { " on `\($0)`" } ?? "")",
                          at: guardRule.span, notes: notes, help: help)
    }

    /// The highest list price of the bigger bundle that still keeps the guard: strictly
    /// less per coin than the smaller one, or (`does not rise`) no more.
    private func highestAllowedList(bigger: Bundle, smaller: Bundle, smallList: Money) -> Money? {
        guard let big = Self.coins(bigger), let small = Self.coins(smaller), big > 0, small > 0 else { return nil }
        let bigCoins = UInt64(big)
        let smallCoins = UInt64(small)
        guard let limit = Fraction(UInt64(max(0, smallList.minorUnits)), smallCoins).flatMap({ try? $0.multiplied(by: bigCoins) }),
              let ceiling = limit.rounded(.up), ceiling >= 1, ceiling - 1 <= UInt64(Int64.max) else { return nil }
        if !isStrict, let floor = limit.rounded(.down), floor <= UInt64(Int64.max) {
            return Money(minorUnits: Int64(floor), currency: smallList.currency)
        }
        return Money(minorUnits: Int64(ceiling - 1), currency: smallList.currency)
    }

    /// Base coins and bundle bonus together, nil when they do not fit in an `Int64`.
    private static func coins(_ bundle: Bundle) -> Int64? {
        let (total, overflow) = bundle.coins.addingReportingOverflow(bundle.bonusCoins)
        return overflow ? nil : total
    }
}
