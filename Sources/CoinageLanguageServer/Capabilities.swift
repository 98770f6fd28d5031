import CoinageJSON

/// What the server tells the client it can do, in its answer to `initialize`.
enum Capabilities {
    static let version = "0.1.0"

    /// The clause keywords completion offers inside a promotion; typing a space
    /// or a `.` (after `user`) asks for completion again.
    static func json(encoding: PositionEncoding) -> JSONValue {
        .object([
            ("positionEncoding", .string(encoding.rawValue)),
            // Incremental changes: the client sends only the edited range.
            ("textDocumentSync", .object([
                ("openClose", .bool(true)),
                ("change", .integer(2)),
                ("save", .object([("includeText", .bool(false))])),
            ])),
            ("hoverProvider", .bool(true)),
            ("definitionProvider", .bool(true)),
            ("referencesProvider", .bool(true)),
            ("renameProvider", .object([("prepareProvider", .bool(true))])),
            ("completionProvider", .object([("triggerCharacters", .array([.string("."), .string(" ")]))])),
            ("codeActionProvider", .object([("codeActionKinds", .array([.string("quickfix")]))])),
            ("documentFormattingProvider", .bool(true)),
            ("documentRangeFormattingProvider", .bool(true)),
            ("documentSymbolProvider", .bool(true)),
            ("workspaceSymbolProvider", .bool(true)),
        ])
    }
}
