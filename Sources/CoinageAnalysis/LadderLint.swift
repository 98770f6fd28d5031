import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// W0202: in some region and channel, a bundle costs more per coin than the next
/// smaller one.
///
/// Coins count the bundle's own bonus coins (what the buyer gets for the list
/// price), not promotions. Bundles are compared with the next smaller one in their
/// ladder, so one rise is one finding; the cells where the same two prices rise
/// alike are reported together.
enum LadderLint {
    /// How many further cells a finding names before it only counts them.
    static let maxListedCells = 5
    /// Digits after the currency's own decimals in a price per coin.
    static let perCoinExtraDigits = 4

    private struct Rung {
        let bundle: Bundle
        let coins: UInt64
        let price: Money
        let perCoin: Fraction
        /// What set the price: its explicit price, or the bundle's declaration.
        let span: SourceSpan
        /// True when the price was derived and rounded, not used as written.
        let derived: Bool
    }

    private struct Finding {
        let smaller: Rung
        let bigger: Rung
        var cells: [String]
    }

    private struct Key: Hashable {
        let smaller: String
        let bigger: String
        let smallerSpan: SourceSpan
        let biggerSpan: SourceSpan
    }

    /// The findings, and a W0105 when `budget` steps (`stepsPerListPrice` per price
    /// looked at) ran out first. Regions and channels that price alike are looked at once.
    static func risingPricePerCoin(_ rules: RuleSet, book: PriceBook, budget: Int = AnalysisOptions.defaultLintBudget) -> [Diagnostic] {
        let channelSlots: [Channel?] = rules.channels.isEmpty ? [nil] : rules.channels.map { $0 }
        // The guard proves the same property as an error, with a quote to show.
        if rules.guards.contains(where: { $0.kind == .pricePerCoinFallsWithSize || $0.kind == .pricePerCoinDoesNotRiseWithSize }) { return [] }
        let ladder = rules.bundles.enumerated().compactMap { index, bundle -> (Bundle, Int, UInt64)? in
            let (total, overflow) = bundle.coins.addingReportingOverflow(bundle.bonusCoins)
            return overflow || total <= 0 ? nil : (bundle, index, UInt64(total))
        }.sorted { ($0.2, $0.0.name) < ($1.2, $1.0.name) }

        let regionClasses = book.prices.regionClasses
        let channelClasses = book.prices.channelClasses
        let regionFirst = ListPriceDerivation.firstMembers(regionClasses)
        let channelFirst = ListPriceDerivation.firstMembers(channelClasses)
        var regionSizes = [Int](repeating: 0, count: regionFirst.count)
        for number in regionClasses { regionSizes[number] += 1 }
        var channelSizes = [Int](repeating: 0, count: channelFirst.count)
        for number in channelClasses { channelSizes[number] += 1 }
        // Per class of regions and of channels: the rises along the ladder.
        var rises = [[(smaller: Rung, bigger: Rung)]](repeating: [], count: regionFirst.count * channelFirst.count)
        var spent = 0
        var unexamined = 0
        var stoppedAt: (bundle: Bundle, region: Int, channel: Int)?
        for (regionClass, region) in regionFirst.enumerated() {
            for (channelClass, channel) in channelFirst.enumerated() {
                var previous: Rung?
                for (bundle, bundleIndex, coins) in ladder {
                    guard spent < budget else {
                        if stoppedAt == nil { stoppedAt = (bundle, region, channel) }
                        unexamined += regionSizes[regionClass] * channelSizes[channelClass]
                        continue
                    }
                    spent += AnalysisOptions.stepsPerListPrice
                    // A cell whose price overflowed is refused when quoted; it has no rung.
                    guard let rung = rung(bundle, index: bundleIndex, coins: coins, region: region,
                                          channel: rules.channels.isEmpty ? nil : channel, book: book) else {
                        previous = nil
                        continue
                    }
                    defer { previous = rung }
                    guard let smaller = previous, coins > smaller.coins, smaller.perCoin < rung.perCoin else { continue }
                    rises[regionClass * channelFirst.count + channelClass].append((smaller, rung))
                }
            }
        }

        var findings: [Finding] = []
        var index: [Key: Int] = [:]
        for (regionPosition, region) in rules.regions.enumerated() {
            for (channelPosition, channel) in channelSlots.enumerated() {
                let cell = "`\(region.code)`" + (channel.map { " on `\($0.name)`" } ?? "")
                for (smaller, rung) in rises[regionClasses[regionPosition] * channelFirst.count + channelClasses[channelPosition]] {
                    let key = Key(smaller: smaller.bundle.name, bigger: rung.bundle.name,
                                  smallerSpan: smaller.span, biggerSpan: rung.span)
                    if let at = index[key] {
                        findings[at].cells.append(cell)
                    } else {
                        index[key] = findings.count
                        findings.append(Finding(smaller: smaller, bigger: rung, cells: [cell]))
                    }
                }
            }
        }
        var diagnostics = findings.map { diagnostic($0, rules: rules) }
        if let stoppedAt {
            let channel = channelSlots[stoppedAt.channel].map { " on `\($0.name)`" } ?? ""
            diagnostics.append(Diagnostic(
                .lintIncomplete,
                "bigger bundles were checked for costing more per coin only in part: \(unexamined) bundle, region and channel combinations were not examined",
                at: stoppedAt.bundle.span,
                notes: [DiagnosticNote("the lint may look at \(budget / AnalysisOptions.stepsPerListPrice) prices; it stopped at `\(stoppedAt.bundle.name)` in `\(rules.regions[stoppedAt.region].code)`\(channel)")],
                help: "declare `guard price per coin falls with size` to prove the ladder instead, or let fewer regions and channels price apart"))
        }
        return diagnostics
    }

