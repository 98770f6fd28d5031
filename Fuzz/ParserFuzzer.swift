import Coinage
import CoinageFormat
import CoinageFoundation
import CoinageIO
import CoinageSyntax
import Foundation

/// libFuzzer harness: the input is one `.coin` file, lexed and parsed, nothing more.
///
/// Asserted (see `FuzzSyntaxInvariants.swift`): lexing and parsing return; the tokens
/// and comments lie inside the file, in order and without overlapping, each token's
/// text being the bytes it spans; every diagnostic, note, declaration and abandoned
/// declaration points inside the file, declarations in source order; the parser
/// keeps the lexer's comments; and there are at most `diagnosticCap` diagnostics.
private let diagnosticCap = Limits.maxDiagnostics + itemAllowance

/// What one declaration or block item may still report once the parser has
/// reached `Limits.maxDiagnostics`: the lexer and the parser test the limit
/// before each token, declaration and block item, not inside one.
private let itemAllowance = 64

@_cdecl("LLVMFuzzerTestOneInput")
public func parserFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let source = SourceFile(id: SourceFileID(0), path: FuzzInputs.path, bytes: FuzzInputs.bytes(data, size))
    let lexer = Lexer.tokenize(source)
    FuzzInvariants.checkTokens(lexer, in: source)

    let result = Parser.parse(source)
    var sources = SourceMap()
    sources.add(path: source.path, bytes: source.bytes)
    FuzzInvariants.require("parser-diagnostic-cap", result.diagnostics.count <= diagnosticCap,
                           "\(result.diagnostics.count) diagnostics, more than \(diagnosticCap): \(Dictionary(grouping: result.diagnostics, by: \.code.rawValue).mapValues(\.count))")
    FuzzInvariants.checkDiagnostics(result.diagnostics, in: sources, cap: Int.max)

    let file = result.file
    guard file.file == source.id else { FuzzInvariants.broken("the parsed file has id \(file.file.rawValue)") }
    var previousStart: UInt32 = 0
    for declaration in file.declarations {
        FuzzInvariants.checkSpan(declaration.span, in: source, "declaration")
        guard declaration.span.start >= previousStart else {
            FuzzInvariants.broken("declaration at \(declaration.span) comes before the previous one at \(previousStart)")
        }
        previousStart = declaration.span.start
    }
    for incomplete in file.incomplete { FuzzInvariants.checkSpan(incomplete.span, in: source, "incomplete `\(incomplete.keyword)`") }
    // A file that is not UTF-8 (or too large) is not lexed by the parser at all.
    let read = !result.diagnostics.contains { $0.code == .invalidUTF8 || $0.code == .fileTooLarge }
    guard !read || file.comments == lexer.comments else {
        FuzzInvariants.broken("the parser kept \(file.comments.count) comments, the lexer found \(lexer.comments.count)")
    }
    FuzzInvariants.log("\(lexer.tokens.count) tokens, \(file.declarations.count) declarations, \(result.diagnostics.count) diagnostics")
    return 0
}
