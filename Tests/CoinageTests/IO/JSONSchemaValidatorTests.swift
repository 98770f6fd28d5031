import CoinageJSON
import Testing

/// The test support's JSON reader and schema validator, on small documents: what
/// they accept, what they refuse, and the JSON pointer a refusal names.
@Suite struct JSONSchemaValidatorTests {
    static func validator(_ schema: String) throws -> JSONSchemaValidator {
        try JSONSchemaValidator(schemaText: schema)
    }

    /// The failure for `instance`, or nil when it matches.
    static func failure(_ schema: JSONSchemaValidator, _ instance: String) throws -> JSONSchemaValidator.Failure? {
        schema.validate(try JSONReader.read(instance))
    }

    // MARK: - The reader

    @Test func theReaderKeepsKeyOrderAndTellsIntegersFromOtherNumbers() throws {
        let value = try JSONReader.read(#" {"b": [1, -2.50, 9223372036854775808, 1e3], "a": {"x": null, "y": true}, "s": "\u00e9\ud83d\ude00\n"} "#)
        #expect(value == .object([
            ("b", .array([.integer(1), .number("-2.50"), .number("9223372036854775808"), .number("1e3")])),
            ("a", .object([("x", .null), ("y", .bool(true))])),
            ("s", .string("é😀\n")),
        ]))
    }

    @Test(arguments: [
        (#"{"a":01}"#, 7, "a number has a leading zero"),
        (#"[1,]"#, 4, "expected a JSON value"),
        (#"{"a":1,"a":2}"#, 8, "key `a` is given twice"),
        ("\"tab\there\"", 5, "control character in a string"),
        (#""\ud800x""#, 8, "a high surrogate without a low one"),
        (#""\u12""#, 6, "`\\u` takes four hex digits"),
        (#""\x""#, 3, "invalid escape"),
        (#"{} {}"#, 4, "text after the value"),
        (#"tru"#, 1, "expected `true`"),
    ])
    func theReaderRefusesWhatIsNotJSON(text: String, byte: Int, message: String) {
        do {
            _ = try JSONReader.read(text)
            Issue.record("read \(text)")
        } catch {
            #expect(error.message == message && error.byte == byte, "\(text): \(error)")
        }
    }

    // MARK: - Objects

    static let person = """
        {"type": "object", "additionalProperties": false, "required": ["name"],
         "properties": {"name": {"type": "string"}, "tags": {"type": "array", "items": {"enum": ["a", "b/c"]}},
                        "facts": {"type": "object", "additionalProperties": {"type": ["boolean", "integer"]}}}}
        """

    @Test func anObjectMatchingEveryKeywordIsAccepted() throws {
        let schema = try Self.validator(Self.person)
        #expect(try Self.failure(schema, #"{"name": "x", "tags": ["a", "b/c"], "facts": {"vip": true, "n": 12}}"#) == nil)
        #expect(try Self.failure(schema, #"{"name": ""}"#) == nil)
    }

    @Test func aRefusalNamesThePointerOfTheFailingValue() throws {
        let schema = try Self.validator(Self.person)
        let cases: [(String, String, String)] = [
            (#"{"tags": []}"#, "", "the required key `name` is missing"),
            (#"{"name": 5}"#, "/name", "expected string, found an integer"),
            (#"{"name": "x", "code": 1}"#, "/code", "key `code` is not allowed"),
            (#"{"name": "x", "tags": ["a", "c"]}"#, "/tags/1", #""c" is not one of "a", "b/c""#),
            (#"{"name": "x", "facts": {"a/b~": "yes"}}"#, "/facts/a~1b~0", "expected boolean or integer, found a string"),
            (#"[]"#, "", "expected object, found an array"),
        ]
        for (instance, pointer, message) in cases {
            let failure = try Self.failure(schema, instance)
            #expect(failure?.pointer == pointer && failure?.message == message, "\(instance): \(String(describing: failure))")
        }
    }

    // MARK: - Numbers, patterns, constants

    @Test func integersAndBoundsAreExact() throws {
        let schema = try Self.validator(#"{"type": "integer", "minimum": 1, "maximum": 9223372036854775807}"#)
        for accepted in ["1", "1.0", "10e-1", "9223372036854775807", "0.9223372036854775807e19"] {
            #expect(try Self.failure(schema, accepted) == nil, "\(accepted)")
        }
        let refused: [(String, String)] = [
            ("1.5", "type"), ("0", "minimum"), ("-0", "minimum"), ("9223372036854775808", "maximum"), ("\"1\"", "type"),
        ]
        for (instance, keyword) in refused {
            #expect(try Self.failure(schema, instance)?.schemaPath == "#/\(keyword)", "\(instance)")
        }
    }

    @Test func aPatternIsSearchedForAndItsAnchorsHoldAtTheEnds() throws {
        let schema = try Self.validator(#"{"type": "string", "pattern": "^[A-Z]{3}$"}"#)
        #expect(try Self.failure(schema, #""EUR""#) == nil)
        for refused in [#""EURO""#, #""eur""#, #""EUR\n""#, #"" EUR""#] {
            #expect(try Self.failure(schema, refused)?.schemaPath == "#/pattern", "\(refused)")
        }
        let unanchored = try Self.validator(#"{"pattern": "[0-9]"}"#)
        #expect(try Self.failure(unanchored, #""a1b""#) == nil)
        #expect(try Self.failure(unanchored, "12") == nil, "a pattern says nothing about a number")
    }

    @Test func constAndEnumCompareNumbersByValueAndObjectsWhateverTheirOrder() throws {
        let schema = try Self.validator(#"{"enum": [2, {"a": 1, "b": [true]}], "const": {"b": [true], "a": 1.0}}"#)
        #expect(try Self.failure(schema, #"{"b": [true], "a": 1}"#) == nil)
        #expect(try Self.failure(schema, #"{"a": 1, "b": [false]}"#)?.schemaPath == "#/enum")
        #expect(try Self.failure(schema, "2.0")?.schemaPath == "#/const")
    }

    // MARK: - References and alternatives

    static let item = """
        {"$defs": {"bundle": {"type": "object", "required": ["bundle"], "properties": {"bundle": {"type": "string"}}},
                   "coins": {"type": "object", "required": ["coins"], "properties": {"coins": {"$ref": "#/$defs/count"}}},
                   "count": {"type": "integer", "minimum": 1}},
         "oneOf": [{"$ref": "#/$defs/bundle"}, {"$ref": "#/$defs/coins"}],
         "properties": {"note": {"anyOf": [{"type": "null"}, {"type": "string"}]}}}
        """

    @Test func oneOfTakesExactlyOneAlternativeAndAnyOfAtLeastOne() throws {
        let schema = try Self.validator(Self.item)
        #expect(try Self.failure(schema, #"{"bundle": "coins_70"}"#) == nil)
        #expect(try Self.failure(schema, #"{"coins": 5, "note": null}"#) == nil)
        let both = try Self.failure(schema, #"{"bundle": "coins_70", "coins": 5}"#)
        #expect(both?.pointer == "" && both?.message == "2 alternatives of oneOf match (0, 1); exactly one must")
        let note = try Self.failure(schema, #"{"bundle": "coins_70", "note": 5}"#)
        #expect(note?.pointer == "/note" && note?.message == "expected null, found an integer (no alternative of anyOf at #/properties/note matches)")
    }

    @Test func whenNoAlternativeMatchesTheDeepestFailureIsReported() throws {
        let schema = try Self.validator(Self.item)
        let failure = try Self.failure(schema, #"{"coins": 0}"#)
        #expect(failure?.pointer == "/coins")
        #expect(failure?.schemaPath == "#/$defs/count/minimum")
        #expect(failure?.message == "0 is below the minimum 1 (no alternative of oneOf at # matches)")
    }

    // MARK: - Schemas it cannot use

    @Test(arguments: [
        (#"{"type": "string", "minLength": 1}"#, "#/minLength: keyword `minLength` is not supported"),
        (#"{"properties": {"a": {"format": "date"}}}"#, "#/properties/a/format: keyword `format` is not supported"),
        (##"{"$ref": "#/$defs/missing"}"##, "#/$ref: `#/$defs/missing` does not resolve"),
        (#"{"$ref": "other.json"}"#, "#/$ref: `other.json` does not resolve"),
        (#"{"pattern": "("}"#, "#/pattern: `(` does not compile"),
        (#"{"required": "name"}"#, "#/required: `required` has a value of the wrong kind"),
    ])
    func aSchemaWithAKeywordItDoesNotCheckIsRefused(schema: String, reason: String) throws {
        do {
            _ = try JSONSchemaValidator(schemaText: schema)
            Issue.record("accepted \(schema)")
        } catch let error as JSONSchemaValidator.SchemaError {
            #expect(error.description == reason)
        }
    }
}
