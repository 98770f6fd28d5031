import Coinage

/// Writes large, realistic rule sets: many regions, bundles and promotions, in the
/// shapes a shop writes them (promotions aimed at some bundles and markets, with
/// windows, hours, codes, limits and groups), so benchmarks measure what a big shop
/// would see.
struct RuleSetGenerator {
    let promotions: Int
    let regions: Int
    let bundles: Int
    var random: SplitMix64

    init(promotions: Int, regions: Int = 200, bundles: Int = 100, seed: UInt64 = 2026) {
        self.promotions = promotions
        self.regions = regions
        self.bundles = bundles
        self.random = SplitMix64(seed: seed)
    }

    /// Promotions with no bundle or region condition, whatever the total.
    static let shopWidePromotions = 10

    /// The currencies regions are spread over, with plausible rates and grids.
    static let currencies: [(code: String, rate: String, round: String?)] = [
        ("EUR", "0.92", "nearest 1.00 ending 0.99"), ("GBP", "0.79", "nearest 1.00 ending 0.99"),
        ("JPY", "150", "nearest 10"), ("KRW", "1380", "nearest 100"), ("INR", "84", "up 10 ending 9"),
        ("BRL", "5.4", "nearest 1.00 ending 0.90"), ("MXN", "18.5", nil), ("CAD", "1.37", nil),
        ("AUD", "1.52", nil), ("CHF", "0.88", nil), ("SEK", "10.6", nil), ("NOK", "10.9", nil),
        ("PLN", "3.98", nil), ("TRY", "34", nil), ("KWD", "0.307", nil), ("BHD", "0.376", nil),
        ("CLP", "940", "nearest 10"), ("VND", "25400", "nearest 1000"), ("IDR", "16000", "nearest 1000"),
        ("ZAR", "18.2", nil),
    ]

    /// The files of the rule set, by name.
    mutating func files() -> [(name: String, text: String)] {
        let regionCodes = Array(ISO3166.entries.map(\.code).filter { $0 != "US" }.prefix(regions - 1)) + ["US"]
        var shop = "base currency USD\nstacking additive\nfloor 40%\n"
        shop += "channel ios: fee 30%\nchannel android: fee 30%\nchannel web: fee 3%, level 75%\n"
        shop += "user first_purchase: bool\nuser segment: one of new, casual, whale, vip, lapsed\nuser purchases: int 0 to 1_000_000\n"
        shop += "round USD {\n  below 10.00: nearest 0.10 ending 0.09\n  else: nearest 1.00 ending 0.99\n}\n"
        for currency in Self.currencies {
            shop += "rate \(currency.code) \(currency.rate)\n"
            if let round = currency.round { shop += "round \(currency.code) \(round)\n" }
        }

        var regionsText = ""
        var markets: [String: [String]] = [:]
        for (position, code) in regionCodes.enumerated() {
            let currency = code == "US" ? "USD" : Self.currencies[position % Self.currencies.count].code
            let tax = code == "US" ? "tax 7.25% added" : "tax \(5 + position % 20)% included"
            let level = position % 5 == 0 ? ", level \(55 + position % 40)%" : ""
            regionsText += "region \(code): \(currency), \(tax)\(level)\n"
            markets["market_\(position % 20)", default: []].append(code)
        }
        for (name, members) in markets.sorted(by: { $0.key < $1.key }) {
            regionsText += "market \(name): \(members.joined(separator: ", "))\n"
        }

        var catalog = ""
        for index in 0..<bundles {
            let coins = 70 * (index + 1)
            let cents = 99 + 100 * index
            catalog += "bundle coins_\(coins): \(coins) coins, \(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100) USD, bonus \(coins / 10) coins\n"
        }
        catalog += "custom coins: 30 to 2_500_000, 0.0141 USD each, on web\n"

        var promotionsText = ""
        let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        for index in 0..<promotions {
            var lines: [String] = []
            var conditions: [String] = []
            // Ten promotions are shop-wide (happy hours, first purchase, a site-wide
            // sale); the rest aim at a few bundles in one market or a few regions, as a
            // big shop's campaigns do.
            if index >= Self.shopWidePromotions {
                let first = random.next(UInt64(bundles))
                let picked = (0..<(1 + random.next(3))).map { "coins_\(70 * Int((first + $0) % UInt64(bundles) + 1))" }
                conditions.append("bundle in [\(picked.joined(separator: ", "))]")
                if random.next(2) == 0 {
                    conditions.append("region in market_\(random.next(20))")
                } else {
                    let picked = (0..<(1 + random.next(4))).map { _ in regionCodes[Int(random.next(UInt64(regionCodes.count)))] }
                    conditions.append("region in [\(Array(Set(picked)).sorted().joined(separator: ", "))]")
                }
            }
            switch random.next(6) {
            case 0: conditions.append("channel == web")
            case 1: conditions.append("user.segment in [vip, whale]")
            case 2: conditions.append("user.purchases >= \(random.next(50))")
            case 3: conditions.append("user.first_purchase")
            default: break
            }
            if !conditions.isEmpty { lines.append("when " + conditions.joined(separator: " and ")) }
            let month = 1 + random.next(12)
            let day = 1 + random.next(20)
            switch random.next(4) {
            case 0: lines.append("during 2026-\(pad(month))-\(pad(day)) to 2026-\(pad(month))-\(pad(day + 7)) local")
            case 1: lines.append("every \(days[Int(random.next(7))]), \(days[Int(random.next(7))]) from 18:00 to 22:00 local")
            default: break
            }
            if random.next(10) == 0 { lines.append("code \"PROMO\(index)\"") }
            if random.next(8) == 0 { lines.append("limit \(1000 + random.next(10000)), 1 per user") }
            switch random.next(5) {
            case 0: lines.append("bonus \(5 + random.next(20))%")
            case 1: lines.append("discount 1.00 USD")
            default: lines.append("discount \(5 + random.next(25))%")
            }
            lines.append("priority \(random.next(100))")
            if random.next(10) == 0 { lines.append("exclusive") }
            if random.next(4) == 0 { lines.append("group group_\(random.next(10))") }
            promotionsText += "promotion promo_\(index) {\n" + lines.map { "  " + $0 + "\n" }.joined() + "}\n"
        }
        return [("shop.coin", shop), ("regions.coin", regionsText), ("catalog.coin", catalog), ("promotions.coin", promotionsText)]
    }

    private func pad(_ value: UInt64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// A small, fast, seeded generator (Steele, Lea and Flood's SplitMix64): the same
/// seed gives the same rule sets and requests on every machine.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound`.
    mutating func next(_ bound: UInt64) -> UInt64 { next() % bound }
}
