@testable import CoinageChecker
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageIO
import CoinageJSON
import CoinageSyntax
import CoinageTestSupport
import Foundation
import Testing

/// The schemas of `Docs/schemas/` as files, and `request.schema.json` against the
/// batch reader: every line the reader takes matches the schema, every line refused
/// for its shape (an unknown key, a value of the wrong kind) is refused by the schema
/// at the same key, and what only the rules can say is the reader's alone.
@Suite struct JSONSchemaTests {
    static let now: Int64 = 1_795_000_000

    static func parse(_ line: String, _ context: RequestLineParser.Context) -> Result<QuoteRequest, RequestLineError> {
        RequestLineParser.parse(Array(line.utf8)[...], context: context, now: now)
    }

    // MARK: - The files

    @Test func everySchemaIsDraft2020AndDescribesEveryProperty() throws {
        for name in SchemaFiles.names {
            let document = try SchemaFiles.document(name)
            #expect(SchemaFiles.value(document, at: ["$schema"]) == .string("https://json-schema.org/draft/2020-12/schema"), "\(name)")
            _ = try JSONSchemaValidator(schema: document)
            var undescribed: [String] = []
            Self.collectUndescribed(document, path: "#", into: &undescribed)
            #expect(undescribed.isEmpty, "\(name): \(undescribed)")
        }
    }

    /// The paths of the properties (and of the schemas of `additionalProperties` and
    /// `items`) without a `description`.
    static func collectUndescribed(_ schema: JSONValue, path: String, into missing: inout [String]) {
        guard case .object(let members) = schema else { return }
        for (keyword, value) in members {
            switch (keyword, value) {
            case ("properties", .object(let properties)), ("$defs", .object(let properties)):
                for (name, property) in properties {
                    if keyword == "properties", SchemaFiles.value(property, at: ["description"]) == nil { missing.append("\(path)/\(name)") }
                    collectUndescribed(property, path: "\(path)/\(keyword)/\(name)", into: &missing)
                }
            case ("additionalProperties", .object), ("items", .object):
                if SchemaFiles.value(value, at: ["description"]) == nil, SchemaFiles.value(value, at: ["$ref"]) == nil {
                    missing.append("\(path)/\(keyword)")
                }
                collectUndescribed(value, path: "\(path)/\(keyword)", into: &missing)
            case ("oneOf", .array(let alternatives)), ("anyOf", .array(let alternatives)):
                for (index, alternative) in alternatives.enumerated() {
                    collectUndescribed(alternative, path: "\(path)/\(keyword)/\(index)", into: &missing)
                }
            default: break
            }
        }
    }

    /// Each file stands alone, so any validator can use it without resolving other
    /// files; the definitions they share must be the same in all of them.
    @Test func theSharedDefinitionsAreTheSameInEveryFile() throws {
        let error = try SchemaFiles.document("error")
        let quote = try SchemaFiles.document("quote")
        let gift = try SchemaFiles.document("gift")
        for name in ["refusal", "error"] {
            let original = try #require(SchemaFiles.value(error, at: ["$defs", name]))
            #expect(SchemaFiles.value(quote, at: ["$defs", name]) == original, "quote: \(name)")
            #expect(SchemaFiles.value(gift, at: ["$defs", name]) == original, "gift: \(name)")
        }
        for name in ["money", "currencyCode"] {
            #expect(SchemaFiles.value(gift, at: ["$defs", name]) == SchemaFiles.value(quote, at: ["$defs", name]), "gift: \(name)")
        }
    }

    /// The `code` enum is every code an error object can carry: each kind of
    /// `QuoteError`, and the batch reader's own `invalid_request`, taken from a line
    /// it really writes.
    @Test func theErrorCodeEnumIsEveryCodeCoinageWrites() throws {
        var writer = QuoteLineWriter()
        writer.writeInvalidRequest("expected `{`", line: 3)
        let line = try JSONReader.read(String(decoding: writer.buffer, as: UTF8.self))
        let readerCode = try #require(SchemaFiles.value(line, at: ["error", "code"]))
        guard case .string(let invalidRequest) = readerCode else { Issue.record("\(readerCode)"); return }
        let written = QuoteErrorKind.allCases.map(\.rawValue) + [invalidRequest]
        let listed = SchemaFiles.enumeration(try SchemaFiles.document("error"), at: ["$defs", "error", "properties", "code"])
        #expect(listed.count == Set(listed).count, "a code is listed twice")
        #expect(Set(listed) == Set(written), "only listed: \(Set(listed).subtracting(written)); only written: \(Set(written).subtracting(listed))")
    }

