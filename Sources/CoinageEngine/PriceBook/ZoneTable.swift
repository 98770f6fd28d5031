import CoinageChecker
import CoinageSyntax

/// The time zones a price book reads wall-clock times in: each zone's offset
/// table, its name, and each region's own zone.
///
/// Zones are numbered in name order; a promotion's window or hours name their zone
/// by that number, or read each region's own (`local`).
package struct ZoneTable: Sendable {
    /// Offset tables, by zone number.
    package let offsets: [ZoneOffsets]
    /// Zone names, by zone number.
    package let names: [String]
    /// Per region, the number of its zone.
    package let regionZones: [Int]
    /// Zone names to their number, for the compiler.
    let numbers: [String: Int]
    /// The offset tables, laid out for the quote path.
    let clocks: WallClocks

    init(_ rules: RuleSet) {
        names = rules.zoneOffsets.keys.sorted()
        offsets = names.map { rules.zoneOffsets[$0] ?? .fixed(0) }
        clocks = WallClocks(offsets)
        let numbers = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        self.numbers = numbers
        regionZones = rules.regions.map { numbers[$0.zone] ?? numbers["UTC"] ?? 0 }
    }

    /// The name of the zone a window reads: its own, or the region's for `local` (nil).
    package func name(of zone: Int?, region: Int) -> String { names[zone ?? regionZones[region]] }
}
