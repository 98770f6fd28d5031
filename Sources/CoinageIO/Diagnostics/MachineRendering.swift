import CoinageJSON
import CoinageSyntax

extension DiagnosticRenderer {
    // MARK: - JSON

    func renderJSON(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.count(where: { $0.severity == .error })
        let warnings = diagnostics.count(where: { $0.severity == .warning && !$0.isSuppressed })
        var members: [(String, JSONValue)] = [
            ("diagnostics", .array(diagnostics.map(jsonObject))),
            ("errors", .integer(Int64(errors))),
            ("warnings", .integer(Int64(warnings))),
        ]
        // Only when something was accepted, so documents of rules without `allow` stay as they were.
        let suppressed = diagnostics.count { $0.isSuppressed }
        if suppressed > 0 { members.append(("suppressed", .integer(Int64(suppressed)))) }
        let document = JSONValue.object(members)
        return document.serialized(pretty: true) + "\n"
    }

    func jsonObject(_ diagnostic: Diagnostic) -> JSONValue {
        var members = [
            ("code", JSONValue.string(diagnostic.code.rawValue)),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("message", .string(diagnostic.message)),
        ]
        members += location(diagnostic.span)
        members.append(("notes", .array(diagnostic.notes.map { note in
            var fields = [("message", JSONValue.string(note.message))]
            if let span = note.span { fields += location(span) }
            return .object(fields)
        })))
        members.append(("help", diagnostic.help.map(JSONValue.string) ?? .null))
        if let suppression = diagnostic.suppression {
            var fields: [(String, JSONValue)] = [("reason", .string(suppression.reason))]
            if let span = suppression.span { fields += location(span) } else { fields.append(("source", .string("command line"))) }
            members.append(("suppressed", .object(fields)))
        }
        return .object(members)
    }

    private func location(_ span: SourceSpan) -> [(String, JSONValue)] {
        let at = position(of: span)
        return [
            ("file", .string(at.path)),
            ("line", .integer(Int64(at.line))),
            ("column", .integer(Int64(at.column))),
            ("endLine", .integer(Int64(at.endLine))),
            ("endColumn", .integer(Int64(at.endColumn))),
        ]
    }

    // MARK: - GitHub workflow commands

    /// `::error file=rules/a.coin,line=3,col=8,endLine=3,endColumn=10,title=E0101::message`
    func renderGitHub(_ diagnostic: Diagnostic) -> String {
        let command = switch diagnostic.severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
        let at = position(of: diagnostic.span)
        var message = diagnostic.message
        for note in diagnostic.notes {
            if let span = note.span {
                let noteAt = position(of: span)
                message += "\nnote: \(note.message) (\(noteAt.path):\(noteAt.line):\(noteAt.column))"
            } else {
                message += "\nnote: \(note.message)"
            }
        }
        if let help = diagnostic.help { message += "\nhelp: \(help)" }
        let properties = [
            "file=\(escapeProperty(at.path))",
            "line=\(at.line)",
            "col=\(at.column)",
            "endLine=\(at.endLine)",
            "endColumn=\(at.endColumn)",
            "title=\(escapeProperty("\(diagnostic.code.rawValue) \(diagnostic.code.title)"))",
        ]
        return "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))\n"
    }

    /// Workflow-command escaping, after control characters are made visible: GitHub's
    /// log viewer interprets ANSI sequences, so a path or name must not carry one.
    private func escapeData(_ text: String) -> String {
        var output = ""
        for character in TerminalText.visible(text) {
            switch character {
            case "%": output += "%25"
            case "\r": output += "%0D"
            case "\n": output += "%0A"
            default: output.append(character)
            }
        }
        return output
    }

    private func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
    }

    // MARK: - SARIF 2.1.0

    /// A SARIF rule's name: the code's case name (`unknownBundle`). Embedded Swift
    /// (the WebAssembly build) has no reflection to spell a case name, so there the
    /// rule is named by its code (`E0103`), as its `id` is.
    private func sarifName(_ code: DiagnosticCode) -> String {
        #if hasFeature(Embedded)
        code.rawValue
        #else
        String(describing: code)
        #endif
    }

    func renderSARIF(_ diagnostics: [Diagnostic]) -> String {
        // Only the rules the results use, in code order: the output stays stable as
        // codes are added, and each result's `ruleIndex` points into this list.
        let used = Set(diagnostics.map { $0.code })
        let codes = DiagnosticCode.allCases.filter { used.contains($0) }
        let ruleIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        let rules = codes.map { code in
            JSONValue.object([
                ("id", .string(code.rawValue)),
                ("name", .string(sarifName(code))),
                ("shortDescription", .object([("text", .string(code.title))])),
                ("defaultConfiguration", .object([("level", .string(sarifLevel(code.defaultSeverity)))])),
            ])
        }
        let results = diagnostics.map { diagnostic -> JSONValue in
            // Notes with a place become related locations; the others would be lost,
            // so they go in the message text like the help.
            var text = diagnostic.message
            for note in diagnostic.notes where note.span == nil { text += "\nnote: \(note.message)" }
            if let help = diagnostic.help { text += "\nhelp: \(help)" }
            var members: [(String, JSONValue)] = [
                ("ruleId", .string(diagnostic.code.rawValue)),
                ("ruleIndex", .integer(Int64(ruleIndex[diagnostic.code] ?? 0))),
                ("level", .string(sarifLevel(diagnostic.severity))),
                ("message", .object([("text", .string(text))])),
                ("locations", .array([sarifLocation(diagnostic.span, message: nil, id: nil)])),
            ]
            let related = diagnostic.notes.enumerated().compactMap { index, note in
                note.span.map { sarifLocation($0, message: note.message, id: index) }
            }
            if !related.isEmpty { members.append(("relatedLocations", .array(related))) }
            // SARIF's own form for an accepted finding: `inSource` for `allow` in the
            // rules, `external` for `--allow` on the command line.
            if let suppression = diagnostic.suppression {
                members.append(("suppressions", .array([.object([
                    ("kind", .string(suppression.span == nil ? "external" : "inSource")),
                    ("justification", .string(suppression.reason)),
                ])])))
            }
            return .object(members)
        }
        let document = JSONValue.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string("coinage")),
                    ("rules", .array(rules)),
                ]))])),
                ("columnKind", .string("unicodeCodePoints")),
                ("results", .array(results)),
            ])])),
        ])
        return document.serialized(pretty: true) + "\n"
    }

    private func sarifLevel(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    private func sarifLocation(_ span: SourceSpan, message: String?, id: Int?) -> JSONValue {
        let at = position(of: span)
        var members: [(String, JSONValue)] = []
        if let id { members.append(("id", .integer(Int64(id)))) }
        members.append(("physicalLocation", .object([
            ("artifactLocation", .object([("uri", .string(at.path))])),
            ("region", .object([
                ("startLine", .integer(Int64(at.line))),
                ("startColumn", .integer(Int64(at.column))),
                ("endLine", .integer(Int64(at.endLine))),
                ("endColumn", .integer(Int64(max(at.endColumn, at.column + (at.endLine == at.line ? 1 : 0))))),
            ])),
        ])))
        if let message { members.append(("message", .object([("text", .string(message))]))) }
        return .object(members)
    }
}

extension String {
    /// Replaces every occurrence of one character; the core has no Foundation.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var output = ""
        for character in self {
            if character == target { output += replacement } else { output.append(character) }
        }
        return output
    }
}
