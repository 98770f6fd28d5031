@testable import CoinageChecker
@testable import CoinageEngine
import CoinageFoundation
import CoinageTestSupport
import Testing

/// The quote path's flat zone tables give the offset `ZoneOffsets` gives, at every
/// transition, a second either side of it, and at instants in between, across the
/// years quotes cover, and outside them.
@Suite struct WallClocksTests {
    static let zones = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata",
                        "America/Sao_Paulo", "Pacific/Apia", "Africa/Casablanca"]

    @Test func everyZoneGivesTheOffsetsOfItsTable() throws {
        let covered = QuoteRequest.coveredInstants
        let tables = try Self.zones.map { zone in
            try #require(SystemTimeZones().offsets(zone: zone, from: covered.lowerBound, to: covered.upperBound), "\(zone)")
        }
        let clocks = WallClocks(tables)
        var rng = SplitMix64(seed: 0xC10C)
        for (number, table) in tables.enumerated() {
            var instants = table.transitions.flatMap { [$0 - 1, $0, $0 + 1] }
            instants += [covered.lowerBound, covered.upperBound - 1, covered.lowerBound - 1, covered.upperBound, 0, -4_000_000_000]
            for _ in 0..<2_000 { instants.append(covered.lowerBound + Int64(rng.next() % UInt64(covered.count))) }
            for instant in instants {
                #expect(clocks.offset(at: instant, zone: number) == table.offset(at: instant), "\(Self.zones[number]) at \(instant)")
            }
        }
    }

    @Test func aZoneWithManyTransitionsInOneBucketIsStillExact() {
        // Transitions a minute apart: a bucket of 48 days holds all of them.
        let start = QuoteRequest.coveredInstants.lowerBound + 1_000_000_000
        let transitions = (0..<50).map { start + Int64($0) * 60 }
        let table = ZoneOffsets(transitions: transitions, offsets: (0...50).map { Int32($0 * 60) })
        let clocks = WallClocks([.fixed(3_600), table])
        for instant in (start - 120)...(start + 50 * 60 + 120) where instant % 7 == 0 || transitions.contains(instant) {
            #expect(clocks.offset(at: instant, zone: 1) == table.offset(at: instant))
        }
        #expect(clocks.offset(at: start, zone: 0) == 3_600)
    }
}
