import Coinage
import CoinageJSON
import CoinageSyntax
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `textDocument/codeAction`: quick fixes for the diagnostics under the range.
///
/// A diagnostic carries its fix in its help line, as text; three shapes are
/// turned into edits:
/// - "did you mean `x`?": the diagnostic's text replaced by `x`;
/// - "write `x`" (and "…, or `y` …"): each alternative that rewrites the text the
///   diagnostic points at (`10` → `10%`), not an example of a whole line;
/// - a failing guard's ready-to-paste `test` block: appended to the rules' tests.
/// And a warning the rules may accept gets "accept with `allow`": an `allow CODE
/// "reason"` line above its declaration, the reason left for the author to write.
extension LanguageServer {
    func codeActions(_ params: Params) throws(RPCError) -> JSONValue {
        let path = DocumentURI.path(of: try params.documentURI())
        let (start, end) = try params.range()
        guard let (snapshot, file) = snapshot(forPath: path) else { return .array([]) }
        let converter = PositionConverter(file, encoding: encoding)
        let from = converter.offset(of: start)
        let to = converter.offset(of: end)
        var actions: [JSONValue] = []
        for diagnostic in snapshot.result.diagnostics where diagnostic.span.file == file.id && !diagnostic.isSuppressed {
            // A "write `5%`" fix may rewrite the word before the diagnostic (which points at what came after it).
            let reach = Self.previousWord(before: Int(diagnostic.span.start), in: file.bytes)?.lowerBound ?? Int(diagnostic.span.start)
            guard reach <= to, from <= Int(diagnostic.span.end) else { continue }
            let shown = DiagnosticJSON.json(diagnostic, sources: snapshot.sources, encoding: encoding)
            for fix in fixes(diagnostic, snapshot: snapshot, file: file) {
                actions.append(.object([
                    ("title", .string(fix.title)),
                    ("kind", .string("quickfix")),
                    ("diagnostics", .array([shown])),
                    ("isPreferred", .bool(fix.preferred)),
                    ("edit", .object([("changes", .object([(DocumentURI.uri(ofPath: fix.file.path), .array([fix.edit]))]))])),
                ]))
            }
        }
        return .array(actions)
    }

    private struct Fix {
        let title: String
        let file: SourceFile
        let edit: JSONValue
        let preferred: Bool
    }

    private func fixes(_ diagnostic: Diagnostic, snapshot: Snapshot, file: SourceFile) -> [Fix] {
        var fixes: [Fix] = []
        let written = file.text(of: diagnostic.span)
        let range = LSPJSON.range(diagnostic.span, in: file, encoding: encoding)
        let help = diagnostic.help ?? ""
        if help.hasPrefix("did you mean `"), let name = Self.quoted(help).first {
            fixes.append(Fix(title: "replace `\(written)` with `\(name)`", file: file, edit: LSPJSON.textEdit(range, name), preferred: true))
        }
        if help.hasPrefix("write `") {
            let previous = Self.previousWord(before: Int(diagnostic.span.start), in: file.bytes)
            for replacement in Self.quoted(help) {
                if Self.rewrites(written, replacement) {
                    fixes.append(Fix(title: "write `\(replacement)`", file: file, edit: LSPJSON.textEdit(range, replacement), preferred: fixes.isEmpty))
                } else if let previous, case let word = String(decoding: file.bytes[previous], as: UTF8.self),
                          replacement.hasPrefix(word), replacement != word, !replacement.contains("\n") {
                    // `discount 5` then the end of the clause: the fix completes the word before.
                    let converter = PositionConverter(file, encoding: encoding)
                    let wordRange = LSPJSON.range(converter.position(of: previous.lowerBound), converter.position(of: previous.upperBound))
                    fixes.append(Fix(title: "write `\(replacement)`", file: file, edit: LSPJSON.textEdit(wordRange, replacement), preferred: fixes.isEmpty))
                }
            }
        }
        if let block = Self.testBlock(help) {
            let target = testsFile(snapshot) ?? file
            let end = PositionConverter(target, encoding: encoding).position(of: target.bytes.count)
            let separator = target.bytes.last == 0x0A ? "\n" : "\n\n"
            fixes.append(Fix(title: "add the test that fails until the guard holds, to `\(target.path.split(separator: "/").last ?? "")`",
                             file: target, edit: LSPJSON.textEdit(LSPJSON.range(end, end), separator + block + "\n"), preferred: false))
        }
        if diagnostic.severity == .warning, Allowance.accepts(diagnostic.code) {
            let declaration = snapshot.ruleFile(file.id)?.declarations.first {
                $0.span.start <= diagnostic.span.start && diagnostic.span.start <= $0.span.end
            }
            let offset = declaration.map { Int($0.span.start) } ?? file.lines.start(ofLine: file.lines.lineIndex(containing: Int(diagnostic.span.start)))
            let position = PositionConverter(file, encoding: encoding).position(of: offset)
            let line = "allow \(diagnostic.code.rawValue) \"\(Self.allowReasonPlaceholder)\"\n"
            fixes.append(Fix(title: "accept \(diagnostic.code.rawValue) with `allow` and a reason", file: file,
                             edit: LSPJSON.textEdit(LSPJSON.range(position, position), line), preferred: false))
        }
        return fixes
    }

