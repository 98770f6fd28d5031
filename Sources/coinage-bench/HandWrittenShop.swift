import Coinage
import CoinageSyntax
import Foundation

/// The sample shop `rules/` quoted by hand, as a performance-minded engineer would
/// write it for that one shop: a region code to its index through a 26 × 26 table,
/// bundle and channel names by comparing the few there are, the buyer's facts and
/// counters read in one pass over the request's dictionaries, list prices in a flat
/// table, promotion conditions as bit masks over regions and bundles, each region's
/// offsets from UTC as a short list of transitions, and integer arithmetic with
/// half-even division.
///
/// It is the reference the engine's quote is measured against in the same run
/// (`Benchmarks.suite`). It knows only this shop's five promotions, its floor and
/// its compound stacking; `agreement` checks it gives the engine's list, price, tax,
/// total, proceeds and coins on every request it is timed on.
struct HandWrittenShop {
    struct Result: Equatable {
        var list: Int64
        var price: Int64
        var tax: Int64
        var total: Int64
        var proceeds: Int64
        var coins: Int64
    }

    private let bundleNames: [String]
    /// Region index by its code's two letters (`(A - 65) × 26 + (B - 65)`), -1 for none.
    private let regionByCode: [Int8]
    private let regionCount: Int
    private let channelNames: [String]
    private let channelCount: Int
    /// List prices by `(bundle × regions + region) × channels + channel`, in minor units.
    private let lists: [Int64]
    private let bundleCoins: [Int64]
    private let bundleBonus: [Int64]
    /// Per region: tax rate as a fraction (numerator over 1,000,000), whether included.
    private let taxMillionths: [Int64]
    private let taxIncluded: [Bool]
    /// Per channel: fee in percent.
    private let feePercent: [Int64]
    private let webChannel: Int
    /// Per region: UTC offset transitions (instant it starts, offset in seconds), ascending.
    private let offsets: [[(start: Int64, offset: Int64)]]
    /// Per region: 2.00 USD in its currency's minor units (`vip_code`).
    private let vipAmount: [Int64]
    /// Regions of black_friday (eurozone, US, CA, GB) and its bundles, as bit masks.
    private let blackFridayRegions: UInt64
    private let blackFridayBundles: UInt64

    private static let blackFridayStartDay: Int64 = 20_784  // 2026-11-27
    private static let blackFridayEndDay: Int64 = 20_788    // 2026-12-01, exclusive
    private static let vipStart: Int64 = 1_767_225_600      // 2026-01-01T00:00Z
    private static let vipEnd: Int64 = 1_798_761_600        // 2027-01-01T00:00Z
    private static let signupFrom = CivilDate(year: 2026, month: 1, day: 1)

    init?(rules: RuleSet, book: PriceBook) {
        guard rules.regions.count <= 64, rules.bundles.count <= 64,
              let web = rules.channels.firstIndex(where: { $0.name == "web" }) else { return nil }
        bundleNames = rules.bundles.map(\.name)
        var byCode = [Int8](repeating: -1, count: 26 * 26)
        for (index, region) in rules.regions.enumerated() {
            let letters = Array(region.code.utf8)
            byCode[Int(letters[0] - 65) * 26 + Int(letters[1] - 65)] = Int8(index)
        }
        regionByCode = byCode
        regionCount = rules.regions.count
        channelNames = rules.channels.map(\.name)
        channelCount = rules.channels.count
        var lists: [Int64] = []
        for bundle in rules.bundles {
            for region in rules.regions {
                for channel in rules.channels {
                    guard let list = book.explainListPrice(bundle: bundle.name, region: region.code, channel: channel.name) else { return nil }
                    lists.append(list.price.minorUnits)
                }
            }
        }
        self.lists = lists
        bundleCoins = rules.bundles.map(\.coins)
        bundleBonus = rules.bundles.map(\.bonusCoins)
        taxMillionths = rules.regions.map { Self.millionths($0.tax.rate.value) }
        taxIncluded = rules.regions.map { $0.tax.mode == .included }
        feePercent = rules.channels.map { Self.millionths($0.fee.value) / 10_000 }
        webChannel = web
        offsets = rules.regions.map { Self.transitions(zone: $0.zone) }
        vipAmount = rules.regions.map { region in
            let rate = region.currency == rules.baseCurrency ? ExactDecimal(1) : rules.rates[region.currency.code] ?? ExactDecimal(1)
            // 2.00 USD = 200 cents × rate × 10^exponent / 100, half-even.
            var numerator = Int128(200) * Int128(rate.significand)
            var denominator = Int128(100)
            for _ in 0..<rate.scale { denominator *= 10 }
            for _ in 0..<region.currency.exponent { numerator *= 10 }
            return Int64(Self.halfEven(numerator, denominator))
        }
        let eurozone = Set(rules.market("eurozone")?.regions ?? []).union(["US", "CA", "GB"])
        blackFridayRegions = rules.regions.enumerated().reduce(0) { eurozone.contains($1.element.code) ? $0 | 1 << UInt64($1.offset) : $0 }
        let bundles: Set<String> = ["coins_700", "coins_1400", "coins_3500"]
        blackFridayBundles = rules.bundles.enumerated().reduce(0) { bundles.contains($1.element.name) ? $0 | 1 << UInt64($1.offset) : $0 }
    }

