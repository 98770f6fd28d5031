import CoinageJSON

/// A JSON Schema (draft 2020-12) validator for exactly the keywords the schemas in
/// `Docs/schemas/` use, so the tests can hold Coinage's real output to them without
/// a dependency.
///
/// Assertions: `type` (a name or a list), `enum`, `const`, `required`, `properties`,
/// `additionalProperties` (`false` or a schema), `items` (one schema), `minimum`,
/// `maximum`, `pattern`. Applicators: `$ref` to `#` or `#/...` in the same document,
/// `oneOf`, `anyOf`. Annotations, ignored: `$schema`, `$id`, `$defs` (a home for
/// `$ref` targets), `title`, `description`. A schema with any other keyword, an
/// unresolvable `$ref` or a pattern that does not compile is refused when the
/// validator is made: a keyword it skipped would be a check that silently passes.
///
/// `validate` returns the first failure found, with the JSON pointer of the value
/// that failed; members are visited in the order the instance gives them.
struct JSONSchemaValidator {
    /// Why a value does not match: where in the instance, which schema, and what.
    struct Failure: Error, Equatable, CustomStringConvertible {
        /// The JSON pointer of the failing value: `""` for the whole document, `/trace/promotions/0/reason`.
        let pointer: String
        /// Where in the schema the failing keyword is, e.g. `#/$defs/quote/properties/coins`.
        let schemaPath: String
        let message: String
        var description: String { "`\(pointer.isEmpty ? "/" : pointer)`: \(message) (schema \(schemaPath))" }
    }

    /// Why a schema cannot be used.
    struct SchemaError: Error, CustomStringConvertible {
        let description: String
    }

    static let keywords: Set<String> = [
        "$schema", "$id", "$defs", "title", "description", "$ref", "type", "enum", "const", "required",
        "properties", "additionalProperties", "items", "minimum", "maximum", "pattern", "oneOf", "anyOf",
    ]

    let root: JSONValue

    init(schema: JSONValue) throws(SchemaError) {
        root = schema
        try check(schema, at: "#")
    }

    /// A validator for the schema JSON in `text`.
    init(schemaText text: String) throws {
        try self.init(schema: try JSONReader.read(text))
    }

    /// The first way `instance` does not match the schema; nil when it matches.
    func validate(_ instance: JSONValue) -> Failure? {
        validate(instance, against: root, pointer: "", schemaPath: "#")
    }

    // MARK: - Checking the schema

    private func check(_ schema: JSONValue, at path: String) throws(SchemaError) {
        if case .bool = schema { return }
        guard case .object(let members) = schema else { throw SchemaError(description: "\(path): a schema is an object or a boolean") }
        for (keyword, value) in members {
            let here = path + "/" + Self.escape(keyword)
            guard Self.keywords.contains(keyword) else { throw SchemaError(description: "\(here): keyword `\(keyword)` is not supported") }
            switch (keyword, value) {
            case ("$defs", .object(let definitions)), ("properties", .object(let definitions)):
                for (name, definition) in definitions { try check(definition, at: here + "/" + Self.escape(name)) }
            case ("additionalProperties", _), ("items", _):
                try check(value, at: here)
            case ("oneOf", .array(let alternatives)), ("anyOf", .array(let alternatives)):
                for (index, alternative) in alternatives.enumerated() { try check(alternative, at: "\(here)/\(index)") }
            case ("$ref", .string(let reference)):
                guard resolve(reference) != nil else { throw SchemaError(description: "\(here): `\(reference)` does not resolve") }
            case ("pattern", .string(let pattern)):
                guard (try? Regex(pattern)) != nil else { throw SchemaError(description: "\(here): `\(pattern)` does not compile") }
            case ("type", .string), ("type", .array), ("enum", .array), ("required", .array), ("minimum", _), ("maximum", _),
                 ("const", _), ("$schema", .string), ("$id", .string), ("title", .string), ("description", .string):
                if keyword == "minimum" || keyword == "maximum", JSONNumberValue(value) == nil {
                    throw SchemaError(description: "\(here): a bound is a number")
                }
            default:
                throw SchemaError(description: "\(here): `\(keyword)` has a value of the wrong kind")
            }
        }
    }

