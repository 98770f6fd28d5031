import CoinageSyntax
import CoinageTestSupport

/// Seeded random rule sets, as text, for the compiled promotion walk: a few regions
/// in two or three currencies (some in their own zone, two in a market), channels or
/// none, 3 to 8 bundles, perhaps a custom amount, and 5 to 30 promotions mixing
/// conditions the bundle × region × channel cell decides with ones it cannot (user
/// facts, `list`), windows, weekly hours, codes, limits, groups, exclusive ones,
/// priorities that tie, either stacking and perhaps a floor.
struct WalkRuleGenerator {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    private var currencies: [String] = []
    private var regions: [(code: String, currency: String)] = []
    private var hasMarket = false
    private var channels: [String] = []
    private var bundles: [(name: String, coins: Int64)] = []
    private var customs: [String] = []

    private mutating func chance(_ percent: UInt64) -> Bool { rng.next() % 100 < percent }

    /// One rule set's text.
    mutating func text() -> String {
        var text = "base currency USD\nstacking \(rng.bool() ? "additive" : "compound")\n"
        if chance(60) { text += "floor \(rng.pick(["30%", "50%", "70%", "85%", "92.5%"]))\n" }
        currencies = ["USD", "EUR"] + (rng.bool() ? [rng.pick(["JPY", "KWD"])] : [])
        text += "rate EUR 0.92\n"
        if chance(50) { text += "round EUR \(rng.pick(["nearest 0.10 ending 0.09", "up 1.00 ending 0.99", "down 0.05"]))\n" }
        if currencies.contains("JPY") { text += "rate JPY 155\nround JPY nearest 10\n" }
        if currencies.contains("KWD") { text += "rate KWD 0.307\n" }

        regions = [("US", "USD"), ("DE", "EUR")]
        text += "region US: USD, tax 7.25% added, zone America/New_York\n"
        text += "region DE: EUR, tax 19% included, zone Europe/Berlin\n"
        if chance(70) { regions.append(("FR", "EUR")); text += "region FR: EUR, tax 20% included\n" }
        if chance(50) { regions.append(("AU", "USD")); text += "region AU: USD, tax 10% included, zone Australia/Sydney, level 90%\n" }
        if currencies.contains("JPY") { regions.append(("JP", "JPY")); text += "region JP: JPY, tax 10% included, zone Asia/Tokyo\n" }
        if currencies.contains("KWD") { regions.append(("KW", "KWD")); text += "region KW: KWD, zone Asia/Kuwait\n" }
        hasMarket = regions.contains { $0.code == "FR" }
        if hasMarket { text += "market eu: DE, FR\n" }

        channels = chance(75) ? ["ios", "web"] + (rng.bool() ? ["android"] : []) : []
        for channel in channels {
            text += "channel \(channel): " + ["ios": "fee 30%", "web": "fee 3%, level 75%", "android": "fee 15%"][channel]! + "\n"
        }
        text += "user tier: one of bronze, silver, gold\nuser orders: int 0 to 500\nuser member: bool\nuser joined: date\n"
        // Unread attributes that sort first push the read ones past the inline slots.
        if rng.bool() { for index in 0..<8 { text += "user f\(index): \(rng.pick(["bool", "int", "date"]))\n" } }

        bundles = []
        var coins: Int64 = 0
        for index in 0..<Int(rng.int(3...8)) {
            coins += rng.int(1...6) * 70
            bundles.append(("b\(index)", coins))
            let cents = 99 + coins / 70 * 100 + rng.int(0...2) * 100
            let bonus = chance(30) ? ", bonus \(coins / 10) coins" : ""
            text += "bundle b\(index): \(coins) coins, \(cents / 100).\(cents % 100) USD\(bonus)\n"
        }
        if chance(30) { text += "price b0 in DE: 0.89 EUR\n" }
        customs = []
        if chance(60) {
            customs = ["coins"]
            if channels.count >= 2, rng.bool() {
                // Two custom amounts on different channels: the item index of the second one.
                customs.append("app_coins")
                text += "custom coins: 30 to 100_000, 0.0141 USD each, on web\n"
                text += "custom app_coins: 50 to 20_000, 0.0150 USD each, on ios\n"
            } else {
                text += "custom coins: 30 to 100_000, 0.0141 USD each" + (!channels.isEmpty && rng.bool() ? ", on web" : "") + "\n"
            }
        }

        let count = Int(rng.int(5...30))
        for index in 0..<count { text += promotion(index) }
        return text
    }

    // MARK: Promotions

