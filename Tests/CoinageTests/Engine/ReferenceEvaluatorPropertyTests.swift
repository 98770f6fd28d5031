@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageRuleTests
import CoinageSyntax
import CoinageTestSupport
import Foundation
import Testing

/// Seeded random quote requests for a rule set: every bundle and the custom amount,
/// every region and channel, instants in 2026 that favour the edges of the rule set's
/// windows and hours (in the zone each is read in), the Black Friday weekend and
/// weekends, user facts near the values conditions compare with (and often missing),
/// codes in any case, redemption counters around the limits, and now and then exactly
/// one mistake (an unknown name, a wrong type, an amount out of range).
struct RequestGenerator {
    let rules: RuleSet
    var rng: SplitMix64
    /// Percent of requests with one mistake in them.
    var faultPercent: UInt64 = 6

    private let zones: [String: TimeZone]
    private let calendar: Calendar
    private let coinConstants: [Int64]
    private var intConstants: [String: [Int64]] = [:]
    private var dateConstants: [String: [CivilDate]] = [:]

    static let yearStart: Int64 = 1_767_225_600   // 2026-01-01T00:00:00Z
    static let yearEnd: Int64 = 1_798_761_600     // 2027-01-01T00:00:00Z
    /// Monday 2025-12-29T00:00Z: weeks of 2026 are counted from it.
    static let firstMonday: Int64 = 1_766_966_400

    init(rules: RuleSet, seed: UInt64) {
        self.rules = rules
        rng = SplitMix64(seed: seed)
        var zones: [String: TimeZone] = ["UTC": TimeZone(identifier: "UTC")!]
        for region in rules.regions { zones[region.zone] = TimeZone(identifier: region.zone) }
        for promotion in rules.promotions {
            if case .named(let name)? = promotion.window?.zone { zones[name] = TimeZone(identifier: name) }
            if case .named(let name)? = promotion.weekly?.zone { zones[name] = TimeZone(identifier: name) }
        }
        self.zones = zones
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        self.calendar = calendar
        var coins: [Int64] = []
        var ints: [String: [Int64]] = [:]
        var dates: [String: [CivilDate]] = [:]
        func collect(_ condition: Condition) {
            switch condition.kind {
            case .and(let a, let b), .or(let a, let b): collect(a); collect(b)
            case .not(let a): collect(a)
            case .coins(_, let value): coins.append(value)
            case .userInt(let name, _, let value): ints[name, default: []].append(value)
            case .userDate(let name, _, let date): dates[name, default: []].append(date)
            default: break
            }
        }
        for promotion in rules.promotions { promotion.condition.map(collect) }
        coinConstants = coins
        intConstants = ints
        dateConstants = dates
    }

    // MARK: Pieces

    private mutating func chance(_ percent: UInt64) -> Bool { rng.next() % 100 < percent }

