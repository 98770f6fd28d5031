import Coinage
import CoinageFormat
import CoinageFoundation
import CoinageIO
import CoinageSyntax
import Foundation

/// The invariants of tokens, spans and diagnostics, shared by the file harnesses.
extension FuzzInvariants {
    /// Tokens and comments lie inside the file, in order, without overlapping, and
    /// each token's text is the bytes it spans; the last token is the end of the file.
    static func checkTokens(_ lexer: Lexer, in source: SourceFile) {
        let count = source.bytes.count
        guard let last = lexer.tokens.last, last.kind == .endOfFile else { broken("the tokens do not end with the end of the file") }
        guard last.span.start == count, last.span.end == count else { broken("the end of the file is at \(last.span), not \(count)") }
        guard lexer.tokens.dropLast().allSatisfy({ $0.kind != .endOfFile }) else { broken("an end of file before the last token") }
        var previousEnd: UInt32 = 0
        var comments = lexer.comments.makeIterator()
        var comment = comments.next()
        for token in lexer.tokens {
            // Comments come between tokens: check each one before the token after it.
            while let next = comment, next.span.start < token.span.start || (token.kind == .endOfFile && next.span.start <= token.span.start) {
                checkSpan(next.span, in: source, "comment")
                guard next.span.start >= previousEnd else { broken("comment at \(next.span) overlaps what precedes it (ends at \(previousEnd))") }
                guard source.bytes[Int(next.span.start)] == UInt8(ascii: "#") else { broken("comment at \(next.span) does not start with #") }
                guard next.text == source.text(of: next.span) else { broken("comment text \(next.text.debugDescription) is not its span's") }
                previousEnd = next.span.end
                comment = comments.next()
            }
            checkSpan(token.span, in: source, "token \(token.kind)")
            guard token.span.start >= previousEnd else {
                broken("token \(token.text.debugDescription) at \(token.span) starts before the previous one ends (\(previousEnd))")
            }
            if token.kind != .endOfFile {
                guard token.span.end > token.span.start else { broken("empty token \(token.kind) at \(token.span)") }
                guard token.text == source.text(of: token.span) else {
                    broken("token text \(token.text.debugDescription) is not its span's \(source.text(of: token.span).debugDescription)")
                }
            }
            previousEnd = token.span.end
        }
        if let left = comment { broken("comment at \(left.span) is after the end of the file") }
    }

    /// `span` lies inside its file: `start ≤ end ≤` the file's length.
    static func checkSpan(_ span: SourceSpan, in source: SourceFile, _ what: @autoclosure () -> String) {
        guard span.file == source.id else { broken("\(what()) at \(span) is in file \(span.file.rawValue), not \(source.id.rawValue)") }
        guard span.start <= span.end, Int(span.end) <= source.bytes.count else {
            broken("\(what()) at \(span.start)..<\(span.end) is outside the file of \(source.bytes.count) bytes")
        }
    }

    /// Every diagnostic (and note) points inside a file of `sources`, and there are
    /// at most `cap` of them.
    static func checkDiagnostics(_ diagnostics: [Diagnostic], in sources: SourceMap, cap: Int) {
        guard diagnostics.count <= cap else {
            let codes = Dictionary(grouping: diagnostics, by: \.code.rawValue).mapValues(\.count)
            broken("\(diagnostics.count) diagnostics, more than \(cap): \(codes)")
        }
        for diagnostic in diagnostics {
            checkDiagnosticSpan(diagnostic.span, in: sources, diagnostic)
            for note in diagnostic.notes {
                if let span = note.span { checkDiagnosticSpan(span, in: sources, diagnostic) }
            }
            guard !diagnostic.message.isEmpty else { broken("diagnostic \(diagnostic.code) has no message") }
        }
    }

    private static func checkDiagnosticSpan(_ span: SourceSpan, in sources: SourceMap, _ diagnostic: Diagnostic) {
        guard Int(span.file.rawValue) < sources.files.count else {
            broken("\(diagnostic.code) \(diagnostic.message.debugDescription) points at file \(span.file.rawValue) of \(sources.files.count)")
        }
        checkSpan(span, in: sources[span.file], "\(diagnostic.code) \(diagnostic.message.debugDescription)")
    }

    /// C0 controls but line feed and tab, DEL, and the C1 controls (U+0080–U+009F).
    static func isTerminalControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (scalar.value >= 0x7F && scalar.value <= 0x9F)
    }

    /// The diagnostics render in each of `formats` (and, with `color`, as coloured
    /// text); `json`, `gitlab` and `sarif` give valid JSON, `text` and `github`
    /// hold no terminal control character.
    static func checkRendering(_ diagnostics: [Diagnostic], sources: SourceMap,
                               formats: [DiagnosticFormat] = DiagnosticFormat.allCases, color: Bool = true) {
        let renderer = DiagnosticRenderer(sources: sources)
        for format in formats {
            let text = renderer.render(diagnostics, as: format)
            switch format {
            case .json, .gitlab, .sarif: checkJSON(Data(text.utf8), "\(format) diagnostics")
            case .text, .github:
                guard diagnostics.isEmpty || !text.isEmpty else { broken("\(format) rendering of \(diagnostics.count) diagnostics is empty") }
                // Text goes to a terminal or a CI log: a control character copied from
                // the rules (an escape sequence in a comment) would act there.
                if let control = text.unicodeScalars.first(where: isTerminalControl) {
                    require("rendered-text-controls", false,
                            "\(format) rendering holds the control character U+\(String(control.value, radix: 16, uppercase: true)): \(text.debugDescription.prefix(600))")
                }
            }
        }
        if color { _ = DiagnosticRenderer(sources: sources, color: true).render(diagnostics, as: .text) }
    }
}
