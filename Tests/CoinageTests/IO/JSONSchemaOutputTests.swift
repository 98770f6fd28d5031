@testable import CoinageChecker
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageIO
import CoinageJSON
import CoinageSyntax
import CoinageTestSupport
import Foundation
import Testing

/// What Coinage writes against `quote.schema.json`, `error.schema.json` and
/// `gift.schema.json`: quotes of the bundled sample shop (plain, explained, custom
/// amounts, refused) as a batch line and as the `--json` document, a seeded batch,
/// the CLI's snapshots, and gifts.
@Suite struct JSONSchemaOutputTests {
    /// Requests of the sample shop, each as a batch line: between them every source
    /// of a list price, a custom amount, a code and user facts, and a refusal of each
    /// kind a request line can meet.
    static let requests = [
        // black_friday: a discount, in the zone of a region with tax included.
        #"{"bundle":"coins_700","region":"DE","channel":"web","at":"2026-11-28T10:00:00Z","explain":true}"#,
        #"{"bundle":"coins_700","region":"DE","channel":"web","at":"2026-11-28T10:00:00Z"}"#,
        // An explicit price (JP on ios), a market's price (eurozone on web), a
        // channel-wide price as written (US on web) and derived from it (GB on web).
        #"{"bundle":"coins_70","region":"JP","channel":"ios","at":"2026-06-17","explain":true}"#,
        #"{"bundle":"coins_70","region":"DE","channel":"web","at":"2026-06-17","explain":true}"#,
        #"{"bundle":"coins_70","region":"US","channel":"web","at":"2026-06-17","explain":true}"#,
        #"{"bundle":"coins_70","region":"GB","channel":"web","at":"2026-06-17","explain":true}"#,
        // vip_code with its code, facts and counters; the first purchase bonus.
        #"{"bundle":"coins_1400","region":"US","channel":"ios","at":"2026-06-17T12:00:00-04:00","user":{"segment":"vip","purchases":12,"first_purchase":true,"signup":"2026-02-01"},"codes":["vip2026"],"redemptions":{"vip_code":{"total":120,"user":0}},"explain":true}"#,
        // A custom amount on a Sunday evening: the weekend bonus.
        #"{"coins":5000,"region":"US","channel":"web","at":"2026-11-29T23:30:00Z"}"#,
        #"{"coins":5000,"region":"KW","channel":"web","at":"2026-11-29T23:30:00Z","explain":true}"#,
        // Refusals.
        #"{"bundle":"coins_7001","region":"US","channel":"web","at":"2026-06-17"}"#,
        #"{"bundle":"coins_7000","region":"XX","channel":"web","at":"2026-06-17"}"#,
        #"{"bundle":"coins_700","region":"US","channel":"tv","at":"2026-06-17"}"#,
        #"{"bundle":"coins_700","region":"US","at":"2026-06-17"}"#,
        #"{"coins":5000,"region":"US","channel":"ios","at":"2026-06-17"}"#,
        #"{"coins":10,"region":"US","channel":"web","at":"2026-06-17"}"#,
        #"{"bundle":"coins_700","region":"US","channel":"web","at":"2100-01-01"}"#,
        #"{"bundle":"coins_700","region":"US","channel":"web","user":{"segmnt":"vip"}}"#,
        #"{"bundle":"coins_700","region":"US","channel":"web","user":{"purchases":"12"}}"#,
    ]

    /// A shop whose prices on ios come from a price-point table: snapped (coins_100)
    /// and named by tier (coins_250), the two ways a quote shows a `pricePoint`.
    static let tableShop = """
        base currency USD
        rate JPY 155
        region JP: JPY, tax 10% included
        points app_store {
          tier 1: 160 JPY
          tier 2: 300 JPY
        }
        channel ios: fee 30%, points app_store nearest
        bundle coins_100: 100 coins, 0.99 USD
        bundle coins_250: 250 coins, 1.99 USD
        price coins_250 on ios: points app_store tier 2
        """

    static let tableRequests = [
        #"{"bundle":"coins_100","region":"JP","channel":"ios","at":"2026-06-17","explain":true}"#,
        #"{"bundle":"coins_250","region":"JP","channel":"ios","at":"2026-06-17","explain":true}"#,
    ]

