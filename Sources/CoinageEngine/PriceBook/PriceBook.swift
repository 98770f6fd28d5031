import CoinageChecker
import CoinageSyntax

/// A checked rule set compiled for quoting: list prices per bundle × region ×
/// channel, precomputed while that table is small and derived on demand when it is
/// huge, and every name indexed.
///
/// It is composed of named parts, each its own type: `QuoteNames` (a request's
/// names to indices), `PriceGrid` (list prices over the `CellGrid`), `RegionTable`
/// and `ChannelTable` (tax, currency, fee), `ZoneTable`, `UserSlots`,
/// `CustomAmountTable`, `GiftTable` and `PromotionProgram` (the compiled promotions
/// and their index). None of them holds the checked rule set or a declaration of
/// it: what is not a quote and needs the rules themselves (the analysis, the rule
/// tests, the diff) is given the `RuleSet` beside the book.
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

    /// The rule files, for the text of a condition in an explanation.
    package let sources: SourceMap
    /// SHA-256 of the rule files' contents, in path order, as lowercase hex.
    public let contentHash: String
    /// The first 64 bits of `contentHash`: what a `ResolvedRequest` carries to tell
    /// the rules it was resolved against.
    let fingerprint: UInt64
    /// The names, currencies and tax rates quotes read out by index.
    package let labels: QuoteLabels
    /// What the shop calls its coins, for the words of quotes and explanations.
    public let unit: CoinUnit

    /// The names a request uses, to their indices.
    package let names: QuoteNames
    /// List prices of every bundle × region × channel cell.
    package let prices: PriceGrid
    /// What a quote reads of each region and each channel slot.
    package let regions: RegionTable
    package let channels: ChannelTable
    /// Zone offset tables, and each region's zone.
    package let zones: ZoneTable
    /// The declared user attributes, and how to resolve facts for them.
    package let users: UserSlots
    /// The custom amounts, and which channel sells which.
    package let customAmounts: CustomAmountTable
    /// Each bundle's coins.
    let bundleCoins: [CoinCount]
    /// The promotions, compiled for the walk, and which can concern each cell.
    package let program: PromotionProgram
    /// The gifts and the payout.
    package let gifts: GiftTable
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
        sources = rules.sources
        var hasher = SHA256()
        for file in rules.sources.files {
            // Length-prefixed, so moving text between files changes the hash.
            hasher.update(Array(String(file.bytes.count).utf8) + [0])
            hasher.update(file.bytes)
        }
        contentHash = SHA256.hex(hasher.finalize())
        unit = rules.unit
        let names = QuoteNames(rules)
        self.names = names
        let channelSlots: [Channel?] = rules.channels.isEmpty ? [nil] : rules.channels.map { $0 }
        prices = PriceGrid(rules, channelSlots: channelSlots, itemCount: names.items.count,
                           maxCells: maxPrecomputedCells, maxPrices: maxPrecomputedPrices)
        let regions = RegionTable(rules)
        self.regions = regions
        channels = ChannelTable(channelSlots)
        let zones = ZoneTable(rules)
        self.zones = zones
        users = UserSlots(rules.userAttributes)
        customAmounts = CustomAmountTable(rules, channelSlots: channelSlots)
        bundleCoins = rules.bundles.map { CoinCount(base: $0.coins, bonus: $0.bonusCoins) }

        let compiler = PromotionCompiler(
            rules: rules, itemIndex: NameTable(names.items), regionIndex: names.regions, channelIndex: names.channels,
            currencyIndex: regions.currencyNumbers, currencies: regions.currencies, zoneIndex: zones.numbers)
        let grid = CellGrid(items: names.items.count, regions: regions.count, channels: channelSlots.count)
        program = PromotionProgram(rules, compiler: compiler, grid: grid,
                                   itemCoins: rules.bundles.map { Optional($0.coins) } + rules.customAmounts.map { _ in nil },
                                   regionCurrency: regions.currencyIndex, currencies: regions.currencies,
                                   listCells: prices.precomputed, maxListedEntries: maxListedCandidates)
        gifts = GiftTable(rules)
        fingerprint = UInt64(contentHash.prefix(16), radix: 16) ?? 0
        labels = QuoteLabels(items: names.items, regions: regions.codes, channels: channels.names,
                             promotions: program.promotions.map { $0.name }, currencies: regions.currencies,
                             taxRates: regions.taxRates, taxIncluded: regions.taxIncluded, ruleSetHash: contentHash)
        brokenInvariant = firstBrokenInvariant(rules)
    }

    /// The list price of a bundle, with how it was found (for `--explain` and tables).
    /// Nil for an unknown bundle, region or channel, or a missing channel where the
    /// rules declare channels, as a quote would refuse them.
    public func explainListPrice(bundle: String, region: String, channel: String?) -> ListPriceExplanation? {
        guard let b = names.bundles[bundle], let r = names.regions[region] else { return nil }
        let slot: Int
        switch (channel, channels.declared) {
        case (nil, false): slot = 0
        case (let name?, true):
            guard let index = names.channels[name] else { return nil }
            slot = index
        default: return nil
        }
        return prices.explainedListPrice(bundle: b, region: r, channel: slot)
    }

    /// The cheapest list price per coin (counting bundle bonus coins) in a region,
    /// in minor units, over every bundle and channel, with the bundle and channel
    /// that give it.
    public func cheapestPricePerCoin(region: String) -> (perCoin: Fraction, bundle: String, channel: String?, currency: Currency)? {
        guard let r = names.regions[region] else { return nil }
        var best: (perCoin: Fraction, bundle: String, channel: String?, currency: Currency)?
        for (b, coinCount) in bundleCoins.enumerated() {
            let (total, overflow) = coinCount.base.addingReportingOverflow(coinCount.bonus)
            guard !overflow else { continue }
            let coins = UInt64(total)
            for (c, channel) in channels.names.enumerated() {
                guard let minor = prices.listPrice(bundle: b, region: r, channel: c), minor >= 0,
                      let perCoin = Fraction(UInt64(minor), coins) else { continue }
                if let current = best, perCoin >= current.perCoin { continue }
                best = (perCoin, names.items[b], channel, regions.currency[r])
            }
        }
        return best
    }
}
