import Coinage
import CoinageIO

/// The price matrix read as ladders: for each channel and region, each bundle's list
/// price per coin, smallest bundle first, with where the price came from and whether
/// it strays outside the rules' `guard region price within P% of base`.
///
/// Made from `PriceMatrix`'s cells, the same cells `coinage prices` prints and
/// `GET /v1/prices` sends. Every amount stays exact; only bar heights are rounded,
/// to whole pixels.
package struct PriceLadder {
    /// Where a list price came from, as the page tells them apart.
    package enum Source: String, CaseIterable {
        /// An explicit price used as written.
        case explicit
        /// Derived from the base price (or a channel price) through levels, rates and rounding.
        case derived
        /// Derived, then snapped to a point of an app store's price-point table (a tier).
        case points
        /// The price overflowed; a quote of it is refused.
        case overflow

        package var words: String {
            switch self {
            case .explicit: "explicit price, as written"
            case .derived: "derived: levels, rates and rounding"
            case .points: "price-point tier: derived, snapped to a table's point"
            case .overflow: "overflow: no price"
            }
        }
    }

    /// How a cell stands against the region-price guard.
    package enum GuardMark: Equatable {
        case over(Fraction)
        case under(Fraction)

        package var share: Fraction {
            switch self {
            case .over(let share), .under(let share): share
            }
        }
    }

    /// One bundle in one region and channel.
    package struct Step {
        package let bundle: String
        /// Coins with the bundle's bonus: what the buyer gets for the list price.
        package let coins: Int64
        package let price: Money?
        /// The price per coin in the currency's major unit, exact.
        package let perCoin: Fraction?
        package let source: Source
        /// `app_store tier 7` when the price is a point of a price-point table.
        package let tier: String?
        /// Nil inside the band, or when the rules have no region-price guard.
        package let mark: GuardMark?
        /// Where the price lies against its intended price, as a share (for the table).
        package let deviation: RegionPriceBand.Deviation?
    }

    /// One region on one channel.
    package struct Ladder {
        package let channel: String?
        package let region: String
        package let currency: Currency
        package let steps: [Step]
    }

    package let channels: [String?]
    package let ladders: [Ladder]
    /// What the shop calls its coins: the page counts in it.
    package let unit: CoinUnit
    /// The guard's limit (`35%` as 7/20), or nil when the rules have none.
    package let guardLimit: Fraction?

    package init(_ cells: [PriceMatrix.Cell], rules: RuleSet, channels: [String?]) {
        let band = RegionPriceBand(rules)
        let limit = RegionPriceBand.limit(rules)
        let bundleIndex = Dictionary(rules.bundles.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        let regionIndex = Dictionary(rules.regions.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        var ladders: [Ladder] = []
        var current: [PriceMatrix.Cell] = []
        func finish() {
            guard let first = current.first else { return }
            let level = RegionPriceBand.level(first.channel.flatMap { rules.channel($0) })
            let steps = current.map { cell in
                Self.step(cell, band: band, limit: limit, level: level,
                          bundle: bundleIndex[cell.bundle.name], region: regionIndex[cell.region.code])
            }
            ladders.append(Ladder(channel: first.channel, region: first.region.code, currency: first.region.currency,
                                  steps: steps.enumerated().sorted { ($0.element.coins, $0.offset) < ($1.element.coins, $1.offset) }
                                      .map(\.element)))
            current = []
        }
        for cell in cells {
            if let first = current.first, first.channel != cell.channel || first.region.code != cell.region.code { finish() }
            current.append(cell)
        }
        finish()
        self.channels = channels
        self.ladders = ladders
        unit = rules.unit
        guardLimit = limit
    }

    private static func step(_ cell: PriceMatrix.Cell, band: RegionPriceBand, limit: Fraction?, level: Fraction?,
                             bundle: Int?, region: Int?) -> Step {
        let coins = cell.bundle.coins.addingReportingOverflow(cell.bundle.bonusCoins)
        let total = coins.overflow ? cell.bundle.coins : coins.partialValue
        let source: Source = if cell.price == nil { .overflow } else if cell.isExplicit { .explicit }
            else if cell.pricePoint != nil { .points } else { .derived }
        var perCoin: Fraction?
        if let price = cell.price, price.minorUnits >= 0, total > 0 {
            perCoin = Fraction(UInt64(price.minorUnits), 1)
                .flatMap { try? $0.dividedBy(UInt64(total)).dividedBy(UInt64(price.currency.minorUnitsPerMajor)) }
        }
        var deviation: RegionPriceBand.Deviation?
        if let price = cell.price, let bundle, let region {
            deviation = band.deviation(list: price.minorUnits, bundle: bundle, region: region, channelLevel: level)
        }
        var mark: GuardMark?
        if let limit, let deviation, limit < deviation.share {
            mark = deviation.above ? .over(deviation.share) : .under(deviation.share)
        }
        return Step(bundle: cell.bundle.name, coins: total, price: cell.price, perCoin: perCoin, source: source,
                    tier: cell.pricePoint.map { "\($0.table) tier \($0.point.tier)" }, mark: mark, deviation: deviation)
    }

    /// Cells outside the guard's band.
    package var strayCount: Int { ladders.reduce(0) { $0 + $1.steps.count { $0.mark != nil } } }

    /// `0.01129 EUR` per coin, to four significant digits.
    package static func perCoinText(_ step: Step, currency: Currency) -> String {
        guard let perCoin = step.perCoin else { return "—" }
        return Markup.significant(perCoin) + " " + currency.code
    }

    /// Bar heights in whole pixels, proportional to the price per coin, the dearest
    /// coin of the ladder at `height`; exact until the last division.
    package static func heights(_ ladder: Ladder, height: Int) -> [Int] {
        let values = ladder.steps.map(\.perCoin)
        guard let top = values.compactMap({ $0 }).max(), !top.isZero else { return values.map { _ in 0 } }
        return values.map { value in
            guard let value, let ratio = try? value.dividedBy(top).multiplied(by: UInt64(max(0, height))),
                  let pixels = ratio.rounded(.halfUp) else { return 0 }
            return Int(min(pixels, UInt64(height)))
        }
    }
}