    @Test func theTraceReasonEnumIsEveryReason() throws {
        let listed = SchemaFiles.enumeration(try SchemaFiles.document("quote"), at: ["$defs", "promotionTrace", "properties", "reason"])
        #expect(listed.count == Set(listed).count)
        #expect(Set(listed) == Set(PromotionTrace.Reason.allCases.map(\.rawValue)))
    }

    // MARK: - Request lines

    /// The request examples of the docs are lines the reader takes for the sample
    /// shop, and match the schema; the output examples match theirs.
    @Test func theDocumentedExamplesMatchTheirSchemas() throws {
        let context = RequestLineParser.Context(rules: try ReferenceEvaluatorPropertyTests.sampleShop().rules)
        let request = try SchemaFiles.validator("request")
        let quote = try SchemaFiles.validator("quote")
        var requests = 0
        var outputs = 0
        for file in ["Docs/Batch.md", "README.md"] {
            for example in Self.jsonExamples(try SchemaFiles.text(file)) {
                let value = try JSONReader.read(example)
                if SchemaFiles.value(value, at: ["error"]) != nil || SchemaFiles.value(value, at: ["currency"]) != nil {
                    outputs += 1
                    #expect(quote.validate(value) == nil, "\(file): \(example)")
                } else {
                    requests += 1
                    #expect(request.validate(value) == nil, "\(file): \(example)")
                    if case .failure(let error) = Self.parse(example, context) { Issue.record("\(file): \(example): \(error.message)") }
                }
            }
        }
        #expect(requests >= 4 && outputs >= 3, "requests \(requests), outputs \(outputs)")
    }

    /// Every JSON object in the fenced code blocks of a Markdown text that starts
    /// with `{"`: the requests and output lines the docs show.
    static func jsonExamples(_ markdown: String) -> [String] {
        let blocks = markdown.components(separatedBy: "```").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        var examples: [String] = []
        for block in blocks {
            let scalars = Array(block.unicodeScalars)
            var index = 0
            while index + 1 < scalars.count {
                guard scalars[index] == "{", scalars[index + 1] == "\"" else { index += 1; continue }
                var depth = 0
                var inString = false
                var end = index
                while end < scalars.count {
                    switch scalars[end] {
                    case "\\" where inString: end += 1
                    case "\"": inString.toggle()
                    case "{" where !inString: depth += 1
                    case "}" where !inString: depth -= 1
                    default: break
                    }
                    end += 1
                    if depth == 0 { break }
                }
                var text = String.UnicodeScalarView()
                text.append(contentsOf: scalars[index..<end])
                examples.append(String(text))
                index = end
            }
        }
        return examples
    }

    /// Seeded requests of the sample shop, written with random escapes, whitespace and
    /// member order, and as `QuoteRequest.jsonLine` writes them: each line the reader
    /// takes matches the schema.
    @Test func everyLineTheReaderTakesMatchesTheSchema() throws {
        let rules = try ReferenceEvaluatorPropertyTests.sampleShop().rules
        let context = RequestLineParser.Context(rules: rules)
        let schema = try SchemaFiles.validator("request")
        var requests = RequestGenerator(rules: rules, seed: 0x5C4E)
        requests.faultPercent = 20
        var writer = RequestLineRoundTripTests.LineWriter(rng: SplitMix64(seed: 0x5C4F))
        var taken = 0
        for _ in 0..<300 {
            let request = requests.next()
            guard RequestLineRoundTripTests.isWritable(request, rules: rules) else { continue }
            for line in [writer.line(request), request.jsonLine] {
                guard case .success = Self.parse(line, context) else { continue }
                taken += 1
                if let failure = schema.validate(try JSONReader.read(line)) { Issue.record("\(line)\n\(failure)") }
            }
        }
        #expect(taken >= 400)
    }

