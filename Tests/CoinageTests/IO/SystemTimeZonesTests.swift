import Coinage
@testable import CoinageFoundation
import Foundation
import Testing

/// `SystemTimeZones` reads the system's TZif files and answers as Foundation's
/// `TimeZone` does, which `FoundationTimeZones` wraps: every zone Foundation lists
/// and the system has a file for, at instants from 1900 to 2100 and around each
/// change from 2020 to 2040; then what is not a zone, and rules on their own.
@Suite struct SystemTimeZonesTests {
    static let directory = ProcessInfo.processInfo.environment["TZDIR"] ?? "/usr/share/zoneinfo"

    /// Foundation's zones that the system database has a file for.
    static let sharedZones = TimeZone.knownTimeZoneIdentifiers.filter { identifier in
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: directory + "/" + identifier, isDirectory: &isDirectory)
            && !isDirectory.boolValue
    }

    static let zonesWithHardRules = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Tehran",
                                     "America/Sao_Paulo", "Pacific/Apia", "Africa/Casablanca"]

    /// 1900-01-01, 2020-01-01, 2040-01-01 and 2100-01-01 (UTC).
    static let (year1900, year2020, year2040, year2100): (Int64, Int64, Int64, Int64) =
        (-2_208_988_800, 1_577_836_800, 2_208_988_800, 4_102_444_800)

    static func foundationOffset(_ identifier: String, _ instant: Int64) -> Int? {
        TimeZone(identifier: identifier)?.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
    }

    /// True when the system's database was compiled with `backzone` (as Debian's is):
    /// zones that IANA's main data makes links (`Africa/Accra` to Abidjan) then have
    /// their own history before 1970, which ICU's data, and so Foundation, lacks.
    static let databaseHasBackzoneHistory: Bool = {
        guard let source = try? String(contentsOfFile: directory + "/tzdata.zi", encoding: .utf8) else { return false }
        return source.split(separator: "\n").prefix(5).contains { $0.hasPrefix("# ddeps") && $0.contains("backzone") }
    }()

    @Test func everyZoneFoundationKnowsHasTheSameOffsetsFrom1900To2100() {
        let zones = SystemTimeZones()
        #expect(Self.sharedZones.count > 300)
        // About 300 instants a zone, never on a round hour or the same time of day.
        let instants = Array(stride(from: Self.year1900 + 7_777, to: Self.year2100, by: 20_000_017))
        var (before1970, from1970): ([String], [String]) = ([], [])
        for identifier in Self.sharedZones {
            #expect(zones.isKnownZone(identifier), "\(identifier)")
            for instant in instants where zones.secondsFromUTC(zone: identifier, at: instant) != Self.foundationOffset(identifier, instant) {
                if instant < 0 { before1970.append(identifier) } else { from1970.append("\(identifier) at \(instant)") }
            }
        }
        let count = from1970.count
        #expect(count == 0, "\(from1970.prefix(20))")
        let differingZones = Set(before1970)
        #expect(differingZones.isEmpty || Self.databaseHasBackzoneHistory, "\(differingZones.sorted().prefix(20))")
        #expect(differingZones.isDisjoint(with: Self.zonesWithHardRules))
    }

    @Test func offsetsAroundEveryChangeFrom2020To2040AreFoundations() throws {
        let zones = SystemTimeZones()
        for identifier in Self.zonesWithHardRules {
            let zone = try #require(TimeZone(identifier: identifier))
            var changes: [Int64] = []
            // From 2018, to see Sao Paulo's last two changes too.
            var cursor = Date(timeIntervalSince1970: TimeInterval(Self.year2020 - 2 * 365 * 86_400))
            while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 < Double(Self.year2040) {
                changes.append(Int64(next.timeIntervalSince1970.rounded()))
                cursor = next
            }
            #expect(changes.count >= (["Asia/Tehran", "America/Sao_Paulo", "Pacific/Apia"].contains(identifier) ? 1 : 40), "\(identifier)")
            for change in changes {
                for instant in [change - 1, change, change + 1] {
                    #expect(zones.secondsFromUTC(zone: identifier, at: instant) == Self.foundationOffset(identifier, instant),
                            "\(identifier) at \(instant)")
                }
            }
        }
    }

    @Test func offsetTablesAreFoundationTimeZonesTables() {
        let (system, foundation) = (SystemTimeZones(), FoundationTimeZones())
        // The checker's range; then from 1970, from a change (Berlin's of 2021-03-28)
        // on, and empty. Before 1970 the data may differ (`databaseHasBackzoneHistory`).
        let ranges: [(Int64, Int64)] = [
            (QuoteRequest.coveredInstants.lowerBound, QuoteRequest.coveredInstants.upperBound),
            (12_345, Self.year2020), (1_616_893_200, 1_616_893_200 + 86_400 * 400), (1_616_893_200, 1_616_893_200),
        ]
        var disagreements: [String] = []
        for (number, identifier) in Self.sharedZones.enumerated() {
            // The long range for every zone; the others for every seventh, to stay quick.
            let everyRange = number % 7 == 0 || Self.zonesWithHardRules.contains(identifier)
            for (start, end) in everyRange ? ranges : [ranges[0]] {
                let ours = system.offsets(zone: identifier, from: start, to: end)
                if ours == nil || ours != foundation.offsets(zone: identifier, from: start, to: end) {
                    disagreements.append("\(identifier) \(start)..<\(end)")
                }
            }
        }
        let count = disagreements.count
        #expect(count == 0, "\(disagreements.prefix(20))")
        // Before 1970, the zones whose history is the same in both.
        for identifier in Self.zonesWithHardRules {
            #expect(system.offsets(zone: identifier, from: Self.year1900, to: 0) == foundation.offsets(zone: identifier, from: Self.year1900, to: 0))
        }
    }

    @Test func utcIsAlwaysKnownAndFixed() {
        let zones = SystemTimeZones(directory: "/nonexistent-zone-directory")
        #expect(zones.isKnownZone("UTC"))
        #expect(zones.secondsFromUTC(zone: "UTC", at: 1_700_000_000) == 0)
        #expect(zones.offsets(zone: "UTC", from: 0, to: Self.year2100) == .fixed(0))
        #expect(zones.knownZoneIdentifiers == ["UTC"])
        #expect(!zones.isKnownZone("Europe/Berlin"))
    }

    @Test func namesThatAreNotZonesAreUnknown() {
        let zones = SystemTimeZones()
        for name in ["", "..", "../zoneinfo/Europe/Berlin", "Europe/../Europe/Berlin", Self.directory + "/Europe/Berlin",
                     "/Europe/Berlin", "./Europe/Berlin", "Europe//Berlin", "Europe/Berlin/", "europe/berlin",
                     "Europe", "America", "Nowhere/Atlantis", "posixrules", "localtime", "posix/Europe/Berlin",
                     "right/Europe/Berlin", "zone.tab", "zone1970.tab", "iso3166.tab", "tzdata.zi", "leapseconds",
                     "leap-seconds.list", "SECURITY", "PST", "GMT+5", "Europe/Berlin\u{0}"] {
            #expect(!zones.isKnownZone(name), "\(name)")
            #expect(zones.secondsFromUTC(zone: name, at: 0) == nil, "\(name)")
            #expect(zones.offsets(zone: name, from: 0, to: 1) == nil, "\(name)")
        }
        for name in ["Europe/Berlin", "Factory", "Etc/GMT+5", "US/Eastern", "Asia/Kolkata", "Asia/Calcutta"] {
            #expect(zones.isKnownZone(name), "\(name)")
        }
    }

    @Test func theIdentifiersAreSortedAndHoldBerlinAndUTC() {
        let identifiers = SystemTimeZones().knownZoneIdentifiers
        #expect(identifiers.contains("Europe/Berlin") && identifiers.contains("UTC") && identifiers.contains("US/Eastern"))
        #expect(identifiers == identifiers.sorted())
        #expect(!identifiers.contains("posixrules") && !identifiers.contains("localtime"))
        #expect(Set(identifiers).count == identifiers.count)
    }

    /// A machine without the system's zone files (a minimal container) knows only
    /// UTC, and the checker's help says what is missing instead of suggesting `UTC`.
    @Test func aMissingDatabaseIsNamedInTheHelpOfAnUnknownZone() throws {
        let missing = "/nonexistent-coinage-zoneinfo-\(UInt64.random(in: 0...UInt64.max))"
        let zones = SystemTimeZones(directory: missing)
        #expect(zones.knownZoneIdentifiers == ["UTC"] && zones.isKnownZone("UTC") && !zones.isKnownZone("Europe/Berlin"))
        let help = try #require(zones.unavailableHelp)
        #expect(help.contains("`\(missing)`") && help.contains("tzdata") && help.contains("TZDIR"))
        #expect(SystemTimeZones().unavailableHelp == nil)

        var sources = SourceMap()
        _ = sources.add(path: "shop.coin", text: """
            base currency USD
            region US: USD, tax 7.25% added, zone Europe/Berlin
            bundle coins_70: 70 coins, 0.99 USD
            """)
        let unknown = Pipeline.check(sources: sources, zones: zones).diagnostics.filter { $0.code == .unknownTimeZone }
        #expect(unknown.count == 1 && unknown.first?.help == help)
    }

    /// A database of its own in a temporary directory, with good, cut and corrupt zones.
    @Test func aDatabaseOfItsOwnKnowsOnlyItsWholeZones() throws {
        let berlin = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.directory + "/Europe/Berlin")))
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("coinage-tz-\(UInt64.random(in: 0...UInt64.max))")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Test/Dir"), withIntermediateDirectories: true)
        let files: [String: [UInt8]] = [
            "Test/Good": berlin, "Test/Cut": Array(berlin.prefix(berlin.count / 2)),
            "Test/NoFooterEnd": Array(berlin.dropLast()), "Test/Junk": Array("TZif2 but nothing else".utf8),
            "notes.txt": Array("Europe/Berlin".utf8), "posixrules": berlin,
        ]
        for (name, bytes) in files { try Data(bytes).write(to: root.appendingPathComponent(name)) }
        let zones = SystemTimeZones(directory: root.path)
        #expect(zones.isKnownZone("Test/Good"))
        #expect(zones.secondsFromUTC(zone: "Test/Good", at: 1_700_000_000) == 3600)
        for name in ["Test/Cut", "Test/NoFooterEnd", "Test/Junk", "Test/Dir", "Test", "notes.txt", "posixrules", "Europe/Berlin"] {
            #expect(!zones.isKnownZone(name), "\(name)")
        }
        // Without `tzdata.zi`, the names are the zones found walking the tree.
        #expect(zones.knownZoneIdentifiers == ["Test/Good", "UTC"])

        let withSource = root.appendingPathComponent("Test/Dir")
        try Data("# comment\nZ Europe/Berlin 1 - CET\n0 - X\nR d 1916 o - Jun 14 23s 1 S\nL Europe/Berlin Arctic/Longyearbyen\nZone Asia/Tokyo 9 - JST\nLink Asia/Tokyo Japan\n".utf8)
            .write(to: withSource.appendingPathComponent("tzdata.zi"))
        #expect(SystemTimeZones(directory: withSource.path).knownZoneIdentifiers
            == ["Arctic/Longyearbyen", "Asia/Tokyo", "Europe/Berlin", "Japan", "UTC"])
    }

    @Test func everyCutOfAZoneFileIsNoZone() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.directory + "/America/New_York")))
        #expect(TZifFile(bytes: bytes) != nil)
        for length in 0..<bytes.count {
            #expect(TZifFile(bytes: Array(bytes.prefix(length))) == nil, "\(length) of \(bytes.count) bytes")
        }
    }

    @Test func corruptZoneFilesAreNoZones() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.directory + "/Europe/Berlin")))
        func corrupted(_ change: (inout [UInt8]) -> Void) -> [UInt8] {
            var copy = bytes
            change(&copy)
            return copy
        }
        func count(_ index: Int, at header: Int) -> Int {
            bytes[(header + 20 + 4 * index)..<(header + 24 + 4 * index)].reduce(0) { $0 << 8 | Int($1) }
        }
        // Version 1's block: transitions of 5 bytes, types of 6, then abbreviations,
        // leap seconds (8) and the two indicators (1 each).
        let second = 44 + count(3, at: 0) * 5 + count(4, at: 0) * 6 + count(5, at: 0) + count(2, at: 0) * 8
            + count(1, at: 0) + count(0, at: 0)
        #expect(Array(bytes[second..<(second + 4)]) == Array("TZif".utf8))
        let firstTypeIndex = second + 44 + 8 * count(3, at: second)
        let cases: [String: [UInt8]] = [
            "magic": corrupted { $0[0] = UInt8(ascii: "X") },
            "second magic": corrupted { $0[second] = UInt8(ascii: "X") },
            "version 1": corrupted { $0[4] = UInt8(ascii: "1") },
            "huge transition count": corrupted { $0[second + 32] = 0x7F },
            "huge first transition count": corrupted { $0[32] = 0x7F },
            "count past the file": corrupted { $0[second + 34] = 0x10 },
            "no types": corrupted { $0[second + 36...second + 39] = [0, 0, 0, 0] },
            "leap seconds": corrupted { $0[second + 31] = 1 },
            "type index out of range": corrupted { $0[firstTypeIndex] = 200 },
            "transitions out of order": corrupted { $0[second + 44 + 8] = 0x7F },
            "footer": corrupted { $0[$0.count - 3] = UInt8(ascii: "!") },
        ]
        for (name, corrupt) in cases { #expect(TZifFile(bytes: corrupt) == nil, "\(name)") }
        #expect(TZifFile(bytes: bytes) != nil)
    }

    @Test func footerRulesReadEveryFormPosixAndRFC8536Allow() throws {
        let berlin = try #require(PosixTimeZoneRule("CET-1CEST,M3.5.0,M10.5.0/3"))
        // 2025-03-30 and 2025-10-26, both at 01:00 UTC.
        #expect(berlin.changes(after: 1_743_292_800, before: 1_761_523_200).map(\.instant) == [1_743_296_400, 1_761_440_400])
        #expect([1_743_296_399, 1_743_296_400, 1_761_440_399, 1_761_440_400].map(berlin.offset(at:)) == [3600, 7200, 7200, 3600])
        #expect(PosixTimeZoneRule("<+0330>-3:30") == PosixTimeZoneRule(standardOffset: 12_600, daylight: nil))
        #expect(PosixTimeZoneRule("<-03>3")?.offset(at: 1_700_000_000) == -10_800)

        // Daylight time all year: each year's end and the next start meet at one instant.
        let allYear = try #require(PosixTimeZoneRule("EST5EDT,0/0,J365/25"))
        #expect(allYear.changes(after: 1_700_000_000, before: 1_800_000_000).allSatisfy { $0.offset == -14_400 })
        #expect([1_704_085_200, 1_704_085_199, 1_720_000_000].map(allYear.offset(at:)) == [-14_400, -14_400, -14_400])

        // `J60` is March 1 even in a leap year; `59` is then February 29.
        #expect(PosixTimeZoneRule.Day.julianSkippingLeapDay(60).daysSinceEpoch(inYear: 2024) == 19_783)
        #expect(PosixTimeZoneRule.Day.zeroBasedDayOfYear(59).daysSinceEpoch(inYear: 2024) == 19_782)
        #expect(PosixTimeZoneRule.Day.weekdayOfMonth(month: 3, week: 5, weekday: 0).daysSinceEpoch(inYear: 2025) == 20_177)

        // Hours of a change's time from -167 to 167 (TZif v3), as Greenland's and Israel's rules have.
        let nuuk = try #require(PosixTimeZoneRule("<-02>2<-01>,M3.5.0/-1,M10.5.0/0"))
        #expect(nuuk.changes(after: 1_743_292_800 - 86_400, before: 1_743_292_800 + 86_400).map(\.instant) == [1_743_296_400])
        #expect(PosixTimeZoneRule("IST-2IDT,M3.4.4/26,M10.5.0") != nil)
        #expect(PosixTimeZoneRule("XXX3YYY,M3.5.0/167,M10.5.0/-167:59:59") != nil)
        // A name without rules takes the United States' (tzcode's choice).
        #expect(PosixTimeZoneRule("EST5EDT")?.offset(at: 1_720_000_000) == -14_400)

        for text in ["", "CET", "CE-1", "CET-1CEST,M3.5.0", "CET-1CEST,M13.1.0,M10.5.0", "CET-1CEST,M3.6.0,M10.5.0",
                     "CET-1CEST,M3.5.7,M10.5.0", "<+03", "<+03>", "CET-1CEST,J0,J365", "CET-1CEST,366,0", "CET-1 ",
                     "CET-1CEST,M3.5.0,M10.5.0/3x", "CET-1CEST,M3.5.0,M10.5.0/168", "CET-1:60", "CET-"] {
            #expect(PosixTimeZoneRule(text) == nil, "\(text)")
        }
    }
}
