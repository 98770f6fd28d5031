import Coinage
import CoinageFormat
import CoinageIO

/// Formats one rules file as `coinage fmt` would write it. `path` is how a syntax
/// error names the file. Returns 0 with the formatted text in the output (the
/// file's own text when it was formatted already); 1 when the file has syntax
/// errors, the output their diagnostics as `fmt` prints them; 2 when the formatted
/// text would not read back as the same rules (a formatter bug), the output the
/// reason; 3 when the formatted text would be larger than a rules file may be, the
/// output its size in bytes.
@_expose(wasm, "coinage_format")
@_cdecl("coinage_format")
public func coinageFormat(_ path: Int, _ pathLength: Int, _ text: Int, _ textLength: Int) -> Int32 {
    let name = String(decoding: bytes(at: path, count: pathLength), as: UTF8.self)
    let file = SourceFile(id: SourceFileID(0), path: name, bytes: Array(bytes(at: text, count: textLength)))
    switch RuleFormatter.format(file) {
    case .formatted(let formatted):
        output = Array(formatted.utf8)
        return 0
    case .syntaxErrors(let diagnostics):
        // As `coinage fmt` reports them: each diagnostic rendered alone, a blank line between.
        var sources = SourceMap()
        _ = sources.add(path: file.path, bytes: file.bytes)
        let renderer = DiagnosticRenderer(sources: sources, color: false)
        output = Array(diagnostics.map { renderer.render([$0], as: .text) }.joined(separator: "\n").utf8)
        return 1
    case .unverified(let reason):
        output = Array(reason.utf8)
        return 2
    case .tooLarge(let size):
        output = Array(String(size).utf8)
        return 3
    }
}
