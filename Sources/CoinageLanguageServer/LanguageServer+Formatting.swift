import CoinageFormat
import CoinageJSON
import CoinageSyntax

/// `textDocument/formatting` and `rangeFormatting`, through `coinage fmt`'s
/// formatter: the document as the editor holds it is formatted whole (alignment
/// reaches across declarations), and the changed lines are sent as edits; a range
/// format sends only the edits that touch its lines.
///
/// A document the formatter refuses (a syntax error, a result it could not
/// verify, one too large) gets no edits, and the reason goes to the client's log.
extension LanguageServer {
    func formatting(_ params: Params) throws(RPCError) -> JSONValue {
        let uri = try params.documentURI()
        return .array(formatEdits(uri: uri, lines: nil))
    }

    func rangeFormatting(_ params: Params) throws(RPCError) -> JSONValue {
        let uri = try params.documentURI()
        let (start, end) = try params.range()
        // A range ending at the start of a line does not take that line in.
        let last = end.character == 0 && end.line > start.line ? end.line - 1 : end.line
        return .array(formatEdits(uri: uri, lines: start.line...max(start.line, last)))
    }

    /// The edits formatting the document at `uri`, those touching `lines` when given.
    private func formatEdits(uri: String, lines: ClosedRange<Int>?) -> [JSONValue] {
        let path = DocumentURI.path(of: uri)
        guard let bytes = documents[uri]?.bytes ?? snapshot(forPath: path)?.1.bytes else { return [] }
        let source = SourceFile(id: SourceFileID(0), path: path, bytes: bytes)
        let formatted: String
        switch RuleFormatter.format(source) {
        case .formatted(let text): formatted = text
        case .syntaxErrors: return log("coinage: `\(path)` has syntax errors; it is formatted once they are fixed")
        case .unverified(let reason): return log("coinage: `\(path)` is left as it is: \(reason)")
        case .tooLarge(let size): return log("coinage: `\(path)` is left as it is: formatted, it would be \(size) bytes")
        }
        let old = LineDiff.lines(bytes)
        let new = LineDiff.lines(Array(formatted.utf8))
        let converter = PositionConverter(source, encoding: encoding)
        let starts = source.lines.starts
        return LineDiff.hunks(old, new).compactMap { hunk in
            if let lines {
                // A pure insertion touches the line it goes before.
                let touched = hunk.old.isEmpty ? hunk.old.lowerBound...hunk.old.lowerBound : hunk.old.lowerBound...hunk.old.upperBound - 1
                guard touched.overlaps(lines) else { return nil }
            }
            let from = hunk.old.lowerBound < starts.count ? starts[hunk.old.lowerBound] : bytes.count
            let to = hunk.old.upperBound < starts.count ? starts[hunk.old.upperBound] : bytes.count
            let text = new[hunk.new].map { String(decoding: $0, as: UTF8.self) }.joined()
            return LSPJSON.textEdit(LSPJSON.range(converter.position(of: from), converter.position(of: to)), text)
        }
    }

    private func log(_ message: String) -> [JSONValue] {
        send(RPC.notification("window/logMessage", .object([("type", .integer(3)), ("message", .string(message))])))
        return []
    }
}
