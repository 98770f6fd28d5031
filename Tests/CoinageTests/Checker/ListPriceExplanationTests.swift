@testable import CoinageChecker
@testable import CoinageEngine
import Testing

/// The explanation of a list price, as a table: where the price came from, the steps
/// of its derivation (labels and exact running values) and the rounding that ended it.
extension ListPriceTests {
    /// Where an explained price must come from.
    enum Source: Sendable {
        case derivedFromBase
        case explicit(ExplicitPrice.Scope, channel: String?)
        case channelPriceAsWritten
        case derivedFromChannelPrice

        func matches(_ source: ListPriceExplanation.Source) -> Bool {
            switch (self, source) {
            case (.derivedFromBase, .derivedFromBase), (.channelPriceAsWritten, .channelPriceAsWritten),
                 (.derivedFromChannelPrice, .derivedFromChannelPrice):
                true
            case (.explicit(let scope, let channel), .explicit(let price)):
                price.scope == scope && price.channel == channel
            default:
                false
            }
        }
    }

    /// The rounding an explanation must end with.
    enum Rounding: Sendable {
        case none, halfEvenToMinorUnit
        case grid(RoundingGrid)

        func matches(_ rounding: ListPriceExplanation.Rounding) -> Bool {
            switch (self, rounding) {
            case (.none, .none), (.halfEvenToMinorUnit, .halfEvenToMinorUnit): true
            case (.grid(let expected), .grid(let result)): result.grid == expected
            default: false
            }
        }
    }

    /// One explained cell; `nil` fields are not asserted for that row.
    struct Explained: Sendable, CustomTestStringConvertible {
        let rules: String
        let bundle: String
        let region: String
        let channel: String?
        let source: Source
        var labels: [String]? = nil
        var values: [Fraction?]? = nil
        var rounding: Rounding? = nil

        var testDescription: String { "\(bundle) in \(region) on \(channel ?? "no channel")" }
    }

    static let explained: [Explained] = [
        // steps: base 9.99, then × 75% = 7.4925 (no rate step: USD is the base; no region level)
        Explained(rules: shop, bundle: "coins_700", region: "US", channel: "web", source: .derivedFromBase,
                  labels: ["base price of coins_700", "channel web level 75%"],
                  values: [Fraction(999, 100)!, Fraction(74925, 10000)!], rounding: .halfEvenToMinorUnit),
        // steps: 9.99 → × 75% = 7.4925 → × 150 = 1123.875, rounded on JPY's grid
        Explained(rules: shop, bundle: "coins_700", region: "JP", channel: "web", source: .derivedFromBase,
                  labels: ["base price of coins_700", "channel web level 75%", "rate JPY 150"],
                  values: [Fraction(999, 100)!, Fraction(74925, 10000)!, Fraction(8991, 8)!],
                  rounding: .grid(RoundingGrid(mode: .nearest, step: 10, ending: 0))),
        // base → channel level → rate → region level, in that order:
        // 9.99 → 7.4925 → 629.37 → 377.622
        Explained(rules: shop, bundle: "coins_700", region: "IN", channel: "web", source: .derivedFromBase,
                  labels: ["base price of coins_700", "channel web level 75%", "rate INR 84", "region IN level 60%"],
                  values: [Fraction(999, 100)!, Fraction(74925, 10000)!, Fraction(62937, 100)!, Fraction(377622, 1000)!]),
        // An explicit region price: no steps, no rounding.
        Explained(rules: shop, bundle: "coins_70", region: "KW", channel: "web", source: .explicit(.region("KW"), channel: nil),
                  labels: [], values: [], rounding: Rounding.none),
        Explained(rules: specificity, bundle: "b", region: "US", channel: "web", source: .channelPriceAsWritten),
        // 5.00 USD → × 0.92 = 4.60 EUR, without the channel level
        Explained(rules: specificity, bundle: "b", region: "NL", channel: "web", source: .derivedFromChannelPrice,
                  values: [Fraction(5), Fraction(46, 10)!]),
        Explained(rules: specificity, bundle: "b", region: "NL", channel: "ios", source: .derivedFromBase),
    ]