    private func offset(_ zone: String, _ instant: Int64) -> Int64 {
        Int64(zones[zone]!.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
    }

    /// The instant at which `zone` shows the wall-clock second count `wall` (for a
    /// time in a gap, one close to it).
    private func instant(wall: Int64, zone: String) -> Int64 {
        wall - offset(zone, wall - offset(zone, wall))
    }

    private func wallClock(_ value: DateTimeValue) -> Int64 {
        let components = DateComponents(year: value.date.year, month: value.date.month, day: value.date.day,
                                        hour: value.time.hour, minute: value.time.minute, second: value.time.second)
        return Int64(calendar.date(from: components)!.timeIntervalSince1970)
    }

    private func zoneName(_ reference: ZoneReference, _ region: Region) -> String {
        switch reference {
        case .local: region.zone
        case .named(let name): name
        }
    }

    /// An instant at (or a minute or a second around) the edge of some promotion's
    /// window or hours, as seen in `region`.
    private mutating func edgeInstant(region: Region) -> Int64 {
        let timed = rules.promotions.filter { $0.window != nil || $0.weekly != nil }
        guard !timed.isEmpty else { return rng.int(Self.yearStart...(Self.yearEnd - 1)) }
        let promotion = rng.pick(timed)
        let wall: Int64
        let zone: String
        if let window = promotion.window, promotion.weekly == nil || rng.bool() {
            zone = zoneName(window.zone, region)
            let start = wallClock(window.start)
            let end = wallClock(window.end) + (window.wholeDays ? 86_400 : 0)
            wall = rng.bool() ? start : end
        } else {
            let schedule = promotion.weekly!
            zone = zoneName(schedule.zone, region)
            let day = Int64(rng.pick(schedule.days.sorted()))
            let dayStart = Self.firstMonday + (rng.int(0...52) * 7 + day - 1) * 86_400
            let edge: Int64
            if let from = schedule.from, let to = schedule.to {
                edge = rng.bool() ? Int64(from) : Int64(to) + (to < from ? 86_400 : 0)
            } else {
                edge = rng.bool() ? 0 : 86_400
            }
            wall = dayStart + edge
        }
        return instant(wall: wall, zone: zone) + rng.pick([-3_600, -61, -60, -1, 0, 0, 0, 1, 59, 60, 3_600])
    }

    private mutating func instant(region: Region) -> Int64 {
        switch rng.next() % 100 {
        case 0..<30: return rng.int(Self.yearStart...(Self.yearEnd - 1))
        // The Black Friday weekend, a day either side: 2026-11-26 to 2026-12-01.
        case 30..<45: return rng.int(1_795_651_200...1_796_169_599)
        // A weekend, give or take half a day (any zone): from Friday 12:00Z to Monday 12:00Z.
        case 45..<60: return Self.firstMonday + rng.int(0...52) * 7 * 86_400 + 4 * 86_400 + 43_200 + rng.int(0...(3 * 86_400))
        // The two nights Europe changes its clocks: 2026-03-29 and 2026-10-25, 00:00Z–02:59Z.
        case 60..<64: return rng.pick([1_774_742_400, 1_792_886_400]) + rng.int(0...10_799)
        default: return edgeInstant(region: region)
        }
    }

    private mutating func userValue(_ attribute: UserAttribute) -> UserValue {
        switch attribute.kind {
        case .bool:
            return .bool(rng.bool())
        case .int(let range):
            let low = range?.lowerBound ?? 0
            let high = range?.upperBound ?? 1_000
            if let constants = intConstants[attribute.name], chance(60) {
                let value = rng.pick(constants) + rng.int(-1...1)
                return .int(Swift.min(Swift.max(value, low), high))
            }
            return .int(chance(70) ? rng.int(low...Swift.min(high, low + 30)) : rng.int(low...high))
        case .date:
            var days: Int64
            if let constants = dateConstants[attribute.name], chance(60) {
                let date = rng.pick(constants)
                days = (Int64(calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))!
                    .timeIntervalSince1970) / 86_400) + rng.int(-2...2)
            } else {
                days = rng.int(18_262...20_818)   // 2020-01-01 ... 2026-12-31
            }
            let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(days * 86_400)))
            return .date(CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!)
        case .oneOf(let values):
            return .value(rng.pick(values))
        case .text:
            return rng.bool() ? .value("u-\(rng.int(1...99))") : .int(rng.int(1...99))
        }
    }

    /// A code in a random case: `VIP2026`, `vip2026`, `Vip2026`, `vIP2026`.
    private mutating func recase(_ code: String) -> String {
        switch rng.next() % 4 {
        case 0: return code.uppercased()
        case 1: return code.lowercased()
        case 2: return code.prefix(1).uppercased() + code.dropFirst().lowercased()
        default: return String(code.enumerated().map { $0.offset % 2 == 0 ? Character($0.element.lowercased()) : Character($0.element.uppercased()) })
        }
    }

    // MARK: Requests

    mutating func next() -> QuoteRequest {
        let region = rng.pick(rules.regions)
        let custom = rules.customAmounts.first
        var item: QuoteRequest.Item
        var channel: String? = rules.channels.isEmpty ? nil : rng.pick(rules.channels).name
        if let custom, chance(30) {
            var amounts = [custom.minimumCoins, custom.maximumCoins, rng.int(custom.minimumCoins...Swift.min(custom.maximumCoins, 20_000)),
                           rng.int(custom.minimumCoins...custom.maximumCoins)]
            amounts += coinConstants.flatMap { [$0 - 1, $0, $0 + 1] }.filter { custom.minimumCoins <= $0 && $0 <= custom.maximumCoins }
            item = .coins(rng.pick(amounts))
            if !custom.channels.isEmpty { channel = rng.pick(custom.channels) }
        } else {
            item = .bundle(rng.pick(rules.bundles).name)
        }
        var user: [String: UserValue] = [:]
        for attribute in rules.userAttributes where chance(65) { user[attribute.name] = userValue(attribute) }
        var codes: [String] = []
        for promotion in rules.promotions {
            guard let code = promotion.code else { continue }
            if chance(50) { codes.append(recase(code)) } else if chance(20) { codes.append(code + "X") }
        }
        if chance(10) { codes.append("NOTACODE") }
        var redemptions: [String: Redemptions] = [:]
        for promotion in rules.promotions where promotion.totalLimit != nil || promotion.perUserLimit != nil {
            guard chance(60) else { continue }
            let total = promotion.totalLimit.map { rng.pick([0, $0 - 1, $0, $0 + 1, rng.int(0...$0)]) } ?? rng.int(0...1_000_000)
            let perUser = promotion.perUserLimit.map { rng.pick([0, 0, Swift.max(0, $0 - 1), $0, $0 + 1]) } ?? rng.int(0...3)
            redemptions[promotion.name] = Redemptions(total: total, perUser: perUser)
        }
        if chance(5) { redemptions["no_such_promotion"] = Redemptions(total: 5, perUser: 5) }
        var request = QuoteRequest(item: item, region: region.code, channel: channel, instant: instant(region: region),
                                   user: user, codes: codes, redemptions: redemptions, explain: chance(25))
        if chance(faultPercent) { addFault(&request) }
        return request
    }

    /// Exactly one mistake.
    private mutating func addFault(_ request: inout QuoteRequest) {
        switch rng.next() % 8 {
        case 0: request.region = rng.pick(["XX", "de", "USA"])
        case 1: request.item = .bundle(rng.pick(["coins_71", "Coins_70", "bundle"]))
        case 2:
            if rules.channels.isEmpty { request.channel = "tv" } else { request.channel = rng.pick(["tv", nil]) }
        case 3:
            guard let custom = rules.customAmounts.first else { fallthrough }
            request.item = .coins(rng.pick([custom.minimumCoins - 1, custom.maximumCoins + 1, 0]))
            if !custom.channels.isEmpty { request.channel = rng.pick(custom.channels) }
        case 4:
            guard let custom = rules.customAmounts.first, !custom.channels.isEmpty,
                  let other = rules.channels.first(where: { !custom.channels.contains($0.name) }) else { fallthrough }
            request.item = .coins(custom.minimumCoins + 10)
            request.channel = other.name
        case 5:
            request.user["no_such_attribute"] = .bool(true)
        default:
            guard let attribute = rules.userAttributes.isEmpty ? nil : rng.pick(rules.userAttributes) else {
                request.user["no_such_attribute"] = .int(1)
                return
            }
            switch attribute.kind {
            case .bool: request.user[attribute.name] = rng.pick([.int(1), .value("yes")])
            case .int(let range):
                request.user[attribute.name] = range.map { rng.pick([.int($0.upperBound + 1), .int($0.lowerBound - 1), .bool(true)]) } ?? .value("many")
            case .date: request.user[attribute.name] = rng.pick([.int(20_260_101), .value("2026-01-01")])
            case .oneOf: request.user[attribute.name] = rng.pick([.value("gold_plus"), .bool(false)])
            case .text: request.user[attribute.name] = rng.pick([.bool(false), .date(CivilDate(year: 2026, month: 1, day: 1)!)])
            }
        }
    }
}

