import Coinage
import CoinageAnalysis
import CoinageChecker
import CoinageEngine
import CoinageFoundation
import CoinageSyntax

/// Small rule sets with an experiment, checked and compiled for the experiment tests.
enum ExperimentFixtures {
    /// A shop with one bundle in US and DE and a two-arm price experiment on US.
    static let shop = """
    base currency USD
    rate EUR 1
    region US: USD, tax 7.25% added
    region DE: EUR, tax 19% included
    bundle coins_700: 700 coins, 9.99 USD
    user id: int
    user segment: one of new, vip
    experiment web_price {
      during 2026-12-10 to 2027-01-10 UTC
      audience region == US
      unit user.id
      salt "2026-12"
      arm control 50
      arm cheaper 50 {
        price coins_700 in US: 8.99 USD
      }
    }
    """

    /// 2026-12-20T10:00:00Z, inside the window.
    static let during: Int64 = 1_797_760_800
    /// 2027-02-01T00:00:00Z, after it.
    static let after: Int64 = 1_801_440_000

    static func sources(_ text: String) -> SourceMap {
        var sources = SourceMap()
        sources.add(path: "shop.coin", text: text)
        return sources
    }

    /// The pipeline's result for `text`, analysed when `analysis` is given.
    static func check(_ text: String, analysis: AnalysisOptions? = nil) -> PipelineResult {
        Pipeline.check(sources: sources(text), zones: SystemTimeZones(), analysis: analysis)
    }

    /// The books of `text`, which must check clean.
    static func books(_ text: String = shop) -> (rules: RuleSet, books: ExperimentBooks)? {
        let result = check(text)
        guard let rules = result.ruleSet, let book = result.priceBook else { return nil }
        return (rules, ExperimentBooks(rules, control: book))
    }

    static func request(region: String = "US", at instant: Int64 = during, id: Int64? = 42) -> QuoteRequest {
        var user: [String: UserValue] = [:]
        if let id { user["id"] = .int(id) }
        return QuoteRequest(item: .bundle("coins_700"), region: region, instant: instant, user: user)
    }
}