    /// The schema a `$ref` of this document names: `#` or `#/a/b` with `~0`, `~1` escapes.
    private func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#") else { return nil }
        let pointer = reference.dropFirst()
        guard !pointer.isEmpty else { return root }
        guard pointer.hasPrefix("/") else { return nil }
        var current = root
        for token in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let name = token.replacing("~1", with: "/").replacing("~0", with: "~")
            guard case .object(let members) = current, let next = members.first(where: { $0.0 == name })?.1 else { return nil }
            current = next
        }
        return current
    }

    // MARK: - Validating

    private func validate(_ instance: JSONValue, against schema: JSONValue, pointer: String, schemaPath: String) -> Failure? {
        func fail(_ keyword: String, _ message: String) -> Failure {
            Failure(pointer: pointer, schemaPath: schemaPath + "/" + keyword, message: message)
        }
        switch schema {
        case .bool(true): return nil
        case .bool(false): return Failure(pointer: pointer, schemaPath: schemaPath, message: "no value is allowed here")
        default: break
        }
        let keywords = Self.members(schema)
        if let type = keywords["type"], !Self.matches(instance, type: type) {
            return fail("type", "expected \(Self.strings(type).joined(separator: " or ")), found \(Self.kind(of: instance))")
        }
        if case .array(let allowed)? = keywords["enum"], !allowed.contains(where: { Self.equal($0, instance) }) {
            return fail("enum", "\(instance.serialized()) is not one of \(allowed.map { $0.serialized() }.joined(separator: ", "))")
        }
        if let constant = keywords["const"], !Self.equal(constant, instance) {
            return fail("const", "expected \(constant.serialized()), found \(instance.serialized())")
        }
        if case .object(let members) = instance {
            if let failure = validateObject(members, keywords, pointer: pointer, schemaPath: schemaPath) { return failure }
        }
        if case .array(let elements) = instance, let items = keywords["items"] {
            for (index, element) in elements.enumerated() {
                if let failure = validate(element, against: items, pointer: "\(pointer)/\(index)", schemaPath: schemaPath + "/items") {
                    return failure
                }
            }
        }
        if let number = JSONNumberValue(instance) {
            if let minimum = keywords["minimum"], let bound = JSONNumberValue(minimum), number < bound {
                return fail("minimum", "\(instance.serialized()) is below the minimum \(minimum.serialized())")
            }
            if let maximum = keywords["maximum"], let bound = JSONNumberValue(maximum), bound < number {
                return fail("maximum", "\(instance.serialized()) is above the maximum \(maximum.serialized())")
            }
        }
        if case .string(let text) = instance, case .string(let pattern)? = keywords["pattern"],
           let regex = try? Regex(pattern).matchingSemantics(.unicodeScalar), text.firstMatch(of: regex) == nil {
            return fail("pattern", "\(instance.serialized()) does not match `\(pattern)`")
        }
        if case .string(let reference)? = keywords["$ref"], let target = resolve(reference),
           let failure = validate(instance, against: target, pointer: pointer, schemaPath: reference) {
            return failure
        }
        return validateAlternatives(instance, keywords, pointer: pointer, schemaPath: schemaPath)
    }

    private func validateObject(_ members: [(String, JSONValue)], _ keywords: [String: JSONValue],
                                pointer: String, schemaPath: String) -> Failure? {
        if case .array(let required)? = keywords["required"] {
            for case .string(let key) in required where !members.contains(where: { $0.0 == key }) {
                return Failure(pointer: pointer, schemaPath: schemaPath + "/required", message: "the required key `\(key)` is missing")
            }
        }
        let properties = Self.members(keywords["properties"] ?? .object([]))
        for (key, value) in members {
            let here = pointer + "/" + Self.escape(key)
            if let property = properties[key] {
                let path = schemaPath + "/properties/" + Self.escape(key)
                if let failure = validate(value, against: property, pointer: here, schemaPath: path) { return failure }
            } else if let additional = keywords["additionalProperties"] {
                if case .bool(false) = additional {
                    return Failure(pointer: here, schemaPath: schemaPath + "/additionalProperties", message: "key `\(key)` is not allowed")
                }
                let path = schemaPath + "/additionalProperties"
                if let failure = validate(value, against: additional, pointer: here, schemaPath: path) { return failure }
            }
        }
        return nil
    }

    /// `oneOf` (exactly one alternative matches) and `anyOf` (at least one). When none
    /// matches, the failure reported is the one found deepest in the instance: the
    /// alternative that came closest says best what is wrong.
    private func validateAlternatives(_ instance: JSONValue, _ keywords: [String: JSONValue],
                                      pointer: String, schemaPath: String) -> Failure? {
        for keyword in ["oneOf", "anyOf"] {
            guard case .array(let alternatives)? = keywords[keyword] else { continue }
            var failures: [Failure] = []
            var matched: [Int] = []
            for (index, alternative) in alternatives.enumerated() {
                if let failure = validate(instance, against: alternative, pointer: pointer, schemaPath: "\(schemaPath)/\(keyword)/\(index)") {
                    failures.append(failure)
                } else {
                    matched.append(index)
                }
            }
            if matched.isEmpty, let closest = failures.max(by: { $0.pointer.count < $1.pointer.count }) {
                return Failure(pointer: closest.pointer, schemaPath: closest.schemaPath,
                               message: closest.message + " (no alternative of \(keyword) at \(schemaPath) matches)")
            }
            if keyword == "oneOf", matched.count > 1 {
                return Failure(pointer: pointer, schemaPath: schemaPath + "/oneOf",
                               message: "\(matched.count) alternatives of oneOf match (\(matched.map(String.init).joined(separator: ", "))); exactly one must")
            }
        }
        return nil
    }

    // MARK: - Pieces

    private static func members(_ schema: JSONValue) -> [String: JSONValue] {
        guard case .object(let members) = schema else { return [:] }
        return Dictionary(members, uniquingKeysWith: { first, _ in first })
    }

    private static func strings(_ value: JSONValue) -> [String] {
        switch value {
        case .string(let text): [text]
        case .array(let elements): elements.compactMap { if case .string(let text) = $0 { text } else { nil } }
        default: []
        }
    }

    private static func matches(_ instance: JSONValue, type: JSONValue) -> Bool {
        strings(type).contains { name in
            switch (name, instance) {
            case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
                 ("number", .integer), ("number", .number), ("integer", .integer): true
            case ("integer", .number): JSONNumberValue(instance)?.isIntegral ?? false
            default: false
            }
        }
    }

    private static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .integer: "an integer"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// JSON equality: numbers by value, objects whatever their key order.
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = JSONNumberValue(a), let y = JSONNumberValue(b) { return x == y }
        switch (a, b) {
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)):
            let named = members(.object(y))
            return x.count == y.count && x.allSatisfy { key, value in named[key].map { equal(value, $0) } ?? false }
        default: return a == b
        }
    }

    /// A key as a JSON pointer token: `~` is `~0`, `/` is `~1`.
    static func escape(_ key: String) -> String {
        key.replacing("~", with: "~0").replacing("/", with: "~1")
    }
}