/// The compiled price book against `ReferenceEvaluator`, a plain evaluator written
/// straight from the brief, on thousands of seeded random requests.
@Suite struct ReferenceEvaluatorPropertyTests {
    static let rulesDirectory = RepositoryPaths.sampleShop.path

    static func sampleShop() throws -> CompiledShop {
        let sources = try RulesDirectory.load(rulesDirectory)
        let result = Checker.check(sources, zones: SystemTimeZones())
        return CompiledShop(try #require(result.ruleSet, "\(result.diagnostics.map(\.message))"))
    }

    /// What a run saw, to show it reached every corner.
    struct Coverage {
        var applied: [String: Int] = [:]
        var errors: [QuoteErrorKind: Int] = [:]
        var discounted = 0
        var clipped = 0
        var customAmounts = 0
        var explained = 0
    }

    /// Compares both evaluators on `count` requests; returns the mismatches (at most
    /// `limit` of them, described) and what the run covered.
    static func compare(_ shop: CompiledShop, seed: UInt64, count: Int, limit: Int = 8) -> (mismatches: [String], coverage: Coverage) {
        let book = shop.book
        let reference = ReferenceEvaluator(shop)
        var generator = RequestGenerator(rules: shop.rules, seed: seed)
        var mismatches: [String] = []
        var coverage = Coverage()
        let walkOrder = shop.rules.promotions.sorted { a, b in a.priority != b.priority ? a.priority > b.priority : a.name < b.name }
            .map(\.name)
        for index in 0..<count {
            let request = generator.next()
            let result = book.quote(request)
            let compiled = ReferenceEvaluator.outcome(of: result)
            let expected = reference.evaluate(request)
            if compiled != expected, mismatches.count < limit {
                mismatches.append("#\(index) \(request)\n  compiled:  \(compiled)\n  reference: \(expected)")
            }
            switch result {
            case .failure(let error): coverage.errors[error.kind, default: 0] += 1
            case .success(let quote):
                for name in quote.applied { coverage.applied[name, default: 0] += 1 }
                if !quote.discounts.isEmpty { coverage.discounted += 1 }
                if case .coins = request.item { coverage.customAmounts += 1 }
                let sum = quote.discounts.reduce(0) { $0 + $1.amount.minorUnits }
                if sum != quote.list.minorUnits - quote.price.minorUnits, mismatches.count < limit {
                    mismatches.append("#\(index): discount lines sum to \(sum), list − price is \(quote.list.minorUnits - quote.price.minorUnits)")
                }
                // With --explain: every promotion, in walk order, and `applied` agrees with it.
                if let explanation = quote.explanation {
                    coverage.explained += 1
                    coverage.clipped += explanation.promotions.filter { $0.reason == .clippedByFloor }.count
                    let traced = explanation.promotions.map(\.promotion)
                    let appliedInTrace = explanation.promotions.filter(\.applied).map(\.promotion)
                    if (traced != walkOrder || appliedInTrace != quote.applied
                        || explanation.promotions.contains { $0.detail.isEmpty }), mismatches.count < limit {
                        mismatches.append("#\(index): trace \(explanation.promotions.map { "\($0.promotion):\($0.reason.rawValue)" }) vs applied \(quote.applied)")
                    }
                }
            }
        }
        return (mismatches, coverage)
    }

    // MARK: The reference itself, by hand

    @Test func theReferenceAgreesWithAHandComputedBlackFridayQuote() throws {
        let shop = try Self.sampleShop()
        let request = QuoteRequest(item: .bundle("coins_700"), region: "DE", channel: "web",
                                   instant: 1_795_860_000, // 2026-11-28T10:00:00Z, Saturday 11:00 in Berlin
                                   user: ["segment": .value("vip"), "purchases": .int(12)], codes: ["vip2026"])
        // list: 9.99 USD × web 75% × EUR 0.86 = 6.44355 EUR → `below 20.00: up 0.50 ending 0.49` → 6.49.
        // black_friday (priority 100, exclusive): 20% of 649 = 129.8 → 130; price 519. Nothing
        // else applies (the rest is cut). Tax 19% included: 519 × 19/119 = 82.87 → 83;
        // net 436; web fee 3% of 436 = 13.08 → 13; proceeds 423. Coins 700 + 100.
        let expected = ReferenceEvaluator.Outcome(
            item: "coins_700", currency: "EUR", list: 649, discounts: ["black_friday=130"], price: 519,
            coinsBase: 700, coinsBonus: 100, coinsTotal: 800, applied: ["black_friday"], taxRate: "19",
            taxIncluded: true, tax: 83, total: 519, proceeds: 423)
        #expect(ReferenceEvaluator(shop).evaluate(request) == .quote(expected))
        #expect(ReferenceEvaluator.outcome(of: shop.book.quote(request)) == .quote(expected))
    }

    @Test func theReferenceAgreesWithAHandComputedCustomAmountQuote() throws {
        let shop = try Self.sampleShop()
        // Wednesday 2026-06-17T12:00Z: no window is open. 5000 coins on web in US, VIP code.
        let request = QuoteRequest(item: .coins(5_000), region: "US", channel: "web", instant: 1_781_697_600,
                                   user: ["segment": .value("vip"), "purchases": .int(10)], codes: ["Vip2026"],
                                   redemptions: ["vip_code": Redemptions(total: 9_999, perUser: 0)])
        // list: 5000 × 0.0141 × 75% = 52.875 USD → half-even → 52.88 (5288).
        // Compound: vip_code (priority 0, "v" > "w"? no: "vip_code" < "web_saver") first:
        // 2.00 USD → 5088; web_saver 5% of the running 5088 = 254.4 → 254 → 4834.
        // Tax 7.25% added: 4834 × 0.0725 = 350.465 → 350; total 5184. Fee 3% of 4834 =
        // 145.02 → 145; proceeds 4689. Coins 5000, no bonus (not a weekend).
        let expected = ReferenceEvaluator.Outcome(
            item: "coins", currency: "USD", list: 5_288, discounts: ["vip_code=200", "web_saver=254"], price: 4_834,
            coinsBase: 5_000, coinsBonus: 0, coinsTotal: 5_000, applied: ["vip_code", "web_saver"], taxRate: "7.25",
            taxIncluded: false, tax: 350, total: 5_184, proceeds: 4_689)
        #expect(ReferenceEvaluator(shop).evaluate(request) == .quote(expected))
        #expect(ReferenceEvaluator.outcome(of: shop.book.quote(request)) == .quote(expected))
    }

    // MARK: The sample shop

    @Test func sampleShopAgreesWithTheReference() throws {
        let shop = try Self.sampleShop()
        let (mismatches, coverage) = Self.compare(shop, seed: 0x5EED_2026, count: 2_000)
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        // The run reached every promotion and every kind of mistake.
        for promotion in shop.rules.promotions {
            #expect(coverage.applied[promotion.name, default: 0] >= 10, "\(promotion.name): \(coverage.applied)")
        }
        for kind: QuoteErrorKind in [.unknownRegion, .unknownBundle, .unknownChannel, .missingChannel, .amountOutOfRange,
                                     .noCustomAmount, .unknownUserAttribute, .userAttributeType] {
            #expect(coverage.errors[kind, default: 0] >= 1, "\(kind): \(coverage.errors)")
        }
        #expect(coverage.customAmounts >= 200 && coverage.explained >= 300 && coverage.discounted >= 200)
    }

    // MARK: A shop that uses every clause

    /// Additive stacking with a high floor, explicit and channel prices, `price` in
    /// another currency on a grid, amount discounts, `list`, `currency` and market
    /// conditions, groups, an exclusive code with limits, named and local zones,
    /// hours past midnight, a date-time window across a clock change.
    static let everyClauseShop = """
        base currency USD
        stacking additive
        floor 55%
        rate EUR 0.92
        rate JPY 155
        rate KWD 0.307
        round EUR {
          below 5.00: nearest 0.10 ending 0.09
          else: nearest 1.00 ending 0.99
        }
        round JPY nearest 10
        region US: USD, tax 7.25% added, zone America/New_York
        region DE: EUR, tax 19% included, zone Europe/Berlin
        region FR: EUR, tax 20% included, zone Europe/Paris
        region JP: JPY, tax 10% included, zone Asia/Tokyo
        region KW: KWD, zone Asia/Kuwait
        region AU: USD, tax 10% included, zone Australia/Sydney, level 90%
        market eu: DE, FR
        channel ios: fee 30%
        channel web: fee 3%, level 75%
        user tier: one of bronze, silver, gold
        user orders: int 0 to 500
        user member: bool
        user joined: date
        bundle s: 70 coins, 0.99 USD
        bundle m: 700 coins, 9.99 USD, bonus 100 coins
        bundle l: 3_500 coins, 49.99 USD, bonus 800 coins
        price m in JP on ios: 1_600 JPY
        price s in eu on web: 0.79 EUR
        custom coins: 30 to 100_000, 0.0141 USD each, on web

        promotion spring_night {
          during 2026-03-28T22:00 to 2026-03-29T04:00 Europe/Berlin
          discount 15%
          group seasonal
          priority 20
        }
        promotion summer_sale {
          during 2026-06-01 to 2026-08-31 local
          discount 10%
          group seasonal
          priority 20
        }
        promotion night_owl {
          every fri, sat from 22:00 to 02:00 local
          bonus 7%
          priority 5
        }
        promotion gold_price {
          when user.tier == gold and bundle == l
          price 29.99 USD
          priority 30
        }
        promotion eu_amount {
          when region in eu and list >= 5.00 EUR
          discount 1.50 EUR
          priority 10
        }
        promotion member_bonus {
          when user.member and not (user.orders > 100)
          bonus 25 coins
          group loyalty
        }
        promotion veteran {
          when user.joined < 2025-01-01 or user.orders >= 200
          bonus 12.5%
          group loyalty
          priority 1
        }
        promotion flash {
          code "Flash50"
          discount 50%
          limit 500, 2 per user
          exclusive
          priority 25
        }
        promotion weekday_web {
          when channel == web and currency in [USD, JPY]
          every mon, tue, wed, thu UTC
          discount 5%
        }
        promotion big_spender {
          when coins >= 3_500 or bundle == coins
          discount 0.99 USD
          priority 3
        }
        promotion kuwait {
          when region == KW and user.tier in [silver, gold]
          price 1.000 KWD
          priority 2
        }
        promotion late_autumn {
          during 2026-10-25 to 2026-11-01 Asia/Tokyo
          every sun
          discount 20%
          priority 4
          exclusive
        }

        """

    static func everyClauseCompiled(_ extra: String = "") throws -> CompiledShop {
        var sources = SourceMap()
        sources.add(path: "every.coin", text: everyClauseShop + extra)
        let result = Checker.check(sources, zones: SystemTimeZones())
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map { "\($0.code.rawValue) \($0.message)" })")
        return CompiledShop(try #require(result.ruleSet))
    }

    @Test func aShopUsingEveryClauseAgreesWithTheReference() throws {
        let shop = try Self.everyClauseCompiled()
        let (mismatches, coverage) = Self.compare(shop, seed: 0xA11_C1A05E, count: 3_000)
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        for promotion in shop.rules.promotions {
            #expect(coverage.applied[promotion.name, default: 0] >= 5, "\(promotion.name): \(coverage.applied)")
        }
        #expect(coverage.clipped >= 5, "the floor was never reached: \(coverage.clipped)")
    }

    /// Two cases where the compiled evaluator once went wrong, and the reference found
    /// it: a promotion with both `discount P%` and `bonus Q%`, and `!=` on a `one of`
    /// attribute the request does not carry. They agree now.
    @Test func theReferenceAgreesOnOnceBrokenCases() throws {
        let shop = try Self.everyClauseCompiled("""
            promotion combo {
              when bundle == m
              discount 5%
              bonus 20%
            }
            promotion not_bronze {
              when user.tier != bronze
              bonus 3 coins
            }
            """)
        let (mismatches, _) = Self.compare(shop, seed: 0xB065, count: 1_000, limit: 3)
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }
}
