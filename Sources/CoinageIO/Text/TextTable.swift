/// Rows of text cells set in aligned columns, for a terminal: the one layout of
/// every table the CLI prints (prices, a diff, a quote, a test report, help).
///
/// A column is as wide as its widest cell, counted in characters; columns are two
/// spaces apart by default. A left-aligned cell is padded on its right, except in
/// the last column of its row unless `padsLastColumn` (so lines do not end in
/// spaces); a right-aligned cell is padded on its left. Rows may have different
/// numbers of cells: a missing cell counts as empty for the widths.
public struct TextTable: Sendable {
    /// The cells, row by row.
    public var rows: [[String]]
    /// The columns, by index from 0, whose cells are aligned right (amounts).
    public var rightAligned: Set<Int>
    /// Put before every line.
    public var indent: String
    /// Put between two columns.
    public var separator: String
    /// Whether the last cell of a row is padded to its column's width too.
    public var padsLastColumn: Bool

    public init(_ rows: [[String]] = [], rightAligned: Set<Int> = [], indent: String = "", separator: String = "  ",
                padsLastColumn: Bool = false) {
        (self.rows, self.rightAligned) = (rows, rightAligned)
        (self.indent, self.separator, self.padsLastColumn) = (indent, separator, padsLastColumn)
    }

    /// Appends one row.
    public mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The width of each column: its widest cell's count of characters.
    public var widths: [Int] {
        var widths: [Int] = []
        for row in rows {
            for (column, cell) in row.enumerated() {
                let count = cell.count
                if column == widths.count { widths.append(count) } else if count > widths[column] { widths[column] = count }
            }
        }
        return widths
    }

    /// The table's lines, without line ends.
    public func lines() -> [String] {
        let widths = self.widths
        return rows.map { row in
            indent + row.enumerated().map { column, text in
                let padding = String(repeating: " ", count: widths[column] - text.count)
                if rightAligned.contains(column) { return padding + text }
                return column == row.count - 1 && !padsLastColumn ? text : text + padding
            }.joined(separator: separator)
        }
    }

    /// The table's lines, each ended by a newline.
    public func rendered() -> String {
        lines().map { $0 + "\n" }.joined()
    }
}
