import CoinageSyntax

/// The time-zone knowledge the core needs, supplied from outside.
///
/// The core imports no Foundation, so it cannot read the IANA database itself;
/// `CoinageFoundation` implements this protocol with Foundation's `TimeZone`, and an
/// embedding app can supply its own. Class-bound, because Embedded Swift (the
/// WebAssembly build) holds only class existentials.
public protocol TimeZoneDatabase: AnyObject, Sendable {
    /// True when `identifier` names an IANA zone (`Europe/Berlin`, `UTC`).
    func isKnownZone(_ identifier: String) -> Bool

    /// Every zone identifier, for "did you mean" suggestions.
    var knownZoneIdentifiers: [String] { get }

    /// The zone's offset from UTC, in seconds, at an instant given in seconds since
    /// 1970-01-01T00:00:00Z; nil for an unknown zone.
    func secondsFromUTC(zone identifier: String, at instant: Int64) -> Int?

    /// The zone's offsets between two instants, as a table a quote can search
    /// without calling back into the database; nil for an unknown zone.
    func offsets(zone identifier: String, from start: Int64, to end: Int64) -> ZoneOffsets?

    /// Why the database knows no zone but `UTC` at all, as help for an unknown zone
    /// (`install tzdata`), or nil when it has its zones.
    var unavailableHelp: String? { get }
}

extension TimeZoneDatabase {
    /// A database that is there: the unknown zone is the rules' mistake.
    public var unavailableHelp: String? { nil }
}

/// A database that knows only UTC: the core's default when none is supplied.
public final class UTCOnlyTimeZones: TimeZoneDatabase {
    public init() {}

    public func isKnownZone(_ identifier: String) -> Bool { identifier == "UTC" }

    public var knownZoneIdentifiers: [String] { ["UTC"] }

    public func secondsFromUTC(zone identifier: String, at instant: Int64) -> Int? {
        identifier == "UTC" ? 0 : nil
    }

    public func offsets(zone identifier: String, from start: Int64, to end: Int64) -> ZoneOffsets? {
        identifier == "UTC" ? .fixed(0) : nil
    }
}
