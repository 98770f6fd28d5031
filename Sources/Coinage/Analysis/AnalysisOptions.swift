/// What the analyses of a checked rule set need from outside the rules.
///
/// The core has no clock: the instant the time-dependent analyses judge against is
/// given here, so a check is reproducible when the caller fixes it.
public struct AnalysisOptions: Sendable {
    /// How many days after its window closed a promotion counts as long expired.
    public static let defaultExpiredAfterDays = 30

    /// The instant "now", in seconds since 1970-01-01T00:00:00Z; nil skips the
    /// analyses that depend on the time.
    public var now: Int64?
    /// A promotion whose window closed more than this many days before `now` is
    /// reported as long expired rather than as just ended.
    public var expiredAfterDays: Int

    public init(now: Int64? = nil, expiredAfterDays: Int = AnalysisOptions.defaultExpiredAfterDays) {
        self.now = now
        self.expiredAfterDays = expiredAfterDays
    }
}