    /// Lines the reader refuses for their shape, and the key the schema refuses them at.
    static let refusedForTheirShape: [(line: String, pointer: String)] = [
        (#"{"bundle":"coins_700","region":"DE","code":"VIP2026"}"#, "/code"),
        (#"{"bundle":"coins_700","region":"DE","perUser":{"segment":"vip"}}"#, "/perUser"),
        (#"{"bundle":"coins_700","region":"DE","redemptions":{"vip_code":{"total":1,"perUser":0}}}"#, "/redemptions/vip_code/perUser"),
        (#"{"bundle":"coins_700","region":"DE","codes":"VIP2026"}"#, "/codes"),
        (#"{"bundle":"coins_700","region":"DE","codes":[2026]}"#, "/codes/0"),
        (#"{"coins":0,"region":"US","channel":"web"}"#, "/coins"),
        (#"{"coins":"5000","region":"US","channel":"web"}"#, "/coins"),
        (#"{"coins":1.5,"region":"US","channel":"web"}"#, "/coins"),
        (#"{"bundle":"coins_700","coins":700,"region":"DE"}"#, ""),
        (#"{"bundle":"coins_700"}"#, ""),
        (#"{"region":"DE"}"#, ""),
        (#"["coins_700","DE"]"#, ""),
        (#"{"bundle":"coins_700","region":"DE","explain":"yes"}"#, "/explain"),
        (#"{"bundle":"coins_700","region":"DE","channel":7}"#, "/channel"),
        (#"{"bundle":"coins_700","region":["DE"]}"#, "/region"),
        (#"{"bundle":"coins_700","region":"DE","user":{"segment":null}}"#, "/user/segment"),
        (#"{"bundle":"coins_700","region":"DE","user":{"purchases":[12]}}"#, "/user/purchases"),
        (#"{"bundle":"coins_700","region":"DE","user":{"purchases":9223372036854775808}}"#, "/user/purchases"),
        (#"{"bundle":"coins_700","region":"DE","redemptions":{"vip_code":{"total":-1}}}"#, "/redemptions/vip_code/total"),
        (#"{"bundle":"coins_700","region":"DE","redemptions":{"vip_code":[1,0]}}"#, "/redemptions/vip_code"),
        (#"{"bundle":"coins_700","region":"DE","at":"tomorrow"}"#, "/at"),
        (#"{"bundle":"coins_700","region":"DE","at":"2026-11-28 10:00"}"#, "/at"),
        (#"{"bundle":"coins_700","region":"DE","at":"2026-11-28T24:00Z"}"#, "/at"),
        (#"{"bundle":"coins_700","region":"DE","at":"2026-13-01"}"#, "/at"),
        (#"{"bundle":"coins_700","region":"DE","at":"2026-11-28T10:00+1"}"#, "/at"),
    ]

    @Test func aLineRefusedForItsShapeIsRefusedByTheSchemaAtTheSameKey() throws {
        let context = RequestLineParser.Context(rules: try ReferenceEvaluatorPropertyTests.sampleShop().rules)
        let schema = try SchemaFiles.validator("request")
        for (line, pointer) in Self.refusedForTheirShape {
            guard case .failure = Self.parse(line, context) else { Issue.record("the reader took \(line)"); continue }
            let failure = schema.validate(try JSONReader.read(line))
            #expect(failure?.pointer == pointer, "\(line): \(failure.map(\.description) ?? "accepted")")
        }
    }

    /// What a schema cannot say: the rules' promotions, the calendar, a date
    /// attribute's type, and JSON Schema's view that `12.0` is an integer. The schema
    /// takes these lines; the reader refuses them, as Docs/Batch.md says.
    @Test func whatOnlyTheReaderCanSayTheReaderRefuses() throws {
        let context = RequestLineParser.Context(rules: try ReferenceEvaluatorPropertyTests.sampleShop().rules)
        let schema = try SchemaFiles.validator("request")
        let lines = [
            #"{"bundle":"coins_700","region":"DE","redemptions":{"vip_cod":{"total":1}}}"#,
            #"{"bundle":"coins_700","region":"DE","at":"2026-02-30"}"#,
            #"{"bundle":"coins_700","region":"DE","user":{"signup":"soon"}}"#,
            #"{"bundle":"coins_700","region":"DE","user":{"purchases":12.0}}"#,
            #"{"coins":7e3,"region":"US","channel":"web"}"#,
        ]
        for line in lines {
            #expect(schema.validate(try JSONReader.read(line)) == nil, "\(line)")
            guard case .failure = Self.parse(line, context) else { Issue.record("the reader took \(line)"); continue }
        }
    }
}
