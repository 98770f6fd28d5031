import Coinage
import CoinageJSON
import CoinageSyntax

/// Open documents, checks and `textDocument/publishDiagnostics`.
///
/// Every change checks the whole rule set at once (parse, check, compile: what
/// `coinage check` does before its analysis) and publishes; the guards and lints,
/// which cost more, run once the edits have paused for
/// `LSPLimits.analysisDebounceMilliseconds`, off the server's queue. Each check
/// carries the generation of the change it was made for, and a result whose
/// generation is no longer the latest is dropped: stale diagnostics never replace
/// newer ones.
extension LanguageServer {
    func didOpen(_ params: Params) throws(RPCError) {
        let document = try params.object("textDocument")
        let uri = try document.string("uri")
        documents.open(uri: uri, text: try document.string("text"), version: document.value["version"]?.intValue)
        recheck()
    }

    func didChange(_ params: Params) throws(RPCError) {
        let uri = try params.documentURI()
        guard let changes = params.value["contentChanges"]?.arrayValue else { throw .params("`contentChanges` must be an array") }
        var edits: [(range: (LSPPosition, LSPPosition)?, text: String)] = []
        for change in changes {
            let change = Params(value: change)
            let text = try change.string("text")
            edits.append((change.value["range"] == nil ? nil : try change.range(), text))
        }
        documents.change(uri: uri, version: try params.object("textDocument").value["version"]?.intValue,
                         changes: edits, encoding: encoding)
        recheck()
    }

    func didClose(_ params: Params) throws(RPCError) {
        documents.close(uri: try params.documentURI())
        recheck()
    }

    /// A file was saved or changed on disk: read the directory again.
    func diskChanged() {
        workspace.reload()
        triedDisk = []
        recheck()
    }

    /// Marks the rule sets changed and checks them once the messages already
    /// queued are read: a burst of edits is checked once, for its last text. A
    /// request arriving first has the check run before it is answered.
    func recheck() {
        generation += 1
        checkPending = true
        scheduler.after(milliseconds: 0) { [self] in checkIfPending() }
    }

    /// Checks every rule set now if a change is not yet checked, publishes, and
    /// schedules the analysis.
    func checkIfPending() {
        guard checkPending else { return }
        checkPending = false
        checkCount += 1
        let current = generation
        let keys = workspace.keys(documents: documents)
        snapshots = snapshots.filter { keys.contains($0.key) }
        for key in keys {
            let sources = workspace.sources(for: key, documents: documents)
            guard !sources.files.isEmpty else { snapshots[key] = nil; continue }
            let snapshot = Snapshot.check(sources, generation: current, analysis: nil)
            store(snapshot, key: key)
            if snapshot.result.ruleSet == nil, lastGood[key] == nil, triedDisk.insert(key).inserted {
                // Broken before any good version was seen: the files as saved may be good, for hover.
                let saved = Snapshot.check(workspace.sources(for: key, documents: DocumentStore()), generation: 0, analysis: nil)
                if saved.result.ruleSet != nil { lastGood[key] = saved }
            }
        }
        if let error = workspace.loadError, error != shownLoadError {
            shownLoadError = error
            send(RPC.notification("window/showMessage", .object([
                ("type", .integer(1)), ("message", .string("coinage: the rules directory cannot be read: \(error)")),
            ])))
        }
        publish()
        scheduleAnalysis(current)
    }

    private func scheduleAnalysis(_ scheduled: Int) {
        scheduler.after(milliseconds: LSPLimits.analysisDebounceMilliseconds) { [self] in
            guard generation == scheduled else { return }
            // Rules with errors are not analysed: the quick check said all there is.
            let inputs = snapshots.filter { $0.value.result.ruleSet != nil }.map { ($0.key, $0.value.sources) }
            guard !inputs.isEmpty else { return }
            let options = AnalysisOptions(now: now(), rulesDirectory: workspace.directory)
            scheduler.background { [self] in
                let results = inputs.map { ($0.0, Snapshot.check($0.1, generation: scheduled, analysis: options)) }
                scheduler.after(milliseconds: 0) { [self] in
                    guard generation == scheduled else { return }
                    for (key, snapshot) in results { store(snapshot, key: key) }
                    publish()
                }
            }
        }
    }

    private func store(_ snapshot: Snapshot, key: String) {
        if let existing = snapshots[key], existing.generation > snapshot.generation { return }
        snapshots[key] = snapshot
        guard snapshot.result.ruleSet != nil else { return }
        lastGood[key] = snapshot
        if snapshot.analysed { lastAnalysed[key] = snapshot }
    }

    /// Sends each file's diagnostics, and an empty list to a file that had some before.
    func publish() {
        var now: Set<String> = []
        var sent: Set<String> = []
        for snapshot in snapshots.values {
            var byFile: [SourceFileID: [Diagnostic]] = [:]
            for diagnostic in snapshot.result.diagnostics where !diagnostic.isSuppressed {
                byFile[diagnostic.span.file, default: []].append(diagnostic)
            }
            for file in snapshot.sources.files {
                // An open document is answered under the URI the client gave it.
                let uri = documents.document(atPath: file.path)?.uri ?? DocumentURI.uri(ofPath: file.path)
                let list = (byFile[file.id] ?? []).map { DiagnosticJSON.json($0, sources: snapshot.sources, encoding: encoding) }
                guard !list.isEmpty || published.contains(uri) else { continue }
                if !list.isEmpty { now.insert(uri) }
                sent.insert(uri)
                var params: [(String, JSONValue)] = [("uri", .string(uri)), ("diagnostics", .array(list))]
                if let version = documents[uri]?.version { params.append(("version", .integer(Int64(version)))) }
                send(RPC.notification("textDocument/publishDiagnostics", .object(params)))
            }
        }
        // A file gone, or one now answered under another spelling of its URI.
        for uri in published.subtracting(now) where !sent.contains(uri) {
            send(RPC.notification("textDocument/publishDiagnostics", .object([("uri", .string(uri)), ("diagnostics", .array([]))])))
        }
        published = now
    }
}

/// A diagnostic as LSP shows it.
enum DiagnosticJSON {
    /// The code, the message with its help line, the notes that point somewhere as
    /// related information and the others in the message, and the help in `data`
    /// for the code actions.
    static func json(_ diagnostic: Diagnostic, sources: SourceMap, encoding: PositionEncoding) -> JSONValue {
        let file = sources[diagnostic.span.file]
        var message = diagnostic.message
        for note in diagnostic.notes where note.span == nil { message += "\nnote: \(note.message)" }
        if let help = diagnostic.help { message += "\nhelp: \(help)" }
        let related = diagnostic.notes.compactMap { note -> JSONValue? in
            guard let span = note.span else { return nil }
            return .object([("location", LSPJSON.location(span, in: sources, encoding: encoding)), ("message", .string(note.message))])
        }
        let severity: Int64 = switch diagnostic.severity {
        case .error: 1
        case .warning: 2
        case .note: 3
        }
        var members: [(String, JSONValue)] = [
            ("range", LSPJSON.range(diagnostic.span, in: file, encoding: encoding)),
            ("severity", .integer(severity)),
            ("code", .string(diagnostic.code.rawValue)),
            ("source", .string("coinage")),
            ("message", .string(message)),
        ]
        if !related.isEmpty { members.append(("relatedInformation", .array(related))) }
        return .object(members)
    }
}
