@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageRuleTests
import CoinageSyntax
import CoinageTestSupport
import Testing

/// Invariants over many generated rule sets and requests.
@Suite struct PricingPropertyTests {
    typealias F = PricingFixtures

    /// `significand / 10^scale` as rule text: `4.99`, `160`, `0.050`.
    static func text(_ significand: Int64, scale: Int) -> String {
        ExactDecimal(significand: significand, scale: scale).description
    }

    /// A random percentage other than 100% (which the checker calls redundant), 1% to 300%,
    /// often with decimals, up to the 6 the checker allows.
    static func level(_ random: inout SplitMix64) -> (text: String, fraction: Fraction)? {
        guard random.int(0 ... 3) != 0 else { return nil }
        let scale = Int(random.int(0 ... 6))
        var power: Int64 = 1
        for _ in 0 ..< scale { power *= 10 }
        var significand = random.int(power ... 300 * power)
        if significand == 100 * power { significand += 1 }
        return (text(significand, scale: scale) + "%", Fraction(UInt64(significand), UInt64(power) * 100)!)
    }

    // MARK: Derived prices sit on their grid

    /// One generated grid: `mode step [ending e]` in minor units.
    struct GeneratedGrid {
        var grid: RoundingGrid
        func text(exponent: Int) -> String {
            var text = "\(grid.mode.rawValue) \(PricingPropertyTests.text(grid.step, scale: exponent))"
            if grid.ending != 0 { text += " ending \(PricingPropertyTests.text(grid.ending, scale: exponent))" }
            return text
        }
    }

    static func randomGrid(_ random: inout SplitMix64) -> RoundingGrid {
        let step = random.pick([Int64(1), 5, 10, 50, 100, 250, 1000, random.int(1 ... 5000)])
        let ending = random.bool() ? 0 : random.int(0 ... step - 1)
        return RoundingGrid(mode: random.pick([.nearest, .up, .down]), step: step, ending: ending)
    }

    /// Checks that `price` is where rounding `value` onto `grid` must land: an oracle written
    /// independently of `RoundingGrid.round`, comparing candidates with the exact value.
    static func onGrid(_ price: Int64, value: Fraction, grid: RoundingGrid) -> String? {
        let step = grid.step, ending = grid.ending
        guard price > 0 else { return "price \(price) is not positive" }
        guard price >= ending, (price - ending) % step == 0 else {
            return "price \(price) is not k × \(step) + \(ending)"
        }
        /// -1, 0, 1 as `candidate` is below, at, above `value`.
        func compare(_ candidate: Int64) -> Int {
            guard candidate >= 0 else { return -1 }
            let c = Fraction(UInt64(candidate))
            return c < value ? -1 : (value < c ? 1 : 0)
        }
        let first = ending > 0 ? ending : step
        if compare(first) > 0 {
            // below the first positive candidate: always that candidate, whatever the mode
            return price == first ? nil : "value \(value) < first candidate \(first), got \(price)"
        }
        let lower = price - step, upper = price + step
        switch grid.mode {
        case .up:
            // the smallest candidate ≥ value
            guard compare(price) >= 0, lower < first || compare(lower) < 0 else { return "up: \(price) for \(value)" }
        case .down:
            // the largest candidate ≤ value
            guard compare(price) <= 0, compare(upper) > 0 else { return "down: \(price) for \(value)" }
        case .nearest:
            // nearest, a tie going up: price − step/2 ≤ value < price + step/2, i.e.
            // 2·price − step ≤ 2·value < 2·price + step
            guard let twice = try? value.multiplied(by: 2) else { return "value too large for the oracle" }
            let low = 2 * price - step, high = 2 * price + step
            let lowOK = low <= 0 || !(twice < Fraction(UInt64(low)))
            let highOK = twice < Fraction(UInt64(high))
            guard lowOK, highOK else { return "nearest: \(price) for \(value)" }
        }
        return nil
    }

