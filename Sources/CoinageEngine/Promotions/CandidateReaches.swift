import CoinageChecker
import CoinageSyntax

/// Every promotion's reach (`CandidateReach`: the items, regions and channels its
/// condition can hold for) in one array of words, each reach the same few words
/// wide: a big shop's reaches, three 48-byte sets each, were a twentieth of its
/// price book, and most of them words of zeros.
///
/// A class, so the promotion index holds it in one reference, as it held the array
/// of sets before: the walk reads the index on every quote.
final class CandidateReaches: Sendable {
    /// How many words each of a reach's three sets takes: as many as the grid's
    /// items, regions and channels need.
    private let itemWords: Int
    private let regionWords: Int
    private let channelWords: Int
    /// Per promotion (walk order), the first of its words in `words`, or -1 for a
    /// promotion without a reach (a global one).
    private let starts: [Int32]
    private let words: [UInt64]

    /// No reach at all.
    init() {
        (itemWords, regionWords, channelWords) = (1, 1, 1)
        starts = []
        words = []
    }

    /// The reaches `builder` recorded, the words in an array of their exact size.
    init(_ builder: Builder) {
        (itemWords, regionWords, channelWords) = (builder.itemWords, builder.regionWords, builder.channelWords)
        starts = builder.starts
        // Grown by appending, the words would hold up to twice their size for as long
        // as the book lives.
        words = builder.words.withUnsafeBufferPointer(Array.init)
    }

    /// Records each promotion's reach, to make a `CandidateReaches` of.
    struct Builder {
        fileprivate let itemWords: Int
        fileprivate let regionWords: Int
        fileprivate let channelWords: Int
        fileprivate var starts: [Int32]
        fileprivate var words: [UInt64] = []

        /// No reach yet for any of `promotionCount` promotions over the cells of `grid`.
        init(grid: CellGrid, promotionCount: Int) {
            itemWords = Self.wordCount(grid.items)
            regionWords = Self.wordCount(grid.regions)
            channelWords = Self.wordCount(grid.channels)
            starts = [Int32](repeating: -1, count: promotionCount)
        }

        /// The words a set of `capacity` members spans, as `IndexSet64(capacity:)` makes it.
        private static func wordCount(_ capacity: Int) -> Int { max(1, (capacity + 63) / 64) }

        /// Records the reach of promotion `promotion`, whose sets hold only the grid's
        /// items, regions and channels.
        mutating func set(_ promotion: Int, _ reach: CandidateReach) {
            guard starts.indices.contains(promotion) else { return }
            starts[promotion] = Int32(truncatingIfNeeded: words.count)
            for (set, width) in [(reach.items, itemWords), (reach.regions, regionWords), (reach.channels, channelWords)] {
                let setWords = set.words
                words += setWords.prefix(width)
                if setWords.count < width { words += repeatElement(0, count: width - setWords.count) }
            }
        }
    }

    /// Whether promotion `promotion` has a reach.
    func has(_ promotion: Int) -> Bool { starts[promotion] >= 0 }

    /// The reach of promotion `promotion`, or nil for a global one.
    subscript(promotion: Int) -> CandidateReach? {
        let start = Int(starts[promotion])
        guard start >= 0 else { return nil }
        let regionStart = start + itemWords
        let channelStart = regionStart + regionWords
        return CandidateReach(items: IndexSet64(words: words[start..<regionStart]),
                              regions: IndexSet64(words: words[regionStart..<channelStart]),
                              channels: IndexSet64(words: words[channelStart..<channelStart + channelWords]))
    }

    /// Whether promotion `promotion` has a reach that holds the item, the region and
    /// the channel: `CandidateReach.contains`, on the words.
    @inline(__always)
    func contains(_ promotion: Int, item: Int, region: Int, channel: Int) -> Bool {
        let start = Int(starts[promotion])
        guard start >= 0 else { return false }
        let regionStart = start + itemWords
        return has(item, in: start, width: itemWords) && has(region, in: regionStart, width: regionWords)
            && has(channel, in: regionStart + regionWords, width: channelWords)
    }

    /// Whether the set of `width` words at `start` holds `member`, as `IndexSet64.contains`.
    @inline(__always)
    private func has(_ member: Int, in start: Int, width: Int) -> Bool {
        let word = member >> 6
        guard member >= 0, word < width else { return false }
        return words[start + word] & (1 << UInt64(member & 63)) != 0
    }
}
