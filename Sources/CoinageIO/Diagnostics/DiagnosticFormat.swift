import CoinageSyntax

/// The ways diagnostics can be written out.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    /// Compiler-style text with the source line and a caret underline.
    case text
    /// One JSON document with every diagnostic.
    case json
    /// GitHub Actions workflow commands (`::error file=...::message`).
    case github
    /// A GitLab Code Quality report (Code Climate issues as JSON).
    case gitlab
    /// SARIF 2.1.0, for code-scanning tools.
    case sarif
}

/// Renders diagnostics in any `DiagnosticFormat`.
public struct DiagnosticRenderer: Sendable {
    public let sources: SourceMap
    /// ANSI colours in `text`; only when writing to a terminal.
    public let color: Bool

    public init(sources: SourceMap, color: Bool = false) {
        self.sources = sources
        self.color = color
    }

    /// The diagnostics in `format`. Warnings an `allow` accepted stay in the JSON
    /// and SARIF documents, marked as suppressed; text, GitHub and GitLab output,
    /// which people read or which fails a merge request, leave them out.
    public func render(_ diagnostics: [Diagnostic], as format: DiagnosticFormat) -> String {
        let counted = diagnostics.filter { !$0.isSuppressed }
        return switch format {
        case .text: counted.map(renderText).joined()
        case .json: renderJSON(diagnostics)
        case .github: counted.map(renderGitHub).joined()
        case .gitlab: renderGitLab(counted)
        case .sarif: renderSARIF(diagnostics)
        }
    }

    /// Where a span starts and ends, 1-based; the end column is exclusive.
    struct Position {
        let path: String
        let line: Int
        let column: Int
        let endLine: Int
        let endColumn: Int
    }

    func position(of span: SourceSpan) -> Position {
        let file = sources[span.file]
        let start = file.location(of: span.start)
        let end = file.location(of: span.end)
        return Position(path: file.path, line: start.line, column: start.column, endLine: end.line, endColumn: end.column)
    }
}
