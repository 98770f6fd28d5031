import CoinageChecker
import CoinageSyntax

/// A checked rule set compiled for quoting: list prices per bundle × region ×
/// channel, precomputed while that table is small and derived on demand when it is
/// huge, and every name indexed.
///
/// Build one once per rule set, then quote from any thread: a `PriceBook` is
/// immutable and `Sendable`, and a quote is lookups and integer arithmetic, never a
/// walk over the rules (past the precomputed table, a quote derives its one list
/// price and scans the promotions' reach for its cell's candidates).
public struct PriceBook: Sendable {
    /// Most bundle × region × channel cells whose list prices are precomputed; past
    /// it, each quote derives its own, exactly as the table would hold it.
    public static let maxPrecomputedCells = 1 << 20
    /// Most list prices derived to fill the table: one per bundle and class of
    /// regions and of channels that price alike. Past it the table is not built
    /// either, so compiling a price book never derives more than this many prices.
    public static let maxPrecomputedPrices = 1 << 16
    /// Most entries the per-cell candidate lists may hold in all (a promotion is
    /// entered once per cell it may concern); past it, or past
    /// `maxPrecomputedCells`, each quote finds its cell's candidates from the
    /// promotions' reach.
    public static let maxListedCandidates = 1 << 22

    public let rules: RuleSet
    /// SHA-256 of the rule files' contents, in path order, as lowercase hex.
    public let contentHash: String

    let bundleIndex: NameTable
    let regionIndex: NameTable
    let channelIndex: NameTable
    /// The channels prices are kept for; `[nil]` when the rule set declares none.
    package let channelSlots: [Channel?]
    /// List prices in minor units, `((bundle × regions) + region) × channels + channel`;
    /// `nil` where the derivation overflowed (quoting that cell is an `overflow` error).
    /// Empty when the table is derived on demand.
    let listPrices: [Int64?]
    /// Whether `listPrices` holds every cell (false past `maxPrecomputedCells`).
    package let pricesPrecomputed: Bool
    package let derivation: ListPriceDerivation
    /// Per region: the tax share of a price (`r/(1+r)` when included, `r` when added).
    let taxRatios: [Ratio?]
    /// Per channel slot: the fee share of the price without tax.
    let feeRatios: [Ratio?]
    /// The declared user attributes, in slot order, how to resolve facts for them,
    /// and their slots by name.
    let userSlots: [UserSlot]
    let userSlotIndex: NameTable
    /// What a quote copies out of each region, channel and bundle, one flat array
    /// each, so the quote path never copies a whole declaration.
    let regionCodes: [String]
    let regionCurrencies: [Currency]
    let regionTaxRates: [Percentage]
    let regionTaxIncluded: [Bool]
    let channelNames: [String?]
    let bundleCoins: [CoinCount]

    /// Quotable items: the bundles, then the custom amounts (what `bundle ==` compares).
    let items: [String]
    let currencies: [Currency]
    let currencyIndex: [String: Int]
    package let regionCurrency: [Int]
    /// Compiled promotions in walk order, and their index by name.
    package let promotions: [CompiledPromotion]
    let promotionIndex: [String: Int]
    /// `discount P%` and `bonus P%` of each promotion as ratios, for the quote path.
    package let discountRatios: [Ratio?]
    let bonusRatios: [Ratio?]
    /// Their names in walk order, shared by every quote's `AppliedPromotions`.
    let promotionNames: PromotionNames
    /// The candidates of each cell, and the promotions every cell considers.
    let promotionCells: CandidateCells
    package let globalPromotions: [CandidateEntry]
    /// Whether `promotionCells` lists every cell; when not, a cell's candidates are
    /// scanned from each promotion's reach.
    let candidatesListed: Bool
    /// Per promotion (walk order): where it may be a candidate, nil for a global one;
    /// and the promotions that have a reach, ascending.
    package let promotionReach: [CandidateReach?]
    let reachingPromotions: [Int]
    /// What the walk reads of each candidate, one contiguous array each, so it
    /// touches a promotion's object only when the promotion applies.
    let promotionHeaders: [PromotionHeader]
    package let promotionConditions: [CompiledCondition?]
    let promotionCodes: [String]
    /// Windows and hours as the traces describe them.
    package let promotionWindows: [CompiledWindow?]
    package let promotionWeekly: [CompiledWeekly?]
    /// Zone offset tables, their names, and each region's own zone.
    package let zoneTables: [ZoneOffsets]
    let zoneNames: [String]
    package let regionZones: [Int]
    /// The floor as a share of the list price.
    package let floorRatio: Ratio?
    /// The first promise of the checker or of this compiler that the book breaks (a
    /// bug), or nil. A broken book refuses every quote as `internal` rather than
    /// quote from a stand-in value (see `PriceBookInvariants.swift`).
    public private(set) var brokenInvariant: String?