    @Test(arguments: explained)
    func explanation(_ row: Explained) throws {
        let book = try #require(F.book(row.rules))
        let explanation = try #require(book.explainListPrice(bundle: row.bundle, region: row.region, channel: row.channel))
        #expect(row.source.matches(explanation.source), "source: \(explanation.source)")
        if let labels = row.labels { #expect(explanation.steps.map(\.label) == labels) }
        if let values = row.values { #expect(explanation.steps.map(\.value.fraction) == values) }
        if let rounding = row.rounding { #expect(rounding.matches(explanation.rounding), "rounding: \(explanation.rounding)") }
        // The explanation's price is the price a quote lists.
        #expect(explanation.price == F.list(book, row.bundle, row.region, row.channel))
    }

    @Test func aKWDPriceIsWrittenWithThreeDecimals() throws {
        let book = try #require(F.book(Self.shop))
        #expect(F.list(book, "coins_700", "KW", "web")?.description == "2.300 KWD")
    }

    /// A cell asked of `explainListPrice`, and the price it explains (`nil`: no explanation).
    struct Explainable: Sendable, CustomTestStringConvertible {
        let rules: String
        let bundle: String
        let region: String
        let channel: String?
        let price: Money?

        var testDescription: String { "\(bundle) in \(region) on \(channel ?? "no channel")" }

        init(_ rules: String, _ bundle: String, _ region: String, _ channel: String?, _ price: Money?) {
            (self.rules, self.bundle, self.region, self.channel, self.price) = (rules, bundle, region, channel, price)
        }
    }

    /// `explainListPrice` answers only for cells a quote would price: `nil` for an
    /// unknown bundle, region or channel, and for a missing channel where the rules
    /// declare channels.
    static let explainable: [Explainable] = [
        // control: a declared channel
        Explainable(shop, "coins_700", "DE", "web", Money(minorUnits: 699, currency: F.eur)),
        // an unknown channel, even one a typo away; a missing one where the rules declare channels
        Explainable(shop, "coins_700", "DE", "wbe", nil),
        Explainable(shop, "coins_700", "DE", "android", nil),
        Explainable(shop, "coins_700", "DE", nil, nil),
        // an explicit price does not change that: coins_70 in JP is 160 JPY on every channel
        Explainable(shop, "coins_70", "JP", "ios", Money(minorUnits: 160, currency: F.jpy)),
        Explainable(shop, "coins_70", "JP", "unknown", nil),
        Explainable(shop, "coins_70", "JP", nil, nil),
        // an unknown bundle or region
        Explainable(shop, "coins_7000", "DE", "web", nil),
        Explainable(shop, "coins_700", "FR", "web", nil),
        // Where the rules declare no channels, no channel is the only one: any name is unknown.
        Explainable("bundle b: 1 coin, 1.25 USD", "b", "US", nil, Money(minorUnits: 125, currency: F.usd)),
        Explainable("bundle b: 1 coin, 1.25 USD", "b", "US", "web", nil),
    ]

    @Test(arguments: explainable)
    func explainListPriceOnlyForPricedCells(_ row: Explainable) throws {
        let book = try #require(F.book(row.rules))
        #expect(book.explainListPrice(bundle: row.bundle, region: row.region, channel: row.channel)?.price == row.price)
    }

    @Test func eachNilExplanationMatchesARefusedQuote() throws {
        let book = try #require(F.book(Self.shop))
        let request = { (channel: String?) in
            book.quote(QuoteRequest(item: .bundle("coins_700"), region: "DE", channel: channel, instant: PricingFixtures.instant))
        }
        guard case .failure(let unknown) = request("wbe"), case .failure(let missing) = request(nil) else {
            Issue.record("quotes with an unknown or missing channel must fail")
            return
        }
        #expect(unknown.kind == .unknownChannel && missing.kind == .missingChannel)
    }
}
