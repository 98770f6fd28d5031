import Coinage
import CoinageFormat
import CoinageFoundation
import CoinageIO
import CoinageSyntax
import Foundation

/// libFuzzer harness: the input is one `.coin` file, given to `RuleFormatter.format`.
///
/// Asserted: the formatter never answers `.unverified` (it refusing its own output
/// is a formatter bug, by its own documentation) and refuses only files with a
/// syntax error. When it formats: the text parses without an error to the same
/// declarations, positions aside (the formatter verifies that itself); it holds
/// the same comments in the same order (trailing blanks aside); formatting it
/// again gives the same text; and checking it reports the same diagnostic codes
/// as checking the original.
@_cdecl("LLVMFuzzerTestOneInput")
public func formatterFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let source = SourceFile(id: SourceFileID(0), path: FuzzInputs.path, bytes: FuzzInputs.bytes(data, size))
    switch RuleFormatter.format(source) {
    case .syntaxErrors(let diagnostics):
        guard diagnostics.contains(where: { $0.severity == .error }) else {
            FuzzInvariants.broken("the formatter refused a file without a syntax error: \(diagnostics.map(\.message))")
        }
    case .unverified(let reason):
        FuzzInvariants.broken("the formatter refused its own output: \(reason)")
    case .tooLarge:
        // The input is at most a few kilobytes: its layout cannot reach the 8 MiB limit.
        FuzzInvariants.broken("the formatter called a small file's layout too large")
    case .formatted(let text):
        checkFormatted(text, original: source)
    }
    return 0
}

private func checkFormatted(_ text: String, original source: SourceFile) {
    let formatted = SourceFile(id: source.id, path: source.path, text: text)
    let before = Parser.parse(source)
    let after = Parser.parse(formatted)
    if let error = after.diagnostics.first(where: { $0.severity == .error }) {
        FuzzInvariants.broken("the formatted text does not parse: \(error.message)\n\(text)")
    }
    // The same declarations: `RuleFormatter.format` compared their fingerprints
    // before answering `.formatted` (it answers `.unverified` otherwise, a finding
    // above). Comparing them again here would only repeat the same computation,
    // the costliest step of formatting.
    let commentsBefore = before.file.comments.map { trimmed($0.text) }
    let commentsAfter = after.file.comments.map { trimmed($0.text) }
    guard commentsBefore == commentsAfter else {
        FuzzInvariants.broken("the formatted text changed the comments from \(commentsBefore) to \(commentsAfter):\n\(text)")
    }
    guard case .formatted(let twice) = RuleFormatter.format(formatted) else {
        FuzzInvariants.broken("the formatted text does not format: \(RuleFormatter.format(formatted))")
    }
    guard twice == text else {
        FuzzInvariants.broken("formatting is not idempotent:\n--- once\n\(text)\n--- twice\n\(twice)")
    }
    let codesBefore = checkedCodes(source.bytes)
    let codesAfter = checkedCodes(Array(text.utf8))
    guard codesBefore == codesAfter else {
        FuzzInvariants.broken("formatting changed the diagnostics from \(codesBefore) to \(codesAfter):\n\(text)")
    }
    FuzzInvariants.log("formatted: \(after.file.declarations.count) declarations, \(commentsAfter.count) comments, \(codesAfter.count) diagnostics")
}

/// A comment without the blanks that end it: the formatter may drop those.
private func trimmed(_ text: String) -> String {
    var scalars = Substring(text).unicodeScalars
    // Carriage returns too, as `coinage fmt` does: before the newline one would make a CRLF line end.
    while let last = scalars.last, last == " " || last == "\t" || last == "\r" { scalars.removeLast() }
    return String(scalars)
}

/// The codes the checker reports for the file, sorted.
private func checkedCodes(_ bytes: [UInt8]) -> [String] {
    var sources = SourceMap()
    sources.add(path: FuzzInputs.path, bytes: bytes)
    return FuzzInputs.check(sources).diagnostics.map(\.code.rawValue).sorted()
}