    private mutating func promotion(_ index: Int) -> String {
        // Names in no particular order, so ties on priority are broken by name.
        var lines: [String] = []
        if chance(75) { lines.append("when " + condition(depth: 0)) }
        if chance(25) { lines.append(window()) }
        if chance(20) { lines.append(weekly()) }
        if chance(20) { lines.append("code \"\(rng.pick(["SAVE", "vip", "Spring"]))\(index)\"") }
        if chance(15) {
            lines.append(rng.pick(["limit \(rng.int(1...20))", "limit \(rng.int(5...50)), \(rng.int(1...3)) per user",
                                   "limit \(rng.int(1...3)) per user"]))
        }
        if chance(25) { lines.append("group g\(rng.int(1...3))") }
        if chance(12) { lines.append("exclusive") }
        lines.append("priority \(rng.pick([0, 0, 0, 1, 2, 2, 5, 10]))")
        var effects = 0
        if chance(80) {
            effects += 1
            lines.append(priceEffect())
        }
        if effects == 0 || chance(25) {
            lines.append(rng.pick(["bonus 10%", "bonus 12.5%", "bonus 25 coins", "bonus 3 coins"]))
        }
        let name = "\(rng.pick(["a", "k", "m", "z"]))\(rng.int(0...9))_\(index)"
        return "promotion \(name) {\n" + lines.map { "  \($0)\n" }.joined() + "}\n"
    }

    private mutating func priceEffect() -> String {
        switch rng.next() % 10 {
        case 0..<5: return "discount \(rng.pick(["5%", "10%", "12.5%", "20%", "33.3%", "50%", "99%"]))"
        case 5..<7: return "discount " + money(["0.50 USD", "1.00 USD", "0.99 EUR", "100 JPY", "0.150 KWD"])
        default: return "price " + money(["4.99 USD", "0.49 USD", "3.49 EUR", "500 JPY", "1.000 KWD", "99.00 USD"])
        }
    }

    /// An amount in one of this rule set's currencies.
    private mutating func money(_ amounts: [String]) -> String {
        rng.pick(amounts.filter { amount in currencies.contains { amount.hasSuffix($0) } })
    }

    private mutating func window() -> String {
        let zone = rng.pick(["local", "UTC", "Europe/Berlin", "Asia/Tokyo", ""])
        if chance(30) {
            return "during 2026-03-28T22:00 to 2026-03-29T04:00 \(zone)"
        }
        let month = rng.int(1...12)
        let day = rng.int(1...20)
        let length = rng.int(0...8)
        return "during 2026-\(pad(month))-\(pad(day)) to 2026-\(pad(month))-\(pad(day + length)) \(zone)"
    }

    private mutating func weekly() -> String {
        let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        let picked = Set((0..<rng.int(1...3)).map { _ in rng.pick(days) })
        var text = "every " + days.filter(picked.contains).joined(separator: ", ")
        switch rng.next() % 3 {
        case 0: text += " from 22:00 to 02:00"
        case 1: text += " from 09:00 to 17:30"
        default: break
        }
        return text + " " + rng.pick(["local", "UTC", "Europe/Berlin", ""])
    }

    // MARK: Conditions

    private mutating func condition(depth: Int) -> String {
        if depth < 2, chance(35) {
            let left = condition(depth: depth + 1)
            let right = condition(depth: depth + 1)
            return "(\(left) \(rng.bool() ? "and" : "or") \(right))"
        }
        if depth < 2, chance(8) { return "not (\(condition(depth: depth + 1)))" }
        return rng.bool() ? cellAtom() : factAtom()
    }

    /// A comparison the bundle, the region and the channel decide.
    private mutating func cellAtom() -> String {
        switch rng.next() % 9 {
        case 0: return "bundle == \(customs.isEmpty || rng.bool() ? rng.pick(bundles).name : rng.pick(customs))"
        case 1: return "bundle in [\(Set([rng.pick(bundles).name, rng.pick(bundles).name]).sorted().joined(separator: ", "))]"
        case 2: return "bundle != \(rng.pick(bundles).name)"
        case 3: return "region == \(rng.pick(regions).code)"
        case 4: return hasMarket ? "region in eu" : "region not in [\(rng.pick(regions).code)]"
        case 5: return "currency \(rng.bool() ? "==" : "!=") \(rng.pick(currencies))"
        case 6: return channels.isEmpty ? "currency in [USD, EUR]" : "channel == \(rng.pick(channels))"
        case 7: return channels.isEmpty ? "coins >= 200" : "channel in [\(channels.prefix(2).joined(separator: ", "))]"
        default: return "coins \(rng.pick([">=", "<", ">", "<="])) \(rng.pick(bundles).coins + rng.int(-1...1))"
        }
    }

    /// A comparison only the request (or the list price) decides.
    private mutating func factAtom() -> String {
        switch rng.next() % 10 {
        case 0: return "user.tier == \(rng.pick(["bronze", "silver", "gold"]))"
        case 1: return "user.tier != bronze"
        case 2: return "user.tier \(rng.bool() ? "in" : "not in") [silver, gold]"
        case 3: return "user.orders \(rng.pick([">=", "<", "==", "!="])) \(rng.pick([0, 1, 10, 100, 499, 500]))"
        case 4: return "user.member"
        case 5: return "not user.member"
        case 6: return "user.joined \(rng.pick(["<", ">="])) \(rng.pick(["2025-01-01", "2024-06-15", "2026-03-01"]))"
        case 7: return "list >= \(rng.pick(["5.00", "9.99", "20.00"])) USD"
        case 8: return "list < \(rng.pick(["3.00", "10.00"])) EUR"
        default: return "coins >= 1_000"
        }
    }

    private func pad(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