    private static func rung(_ bundle: Bundle, index: Int, coins: UInt64, region: Int, channel: Int?, book: PriceBook) -> Rung? {
        guard let found = try? book.prices.derivation.listPrice(bundle: index, region: region, channel: channel, labelled: false),
              found.price.minorUnits > 0, let perCoin = Fraction(UInt64(found.price.minorUnits), coins) else { return nil }
        let span: SourceSpan = switch found.source {
        case .explicit(let price), .channelPriceAsWritten(let price), .derivedFromChannelPrice(let price), .pricePoints(let price): price.span
        case .derivedFromBase: bundle.span
        }
        return Rung(bundle: bundle, coins: coins, price: found.price, perCoin: perCoin, span: span,
                    derived: !found.isAsWritten)
    }

    private static func diagnostic(_ finding: Finding, rules: RuleSet) -> Diagnostic {
        let (smaller, bigger) = (finding.smaller, finding.bigger)
        var notes = [
            DiagnosticNote("`\(bigger.bundle.name)`: \(describe(bigger, unit: rules.unit))"),
            DiagnosticNote("`\(smaller.bundle.name)`: \(describe(smaller, unit: rules.unit))", at: smaller.span),
        ]
        // The base prices may already rise per coin: then they are the cause, not
        // the grid that rounded what was derived from them.
        let currency = bigger.price.currency.code
        if baseLadderRises(smaller: smaller, bigger: bigger) {
            notes.append(DiagnosticNote("the base prices already rise per \(rules.unit.singular): `\(bigger.bundle.name)` is \(bigger.bundle.basePrice) for \(rules.unit.count(Int64(bigger.coins))), `\(smaller.bundle.name)` \(smaller.bundle.basePrice) for \(smaller.coins)",
                                        at: bigger.bundle.span))
        } else if smaller.derived || bigger.derived {
            // A derived price is where its grid put it: the grid may be the cause.
            if let grid = rules.roundingSpans[currency] {
                notes.append(DiagnosticNote("derived \(currency) prices are rounded by this grid", at: grid))
            } else if rules.scopedRoundingRules.contains(where: { $0.currency.code == currency }) {
                notes.append(DiagnosticNote("derived \(currency) prices are rounded by the grids scoped to their region or channel"))
            }
        }
        let others = finding.cells.dropFirst()
        if !others.isEmpty {
            var listed = others.prefix(maxListedCells).joined(separator: ", ")
            if others.count > maxListedCells { listed += " and \(others.count - maxListedCells) more" }
            notes.append(DiagnosticNote("the same prices rise alike in \(listed)"))
        }
        return Diagnostic(
            .pricePerCoinRises,
            "`\(bigger.bundle.name)` costs more per \(rules.unit.singular) than the smaller `\(smaller.bundle.name)` in \(finding.cells[0])",
            at: bigger.span,
            notes: notes,
            help: "lower the price of `\(bigger.bundle.name)`, raise that of `\(smaller.bundle.name)`, or give `\(bigger.bundle.name)` more bonus \(rules.unit.plural)")
    }

    /// Whether `bigger`'s base price buys fewer coins per unit of money than
    /// `smaller`'s (bonus coins counted, as the rungs count them), before any
    /// conversion or rounding.
    private static func baseLadderRises(smaller: Rung, bigger: Rung) -> Bool {
        guard let small = Fraction(UInt64(max(0, smaller.bundle.basePrice.minorUnits)), smaller.coins),
              let big = Fraction(UInt64(max(0, bigger.bundle.basePrice.minorUnits)), bigger.coins) else { return false }
        return small < big
    }

    /// `9.99 USD for 800 coins, 0.012488 USD a coin`
    private static func describe(_ rung: Rung, unit: CoinUnit) -> String {
        let currency = rung.price.currency
        let scale = currency.exponent + perCoinExtraDigits
        let forCoins = "\(rung.price) for \(unit.count(Int64(rung.coins)))"
        guard let factor = Fraction.powerOfTen(perCoinExtraDigits),
              let scaled = try? rung.perCoin.multiplied(by: factor), let digits = scaled.rounded(.halfEven),
              digits <= UInt64(Int64.max) else { return forCoins }
        return forCoins + ", \(ExactDecimal(significand: Int64(digits), scale: scale)) \(currency.code) a \(unit.singular)"
    }
}
