import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// The bounds that keep a diff's corpus of requests quotable in seconds.
public struct CorpusLimits: Hashable, Sendable {
    /// Most user profiles per cell; beyond it the profiles are a seeded sample.
    public var profiles: Int
    /// Most requests in all; beyond it the requests are a seeded sample.
    public var requests: Int

    public init(profiles: Int, requests: Int) {
        self.profiles = profiles
        self.requests = requests
    }

    /// 128 profiles and 200,000 requests: about six seconds for both sides in a debug
    /// build on this project's 2-core machine.
    public static let standard = CorpusLimits(profiles: 128, requests: 200_000)
}

/// What a quote-impact corpus is made of: cells (item × region × channel), and for
/// each cell every profile × instant × code set.
///
/// Items are every bundle of either side, and custom amounts of coins at the ends of
/// each `custom` range and at every `coins` constant of a condition (with one coin
/// below and above) that lies in a range; custom amounts go only to the channels
/// some side sells them on. Code sets are "no code" and "every promotion code of
/// either side". Requests carry no redemption counters, so no limit is reached.
public struct QuoteCorpus: Sendable {
    /// One item in one region on one channel.
    public struct QuotedCell: Hashable, Sendable {
        public let item: QuoteRequest.Item
        public let region: String
        public let channel: String?
    }

    /// Regions in order, then channels, then bundles and custom amounts.
    public let cells: [QuotedCell]
    /// The buyers every cell is quoted for.
    public let profiles: UserProfiles
    /// Per region, ascending.
    public let instants: [String: [Int64]]
    /// `[]`, and every promotion code of either side (when there are any).
    public let codeSets: [[String]]
    /// The reference instant (`--at`, or now).
    public let reference: Int64
    /// Requests before sampling (saturating at `Int.max`).
    public let fullCount: Int
    /// Positions in the full corpus that are quoted, ascending; nil: all of them.
    let sampled: [Int]?
    /// Where each cell's requests start in the full corpus, and its request count.
    private let cellStarts: [Int]
    private let requestsPerCell: [Int]

    /// Requests quoted: all of them, or the sample.
    public var count: Int { sampled?.count ?? fullCount }
    /// True when the corpus is over its request limit and only a sample is quoted.
    public var isSampled: Bool { sampled != nil }

    /// The corpus for comparing `old` with `new`, weekly hours counted from `reference`.
    public init(old: RuleSet, new: RuleSet, at reference: Int64, limits: CorpusLimits = .standard) {
        self.reference = reference
        let regions = DiffOrder.union(new.regions.map(\.code), old.regions.map(\.code))
        let channels = DiffOrder.channelSlots(old, new)
        let bundles = DiffOrder.union(new.bundles.map(\.name), old.bundles.map(\.name))
        let amounts = Self.customAmounts(old: old, new: new)
        var cells: [QuotedCell] = []
        for region in regions {
            for channel in channels {
                cells += bundles.map { QuotedCell(item: .bundle($0), region: region, channel: channel) }
                if Self.sellsCustomAmounts(on: channel, old: old, new: new) {
                    cells += amounts.map { QuotedCell(item: .coins($0), region: region, channel: channel) }
                }
            }
        }
        self.cells = cells
        profiles = UserProfiles(old: old, new: new, limit: limits.profiles)
        instants = Dictionary(uniqueKeysWithValues: regions.map {
            ($0, CorpusInstants.instants(region: $0, old: old, new: new, reference: reference))
        })
        let codes = Set(old.promotions.compactMap(\.code) + new.promotions.compactMap(\.code)).sorted()
        codeSets = codes.isEmpty ? [[]] : [[], codes]

        var starts: [Int] = []
        var perCell: [Int] = []
        var total = 0
        for cell in cells {
            let instantCount = instants[cell.region]?.count ?? 0
            let (a, o1) = profiles.profiles.count.multipliedReportingOverflow(by: instantCount)
            let (n, o2) = a.multipliedReportingOverflow(by: codeSets.count)
            let (next, o3) = total.addingReportingOverflow(n)
            starts.append(total)
            perCell.append(n)
            total = o1 || o2 || o3 ? Int.max : next
        }
        cellStarts = starts
        requestsPerCell = perCell
        fullCount = total
        var sample = DeterministicSample()
        sampled = total > limits.requests ? sample.indices(limits.requests, of: total) : nil
    }

    /// The request at `position` among the quoted ones (`0..<count`): cells in order,
    /// and within a cell profile, then instant, then code set.
    public func request(at position: Int) -> QuoteRequest {
        let index = sampled.map { $0[position] } ?? position
        // The last cell that starts at or before `index`.
        var low = 0
        var high = cellStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if cellStarts[mid] <= index { low = mid } else { high = mid - 1 }
        }
        let cell = cells[low]
        var rest = index - cellStarts[low]
        let cellInstants = instants[cell.region] ?? [reference]
        let code = rest % codeSets.count
        rest /= codeSets.count
        let instant = cellInstants[rest % cellInstants.count]
        rest /= cellInstants.count
        return QuoteRequest(item: cell.item, region: cell.region, channel: cell.channel, instant: instant,
                            user: profiles.profiles[rest], codes: codeSets[code])
    }

    /// Range ends of every `custom` declaration, and each `coins` constant of a
    /// condition with its neighbours where some range holds it; ascending.
    static func customAmounts(old: RuleSet, new: RuleSet) -> [Int64] {
        let ranges = (old.customAmounts + new.customAmounts).map { $0.minimumCoins...$0.maximumCoins }
        guard !ranges.isEmpty else { return [] }
        var amounts = Set(ranges.flatMap { [$0.lowerBound, $0.upperBound] })
        let constants = ComparedConstants(old).merged(with: ComparedConstants(new)).coins
        for constant in constants {
            let neighbours = [constant > Int64.min ? constant - 1 : nil, constant, constant < Int64.max ? constant + 1 : nil]
            for amount in neighbours.compactMap({ $0 }) where ranges.contains(where: { $0.contains(amount) }) {
                amounts.insert(amount)
            }
        }
        return amounts.sorted()
    }

    private static func sellsCustomAmounts(on channel: String?, old: RuleSet, new: RuleSet) -> Bool {
        (old.customAmounts + new.customAmounts).contains { custom in
            custom.channels.isEmpty || channel.map(custom.channels.contains) ?? false
        }
    }
}
