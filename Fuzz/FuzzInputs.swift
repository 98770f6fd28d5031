import Coinage
import CoinageFormat
import CoinageFoundation
import CoinageIO
import CoinageSyntax
import Foundation

/// What the rule-file harnesses share: how an input becomes source files, the
/// small shop an input may be checked next to, and the zone database they use.
enum FuzzInputs {
    /// The input's bytes (libFuzzer may pass a null pointer for the empty input).
    static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The path the input is checked under.
    static let path = "fuzz.coin"

    /// An input that starts with this comment is checked as a second file next to
    /// `shop`, so a few fuzzed lines (a promotion, a guard) reach a complete rule
    /// set. Being a comment, it leaves the input a valid rules file either way.
    static let withShopMarker = Array("# with shop".utf8)

    /// A complete small shop: base currency, compound stacking, a floor, a channel,
    /// two regions in two currencies, bundles, a custom amount, user attributes,
    /// promotions of each effect, a code, and every kind of guard.
    static let shop = """
        base currency USD
        stacking compound
        floor 40%
        channel web: fee 3%, level 75%
        channel ios: fee 30%
        rate EUR 0.86

        region US: USD, tax 7.25% added, zone America/New_York
        region DE: EUR, tax 19% included, zone Europe/Berlin

        bundle coins_70:  70 coins,  0.99 USD
        bundle coins_700: 700 coins, 9.99 USD, bonus 100 coins
        custom coins: 30 to 2_500_000, 0.0141 USD each, on web

        user segment: one of new, vip
        user first_purchase: bool
        user purchases: int 0 to 1_000_000
        user signup: date

        promotion web_saver {
          when channel == web and coins >= 700
          discount 5%
        }

        promotion welcome {
          when user.first_purchase and user.segment == new
          bonus 50%
          limit 1 per user
        }

        promotion vip_code {
          code "VIP2026"
          when coins >= 700
          discount 2.00 USD
          during 2026-01-01 to 2026-12-31
        }

        guard discount at most 50%
        guard price per coin falls with size
        guard region price within 35% of base

        """

    /// The input as a source map: alone as `fuzz.coin`, or after `shop.coin` when it
    /// starts with `withShopMarker`. The input is always the last file.
    static func sources(_ bytes: [UInt8]) -> SourceMap {
        var sources = SourceMap()
        if bytes.starts(with: withShopMarker) { sources.add(path: "shop.coin", text: shop) }
        sources.add(path: path, bytes: bytes)
        return sources
    }

    /// Checks the input's sources with the cached zone database.
    static func check(_ sources: SourceMap) -> CheckResult {
        Checker.check(ParsedSources(sources), zones: CachedTimeZones())
    }

    /// The input with every declaration that has an error blanked out, checked
    /// again, up to `rounds` times; the first clean result, or nil.
    ///
    /// Random mutations break almost every file somewhere (in a short run, one or
    /// two inputs in a hundred checked clean), and a broken file never reaches the
    /// compiler, the quotes or the analysis. Dropping the broken declarations keeps the rest of
    /// the mutated file.
    static func repaired(_ result: CheckResult, rounds: Int) -> CheckResult? {
        var result = result
        for _ in 0..<rounds {
            guard result.ruleSet == nil, let input = result.sources.files.last else { break }
            let errors = result.diagnostics.filter { $0.severity == .error && $0.span.file == input.id }.map(\.span)
            guard let bytes = blanking(errors, in: input) else { break }
            var sources = SourceMap()
            for file in result.sources.files.dropLast() { sources.add(path: file.path, bytes: file.bytes) }
            sources.add(path: input.path, bytes: bytes)
            result = check(sources)
        }
        return result.ruleSet == nil ? nil : result
    }

    /// The file's bytes with each declaration that holds one of `errors` blanked
    /// out, or the line of an error that is in no declaration that parsed; nil when
    /// that blanks nothing new. Blanking (a space for every byte but line breaks)
    /// keeps every other offset and line where it was.
    static func blanking(_ errors: [SourceSpan], in file: SourceFile) -> [UInt8]? {
        var bytes = file.bytes
        let declarations = Parser.parse(file).file.declarations.map(\.span)
        var blanked = false
        for error in errors {
            let at = min(Int(error.start), bytes.count)
            let range: Range<Int>
            if let declaration = declarations.first(where: { Int($0.start) <= at && at < Int($0.end) }) {
                range = Int(declaration.start)..<Int(declaration.end)
            } else {
                let start = bytes[..<at].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                let end = bytes[at...].firstIndex(of: 0x0A) ?? bytes.count
                range = start..<end
            }
            for index in range where bytes[index] != 0x0A && bytes[index] != 0x20 {
                bytes[index] = 0x20
                blanked = true
            }
        }
        return blanked ? bytes : nil
    }
}

/// The system's zone database, with each answer kept for the rest of the run.
///
/// The checker builds an offset table for every zone the rules name, over a
/// century of daylight-saving transitions each time; with Foundation's zones that,
/// not the code under test, was most of the old rule-file harness's time. The database
/// does not change while the fuzzer runs, so caching changes no result. At most
/// `capacity` names are kept, so random zone names cannot fill memory.
final class CachedTimeZones: TimeZoneDatabase {
    private static let system = SystemTimeZones()
    private static let capacity = 4_096
    private struct Span: Hashable { let zone: String, start: Int64, end: Int64 }
    nonisolated(unsafe) private static var known: [String: Bool] = [:]
    nonisolated(unsafe) private static var tables: [Span: ZoneOffsets?] = [:]

    func isKnownZone(_ identifier: String) -> Bool {
        if let answer = Self.known[identifier] { return answer }
        let answer = Self.system.isKnownZone(identifier)
        if Self.known.count < Self.capacity { Self.known[identifier] = answer }
        return answer
    }

    var knownZoneIdentifiers: [String] { Self.system.knownZoneIdentifiers }

    func secondsFromUTC(zone identifier: String, at instant: Int64) -> Int? {
        Self.system.secondsFromUTC(zone: identifier, at: instant)
    }

    func offsets(zone identifier: String, from start: Int64, to end: Int64) -> ZoneOffsets? {
        let key = Span(zone: identifier, start: start, end: end)
        if let answer = Self.tables[key] { return answer }
        let answer = isKnownZone(identifier) ? Self.system.offsets(zone: identifier, from: start, to: end) : nil
        if Self.tables.count < Self.capacity { Self.tables[key] = answer }
        return answer
    }
}
