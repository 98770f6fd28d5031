import Foundation

/// Which tier of the suite runs: the quick one that `swift test` runs everywhere, or
/// the exhaustive one that `.ci/run` runs in a release build.
///
/// The mutation suites try every token of the sample shop; in a debug build on a busy
/// 2-core machine that takes minutes. The quick tier keeps every assertion and runs it
/// on a fixed sample of the inputs, the same on every run; `COINAGE_TEST_TIER=exhaustive`
/// runs them all.
enum TestTier {
    static let isExhaustive = ProcessInfo.processInfo.environment["COINAGE_TEST_TIER"] == "exhaustive"

    /// All of `items` in the exhaustive tier; in the quick tier, about one in `stride`.
    ///
    /// The pick is a fixed hash of each position rather than every `stride`-th, since
    /// mutants come in runs of one per kind for each token: a plain stride would meet
    /// the same kind of mutation on every token.
    static func sample<Item>(_ items: [Item], every stride: UInt64) -> [Item] {
        guard !isExhaustive, stride > 1 else { return items }
        return items.enumerated().compactMap { mixed(UInt64($0.offset)) % stride == 0 ? $0.element : nil }
    }

    /// SplitMix64's finalizer: neighbouring positions land far apart.
    private static func mixed(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
