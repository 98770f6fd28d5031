extension DiagnosticRenderer {
    private enum Style: String {
        case error = "\u{1B}[1;31m"
        case warning = "\u{1B}[1;33m"
        case note = "\u{1B}[1;36m"
        case help = "\u{1B}[1;32m"
        case bold = "\u{1B}[1m"
        case gutter = "\u{1B}[1;34m"
    }

    private func paint(_ text: String, _ style: Style) -> String {
        color ? style.rawValue + text + "\u{1B}[0m" : text
    }

    /// ```
    /// rules/promos.coin:12:9: error[E0103]: unknown bundle `coins_7000`
    ///    |
    /// 12 |   when bundle in [coins_7000]
    ///    |                   ^^^^^^^^^^
    ///    = help: did you mean `coins_700`?
    /// ```
    func renderText(_ diagnostic: Diagnostic) -> String {
        let style: Style = switch diagnostic.severity {
        case .error: .error
        case .warning: .warning
        case .note: .note
        }
        let where_ = position(of: diagnostic.span)
        var lines = [
            paint("\(where_.path):\(where_.line):\(where_.column):", .bold) + " "
                + paint("\(diagnostic.severity.rawValue)[\(diagnostic.code.rawValue)]", style) + ": "
                + paint(diagnostic.message, .bold),
        ]
        var gutterWidth = String(where_.line).count
        for note in diagnostic.notes {
            if let span = note.span { gutterWidth = max(gutterWidth, String(position(of: span).line).count) }
        }
        lines += snippet(diagnostic.span, style: style, gutterWidth: gutterWidth)
        for note in diagnostic.notes {
            if let span = note.span {
                let at = position(of: span)
                lines.append(paint("\(at.path):\(at.line):\(at.column):", .bold) + " " + paint("note", .note) + ": " + note.message)
                lines += snippet(span, style: .note, gutterWidth: gutterWidth)
            } else {
                lines.append(String(repeating: " ", count: gutterWidth + 1) + paint("= note", .note) + ": " + note.message)
            }
        }
        if let help = diagnostic.help {
            // A help of several lines (a command, a test block) keeps its own layout,
            // indented under the first line's text.
            let indent = String(repeating: " ", count: gutterWidth + 1)
            let helpLines = help.split(separator: "\n", omittingEmptySubsequences: false)
            lines.append(indent + paint("= help", .help) + ": " + (helpLines.first.map(String.init) ?? ""))
            for line in helpLines.dropFirst() { lines.append(indent + "        " + line) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The source line of `span` and a caret line under the spanned part.
    private func snippet(_ span: SourceSpan, style: Style, gutterWidth: Int) -> [String] {
        let file = sources[span.file]
        guard !file.bytes.isEmpty || span.start == 0 else { return [] }
        let start = file.location(of: span.start)
        let end = file.location(of: span.end)
        let source = file.lineText(start.line)
        let scalars = Array(source.unicodeScalars)
        // A multi-line span is underlined to the end of its first line.
        let lastColumn = end.line == start.line ? end.column : scalars.count + 1
        let width = max(1, lastColumn - start.column)
        var prefix = ""
        for scalar in scalars.prefix(max(0, start.column - 1)) { prefix += scalar == "\t" ? "\t" : " " }
        let gutter = String(repeating: " ", count: gutterWidth)
        let number = String(start.line)
        let paddedNumber = String(repeating: " ", count: gutterWidth - number.count) + number
        return [
            paint("\(gutter) |", .gutter),
            paint("\(paddedNumber) |", .gutter) + (source.isEmpty ? "" : " " + source),
            paint("\(gutter) |", .gutter) + " " + prefix + paint(String(repeating: "^", count: width), style),
        ]
    }
}
