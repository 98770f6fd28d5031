import CoinageJSON
import CoinageSyntax

/// A JSON-RPC error answer: the protocol's code and a message for the person
/// reading the client's log.
package struct RPCError: Error, Equatable, Sendable {
    package let code: Int
    package let message: String

    package static let parseError = -32700
    package static let invalidRequest = -32600
    package static let methodNotFound = -32601
    package static let invalidParams = -32602
    package static let internalError = -32603
    package static let serverNotInitialized = -32002
    package static let requestFailed = -32803

    package init(_ code: Int, _ message: String) {
        self.code = code
        self.message = message
    }

    package static func params(_ message: String) -> RPCError { RPCError(invalidParams, message) }
}

/// The messages the server writes.
enum RPC {
    static func response(id: JSONValue, result: JSONValue) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("id", id), ("result", result)])
    }

    static func error(id: JSONValue, _ error: RPCError) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("id", id),
                 ("error", .object([("code", .integer(Int64(error.code))), ("message", .string(error.message))]))])
    }

    static func notification(_ method: String, _ params: JSONValue) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)])
    }
}

/// Reading a request's parameters, each missing or mistyped one an invalid-params error.
struct Params {
    let value: JSONValue

    func object(_ key: String) throws(RPCError) -> Params {
        guard let member = value[key], member.isObject else { throw .params("`\(key)` must be an object") }
        return Params(value: member)
    }

    func string(_ key: String) throws(RPCError) -> String {
        guard let member = value[key]?.stringValue else { throw .params("`\(key)` must be a string") }
        return member
    }

    func int(_ key: String) throws(RPCError) -> Int {
        guard let member = value[key]?.intValue else { throw .params("`\(key)` must be an integer") }
        return member
    }

    /// `textDocument.uri`.
    func documentURI() throws(RPCError) -> String {
        try object("textDocument").string("uri")
    }

    func position(_ key: String = "position") throws(RPCError) -> LSPPosition {
        let position = try object(key)
        let line = try position.int("line")
        let character = try position.int("character")
        guard line >= 0, character >= 0 else { throw .params("a position's line and character must not be negative") }
        return LSPPosition(line: line, character: character)
    }

    func range(_ key: String = "range") throws(RPCError) -> (LSPPosition, LSPPosition) {
        let range = try object(key)
        return (try range.position("start"), try range.position("end"))
    }
}

/// LSP's JSON shapes for positions, ranges and locations.
enum LSPJSON {
    static func position(_ position: LSPPosition) -> JSONValue {
        .object([("line", .integer(Int64(position.line))), ("character", .integer(Int64(position.character)))])
    }

    static func range(_ span: SourceSpan, in file: SourceFile, encoding: PositionEncoding) -> JSONValue {
        let converter = PositionConverter(file, encoding: encoding)
        return range(converter.position(of: Int(span.start)), converter.position(of: Int(span.end)))
    }

    static func range(_ start: LSPPosition, _ end: LSPPosition) -> JSONValue {
        .object([("start", position(start)), ("end", position(end))])
    }

    static func location(_ span: SourceSpan, in sources: SourceMap, encoding: PositionEncoding) -> JSONValue {
        let file = sources[span.file]
        return .object([("uri", .string(DocumentURI.uri(ofPath: file.path))), ("range", range(span, in: file, encoding: encoding))])
    }

    static func textEdit(_ range: JSONValue, _ newText: String) -> JSONValue {
        .object([("range", range), ("newText", .string(newText))])
    }
}
