import Foundation

/// Which tier of the suite runs: the quick one that `swift test` runs everywhere, or
/// the exhaustive one that `.ci/run` runs in a release build.
///
/// The mutation suites try every token of the sample shop; in a debug build on a busy
/// 2-core machine that takes minutes. The quick tier keeps every assertion and runs it
/// on a fixed sample of the inputs, the same on every run; `COINAGE_TEST_TIER=exhaustive`
/// runs them all.
public enum TestTier {
    public static let isExhaustive = ProcessInfo.processInfo.environment["COINAGE_TEST_TIER"] == "exhaustive"

    /// All of `items` in the exhaustive tier; in the quick tier, about one in `stride`.
    ///
    /// The pick is a fixed hash of each position rather than every `stride`-th, since
    /// mutants come in runs of one per kind for each token: a plain stride would meet
    /// the same kind of mutation on every token.
    public static func sample<Item>(_ items: [Item], every stride: UInt64) -> [Item] {
        guard !isExhaustive, stride > 1 else { return items }
        return items.enumerated().compactMap {
            SplitMix64.mixed(UInt64($0.offset) &+ 0x9E37_79B9_7F4A_7C15) % stride == 0 ? $0.element : nil
        }
    }
}