    /// Compiles a checked rule set.
    public init(_ rules: RuleSet) {
        self.init(rules, maxPrecomputedCells: Self.maxPrecomputedCells, maxListedCandidates: Self.maxListedCandidates)
    }

    /// Compiles a checked rule set with other bounds on what is precomputed (tests
    /// lower them to compare derived prices with precomputed ones).
    init(_ rules: RuleSet, maxPrecomputedCells: Int, maxListedCandidates: Int,
         maxPrecomputedPrices: Int = PriceBook.maxPrecomputedPrices) {
        self.rules = rules
        contentHash = SHA256.hex(of: rules.sources.files.flatMap { file -> [UInt8] in
            // Length-prefixed, so moving text between files changes the hash.
            Array(String(file.bytes.count).utf8) + [0] + file.bytes
        })
        bundleIndex = NameTable(rules.bundles.map(\.name))
        regionIndex = NameTable(rules.regions.map(\.code))
        channelIndex = NameTable(rules.channels.map(\.name))
        channelSlots = rules.channels.isEmpty ? [nil] : rules.channels.map { $0 }
        derivation = ListPriceDerivation(rules)
        // The checker bounds percentages to 6 decimals, so these ratios always exist;
        // a missing one would refuse its quotes as `overflow`, never compute zero.
        taxRatios = rules.regions.map { region in
            guard let rate = try? percentFraction(region.tax.rate) else { return nil }
            guard region.tax.mode == .included else { return Ratio(rate) }
            return (try? rate.dividedBy(Fraction.one.adding(rate))).flatMap(Ratio.init)
        }
        feeRatios = channelSlots.map { channel in
            guard let channel else { return Ratio(.zero) }
            return (try? percentFraction(channel.fee)).flatMap(Ratio.init)
        }
        userSlots = rules.userAttributes.map(UserSlot.init)
        userSlotIndex = NameTable(rules.userAttributes.map(\.name))
        regionCodes = rules.regions.map(\.code)
        regionCurrencies = rules.regions.map(\.currency)
        regionTaxRates = rules.regions.map(\.tax.rate)
        regionTaxIncluded = rules.regions.map { $0.tax.mode == .included }
        channelNames = channelSlots.map { $0?.name }
        bundleCoins = rules.bundles.map { CoinCount(base: $0.coins, bonus: $0.bonusCoins) }
        let (regionsAndChannels, wide) = rules.regions.count.multipliedReportingOverflow(by: channelSlots.count)
        let (cells, huge) = (rules.bundles.count + rules.customAmounts.count).multipliedReportingOverflow(by: regionsAndChannels)
        let regionClasses = derivation.regionPriceClasses()
        let channelClasses = derivation.channelPriceClasses(channelSlots)
        let (classes, many) = ((regionClasses.max() ?? -1) + 1).multipliedReportingOverflow(by: (channelClasses.max() ?? -1) + 1)
        let (prices, tooMany) = rules.bundles.count.multipliedReportingOverflow(by: classes)
        let small = !wide && !huge && !many && !tooMany && cells <= maxPrecomputedCells && prices <= maxPrecomputedPrices
        pricesPrecomputed = small
        listPrices = small ? Self.precomputedListPrices(rules, derivation: derivation, channels: channelSlots,
                                                        regionClasses: regionClasses, channelClasses: channelClasses) : []

        let items = rules.bundles.map(\.name) + rules.customAmounts.map(\.name)
        self.items = items
        var currencies: [Currency] = [rules.baseCurrency]
        for region in rules.regions where !currencies.contains(region.currency) { currencies.append(region.currency) }
        self.currencies = currencies
        let currencyIndex = Dictionary(uniqueKeysWithValues: currencies.enumerated().map { ($1.code, $0) })
        self.currencyIndex = currencyIndex
        regionCurrency = rules.regions.map { currencyIndex[$0.currency.code] ?? 0 }
        let zoneNames = rules.zoneOffsets.keys.sorted()
        self.zoneNames = zoneNames
        zoneTables = zoneNames.map { rules.zoneOffsets[$0] ?? .fixed(0) }
        let zoneIndex = Dictionary(uniqueKeysWithValues: zoneNames.enumerated().map { ($1, $0) })
        regionZones = rules.regions.map { zoneIndex[$0.zone] ?? zoneIndex["UTC"] ?? 0 }
        floorRatio = (try? percentFraction(rules.floor)).flatMap(Ratio.init)

        let compiler = PromotionCompiler(
            rules: rules, itemIndex: NameTable(items), regionIndex: regionIndex, channelIndex: channelIndex,
            currencyIndex: currencyIndex,
            currencies: currencies, zoneIndex: zoneIndex)
        let index = PromotionIndex(rules: rules, compiler: compiler, items: items,
                                   itemCoins: rules.bundles.map { Optional($0.coins) } + rules.customAmounts.map { _ in nil },
                                   regionCurrency: regionCurrency, channelCount: channelSlots.count,
                                   listCells: small, maxListedEntries: maxListedCandidates)
        promotions = index.promotions
        promotionIndex = Dictionary(uniqueKeysWithValues: index.promotions.enumerated().map { ($1.name, $0) })
        discountRatios = index.discountPercents.map { $0.flatMap(Ratio.init) }
        bonusRatios = index.bonusPercents.map { $0.flatMap(Ratio.init) }
        promotionNames = PromotionNames(names: index.promotions.map(\.name), currencies: currencies)
        promotionCells = index.cells
        candidatesListed = index.listsEveryCell
        promotionReach = index.reach
        reachingPromotions = index.reach.indices.filter { index.reach[$0] != nil }
        promotionHeaders = index.headers
        promotionConditions = index.conditions
        promotionCodes = index.codes
        promotionWindows = index.windows
        promotionWeekly = index.weekly
        globalPromotions = index.global
        brokenInvariant = firstBrokenInvariant()
    }

