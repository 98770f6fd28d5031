import CoinageSyntax

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
            paint("\(TerminalText.visible(where_.path)):\(where_.line):\(where_.column):", .bold) + " "
                + paint("\(diagnostic.severity.rawValue)[\(diagnostic.code.rawValue)]", style) + ": "
                + paint(TerminalText.visible(diagnostic.message), .bold),
        ]
        var gutterWidth = String(where_.line).count
        for note in diagnostic.notes {
            if let span = note.span { gutterWidth = max(gutterWidth, String(position(of: span).line).count) }
        }
        lines += snippet(diagnostic.span, style: style, gutterWidth: gutterWidth)
        for note in diagnostic.notes {
            if let span = note.span {
                let at = position(of: span)
                lines.append(paint("\(TerminalText.visible(at.path)):\(at.line):\(at.column):", .bold) + " " + paint("note", .note) + ": "
                             + TerminalText.visible(note.message))
                lines += snippet(span, style: .note, gutterWidth: gutterWidth)
            } else {
                lines.append(String(repeating: " ", count: gutterWidth + 1) + paint("= note", .note) + ": " + TerminalText.visible(note.message))
            }
        }
        if let help = diagnostic.help {
            // A help of several lines (a command, a test block) keeps its own layout,
            // indented under the first line's text.
            let indent = String(repeating: " ", count: gutterWidth + 1)
            let helpLines = TerminalText.visible(help).split(separator: "\n", omittingEmptySubsequences: false)
            lines.append(indent + paint("= help", .help) + ": " + (helpLines.first.map(String.init) ?? ""))
            for line in helpLines.dropFirst() { lines.append(indent + "        " + line) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The most characters of a source line shown under a diagnostic. A longer line
    /// (a generated list of a million entries is one line) is shown as a window
    /// around the spanned part, cut with `…`, so one diagnostic never prints
    /// megabytes.
    public static let maxShownColumns = 160

    /// Characters of a long line kept before the spanned part, for context.
    static let shownColumnsBefore = 40

    /// The source line of `span` and a caret line under the spanned part.
    private func snippet(_ span: SourceSpan, style: Style, gutterWidth: Int) -> [String] {
        let file = sources[span.file]
        guard !file.bytes.isEmpty || span.start == 0 else { return [] }
        let start = file.location(of: span.start)
        let end = file.location(of: span.end)
        let line = Array(file.lineText(start.line).unicodeScalars)
        // A multi-line span is underlined to the end of its first line.
        let lastColumn = end.line == start.line ? end.column : line.count + 1
        let spanStart = min(line.count, max(0, start.column - 1))
        let spanEnd = min(line.count, max(spanStart, lastColumn - 1))
        // Past the last character (a span at the line's end) the caret still shows.
        let beyondLine = max(0, lastColumn - 1 - max(line.count, start.column - 1))

        var shownFrom = 0
        var shownTo = line.count
        if line.count > Self.maxShownColumns {
            shownFrom = max(0, spanStart - Self.shownColumnsBefore)
            shownTo = min(line.count, shownFrom + Self.maxShownColumns)
        }
        let cutBefore = shownFrom > 0 ? "…" : ""
        let cutAfter = shownTo < line.count ? "…" : ""
        var shown = String.UnicodeScalarView()
        shown.append(contentsOf: line[shownFrom..<shownTo])
        // The line is shown with its control characters made visible, so the caret
        // line counts each one as wide as its visible form.
        let spanned = line[min(spanStart, shownTo)..<min(spanEnd, shownTo)]
        let width = max(1, spanned.reduce(0) { $0 + TerminalText.width(of: $1) } + (spanEnd > shownTo ? 1 : beyondLine))
        var prefix = cutBefore.isEmpty ? "" : " "
        for scalar in line[shownFrom..<min(spanStart, shownTo)] {
            prefix += scalar == "\t" ? "\t" : String(repeating: " ", count: TerminalText.width(of: scalar))
        }
        let gutter = String(repeating: " ", count: gutterWidth)
        let number = String(start.line)
        let paddedNumber = String(repeating: " ", count: gutterWidth - number.count) + number
        return [
            paint("\(gutter) |", .gutter),
            paint("\(paddedNumber) |", .gutter)
                + (line.isEmpty ? "" : " " + cutBefore + TerminalText.visible(String(shown)) + cutAfter),
            paint("\(gutter) |", .gutter) + " " + prefix + paint(String(repeating: "^", count: width), style),
        ]
    }
}

/// Makes text safe to show on a terminal: control characters in it (from a comment,
/// a file name or a command-line argument) are written visibly instead of being
/// sent to the terminal, where an escape sequence could retitle the window, clear
/// the screen or hide text.
///
/// Each C0 control character except tab and line feed, DEL, and each C1 control
/// character (U+0080 to U+009F) becomes its code point in Swift's notation:
/// ESC is shown as `\u{1B}`, carriage return as `\u{D}`. Everything else, including
/// a backslash, is left as it is, so text without control characters is unchanged.
public enum TerminalText {
    /// `text` with every control character written visibly.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                result += escaped(scalar)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// How many columns `scalar` takes once made visible: the length of its escape
    /// for a control character, else one.
    public static func width(of scalar: Unicode.Scalar) -> Int {
        isControl(scalar) ? escaped(scalar).count : 1
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }
}