    /// A request with its names resolved to indices and its facts read: what the
    /// quote itself needs, as plain values.
    struct Resolved {
        var bundle: Int
        var region: Int
        var channel: Int
        var instant: Int64
        var firstPurchase: Bool
        /// Whether the buyer signed up on or after 2026-01-01 (false when not given).
        var signedUpThisYear: Bool
        var isVIP: Bool
        var purchases: Int64
        var hasVIPCode: Bool
        var vipUsed: Redemptions
        var welcomeUsed: Int64
    }

    /// The quote of `request`, or nil for a request it does not handle (an unknown
    /// name, a custom amount).
    func quote(_ request: QuoteRequest) -> Result? {
        resolve(request).map(quote)
    }

    /// Names to indices and facts to values, in one pass over each of the request's dictionaries.
    func resolve(_ request: QuoteRequest) -> Resolved? {
        guard case .bundle(let name) = request.item, let b = bundleNames.firstIndex(of: name), let r = region(request.region),
              let channelName = request.channel, let c = channelNames.firstIndex(of: channelName) else { return nil }
        // The buyer's facts and counters, in one pass over each dictionary.
        var firstPurchase = false
        var signup: CivilDate?
        var isVIP = false
        var purchases: Int64 = -1
        for (key, value) in request.user {
            switch (key, value) {
            case ("first_purchase", .bool(let flag)): firstPurchase = flag
            case ("signup", .date(let date)): signup = date
            case ("segment", .value(let segment)): isVIP = segment == "vip"
            case ("purchases", .int(let count)): purchases = count
            default: break
            }
        }
        var vipUsed = Redemptions(total: 0, perUser: 0)
        var welcomeUsed: Int64 = 0
        for (promotion, used) in request.redemptions {
            if promotion == "vip_code" { vipUsed = used } else if promotion == "first_purchase_bonus" { welcomeUsed = used.perUser }
        }
        let signedUp = signup.map { date in Self.signupFrom.map { date >= $0 } ?? false } ?? false
        return Resolved(bundle: b, region: r, channel: c, instant: request.instant, firstPurchase: firstPurchase,
                        signedUpThisYear: signedUp, isVIP: isVIP, purchases: purchases,
                        hasVIPCode: request.codes.contains(where: { Self.equalIgnoringCase($0, "vip2026") }),
                        vipUsed: vipUsed, welcomeUsed: welcomeUsed)
    }

    /// The quote of a resolved request: tables, masks and integer arithmetic only.
    func quote(_ request: Resolved) -> Result {
        let (b, r, c) = (request.bundle, request.region, request.channel)
        let list = lists[(b * regionCount + r) * channelCount + c]
        let coins = bundleCoins[b]
        let local = request.instant + offset(region: r, at: request.instant)
        let localDay = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        var running = list
        var bonus: Int64 = 0

        // black_friday: priority 100, exclusive.
        if blackFridayRegions & (1 << UInt64(r)) != 0, blackFridayBundles & (1 << UInt64(b)) != 0,
           localDay >= Self.blackFridayStartDay, localDay < Self.blackFridayEndDay {
            running -= Int64(Self.halfEven(Int128(running) * 20, 100))
        } else {
            // The others at priority 0, by name.
            if request.firstPurchase, request.signedUpThisYear, coins <= 1_400, request.welcomeUsed < 1 {
                bonus += coins * 50 / 100
            }
            if request.instant >= Self.vipStart, request.instant < Self.vipEnd, coins >= 1_400, request.isVIP, request.purchases >= 10,
               request.vipUsed.total < 10_000, request.vipUsed.perUser < 1, request.hasVIPCode {
                let amount = min(vipAmount[r], running)
                running -= amount
            }
            // weekend_happy_hour: Saturday or Sunday, 18:00 to 22:00 local.
            let weekday = (localDay + 3) % 7  // 0 = Monday (1970-01-01 was a Thursday)
            let second = local - localDay * 86_400
            if weekday >= 5, second >= 64_800, second < 79_200 { bonus += coins * 10 / 100 }
            if c == webChannel, coins >= 3_500 { running -= Int64(Self.halfEven(Int128(running) * 5, 100)) }
        }
        // The floor, 40% of the list price: the last discounts give way first.
        let floor = (list * 40 + 99) / 100
        if running < floor { running = floor }

        let tax: Int64
        let total: Int64
        let net: Int64
        if taxIncluded[r] {
            tax = Int64(Self.halfEven(Int128(running) * Int128(taxMillionths[r]), 1_000_000 + Int128(taxMillionths[r])))
            total = running
            net = running - tax
        } else {
            tax = Int64(Self.halfEven(Int128(running) * Int128(taxMillionths[r]), 1_000_000))
            total = running + tax
            net = running
        }
        let fee = Int64(Self.halfEven(Int128(net) * Int128(feePercent[c]), 100))
        return Result(list: list, price: running, tax: tax, total: total, proceeds: net - fee, coins: coins + bundleBonus[b] + bonus)
    }