    @Test func derivedPricesLieOnTheirGrid() throws {
        var random = SplitMix64(seed: 0xC01_4A6E)
        let currencies: [(code: String, exponent: Int)] = [("EUR", 2), ("JPY", 0), ("KWD", 3), ("INR", 2), ("CHF", 2)]
        var cellsChecked = 0
        var beyond64Bits = 0
        for caseNumber in 0 ..< 100 {
            let currency = random.pick(currencies)
            let exponent = currency.exponent
            // rate: 0.0001 to 2000 with up to 4 decimals
            let rateScale = Int(random.int(0 ... 4))
            var ratePower: Int64 = 1
            for _ in 0 ..< rateScale { ratePower *= 10 }
            let rateSignificand = random.int(1 ... 2000 * ratePower)
            let rate = Fraction(UInt64(rateSignificand), UInt64(ratePower))!
            let regionLevel = Self.level(&random)
            let channelLevel = Self.level(&random)
            // grid: single or 2 to 4 tiers
            var ruleText: String
            let rule: RoundingRule
            if random.bool() {
                let grid = Self.randomGrid(&random)
                rule = .single(grid)
                ruleText = "round \(currency.code) \(GeneratedGrid(grid: grid).text(exponent: exponent))"
            } else {
                var tiers: [RoundingRule.RoundingTier] = []
                var bound: Int64 = 0
                ruleText = "round \(currency.code) {\n"
                for _ in 0 ..< random.int(1 ... 3) {
                    bound += random.int(1 ... 100_000)
                    let grid = Self.randomGrid(&random)
                    tiers.append(.init(below: bound, grid: grid))
                    ruleText += "  below \(Self.text(bound, scale: exponent)): \(GeneratedGrid(grid: grid).text(exponent: exponent))\n"
                }
                let last = Self.randomGrid(&random)
                tiers.append(.init(below: nil, grid: last))
                ruleText += "  else: \(GeneratedGrid(grid: last).text(exponent: exponent))\n}"
                rule = .tiers(tiers)
            }
            var body = """
                rate \(currency.code) \(Self.text(rateSignificand, scale: rateScale))
                \(ruleText)
                region CH: \(currency.code)\(regionLevel.map { ", level \($0.text)" } ?? "")
                channel store
                channel web\(channelLevel.map { ": level \($0.text)" } ?? "")

                """
            var bases: [String: Int64] = [:]
            for b in 0 ..< 5 {
                let base = random.pick([random.int(1 ... 999), random.int(1 ... 99_999), random.int(1 ... 10_000_000)])
                bases["b\(b)"] = base
                body += "bundle b\(b): \(b + 1)0 coins, \(Self.text(base, scale: 2)) USD\n"
            }
            let channelPrice = random.int(1 ... 99_999)
            body += "price b0 on web: \(Self.text(channelPrice, scale: 2)) USD\n"

            let result = check(body)
            let rules = try #require(result.ruleSet, "case \(caseNumber): \(result.diagnostics.map(\.message))\n\(body)")
            #expect(rules.roundingRules[currency.code] == rule, "case \(caseNumber)")
            let book = PriceBook(rules)
            for (bundle, base) in bases.sorted(by: { $0.key < $1.key }) {
                for channel in ["store", "web"] {
                    // value in minor units = start × (channel level) × rate × region level × 10^exponent,
                    // multiplied in the engine's order. With 6-decimal levels and a 4-decimal rate the
                    // denominator reaches 10^22: beyond 64 bits, always within 128.
                    let fromChannelPrice = bundle == "b0" && channel == "web"
                    var value = Fraction(UInt64(fromChannelPrice ? channelPrice : base), 100)!
                    if !fromChannelPrice, channel == "web", let channelLevel { value = try value.multiplied(by: channelLevel.fraction) }
                    value = try value.multiplied(by: rate)
                    if let regionLevel { value = try value.multiplied(by: regionLevel.fraction) }
                    var power: UInt64 = 1
                    for _ in 0 ..< exponent { power *= 10 }
                    value = try value.multiplied(by: power)
                    if value.numerator > Fraction.Part(UInt64.max) || value.denominator > Fraction.Part(UInt64.max) {
                        beyond64Bits += 1
                    }
                    let quote = book.quote(QuoteRequest(item: .bundle(bundle), region: "CH", channel: channel, instant: PricingFixtures.instant))
                    let grid: RoundingGrid
                    switch rule {
                    case .single(let single): grid = single
                    case .tiers(let tiers): grid = tiers.first { $0.below.map { value < Fraction(UInt64($0)) } ?? true }!.grid
                    }
                    guard case .success(let q) = quote else {
                        Issue.record("case \(caseNumber) \(bundle) \(channel): \(quote)\n\(body)")
                        continue
                    }
                    if let problem = Self.onGrid(q.list.minorUnits, value: value, grid: grid) {
                        Issue.record("case \(caseNumber) \(bundle) on \(channel): \(problem)\n\(body)")
                    }
                    cellsChecked += 1
                }
            }
        }
        // 100 rule sets × 5 bundles × 2 channels: every cell quotes, on its grid, including the
        // many whose exact value needs more than 64 bits.
        #expect(cellsChecked == 1000)
        #expect(beyond64Bits >= 50, "only \(beyond64Bits) cells needed more than 64 bits")
    }

