import CoinageJSON
import CoinageSyntax

/// Where the server runs deferred work: the debounced analysis after a delay on
/// the server's own queue, and the analysis itself off it.
package protocol ServerScheduler: Sendable {
    /// Runs `work` on the server's queue after `milliseconds`.
    func after(milliseconds: Int, _ work: @escaping @Sendable () -> Void)
    /// Runs `work` away from the server's queue (it hands its result back with `after`).
    func background(_ work: @escaping @Sendable () -> Void)
}

/// The language server's state and its dispatch of messages, one at a time.
///
/// Every method runs on one serial queue (the scheduler's), so the state needs no
/// lock; only the analysis runs elsewhere, on a copy of the sources, and its result
/// is taken back on the queue only if no change came after it.
package final class LanguageServer: @unchecked Sendable {
    package enum State: Sendable { case uninitialized, running, shutDown }

    package private(set) var state = State.uninitialized
    package internal(set) var encoding = PositionEncoding.utf16
    var documents = DocumentStore()
    var workspace: Workspace
    /// The latest snapshot of each rule set, by workspace key.
    var snapshots: [String: Snapshot] = [:]
    /// The latest snapshot of each rule set that had no error: what hover reads
    /// while the rules are broken.
    var lastGood: [String: Snapshot] = [:]
    /// The rule sets whose files as saved were checked for want of a good version.
    var triedDisk: Set<String> = []
    /// The latest analysed snapshot of each rule set: the guards' worst cases.
    var lastAnalysed: [String: Snapshot] = [:]
    /// Raised by every change; a result made for an older generation is dropped.
    var generation = 0
    /// True when a change came after the latest check.
    var checkPending = false
    /// How many checks have run: a burst of changes makes one.
    package internal(set) var checkCount = 0
    /// The unreadable-directory message last shown, so that it is shown once.
    var shownLoadError: String?
    /// Files last published with diagnostics, so that a fixed file gets an empty list.
    var published: Set<String> = []
    let send: @Sendable (JSONValue) -> Void
    let scheduler: any ServerScheduler
    /// The current instant in seconds since the epoch, for expiry lints and hovers.
    let now: @Sendable () -> Int64
    /// Called once, with the exit status, when the client sends `exit`.
    let terminate: @Sendable (Int32) -> Void

    package init(rulesDirectory: String?, scheduler: any ServerScheduler, now: @escaping @Sendable () -> Int64,
                 send: @escaping @Sendable (JSONValue) -> Void, terminate: @escaping @Sendable (Int32) -> Void) {
        self.workspace = Workspace(directory: rulesDirectory)
        self.scheduler = scheduler
        self.now = now
        self.send = send
        self.terminate = terminate
    }

    /// Handles one message body from the client.
    package func receive(_ body: [UInt8]) {
        guard let message = JSONReading.parse(body) else {
            send(RPC.error(id: .null, RPCError(RPCError.parseError, "parse error: the message is not valid JSON")))
            return
        }
        guard message.isObject else {
            send(RPC.error(id: .null, RPCError(RPCError.invalidRequest, "invalid request: a message must be a JSON object")))
            return
        }
        let id = message["id"]
        if let id, !Self.isValidID(id) {
            send(RPC.error(id: .null, RPCError(RPCError.invalidRequest, "invalid request: `id` must be a number or a string")))
            return
        }
        guard message["jsonrpc"]?.stringValue == "2.0" else {
            send(RPC.error(id: id ?? .null, RPCError(RPCError.invalidRequest, "invalid request: `jsonrpc` must be \"2.0\"")))
            return
        }
        guard let method = message["method"]?.stringValue else {
            // A response to a request of ours (the server sends none), or nonsense.
            if id != nil, message["result"] != nil || message["error"] != nil { return }
            send(RPC.error(id: id ?? .null, RPCError(RPCError.invalidRequest, "invalid request: `method` must be a string")))
            return
        }
        let params = message["params"] ?? .object([])
        if let id {
            request(method, params: params, id: id)
        } else {
            notification(method, params: params)
        }
    }

    /// Answers a bad frame (no length, too long): a parse error, as for bad JSON.
    package func badFrame(_ reason: String) {
        send(RPC.error(id: .null, RPCError(RPCError.parseError, "parse error: \(reason)")))
    }

    /// The end of the input: as `exit`, status 0 only after `shutdown`.
    package func endOfInput() {
        terminate(state == .shutDown ? 0 : 1)
    }

    private static func isValidID(_ id: JSONValue) -> Bool {
        switch id {
        case .integer, .string, .null: true
        default: false
        }
    }

    private func request(_ method: String, params: JSONValue, id: JSONValue) {
        switch state {
        case .uninitialized where method != "initialize":
            send(RPC.error(id: id, RPCError(RPCError.serverNotInitialized, "the server is not initialized: send `initialize` first")))
            return
        case .shutDown:
            send(RPC.error(id: id, RPCError(RPCError.invalidRequest, "the server is shut down: only `exit` is accepted")))
            return
        default: break
        }
        // A request answers for the text as it is now.
        checkIfPending()
        do {
            let result = try answer(method, Params(value: params))
            send(RPC.response(id: id, result: result))
        } catch {
            send(RPC.error(id: id, error))
        }
    }

    private func answer(_ method: String, _ params: Params) throws(RPCError) -> JSONValue {
        switch method {
        case "initialize":
            guard state == .uninitialized else { throw RPCError(RPCError.invalidRequest, "the server is already initialized") }
            return initialize(params)
        case "shutdown":
            state = .shutDown
            return .null
        case "textDocument/hover": return try hover(params)
        case "textDocument/definition": return try definition(params)
        case "textDocument/references": return try references(params)
        case "textDocument/prepareRename": return try prepareRename(params)
        case "textDocument/rename": return try rename(params)
        case "textDocument/completion": return try completion(params)
        case "textDocument/codeAction": return try codeActions(params)
        case "textDocument/formatting": return try formatting(params)
        case "textDocument/rangeFormatting": return try rangeFormatting(params)
        case "textDocument/documentSymbol": return try documentSymbols(params)
        case "workspace/symbol": return try workspaceSymbols(params)
        default: throw RPCError(RPCError.methodNotFound, "method not found: `\(method)` is not supported by coinage lsp")
        }
    }

    private func notification(_ method: String, params: JSONValue) {
        if method == "exit" {
            terminate(state == .shutDown ? 0 : 1)
            return
        }
        guard state == .running else { return }
        let params = Params(value: params)
        // A notification has no answer: one with bad parameters is passed over.
        switch method {
        case "initialized": recheck()
        case "textDocument/didOpen": try? didOpen(params)
        case "textDocument/didChange": try? didChange(params)
        case "textDocument/didSave", "workspace/didChangeWatchedFiles": diskChanged()
        case "textDocument/didClose": try? didClose(params)
        default: break
        }
    }

    private func initialize(_ params: Params) -> JSONValue {
        let offered = params.value["capabilities"]?["general"]?["positionEncodings"]?.arrayValue?.compactMap(\.stringValue) ?? []
        encoding = PositionEncoding.negotiate(offered)
        if let folder = params.value["workspaceFolders"]?.arrayValue?.first?["uri"]?.stringValue {
            workspace.adopt(root: DocumentURI.path(of: folder))
        } else if let root = params.value["rootUri"]?.stringValue {
            workspace.adopt(root: DocumentURI.path(of: root))
        } else if let root = params.value["rootPath"]?.stringValue {
            workspace.adopt(root: root)
        }
        workspace.reload()
        state = .running
        return .object([
            ("capabilities", Capabilities.json(encoding: encoding)),
            ("serverInfo", .object([("name", .string("coinage")), ("version", .string(Capabilities.version))])),
        ])
    }
}

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
