@testable import CoinageChecker
@testable import CoinageEngine
import CoinageFoundation
import CoinageSyntax
import CoinageTestSupport
import Testing

/// The price-point file reader on broken files: seeded mutations of a real export
/// (bytes deleted, repeated, replaced by the characters CSV gives meaning to) never
/// crash the reader or the checker, every diagnostic points inside the file it
/// names, and whatever still checks prices every cell with a point of the table.
@Suite struct PricePointFileMutationTests {
    static let rules = """
        base currency USD
        rate EUR 0.92
        rate JPY 150
        region US: USD
        region DE: EUR
        region JP: JPY
        channel ios: fee 30%, points apple nearest
        points apple from "apple.csv"
        bundle gems_100: 100 coins, 0.99 USD
        bundle gems_1200: 1_200 coins, 9.99 USD
        bundle gems_6500: 6_500 coins, 49.99 USD
        price gems_6500 in JP on ios: points apple tier 4
        """

    static let csv = "\u{FEFF}# Apple, 2026-11\r\ntier,USD,EUR,JP,BR\r\n1,0.99,0.99,160,5.90\r\n2,\"1.99\",1.99,300,10.90\r\n"
        + "3,9.99,9.99,1600,54.90\r\n4,49.99,49.99,8000,279.90\r\n"

    /// What a mutation may put in: the characters a CSV gives meaning to, and some it does not.
    static let inserts: [[UInt8]] = [",", "\"", "\r\n", "\n", "#", "0", "9", ".", " ", "-", "1e3", "\u{FEFF}", "tier", "JP", "XX", ",,,,"]
        .map { Array($0.utf8) } + [[0xFF], [0x00]]

    @Test func mutatedFilesNeverCrashAndAreReportedInside() {
        var random = SplitMix64(seed: 2026_12_06)
        let original = Array(Self.csv.utf8)
        var checkedClean = 0
        for _ in 0..<(TestTier.isExhaustive ? 4_000 : 400) {
            var bytes = original
            for _ in 0..<(1 + random.below(4)) {
                let at = random.below(bytes.count + 1)
                switch random.below(3) {
                case 0 where at < bytes.count: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.below(6)))
                case 1: bytes.insert(contentsOf: random.pick(Self.inserts), at: at)
                default:
                    let from = random.below(bytes.count)
                    bytes.insert(contentsOf: bytes[from..<min(bytes.count, from + 1 + random.below(12))], at: min(at, bytes.count))
                }
            }
            var sources = SourceMap()
            sources.add(path: "shop.coin", text: Self.rules)
            let file = sources.add(path: "apple.csv", bytes: bytes)
            let result = Checker.check(sources, zones: SystemTimeZones())
            for diagnostic in result.diagnostics {
                let size = sources[diagnostic.span.file].bytes.count
                #expect(Int(diagnostic.span.end) <= size, "\(diagnostic.message) at \(diagnostic.span) past the end of a \(size)-byte file")
            }
            guard let rules = result.ruleSet else {
                #expect(result.diagnostics.contains { $0.severity == .error })
                continue
            }
            checkedClean += 1
            let book = PriceBook(rules)
            for bundle in rules.bundles {
                for region in rules.regions {
                    guard let explained = book.explainListPrice(bundle: bundle.name, region: region.code, channel: "ios") else {
                        Issue.record("\(bundle.name) in \(region.code) has no list price")
                        continue
                    }
                    let column = rules.pricePointTables["apple"]?.column(region: region.code, currency: region.currency)
                    #expect(column?.points.contains { $0.price == explained.price } == true, "\(bundle.name) in \(region.code): \(explained.price)")
                    #expect(explained.pricePoint?.point.span.file == file)
                }
            }
        }
        // Some mutations leave a valid table (a repeated comment, a space): those are priced.
        #expect(checkedClean > 0)
    }
}