    // MARK: Tax + net == total

    /// A random percentage from 0% to `high`%, with 0 to 6 decimals: its text, and its value in
    /// millionths of a percent (hundred-millionths of one).
    static func percent(_ random: inout SplitMix64, upTo high: Int64) -> (text: String, millionths: Int64) {
        let scale = Int(random.int(0 ... 6))
        var power: Int64 = 1
        for _ in 0 ..< scale { power *= 10 }
        let significand = random.int(0 ... high * power)
        return (text(significand, scale: scale), significand * (1_000_000 / power))
    }

    @Test func taxPlusNetIsTotalToTheMinorUnit() throws {
        var random = SplitMix64(seed: 7_250)
        let regions = ["DE", "FR", "IT", "ES", "NL"]
        let currencies: [(code: String, exponent: Int)] = [("USD", 2), ("EUR", 2), ("JPY", 0), ("KWD", 3)]
        var checked = 0
        for caseNumber in 0 ..< 100 {
            // fee 0% to 50% with up to 6 decimals
            let fee = Self.percent(&random, upTo: 50)
            var body = "rate EUR 0.92\nrate JPY 150\nrate KWD 0.307\nchannel shop: fee \(fee.text)%\n"
            body += "bundle b: 1 coin, 1.00 USD\n"
            var cases: [(region: String, price: Int64, taxMillionths: Int64, included: Bool)] = []
            for region in regions {
                let currency = random.pick(currencies)
                let tax = Self.percent(&random, upTo: 99)               // 0% to 99%, up to 6 decimals
                let included = random.bool()
                // up to 4×10^18 minor units: with 99% added, the total still fits Int64
                let price = random.pick([random.int(1 ... 999), random.int(1 ... 1_000_000_000),
                                         random.int(1 ... 4_000_000_000_000_000_000)])
                body += "region \(region): \(currency.code), tax \(tax.text)% \(included ? "included" : "added")\n"
                body += "price b in \(region): \(Self.text(price, scale: currency.exponent)) \(currency.code)\n"
                cases.append((region, price, tax.millionths, included))
            }
            let result = check(body)
            let rules = try #require(result.ruleSet, "case \(caseNumber): \(result.diagnostics.map(\.message))\n\(body)")
            let book = PriceBook(rules)
            for c in cases {
                let q = try book.quote(QuoteRequest(item: .bundle("b"), region: c.region, channel: "shop", instant: PricingFixtures.instant)).get()
                // Reference, with 128-bit integers: r = t / 10^8.
                //   included: tax = price × t / (10^8 + t); added: tax = price × t / 10^8
                let price = Int128(c.price), t = Int128(c.taxMillionths)
                let tax = Self.halfEven(price * t, c.included ? 100_000_000 + t : 100_000_000)
                let total = c.included ? price : price + tax
                let net = c.included ? total - tax : price
                // fee = net × f / 10^8 (f in millionths of a percent)
                let proceeds = net - Self.halfEven(net * Int128(fee.millionths), 100_000_000)
                let context = "case \(caseNumber) \(c) fee \(fee.text)%"
                #expect(q.price.minorUnits == c.price, "\(context)")
                #expect(Int128(q.tax.amount.minorUnits) == tax, "\(context)")
                #expect(Int128(q.total.minorUnits) == total, "\(context)")
                #expect(Int128(q.tax.amount.minorUnits) + net == Int128(q.total.minorUnits), "\(context)")
                #expect(Int128(q.proceeds.minorUnits) == proceeds, "\(context)")
                checked += 1
            }
        }
        #expect(checked == 500)
    }

    /// `n / d` rounded half-even, for non-negative `n` and positive `d`.
    static func halfEven(_ n: Int128, _ d: Int128) -> Int128 {
        let q = n / d, r = n % d
        if 2 * r > d || (2 * r == d && q % 2 == 1) { return q + 1 }
        return q
    }

    // MARK: The sample shop

    static let instant = PricingFixtures.instant