    /// The bytes of the word that ends before `offset`, white space between them skipped.
    static func previousWord(before offset: Int, in bytes: [UInt8]) -> Range<Int>? {
        var end = min(offset, bytes.count)
        while end > 0, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[end - 1]) { end -= 1 }
        var start = end
        while start > 0, ![0x20, 0x09, 0x0A, 0x0D].contains(bytes[start - 1]) { start -= 1 }
        return start < end ? start..<end : nil
    }

    /// What an inserted `allow` says until its author writes the reason.
    static let allowReasonPlaceholder = "TODO: say why this warning is accepted"

    /// The texts between backticks in `help`, in order.
    static func quoted(_ help: String) -> [String] {
        let parts = help.split(separator: "`", omittingEmptySubsequences: false)
        return stride(from: 1, to: parts.count - 1, by: 2).map { String(parts[$0]) }.filter { !$0.isEmpty }
    }

    /// True when `replacement` is a rewriting of `written` (`10` → `10%`,
    /// `Coins_700` → `coins_700`), not an example of a whole clause.
    static func rewrites(_ written: String, _ replacement: String) -> Bool {
        guard !written.isEmpty, written != replacement, !replacement.contains("\n") else { return false }
        let old = written.lowercased()
        let new = replacement.lowercased()
        if new.contains(old) || old.contains(new) { return true }
        return Suggestion.closest(to: old, among: [new]) != nil
    }

    /// The `test "…" { … }` block of a failing guard's help, its lines unindented.
    static func testBlock(_ help: String) -> String? {
        guard let start = help.firstRange(of: "test \""), let end = help.lastIndex(of: "}"), start.lowerBound < end else {
            return nil
        }
        let lines = help[start.lowerBound...end].split(separator: "\n", omittingEmptySubsequences: false)
        // Lines after the first keep their indentation relative to the closing brace.
        let indent = lines.last.map { $0.prefix { $0 == " " }.count } ?? 0
        return lines.enumerated().map { $0.offset == 0 ? String($0.element) : String($0.element.dropFirst(min(indent, $0.element.prefix { $0 == " " }.count))) }
            .joined(separator: "\n")
    }

    /// The rules' file for guard tests: one under `tests/` named for guards, else
    /// any under `tests/`.
    private func testsFile(_ snapshot: Snapshot) -> SourceFile? {
        let tests = snapshot.sources.files.filter { $0.path.contains("/tests/") && $0.path.hasSuffix(".coin") }
        return tests.first { $0.path.hasSuffix("guards.coin") } ?? tests.first
    }
}