    /// The list price of one cell, or nil when it overflowed: precomputed, or past
    /// the precomputed table derived here.
    package func listPrice(bundle: Int, region: Int, channel: Int) -> Int64? {
        guard pricesPrecomputed else { return derivedListPrice(bundle: bundle, region: region, channel: channel) }
        return listPrices[(bundle * rules.regions.count + region) * channelSlots.count + channel]
    }

    @inline(never)
    private func derivedListPrice(bundle: Int, region: Int, channel: Int) -> Int64? {
        try? derivation.listPrice(bundle: rules.bundles[bundle], region: rules.regions[region], channel: channelSlots[channel],
                                  labelled: false).price.minorUnits
    }

    /// Every cell's list price, derived once per bundle and price class of regions
    /// and channels (cells of one class have one price) and copied to the rest.
    private static func precomputedListPrices(_ rules: RuleSet, derivation: ListPriceDerivation, channels: [Channel?],
                                              regionClasses: [Int], channelClasses: [Int]) -> [Int64?] {
        let regionFirst = ListPriceDerivation.firstMembers(regionClasses)
        let channelFirst = ListPriceDerivation.firstMembers(channelClasses)
        var prices: [Int64?] = []
        prices.reserveCapacity(rules.bundles.count * rules.regions.count * channels.count)
        var perClass = [Int64?](repeating: nil, count: regionFirst.count * channelFirst.count)
        for bundle in rules.bundles {
            for (regionClass, region) in regionFirst.enumerated() {
                for (channelClass, channel) in channelFirst.enumerated() {
                    perClass[regionClass * channelFirst.count + channelClass] =
                        try? derivation.listPrice(bundle: bundle, region: rules.regions[region], channel: channels[channel],
                                                  labelled: false).price.minorUnits
                }
            }
            for region in rules.regions.indices {
                for channel in channels.indices {
                    prices.append(perClass[regionClasses[region] * channelFirst.count + channelClasses[channel]])
                }
            }
        }
        return prices
    }

    /// The list price of a bundle, with how it was found (for `--explain` and tables).
    /// Nil for an unknown bundle, region or channel, or a missing channel where the
    /// rules declare channels, as a quote would refuse them.
    public func explainListPrice(bundle: String, region: String, channel: String?) -> ListPriceExplanation? {
        guard let b = bundleIndex[bundle], let r = regionIndex[region] else { return nil }
        let slot: Channel?
        switch (channel, rules.channels.isEmpty) {
        case (nil, true): slot = nil
        case (let name?, false):
            guard let index = channelIndex[name] else { return nil }
            slot = channelSlots[index]
        default: return nil
        }
        return try? derivation.listPrice(bundle: rules.bundles[b], region: rules.regions[r], channel: slot)
    }

    /// The cheapest list price per coin (counting bundle bonus coins) in a region,
    /// in minor units, over every bundle and channel, with the bundle and channel
    /// that give it.
    public func cheapestPricePerCoin(region: String) -> (perCoin: Fraction, bundle: String, channel: String?, currency: Currency)? {
        guard let r = regionIndex[region] else { return nil }
        var best: (perCoin: Fraction, bundle: String, channel: String?, currency: Currency)?
        for (b, bundle) in rules.bundles.enumerated() {
            let (total, overflow) = bundle.coins.addingReportingOverflow(bundle.bonusCoins)
            guard !overflow else { continue }
            let coins = UInt64(total)
            for (c, channel) in channelSlots.enumerated() {
                guard let minor = listPrice(bundle: b, region: r, channel: c), minor >= 0,
                      let perCoin = Fraction(UInt64(minor), coins) else { continue }
                if let current = best, perCoin >= current.perCoin { continue }
                best = (perCoin, bundle.name, channel?.name, rules.regions[r].currency)
            }
        }
        return best
    }
}