    /// Every bundle × region × channel of the sample shop, and three custom amounts per region on web.
    static func sampleRequests(_ rules: RuleSet, seed: UInt64) -> [QuoteRequest] {
        var random = SplitMix64(seed: seed)
        var requests: [QuoteRequest] = []
        for bundle in rules.bundles {
            for region in rules.regions {
                for channel in rules.channels {
                    requests.append(QuoteRequest(item: .bundle(bundle.name), region: region.code, channel: channel.name,
                                                 instant: instant))
                }
            }
        }
        for region in rules.regions {
            for _ in 0 ..< 3 {
                requests.append(QuoteRequest(item: .coins(random.int(30 ... 2_500_000)), region: region.code, channel: "web",
                                             instant: instant))
            }
        }
        return requests
    }

    @Test func everyCellOfTheSampleShopQuotes() throws {
        let shop = try F.sampleShop()
        let book = shop.book
        let requests = Self.sampleRequests(shop.rules, seed: 70)
        // 7 bundles × 37 regions × 3 channels = 777, plus 37 × 3 custom amounts = 111
        #expect(shop.rules.bundles.count == 7 && shop.rules.regions.count == 37 && shop.rules.channels.count == 3)
        #expect(requests.count == 888)
        for request in requests {
            switch book.quote(request) {
            case .success(let q):
                #expect(q.list.minorUnits > 0, "\(request)")
                #expect(q.list.currency == shop.rules.region(request.region)?.currency, "\(request)")
                #expect(q.tax.amount.minorUnits >= 0 && q.proceeds.minorUnits > 0, "\(request)")
                let net = q.tax.included ? q.total.minorUnits - q.tax.amount.minorUnits : q.price.minorUnits
                #expect(q.tax.amount.minorUnits + net == q.total.minorUnits, "\(request)")
            case .failure(let error):
                Issue.record("\(request): \(error)")
            }
        }
        // Every derived list price of the sample shop sits on its currency's grid, on the tier
        // its unrounded value chooses.
        var derivedOnGrid = 0
        for request in requests {
            guard case .bundle(let bundle) = request.item,
                  let explanation = book.explainListPrice(bundle: bundle, region: request.region, channel: request.channel)
            else { continue }
            switch explanation.source {
            case .derivedFromBase, .derivedFromChannelPrice: break
            case .explicit, .channelPriceAsWritten, .pricePoints: continue
            }
            let currency = explanation.price.currency
            guard let rule = shop.rules.roundingRules[currency.code] else {
                #expect(explanation.rounding == .halfEvenToMinorUnit, "\(request)")
                continue
            }
            let last = try #require(explanation.steps.last)
            let value = try #require(last.value.multiplied(by: UInt64(currency.minorUnitsPerMajor)).fraction)
            let grid: RoundingGrid = switch rule {
            case .single(let single): single
            case .tiers(let tiers): tiers.first { $0.below.map { value < Fraction(UInt64($0)) } ?? true }!.grid
            }
            guard case .grid(let result) = explanation.rounding else {
                Issue.record("\(request): \(currency.code) has a rule, rounding was \(explanation.rounding)")
                continue
            }
            #expect(result.grid == grid, "\(request)")
            if let problem = Self.onGrid(explanation.price.minorUnits, value: value, grid: grid) {
                Issue.record("\(request): \(problem)")
            }
            #expect(try book.quote(request).get().list == explanation.price, "\(request)")
            derivedOnGrid += 1
        }
        #expect(derivedOnGrid > 600)
    }

    @Test func quotesAreIdenticalAcrossRunsAndConcurrentTasks() async throws {
        let shop = try F.sampleShop()
        let book = shop.book
        let requests = Self.sampleRequests(shop.rules, seed: 0x5EED)
        let first = requests.map { book.quote($0) }
        let second = requests.map { book.quote($0) }
        #expect(first == second)
        // A second price book from the same rules quotes the same.
        let rebuilt = try F.sampleShop().book
        #expect(rebuilt.contentHash == book.contentHash)
        #expect(requests.map { rebuilt.quote($0) } == first)
        // 8 tasks quote everything at once, each in its own order.
        let results = await withTaskGroup(of: [Result<Quote, QuoteError>].self) { group in
            for task in 0 ..< 8 {
                group.addTask {
                    let order = task % 2 == 0 ? Array(requests.indices) : Array(requests.indices.reversed())
                    var out = [Result<Quote, QuoteError>?](repeating: nil, count: requests.count)
                    for index in order { out[index] = book.quote(requests[index]) }
                    return out.map { $0! }
                }
            }
            var all: [[Result<Quote, QuoteError>]] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 8)
        for result in results { #expect(result == first) }
    }
}
