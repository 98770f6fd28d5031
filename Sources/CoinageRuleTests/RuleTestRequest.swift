import CoinageAnalysis
import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// When a test's quote happens: the instant, and the wall-clock time and zone it
/// was written as, for reports.
public struct TestMoment: Hashable, Sendable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let instant: Int64
    /// The zone the test's time is read in (`UTC` when it names none).
    public let zone: String
    /// False when the test has no `at` and runs at `RuleTest.defaultInstant`.
    public let isWritten: Bool

    /// `2026-11-28T09:00:00Z (2026-11-28T10:00:00 Europe/Berlin)`.
    public func description(offsets: ZoneOffsets?) -> String {
        var text = CivilTime.format(instant) + "Z"
        if zone != "UTC", let offsets { text += " (\(CivilTime.format(offsets.local(instant))) \(zone))" }
        if !isWritten { text += ", the default for a test without `at`" }
        return text
    }
}

extension RuleTest {
    /// The instant of a test without `at`: Monday 2000-01-03 at 12:00 UTC.
    ///
    /// Tests must give the same answer on every run, so a test never reads the clock.
    /// This instant is a Monday midday in nearly every zone and years before any
    /// promotion a shop writes today, so a test that does not say when sees no dated
    /// or weekend promotion: the time matters exactly when the test says so.
    public static let defaultInstant: Int64 = 946_900_800

    /// The zone the test's `at` is read in: the region's own for `local` (UTC for a
    /// region the rules lack, which a test may name when it expects that error).
    public func zoneName(in rules: RuleSet) -> String {
        switch zone {
        case .named(let name): name
        case .local: rules.localZoneName(ofRegion: region)
        }
    }

    /// The moment of the test's quote, or a failure when its wall-clock time does not
    /// exist in its zone (the clocks skip it).
    public func moment(in rules: RuleSet) -> Result<TestMoment, TestFailure> {
        let zoneName = zoneName(in: rules)
        guard let instant else {
            return .success(TestMoment(instant: Self.defaultInstant, zone: zoneName, isWritten: false))
        }
        switch rules.instants(ofWallClock: CivilTime.seconds(from: instant), inZone: zoneName) {
        case .unique(let value), .repeated(let value, _):
            // A time the clock shows twice is read as its first showing.
            return .success(TestMoment(instant: value, zone: zoneName, isWritten: true))
        case let .skipped(before, after):
            let jump = (after - before) / 60
            return .failure(TestFailure(
                line: nil, expected: "a time that exists: `\(instant)` in \(zoneName)",
                actual: "the clocks in \(zoneName) skip it (they move \(jump) minutes forward)",
                span: span))
        }
    }

    /// The request the test describes, built to explain itself.
    public func request(in rules: RuleSet) -> Result<QuoteRequest, TestFailure> {
        moment(in: rules).map { moment in
            let item: QuoteRequest.Item = switch target {
            case .bundle(let name): .bundle(name)
            case .customAmount(let coins): .coins(coins)
            }
            return QuoteRequest(item: item, region: region, channel: channel, instant: moment.instant,
                                user: user, codes: codes, redemptions: redemptions, explain: true)
        }
    }
}
