import CoinageSyntax

/// Turns laid-out lines into text, aligning the columns of runs of rows.
///
/// A run is a sequence of rows of one kind at one indentation, interrupted only
/// by comment lines. A blank line, a block's opening or closing line or a row of
/// another kind ends it. Within a run every column is as wide as its widest field,
/// and trailing comments start in one column, two spaces after the longest row.
enum ColumnAlignment {
    /// Spaces between the code and a trailing comment, at the least.
    static let commentGap = 2

    static func render(_ lines: [LayoutLine], indentWidth: Int) -> String {
        var output: [String] = []
        var index = 0
        while index < lines.count {
            guard case .row(let first) = lines[index].content else {
                output.append(renderAlone(lines[index], indentWidth: indentWidth))
                index += 1
                continue
            }
            let run = runEnd(in: lines, from: index, kind: first.kind, indent: lines[index].indent)
            output += renderRun(lines[index..<run], indentWidth: indentWidth)
            index = run
        }
        var text = output.joined(separator: "\n")
        if !text.isEmpty { text += "\n" }
        return text
    }

    /// The index after the last row of the run starting at `start`. Comment lines
    /// inside a run belong to it; comment lines after its last row do not.
    private static func runEnd(in lines: [LayoutLine], from start: Int, kind: RowKind, indent: Int) -> Int {
        var end = start + 1
        var probe = start + 1
        while probe < lines.count {
            switch lines[probe].content {
            case .comment:
                probe += 1
                continue
            case .row(let row) where row.kind == kind && lines[probe].indent == indent:
                probe += 1
                end = probe
                continue
            default:
                break
            }
            break
        }
        return end
    }

    private static func renderAlone(_ line: LayoutLine, indentWidth: Int) -> String {
        let margin = String(repeating: " ", count: line.indent * indentWidth)
        switch line.content {
        case .blank:
            return ""
        case .comment(let text):
            return margin + text
        case .text(let text):
            return margin + text + (line.trailingComment.map { String(repeating: " ", count: commentGap) + $0 } ?? "")
        case .row(let row):
            return margin + row.plainText + (line.trailingComment.map { String(repeating: " ", count: commentGap) + $0 } ?? "")
        }
    }

    private static func renderRun(_ run: ArraySlice<LayoutLine>, indentWidth: Int) -> [String] {
        var widths: [Int] = []
        for line in run {
            guard case .row(let row) = line.content else { continue }
            for field in row.fields {
                while widths.count <= field.column { widths.append(0) }
                widths[field.column] = max(widths[field.column], field.text.count)
            }
        }
        var codes: [String?] = run.map { line in
            guard case .row(let row) = line.content else { return nil }
            return aligned(row, widths: widths)
        }
        let commentColumn = (codes.compactMap { $0?.count }.max() ?? 0) + commentGap
        for (offset, line) in zip(codes.indices, run) {
            guard let code = codes[offset], let comment = line.trailingComment else { continue }
            codes[offset] = code + String(repeating: " ", count: commentColumn - code.count) + comment
        }
        return zip(codes, run).map { code, line in
            guard let code else { return renderAlone(line, indentWidth: indentWidth) }
            return String(repeating: " ", count: line.indent * indentWidth) + code
        }
    }

    /// The row's fields, each padded to its column's width; a column the row leaves
    /// out is blank, and nothing follows the row's last field.
    private static func aligned(_ row: LayoutRow, widths: [Int]) -> String {
        guard let last = row.fields.last?.column else { return "" }
        var text = ""
        var wroteColumn = false
        for column in 0...last where widths[column] > 0 {
            if wroteColumn { text += " " }
            wroteColumn = true
            let field = row.fields.first { $0.column == column }?.text ?? ""
            text += field
            if column < last { text += String(repeating: " ", count: widths[column] - field.count) }
        }
        return text
    }
}
