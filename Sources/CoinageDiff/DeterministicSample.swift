import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// Seeded choices for a corpus too large to quote whole, the same on every platform
/// and Swift version.
///
/// The generator is SplitMix64 and every draw is `next() % bound`, written out here,
/// because the standard library's `random(in:using:)` may change its algorithm and
/// with it every golden file.
struct DeterministicSample {
    /// The seed of every sample the diff takes; fixed, so two runs on the same rules
    /// quote the same requests.
    static let seed: UInt64 = 0xC01_4A6E_D1FF

    private var state: UInt64

    init(seed: UInt64 = DeterministicSample.seed) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A draw in `0..<bound`; `bound` must be positive.
    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// `count` distinct indices out of `0..<total`, ascending (Floyd's algorithm: one
    /// draw per index, no list of all `total`).
    mutating func indices(_ count: Int, of total: Int) -> [Int] {
        guard count < total else { return Array(0..<max(0, total)) }
        var chosen = Set<Int>(minimumCapacity: count)
        for j in (total - count)..<total {
            let candidate = below(j + 1)
            chosen.insert(chosen.contains(candidate) ? j : candidate)
        }
        return chosen.sorted()
    }

    /// Up to `limit` distinct combinations of one value index per dimension (sizes in
    /// `radices`), in lexicographic order. Every value of every dimension appears in
    /// at least one combination (when `limit` is at least the largest radix); the
    /// rest are drawn at random.
    mutating func combinations(radices: [Int], limit: Int) -> [[Int]] {
        guard !radices.isEmpty, limit > 0 else { return [[]] }
        var chosen = Set<[Int]>()
        let widest = radices.max() ?? 1
        for row in 0..<min(widest, limit) {
            chosen.insert(radices.map { row % $0 })
        }
        // Bounded, so a limit near the product's size cannot loop long on repeats.
        var attempts = 0
        while chosen.count < limit, attempts < limit * 20 {
            chosen.insert(radices.map { below($0) })
            attempts += 1
        }
        return chosen.sorted { $0.lexicographicallyPrecedes($1) }
    }
}