    /// A region code's index: two capitals through the 26 × 26 table.
    private func region(_ code: String) -> Int? {
        var utf8 = code.utf8.makeIterator()
        guard let first = utf8.next(), let second = utf8.next(), utf8.next() == nil,
              (65...90).contains(first), (65...90).contains(second) else { return nil }
        let index = regionByCode[Int(first - 65) * 26 + Int(second - 65)]
        return index < 0 ? nil : Int(index)
    }

    private func offset(region: Int, at instant: Int64) -> Int64 {
        let table = offsets[region]
        var found = table[0].offset
        for entry in table where entry.start <= instant { found = entry.offset }
        return found
    }

    // MARK: - Arithmetic

    static func halfEven(_ numerator: Int128, _ denominator: Int128) -> Int128 {
        let quotient = numerator / denominator
        let twice = (numerator % denominator) * 2
        if twice > denominator || (twice == denominator && quotient % 2 != 0) { return quotient + 1 }
        return quotient
    }

    /// `value` percent in millionths of one: 25.5 → 255,000.
    private static func millionths(_ value: ExactDecimal) -> Int64 {
        var result = Int128(value.significand) * 10_000
        for _ in 0..<value.scale { result /= 10 }
        return Int64(result)
    }

    private static func equalIgnoringCase(_ text: String, _ lowercase: StaticString) -> Bool {
        guard text.utf8.count == lowercase.utf8CodeUnitCount else { return false }
        let expected = lowercase.utf8Start
        var index = 0
        for byte in text.utf8 {
            let folded = byte >= 65 && byte <= 90 ? byte + 32 : byte
            guard folded == expected[index] else { return false }
            index += 1
        }
        return true
    }

    /// A zone's offsets from 2025 to 2028: the one in force at the start, then each change.
    private static func transitions(zone name: String) -> [(start: Int64, offset: Int64)] {
        guard let zone = TimeZone(identifier: name) else { return [(Int64.min, 0)] }
        var date = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01
        var table: [(start: Int64, offset: Int64)] = [(Int64.min, Int64(zone.secondsFromGMT(for: date)))]
        while let next = zone.nextDaylightSavingTimeTransition(after: date), next.timeIntervalSince1970 < 1_830_297_600 {
            table.append((Int64(next.timeIntervalSince1970), Int64(zone.secondsFromGMT(for: next))))
            date = next
        }
        return table
    }
}

extension HandWrittenShop {
    /// Where the hand-written quote and the engine's differ on `requests`: empty when
    /// they agree on list, price, tax, total, proceeds and coins everywhere.
    func disagreements(with book: PriceBook, on requests: [QuoteRequest]) -> [String] {
        requests.compactMap { request in
            guard case .success(let quote) = book.quote(request) else { return "\(request): the engine refuses it" }
            let engine = Result(list: quote.list.minorUnits, price: quote.price.minorUnits, tax: quote.tax.amount.minorUnits,
                                total: quote.total.minorUnits, proceeds: quote.proceeds.minorUnits, coins: quote.coins.total)
            let hand = self.quote(request)
            return hand == engine ? nil : "\(request.item) in \(request.region) on \(request.channel ?? "-"): engine \(engine), by hand \(hand.map { "\($0)" } ?? "none")"
        }
    }
}

