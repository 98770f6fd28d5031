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
        let lineTable = source.lines
        return LineDiff.hunks(old, new).compactMap { hunk in
            if let lines {
                // A pure insertion touches the line it goes before.
                let touched = hunk.old.isEmpty ? hunk.old.lowerBound...hunk.old.lowerBound : hunk.old.lowerBound...hunk.old.upperBound - 1
                guard touched.overlaps(lines) else { return nil }
            }
            let from = hunk.old.lowerBound < lineTable.count ? lineTable.start(ofLine: hunk.old.lowerBound) : bytes.count
            let to = hunk.old.upperBound < lineTable.count ? lineTable.start(ofLine: hunk.old.upperBound) : bytes.count
            let text = new[hunk.new].map { String(decoding: $0, as: UTF8.self) }.joined()
            return LSPJSON.textEdit(LSPJSON.range(converter.position(of: from), converter.position(of: to)), text)
        }
    }

    private func log(_ message: String) -> [JSONValue] {
        send(RPC.notification("window/logMessage", .object([("type", .integer(3)), ("message", .string(message))])))
        return []
    }
}

/// The changed stretches between two texts, line by line (Myers' difference
/// algorithm), so that formatting sends small edits rather than the whole file,
/// and a range format can keep the edits that touch its range.
package enum LineDiff {
    /// Old lines `old` are replaced by new lines `new` (both half-open, 0-based).
    package struct Hunk: Equatable, Sendable {
        package let old: Range<Int>
        package let new: Range<Int>
    }

    /// A text's lines, each with its terminator; a text ending in a newline has no
    /// empty last line.
    package static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            lines.append(bytes[start...index])
            start = index + 1
        }
        if start < bytes.count { lines.append(bytes[start...]) }
        return lines
    }

    /// The hunks turning `old` into `new`; one hunk over everything that differs
    /// when the texts are too long, or too different, for a line-by-line diff.
    package static func hunks(_ old: [ArraySlice<UInt8>], _ new: [ArraySlice<UInt8>]) -> [Hunk] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] {
            suffix += 1
        }
        let a = Array(old[prefix..<old.count - suffix])
        let b = Array(new[prefix..<new.count - suffix])
        if a.isEmpty, b.isEmpty { return [] }
        let whole = [Hunk(old: prefix..<old.count - suffix, new: prefix..<new.count - suffix)]
        guard a.count + b.count <= LSPLimits.maxDiffLines, let matches = matches(a, b) else { return whole }
        var hunks: [Hunk] = []
        var x = 0
        var y = 0
        for (mx, my) in matches + [(a.count, b.count)] {
            if mx > x || my > y { hunks.append(Hunk(old: prefix + x..<prefix + mx, new: prefix + y..<prefix + my)) }
            x = mx + 1
            y = my + 1
        }
        return hunks
    }

    /// The pairs of equal lines of a shortest edit script, in order; nil when the
    /// script would need more than `LSPLimits.maxDiffDistance` insertions and deletions.
    private static func matches(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>]) -> [(Int, Int)]? {
        let n = a.count
        let m = b.count
        let limit = min(n + m, LSPLimits.maxDiffDistance)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        var trace: [[Int]] = []
        for d in 0...limit {
            trace.append(v)
            var k = -d
            while k <= d {
                var x = (k == -d || (k != d && v[k - 1 + offset] < v[k + 1 + offset])) ? v[k + 1 + offset] : v[k - 1 + offset] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[k + offset] = x
                if x >= n, y >= m { return backtrack(trace, d: d, n: n, m: m, offset: offset) }
                k += 2
            }
        }
        return nil
    }

    private static func backtrack(_ trace: [[Int]], d: Int, n: Int, m: Int, offset: Int) -> [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        var x = n
        var y = m
        for step in stride(from: d, through: 0, by: -1) {
            let v = trace[step]
            let k = x - y
            let previousK = (k == -step || (k != step && v[k - 1 + offset] < v[k + 1 + offset])) ? k + 1 : k - 1
            let previousX = step == 0 ? 0 : v[previousK + offset]
            let previousY = step == 0 ? 0 : previousX - previousK
            while x > previousX, y > previousY {
                x -= 1
                y -= 1
                pairs.append((x, y))
            }
            x = previousX
            y = previousY
        }
        return pairs.reversed()
    }
}
