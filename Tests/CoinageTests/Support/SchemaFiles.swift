import CoinageJSON
import CoinageTestSupport
import Foundation

/// The JSON schemas of `Docs/schemas/`, read where users find them: a copy in the
/// tests' resources could drift from the published files.
enum SchemaFiles {
    /// Every schema file, by the name before `.schema.json`.
    static let names = ["request", "quote", "error", "gift"]

    /// The repository's text at `relative`.
    static func text(_ relative: String) throws -> String {
        try String(contentsOf: RepositoryPaths.file(relative), encoding: .utf8)
    }

    /// The schema `Docs/schemas/NAME.schema.json` as a document.
    static func document(_ name: String) throws -> JSONValue {
        try JSONReader.read(try text("Docs/schemas/\(name).schema.json"))
    }

    /// A validator for `Docs/schemas/NAME.schema.json`.
    static func validator(_ name: String) throws -> JSONSchemaValidator {
        try JSONSchemaValidator(schema: try document(name))
    }

    /// The value at a JSON pointer's tokens, e.g. `["$defs", "error"]`.
    static func value(_ document: JSONValue, at path: [String]) -> JSONValue? {
        var current = document
        for name in path {
            guard case .object(let members) = current, let next = members.first(where: { $0.0 == name })?.1 else { return nil }
            current = next
        }
        return current
    }

    /// The strings of an `enum` at `path`.
    static func enumeration(_ document: JSONValue, at path: [String]) -> [String] {
        guard case .array(let values)? = value(document, at: path + ["enum"]) else { return [] }
        return values.compactMap { if case .string(let text) = $0 { text } else { nil } }
    }
}
