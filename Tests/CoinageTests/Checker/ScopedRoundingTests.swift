@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageEngine
import CoinageFormat
import CoinageSyntax
import Testing

/// Rounding rules scoped like explicit prices (`round USD on web ...`): the most
/// specific wins, an explicit price is judged by its own scope's grid, and the
/// checker refuses a scope that never prices in the rule's currency.
@Suite struct ScopedRoundingTests {
    typealias F = PricingFixtures

    /// A cheering shop in the Twitch style: in-app prices end in .99, web prices
    /// are round nickels, and one region's web prices have a grid of their own.
    static let shop = """
        region CA: USD, tax 5% added
        region GB: GBP, tax 20% included
        market northamerica: US, CA
        rate GBP 0.8
        channel ios: fee 30%, level 130%
        channel web: fee 3%
        bundle bits_100: 100 coins, 1.40 USD
        bundle bits_1500: 1_500 coins, 19.95 USD
        bundle bits_5000: 5_000 coins, 64.40 USD
        round USD nearest 1.00 ending 0.99
        round USD on web nearest 0.05
        round USD in CA on web nearest 0.10
        round GBP in GB on ios up 1.00 ending 0.99
        price bits_100 in US on web: 1.40 USD
        price bits_1500 in northamerica on ios: 25.99 USD
        """

    static func book() throws -> (rules: RuleSet, book: PriceBook) {
        let rules = try #require(ruleSet(shop))
        return (rules, PriceBook(rules))
    }

    /// Each cell's list price and the rule that made it: region and channel beat the
    /// channel, the channel beats the currency's own rule, and a region with no rule
    /// of its currency rounds half-even to the minor unit.
    @Test(arguments: [
        // 19.95 × 130% = 25.935 USD: the currency's own grid, .99 endings.
        ("bits_1500", "CA", "ios", Money(minorUnits: 2_599, currency: F.usd)),
        // 64.40 × 130% = 83.72 USD → 83.99.
        ("bits_5000", "US", "ios", Money(minorUnits: 8_399, currency: F.usd)),
        // The web's nickel grid, not the .99 one: 19.95 stays 19.95.
        ("bits_1500", "US", "web", Money(minorUnits: 1_995, currency: F.usd)),
        // CA on web has its own dime grid: 19.95 → 20.00 (a tie goes up).
        ("bits_1500", "CA", "web", Money(minorUnits: 2_000, currency: F.usd)),
        // GB on ios: 64.40 × 130% × 0.8 = 66.976 GBP, up to the next .99: 66.99.
        ("bits_5000", "GB", "ios", Money(minorUnits: 6_699, currency: Currency(code: "GBP", exponent: 2))),
        // GB on web has no GBP rule: 64.40 × 0.8 = 51.52 GBP, to the penny.
        ("bits_5000", "GB", "web", Money(minorUnits: 5_152, currency: Currency(code: "GBP", exponent: 2))),
    ])
    func theMostSpecificRuleRounds(bundle: String, region: String, channel: String, expected: Money) throws {
        let (_, book) = try Self.book()
        #expect(F.list(book, bundle, region, channel) == expected)
    }

    /// Derived on demand past the precomputed table, every cell has the price the
    /// table holds: regions and channels that a scoped rule sets apart price apart.
    @Test func derivedOnDemandEqualsThePrecomputedTable() throws {
        let (rules, book) = try Self.book()
        let onDemand = PriceBook(rules, maxPrecomputedCells: 0, maxListedCandidates: 0)
        #expect(book.prices.precomputed && !onDemand.prices.precomputed)
        for bundle in rules.bundles {
            for region in rules.regions {
                for channel in rules.channels {
                    #expect(F.list(book, bundle.name, region.code, channel.name) == F.list(onDemand, bundle.name, region.code, channel.name),
                            "\(bundle.name) in \(region.code) on \(channel.name)")
                }
            }
        }
    }

    /// `price bits_100 in US on web: 1.40 USD` is on the US web grid (nickels), so it
    /// never warns though it is off the currency's .99 grid; the market price on
    /// ios is judged by the .99 grid and is on it too. A price off its own scope's
    /// grid still warns, and the note names that grid.
    @Test func anExplicitPriceIsJudgedByItsOwnScopesGrid() throws {
        let (rules, _) = try Self.book()
        #expect(CatalogLints.offGridPrices(rules).isEmpty)

        let off = try #require(ruleSet(Self.shop + "\nprice bits_5000 in CA on web: 64.45 USD\n"))
        let warnings = CatalogLints.offGridPrices(off)
        #expect(warnings.count == 1)
        let warning = try #require(warnings.first)
        #expect(warning.code == .priceOffGrid)
        #expect(warning.notes.first?.message.hasPrefix("the USD in CA on web grid") == true)
        #expect(warning.help?.contains("`64.40 USD` or `64.50 USD`") == true)
    }

    @Test func aScopeThatPricesInAnotherCurrencyIsAnError() {
        let result = check(Self.shop + "\nround EUR in GB nearest 0.10\n")
        #expect(result.ruleSet == nil)
        let diagnostic = result.diagnostics.first { $0.code == .explicitPriceWrongCurrency }
        #expect(diagnostic?.message == "the rounding of EUR is scoped to region `GB`, which prices in GBP")
        #expect(diagnostic?.help?.contains("round GBP in GB") == true)
    }

    @Test func unknownPlacesAndDuplicatesAreReported() {
        let unknown = check(Self.shop + "\nround USD on android nearest 0.10\nround USD in FR nearest 0.10\n")
        #expect(unknown.diagnostics.contains { $0.code == .unknownChannel })
        #expect(unknown.diagnostics.contains { $0.code == .unknownRegion })
        let twice = check(Self.shop + "\nround USD on web nearest 0.25\n")
        #expect(twice.diagnostics.contains { $0.code == .duplicateDeclaration && $0.message.contains("`USD on web`") })
    }

    /// The formatter writes the scope back as it was written, single and tiered.
    @Test func scopedRulesFormatAsWritten() throws {
        let text = """
            round USD on web    nearest 0.05
            round GBP in GB on ios {
              below 10.00: up 1.00 ending 0.99
              else: up 5.00 ending 4.99
            }

            """
        guard case .formatted(let formatted) = RuleFormatter.format(SourceFile(id: SourceFileID(0), path: "f.coin", text: text)) else {
            Issue.record("the scoped rules did not format")
            return
        }
        #expect(formatted.hasPrefix("round USD on web nearest 0.05\nround GBP in GB on ios {\n"))
    }
}
