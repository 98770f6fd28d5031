import Coinage

/// Asks the host for a zone's offsets between `QuoteRequest.coveredInstants`: the
/// number of transitions, or -1 for a zone the host does not know. The host keeps
/// the table for `coinageHostZoneCopy`.
@_extern(wasm, module: "coinage", name: "zone_table")
func coinageHostZoneTable(_ name: Int, _ length: Int) -> Int32

/// Copies the table `coinageHostZoneTable` last made into `transitions` (Int64s)
/// and `offsets` (one Int32 more than transitions).
@_extern(wasm, module: "coinage", name: "zone_copy")
func coinageHostZoneCopy(_ transitions: Int, _ offsets: Int)

/// The IANA zones as the host knows them (in JavaScript, `Intl`'s tables), asked
/// once per zone name and kept: the wasm build compiles in no zone data.
final class HostZones: TimeZoneDatabase, @unchecked Sendable {
    static let shared = HostZones()

    private var tables: [String: ZoneOffsets?] = [:]

    func table(_ identifier: String) -> ZoneOffsets? {
        if identifier == "UTC" { return .fixed(0) }
        if let known = tables[identifier] { return known }
        var name = Array(identifier.utf8)
        let count = name.withUnsafeMutableBufferPointer { coinageHostZoneTable(Int(bitPattern: $0.baseAddress), $0.count) }
        var table: ZoneOffsets?
        if count >= 0 {
            var transitions = [Int64](repeating: 0, count: Int(count))
            var offsets = [Int32](repeating: 0, count: Int(count) + 1)
            transitions.withUnsafeMutableBufferPointer { moments in
                offsets.withUnsafeMutableBufferPointer { seconds in
                    coinageHostZoneCopy(Int(bitPattern: moments.baseAddress), Int(bitPattern: seconds.baseAddress))
                }
            }
            table = ZoneOffsets(transitions: transitions, offsets: offsets)
        }
        tables[identifier] = table
        return table
    }

    func isKnownZone(_ identifier: String) -> Bool { table(identifier) != nil }

    /// Empty: the host's zone list is not asked for, so an unknown zone gets no
    /// "did you mean" (the native build suggests one).
    var knownZoneIdentifiers: [String] { [] }

    func secondsFromUTC(zone identifier: String, at instant: Int64) -> Int? {
        table(identifier).map { Int($0.offset(at: instant)) }
    }

    func offsets(zone identifier: String, from start: Int64, to end: Int64) -> ZoneOffsets? {
        table(identifier)
    }
}