    /// Writes `result` as a batch line and as the `--json` document, and validates
    /// both: against `quote.schema.json`, and a refusal also against `error.schema.json`.
    static func expectValid(_ result: Result<Quote, QuoteError>, _ what: String, quote: JSONSchemaValidator,
                            error: JSONSchemaValidator) throws {
        var writer = QuoteLineWriter()
        let document: JSONValue
        switch result {
        case .success(let value):
            writer.write(value)
            document = QuoteJSON.quote(value)
        case .failure(let refusal):
            writer.write(refusal)
            document = QuoteJSON.error(refusal)
        }
        for text in [String(decoding: writer.buffer, as: UTF8.self), document.serialized(pretty: true)] {
            let value = try JSONReader.read(text)
            if let failure = quote.validate(value) { Issue.record("\(what)\n\(text)\n\(failure)") }
            if case .failure = result, let failure = error.validate(value) { Issue.record("\(what)\n\(text)\n\(failure)") }
        }
    }

    @Test func quotesOfTheSampleShopMatchTheQuoteSchema() throws {
        let shop = try ReferenceEvaluatorPropertyTests.sampleShop()
        let context = RequestLineParser.Context(rules: shop.rules)
        let quote = try SchemaFiles.validator("quote")
        let error = try SchemaFiles.validator("error")
        var codes: Set<String> = []
        var sources: Set<String> = []
        var custom = false
        for line in Self.requests {
            let request = try RequestLineParser.parse(Array(line.utf8)[...], context: context, now: JSONSchemaTests.now).get()
            let result = shop.book.quote(request)
            try Self.expectValid(result, line, quote: quote, error: error)
            switch result {
            case .success(let value):
                if let list = value.explanation?.listPrice { sources.insert(ExplanationText.sourceKind(list.source)) }
                if value.explanation?.customAmount != nil { custom = true }
            case .failure(let refusal):
                codes.insert(refusal.kind.rawValue)
            }
        }
        // The sample shop has no price-point table: a small shop shows its sources.
        let tables = try #require(AnalysisFixtures.shop(Self.tableShop))
        for line in Self.tableRequests {
            let request = try RequestLineParser.parse(Array(line.utf8)[...], context: RequestLineParser.Context(rules: tables.rules),
                                                      now: JSONSchemaTests.now).get()
            let value = try tables.book.quote(request).get()
            try Self.expectValid(.success(value), line, quote: quote, error: error)
            let list = try #require(value.explanation?.listPrice)
            #expect(list.pricePoint != nil, "\(line) has no price point")
            sources.insert(ExplanationText.sourceKind(list.source))
        }
        let listedSources = SchemaFiles.enumeration(try SchemaFiles.document("quote"), at: ["$defs", "trace", "properties", "listPrice", "properties", "source"])
        // The sample shop has no price-point table: the table shop shows that source.
        #expect(sources.union(try PricePointTests.schemaCheckedSourceKinds()) == Set(listedSources),
                "every source the schema lists is one the sample shop or the table shop shows")
        #expect(custom)
        #expect(codes == ["unknown_bundle", "unknown_region", "unknown_channel", "missing_channel", "no_custom_amount",
                          "amount_out_of_range", "instant_out_of_range", "unknown_user_attribute", "user_attribute_type"])
    }

    /// The schema is exact: a real quote with a key dropped, a key added, a number for
    /// money or a reason Coinage does not write is refused, at that key.
    @Test func aQuoteNotAsCoinageWritesItIsRefused() throws {
        let shop = try ReferenceEvaluatorPropertyTests.sampleShop()
        let context = RequestLineParser.Context(rules: shop.rules)
        let schema = try SchemaFiles.validator("quote")
        let request = try RequestLineParser.parse(Array(Self.requests[0].utf8)[...], context: context, now: JSONSchemaTests.now).get()
        let text = QuoteJSON.quote(try shop.book.quote(request).get()).serialized()
        #expect(schema.validate(try JSONReader.read(text)) == nil)
        let changes: [(from: String, to: String, pointer: String)] = [
            (#","rules":"#, #","rule":"#, ""),
            (#""region":"DE","#, "", ""),
            (#""applied":["#, #""extra":1,"applied":["#, "/extra"),
            (#""list":{"amount":"6.49""#, #""list":{"amount":6.49"#, "/list/amount"),
            (#""currency":"EUR","coins""#, #""currency":"eur","coins""#, "/currency"),
            (#""reason":"applied""#, #""reason":"won""#, "/trace/promotions/0/reason"),
            (#""source":"derived""#, #""source":"guessed""#, "/trace/listPrice/source"),
        ]
        for (from, to, pointer) in changes {
            #expect(text.contains(from), "\(from) is not in \(text)")
            let failure = schema.validate(try JSONReader.read(text.replacing(from, with: to)))
            #expect(failure?.pointer == pointer, "\(to): \(failure.map(\.description) ?? "accepted")")
        }
    }

    /// Every kind of refusal, with and without help, as each writer writes it.
    @Test func everyErrorKindMatchesTheErrorSchema() throws {
        let quote = try SchemaFiles.validator("quote")
        let error = try SchemaFiles.validator("error")
        let gift = try SchemaFiles.validator("gift")
        for kind in QuoteErrorKind.allCases {
            for help in [nil, "did you mean `coins_700`?"] {
                try Self.expectValid(.failure(QuoteError(kind, "unknown bundle `coins_7000`", help: help)), "\(kind)", quote: quote, error: error)
                #expect(gift.validate(QuoteJSON.error(QuoteError(kind, "m", help: help))) == nil)
            }
        }
        var writer = QuoteLineWriter()
        writer.writeInvalidRequest("unknown key `code`; a request has bundle or coins, ... (at byte 37)", line: 12)
        writer.writeInvalidRequest("control character \u{01} in \"a\" string", line: 13)
        for line in String(decoding: writer.buffer, as: UTF8.self).split(separator: "\n") {
            let value = try JSONReader.read(String(line))
            #expect(error.validate(value) == nil && quote.validate(value) == nil, "\(line)")
        }
    }

    /// Seeded requests of the sample shop, a quarter explained and a fifth with a
    /// mistake, quoted into one batch writer (which reuses what it wrote on earlier lines).
    @Test func aSeededBatchOfTheSampleShopMatchesTheSchema() throws {
        let shop = try ReferenceEvaluatorPropertyTests.sampleShop()
        let quote = try SchemaFiles.validator("quote")
        var requests = RequestGenerator(rules: shop.rules, seed: 0x5C4E)
        requests.faultPercent = 20
        var writer = QuoteLineWriter()
        var reasons: Set<String> = []
        for _ in 0..<400 {
            let result = shop.book.quote(requests.next())
            switch result {
            case .success(let value): writer.write(value)
            case .failure(let refusal): writer.write(refusal)
            }
            for trace in (try? result.get())?.explanation?.promotions ?? [] { reasons.insert(trace.reason.rawValue) }
        }
        let lines = String(decoding: writer.buffer, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 400)
        for line in lines {
            if let failure = quote.validate(try JSONReader.read(String(line))) { Issue.record("\(line)\n\(failure)") }
        }
        #expect(reasons.count >= 6, "\(reasons)")
    }

    /// The CLI's own golden output: a batch and an explained `--json` quote.
    @Test func theCLISnapshotsMatchTheQuoteSchema() throws {
        let quote = try SchemaFiles.validator("quote")
        let batch = try SchemaFiles.text("Tests/CoinageCLITests/Snapshots/batch-promotions.jsonl")
        let lines = batch.split(separator: "\n")
        #expect(lines.count >= 5)
        for line in lines {
            if let failure = quote.validate(try JSONReader.read(String(line))) { Issue.record("\(line)\n\(failure)") }
        }
        let document = try SchemaFiles.text("Tests/CoinageCLITests/Snapshots/quote-derived.json")
        #expect(quote.validate(try JSONReader.read(document)) == nil)
    }

    @Test func giftsMatchTheGiftSchema() throws {
        let shop = try ReferenceEvaluatorPropertyTests.sampleShop()
        let schema = try SchemaFiles.validator("gift")
        let results = [
            shop.book.giftQuote("universe", count: 3, region: "DE"),
            shop.book.giftQuote("rose"),
            shop.book.giftQuote("lion", count: 7, region: "JP"),
            shop.book.giftQuote("rose", count: 0),
            shop.book.giftQuote("universe", count: Int64.max),
        ]
        var refused = 0
        for result in results {
            let document: JSONValue
            switch result {
            case .success(let gift): document = QuoteJSON.gift(gift)
            case .failure(let error): document = QuoteJSON.error(error); refused += 1
            }
            let text = document.serialized(pretty: true)
            if let failure = schema.validate(try JSONReader.read(text)) { Issue.record("\(text)\n\(failure)") }
        }
        #expect(refused == 2)
        let noPayout = try #require(AnalysisFixtures.book("base currency USD\nregion US: USD\ngift rose: 1 coin\nbundle b: 100 coins, 1.00 USD"))
        guard case .failure(let error) = noPayout.giftQuote("rose") else { Issue.record("quoted without a payout"); return }
        #expect(error.kind == .noPayout && schema.validate(QuoteJSON.error(error)) == nil)
    }
}
