import Coinage
import CoinageFoundation
import CoinageIO
import CoinageJSON
import CoinageSyntax

/// `coinage diff --format json`: the whole diff for scripts, nothing truncated.
/// Money is a decimal string with its currency, as in quotes; a percentage is its
/// rounded text and its exact fraction.
enum DiffJSON {
    /// `replay` writes the command that makes a quote of the corpus, as in `DiffText`.
    static func render(_ diff: RuleSetDiff, old: String, new: String, proofs: JSONValue? = nil,
                       replay: (QuoteRequest) -> String = { $0.commandLine() }) -> String {
        let document = JSONValue.object([
            ("old", side(old, hash: diff.oldHash)),
            ("new", side(new, hash: diff.newHash)),
            ("changed", .bool(diff.hasChanges)),
            ("listPrices", listPrices(diff.listPrices)),
            ("promotions", .array(diff.promotions.map(promotion))),
            ("quotes", quotes(diff, replay: replay)),
        ] + (proofs.map { [("proofs", $0)] } ?? []))
        return document.serialized(pretty: true) + "\n"
    }

    private static func side(_ directory: String, hash: String) -> JSONValue {
        .object([("rules", .string(directory)), ("contentHash", .string(hash))])
    }

    private static func listPrices(_ diff: ListPriceDiff) -> JSONValue {
        .object([
            ("cellsCompared", .integer(Int64(diff.cellsCompared))),
            ("changed", .integer(Int64(diff.count(.changed)))),
            ("added", .integer(Int64(diff.count(.added)))),
            ("removed", .integer(Int64(diff.count(.removed)))),
            ("changes", .array(diff.changes.map { change in
                .object([
                    ("kind", .string(change.kind.rawValue)),
                    ("bundle", .string(change.bundle)),
                    ("region", .string(change.region)),
                    ("channel", change.channel.map(JSONValue.string) ?? .null),
                    ("old", price(change.old)),
                    ("new", price(change.new)),
                    ("currencyChanged", .bool(change.currencyChanged)),
                    ("percent", change.percent.map(percent) ?? .null),
                ])
            })),
        ])
    }

    private static func price(_ price: CellPrice?) -> JSONValue {
        switch price {
        case nil: .null
        case .overflow?: .string("overflow")
        case .price(let money)?: QuoteJSON.money(money)
        }
    }

    private static func percent(_ change: PercentChange) -> JSONValue {
        .object([("rounded", .string(change.text())), ("exact", .string(change.exactText))])
    }

    private static func promotion(_ change: PromotionChange) -> JSONValue {
        .object([
            ("name", .string(change.name)),
            ("kind", .string(change.kind.rawValue)),
            ("clauses", .array(change.clauses.map { clause in
                .object([
                    ("clause", .string(clause.keyword)),
                    ("old", clause.old.map(JSONValue.string) ?? .null),
                    ("new", clause.new.map(JSONValue.string) ?? .null),
                    ("resolvesDifferently", .bool(clause.resolvesDifferently)),
                ])
            })),
        ])
    }

    private static func quotes(_ diff: RuleSetDiff, replay: (QuoteRequest) -> String) -> JSONValue {
        let impact = diff.impact
        let corpus = diff.corpus
        return .object([
            ("corpus", .object([
                ("cells", .integer(Int64(corpus.cells.count))),
                ("profiles", .integer(Int64(corpus.profiles.profiles.count))),
                ("profileCombinations", .number(corpus.profiles.exactCombinationCount)),
                ("codeSets", .integer(Int64(corpus.codeSets.count))),
                ("reference", .string(DiffVocabulary.instant(corpus.reference))),
                ("requests", .integer(Int64(corpus.count))),
                ("requestsBeforeSampling", .integer(Int64(corpus.fullCount))),
                ("sampled", .bool(corpus.isSampled || corpus.profiles.isSampled)),
            ])),
            ("requests", .integer(Int64(impact.requests))),
            ("changed", .integer(Int64(impact.changed))),
            ("shareChanged", .object([
                ("rounded", .string(impact.shareChanged.percentText())),
                ("exact", .string("\(impact.changed)/\(impact.requests)")),
            ])),
            ("priceChanged", .integer(Int64(impact.priceChanged))),
            ("coinsChanged", .integer(Int64(impact.coinsChanged))),
            ("refusalChanged", .integer(Int64(impact.refusalChanged))),
            ("largestIncrease", impact.largestIncrease.map { totalChange($0, replay: replay) } ?? .null),
            ("largestDecrease", impact.largestDecrease.map { totalChange($0, replay: replay) } ?? .null),
        ])
    }

    private static func totalChange(_ change: QuoteImpact.TotalChange, replay: (QuoteRequest) -> String) -> JSONValue {
        .object([
            ("request", change.request.jsonValue),
            ("command", .string(replay(change.request))),
            ("oldTotal", QuoteJSON.money(change.old)),
            ("newTotal", QuoteJSON.money(change.new)),
            ("percent", percent(change.percent)),
        ])
    }
}
