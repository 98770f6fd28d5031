import CoinageJSON
import CoinageSyntax

/// Go to definition, find references, rename, and the outlines of a document and
/// of the workspace, all read from the symbol index of the latest snapshot.
extension LanguageServer {
    /// The snapshot, file and byte offset a position request points at; nil when
    /// the document belongs to no checked rule set.
    func locate(_ params: Params) throws(RPCError) -> (snapshot: Snapshot, file: SourceFile, offset: Int)? {
        let path = DocumentURI.path(of: try params.documentURI())
        let position = try params.position()
        guard let (snapshot, file) = snapshot(forPath: path) else { return nil }
        return (snapshot, file, PositionConverter(file, encoding: encoding).offset(of: position))
    }

    func snapshot(forPath path: String) -> (Snapshot, SourceFile)? {
        guard let snapshot = snapshots[workspace.key(for: path)], let file = snapshot.file(atPath: path) else { return nil }
        return (snapshot, file)
    }

    func definition(_ params: Params) throws(RPCError) -> JSONValue {
        guard let (snapshot, file, offset) = try locate(params),
              let occurrence = snapshot.index.occurrence(in: file.id, at: offset) else { return .null }
        return .array(snapshot.index.definitions(of: occurrence.key).map {
            LSPJSON.location($0.span, in: snapshot.sources, encoding: encoding)
        })
    }

    func references(_ params: Params) throws(RPCError) -> JSONValue {
        guard let (snapshot, file, offset) = try locate(params),
              let occurrence = snapshot.index.occurrence(in: file.id, at: offset) else { return .null }
        let includeDeclaration = params.value["context"]?["includeDeclaration"]?.boolValue ?? true
        return .array(snapshot.index.occurrences(of: occurrence.key).filter { includeDeclaration || !$0.isDefinition }.map {
            LSPJSON.location($0.span, in: snapshot.sources, encoding: encoding)
        })
    }

    func prepareRename(_ params: Params) throws(RPCError) -> JSONValue {
        guard let (snapshot, file, offset) = try locate(params),
              let occurrence = snapshot.index.occurrence(in: file.id, at: offset) else { return .null }
        return .object([("range", LSPJSON.range(occurrence.span, in: file, encoding: encoding)),
                        ("placeholder", .string(occurrence.key.name))])
    }

    /// Every place the name is written, in every file of the rule set, replaced by
    /// the new name; a name that is not of its kind's shape, or is already declared
    /// as that kind, is refused.
    func rename(_ params: Params) throws(RPCError) -> JSONValue {
        let newName = try params.string("newName")
        guard let (snapshot, file, offset) = try locate(params),
              let occurrence = snapshot.index.occurrence(in: file.id, at: offset) else { return .null }
        let key = occurrence.key
        guard Self.isValidName(newName, for: key.kind) else {
            throw .params(key.kind.isCode
                ? "`\(newName)` is not a \(key.kind.rawValue) code: write \(key.kind == .region ? "two" : "three") capital letters"
                : "`\(newName)` is not a name: write lowercase letters, digits and `_`, starting with a letter")
        }
        if newName != key.name, !snapshot.index.occurrences(of: SymbolKey(key.kind, newName)).isEmpty {
            throw RPCError(RPCError.requestFailed, "a \(key.kind.rawValue) named `\(newName)` already exists")
        }
        var changes: [String: [JSONValue]] = [:]
        for place in snapshot.index.occurrences(of: key) {
            let placeFile = snapshot.sources[place.span.file]
            let uri = DocumentURI.uri(ofPath: placeFile.path)
            changes[uri, default: []].append(LSPJSON.textEdit(LSPJSON.range(place.span, in: placeFile, encoding: encoding), newName))
        }
        return .object([("changes", .object(changes.keys.sorted().map { ($0, .array(changes[$0] ?? [])) }))])
    }

    static func isValidName(_ name: String, for kind: SymbolKind) -> Bool {
        let scalars = Array(name.unicodeScalars)
        if kind.isCode {
            return scalars.count == (kind == .region ? 2 : 3) && scalars.allSatisfy { ("A"..."Z").contains($0) }
        }
        guard let first = scalars.first, ("a"..."z").contains(first) else { return false }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    func documentSymbols(_ params: Params) throws(RPCError) -> JSONValue {
        let path = DocumentURI.path(of: try params.documentURI())
        guard let (snapshot, file) = snapshot(forPath: path) else { return .array([]) }
        let entries = (snapshot.index.outlines[file.id] ?? []).sorted { $0.span.start < $1.span.start }
        return .array(entries.map { entry in
            .object([
                ("name", .string(entry.name.isEmpty ? entry.detail : entry.name)),
                ("detail", .string(entry.detail)),
                ("kind", .integer(Int64(entry.lspKind))),
                ("range", LSPJSON.range(entry.span, in: file, encoding: encoding)),
                ("selectionRange", LSPJSON.range(entry.selection, in: file, encoding: encoding)),
            ])
        })
    }

    /// The declarations of every rule set whose name holds the query (ignoring case),
    /// at most `LSPLimits.maxWorkspaceSymbols`.
    func workspaceSymbols(_ params: Params) throws(RPCError) -> JSONValue {
        let query = try params.string("query").lowercased()
        var symbols: [JSONValue] = []
        for key in snapshots.keys.sorted() {
            guard let snapshot = snapshots[key] else { continue }
            for file in snapshot.sources.files {
                for entry in snapshot.index.outlines[file.id] ?? [] where !entry.name.isEmpty {
                    guard query.isEmpty || entry.name.lowercased().contains(query) else { continue }
                    guard symbols.count < LSPLimits.maxWorkspaceSymbols else { return .array(symbols) }
                    symbols.append(.object([
                        ("name", .string(entry.name)),
                        ("kind", .integer(Int64(entry.lspKind))),
                        ("location", LSPJSON.location(entry.selection, in: snapshot.sources, encoding: encoding)),
                        ("containerName", .string(entry.detail)),
                    ]))
                }
            }
        }
        return .array(symbols)
    }
}
