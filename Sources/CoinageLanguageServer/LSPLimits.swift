/// The bounds of `coinage lsp`: every size and count it accepts is named here, so
/// that a client sending too much gets an error, not a server that stalls.
package enum LSPLimits {
    /// Largest message body, in bytes; a bigger one is skipped unread and answered
    /// with a parse error. Rules files are at most `Limits.maxFileBytes` (8 MiB) each,
    /// and a whole-document change carries one file, JSON-escaped.
    package static let maxMessageBytes = 64 * 1024 * 1024
    /// Largest header block, in bytes: past it, the bytes are not a header and are dropped.
    package static let maxHeaderBytes = 8 * 1024
    /// Deepest JSON nesting read; deeper is a parse error (LSP messages nest a few levels).
    package static let maxJSONDepth = 64
    /// Milliseconds of quiet after the last change before the guards and lints run.
    package static let analysisDebounceMilliseconds = 400
    /// Most list prices a bundle's hover shows as a table; past it, a summary per currency.
    package static let maxHoverPriceCells = 40
    /// Most bundle × region × channel cells a promotion's hover walks to list the
    /// regions where it may apply; past it, the hover leaves the regions out.
    package static let maxHoverReachCells = 100_000
    /// Most items one completion list holds.
    package static let maxCompletionItems = 500
    /// Most symbols one `workspace/symbol` answer holds.
    package static let maxWorkspaceSymbols = 500
    /// Most lines a range format diffs line by line; past it, the whole range is replaced.
    package static let maxDiffLines = 20_000
    /// Most inserted plus deleted lines a line diff looks for (its memory grows with
    /// the square of it); a more different result is sent as one edit.
    package static let maxDiffDistance = 1_000
}
