/// A price-point table read from a CSV file, as an app store exports one: a header
/// `tier,US,JP,EUR` naming one storefront per column (two capitals, a region; three,
/// a currency), then one row per tier with the tier number and an amount per
/// storefront. An empty field means the storefront has no point at that tier.
///
/// The reader is the syntax of the file only: amounts are read as exact decimals
/// with their spans, so the checker can hold each against its currency and report
/// at the field. Lines may end in CRLF; a UTF-8 byte order mark, blank lines and
/// lines starting with `#` are passed over; a field may be quoted (`"1,99"` is not
/// a number, but `"1.99"` is), with `""` for a quote inside.
public struct PricePointFile: Sendable {
    /// One column's storefront code and where the header names it.
    public private(set) var storefronts: [Code] = []
    public private(set) var rows: [Row] = []
    public private(set) var diagnostics: [Diagnostic] = []

    public struct Row: Sendable {
        public let tier: NumberLiteral
        /// One per storefront, in header order; nil where the field is empty.
        public let amounts: [NumberLiteral?]
        public let span: SourceSpan
    }

    /// A line's fields, or why it has none.
    private enum Fields {
        case success([Field])
        case failure(Diagnostic)
    }

    /// A field's text (unquoted) and where it stands.
    private struct Field {
        let text: String
        let span: SourceSpan
    }

    public init(_ file: SourceFile) {
        guard file.bytes.count <= Limits.maxFileBytes else {
            diagnostics.append(Diagnostic(.fileTooLarge, "file is larger than the \(Limits.maxFileBytes / (1024 * 1024)) MiB a price-point file may have",
                                          at: SourceSpan(file: file.id, start: 0, end: 0)))
            return
        }
        guard String(validating: file.bytes, as: UTF8.self) != nil else {
            diagnostics.append(Diagnostic(.invalidUTF8, "file is not valid UTF-8", at: SourceSpan(file: file.id, start: 0, end: 0),
                                          help: "save the price-point file as UTF-8"))
            return
        }
        var header: [Field]?
        var seenTiers: [ExactDecimal: SourceSpan] = [:]
        for line in Self.lines(of: file) {
            guard diagnostics.count < Limits.maxDiagnostics else { return }
            let fields: [Field]
            switch Self.fields(of: line, in: file) {
            case .success(let found): fields = found
            case .failure(let problem): diagnostics.append(problem); continue
            }
            guard let columns = header else {
                header = fields
                storefronts = Self.storefronts(fields, diagnostics: &diagnostics)
                continue
            }
            guard fields.count == columns.count else {
                diagnostics.append(Diagnostic(.malformedPointsFile, "this row has \(fields.count) field\(fields.count == 1 ? "" : "s"), the header \(columns.count)",
                                              at: line,
                                              notes: [DiagnosticNote("the header is here", at: columns[0].span.merged(with: columns[columns.count - 1].span))],
                                              help: "give every row a tier and one field per storefront; leave a field empty where a storefront has no point"))
                continue
            }
            guard let tier = Self.number(fields[0], integer: true, diagnostics: &diagnostics) else { continue }
            if let first = seenTiers[tier.value] {
                diagnostics.append(Diagnostic(.pricePointsOutOfOrder, "tier \(fields[0].text) is given twice", at: fields[0].span,
                                              notes: [DiagnosticNote("first given here", at: first)], help: "give each tier one row"))
                continue
            }
            seenTiers[tier.value] = fields[0].span
            var amounts: [NumberLiteral?] = []
            var readable = true
            for field in fields.dropFirst() {
                if field.text.isEmpty { amounts.append(nil); continue }
                guard let amount = Self.number(field, integer: false, diagnostics: &diagnostics) else { readable = false; continue }
                amounts.append(amount)
            }
            if readable { rows.append(Row(tier: tier, amounts: amounts, span: line)) }
        }
        if header == nil {
            diagnostics.append(Diagnostic(.malformedPointsFile, "the price-point file is empty", at: SourceSpan(file: file.id, start: 0, end: 0),
                                          help: "start it with a header, `tier,US,EUR`, then one row per tier: `1,0.99,0.99`"))
        }
    }

    /// The spans of the file's lines that carry fields: not blank, not a comment,
    /// without their line ends, after a byte order mark.
    private static func lines(of file: SourceFile) -> [SourceSpan] {
        let bytes = file.bytes
        var spans: [SourceSpan] = []
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var last = end
            while last > start, bytes[last - 1] == 0x0D || bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09 { last -= 1 }
            var first = start
            while first < last, bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
            if first < last, bytes[first] != UInt8(ascii: "#") {
                spans.append(SourceSpan(file: file.id, start: first, end: last))
            }
            start = end + 1
        }
        return spans
    }

    /// The fields of one line, split at commas outside quotes, trimmed and unquoted.
    private static func fields(of line: SourceSpan, in file: SourceFile) -> Fields {
        let bytes = file.bytes
        var fields: [Field] = []
        var index = Int(line.start)
        let end = Int(line.end)
        while true {
            while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            let fieldStart = index
            var text: [UInt8] = []
            if index < end, bytes[index] == UInt8(ascii: "\"") {
                index += 1
                var closed = false
                while index < end {
                    if bytes[index] == UInt8(ascii: "\"") {
                        if index + 1 < end, bytes[index + 1] == UInt8(ascii: "\"") { text.append(bytes[index]); index += 2; continue }
                        index += 1
                        closed = true
                        break
                    }
                    text.append(bytes[index])
                    index += 1
                }
                if !closed {
                    return .failure(Diagnostic(.malformedPointsFile, "this quoted field has no closing `\"`",
                                               at: SourceSpan(file: file.id, start: fieldStart, end: end),
                                               help: "close the field with `\"` before the end of the line"))
                }
                while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
                if index < end, bytes[index] != UInt8(ascii: ",") {
                    return .failure(Diagnostic(.malformedPointsFile, "unexpected text after a quoted field",
                                               at: SourceSpan(file: file.id, start: index, end: index + 1),
                                               help: "put a `,` after the closing `\"`"))
                }
            } else {
                while index < end, bytes[index] != UInt8(ascii: ",") { text.append(bytes[index]); index += 1 }
                while let last = text.last, last == 0x20 || last == 0x09 { text.removeLast() }
            }
            fields.append(Field(text: String(decoding: text, as: UTF8.self),
                                span: SourceSpan(file: file.id, start: fieldStart, end: max(fieldStart, min(index, end)))))
            guard index < end else { return .success(fields) }
            index += 1 // the comma
        }
    }

    /// The header's storefront codes, after its first field `tier`.
    private static func storefronts(_ fields: [Field], diagnostics: inout [Diagnostic]) -> [Code] {
        guard fields[0].text.lowercased() == "tier" else {
            diagnostics.append(Diagnostic(.malformedPointsFile, "the header's first field is `\(fields[0].text)`, not `tier`",
                                          at: fields[0].span,
                                          help: "start the file with a header: `tier`, then one storefront code per column, such as `tier,US,EUR`"))
            return []
        }
        var codes: [Code] = []
        var seen: [String: SourceSpan] = [:]
        for field in fields.dropFirst() {
            let scalars = field.text.unicodeScalars
            let isCode = (scalars.count == 2 || scalars.count == 3) && scalars.allSatisfy { $0.value >= 65 && $0.value <= 90 }
            guard isCode else {
                diagnostics.append(Diagnostic(.malformedPointsFile, "`\(field.text)` is not a storefront code", at: field.span,
                                              help: "name each column by a region (`US`, two capitals) or a currency (`EUR`, three capitals)"))
                continue
            }
            if let first = seen[field.text] {
                diagnostics.append(Diagnostic(.pricePointsOutOfOrder, "the storefront `\(field.text)` has two columns", at: field.span,
                                              notes: [DiagnosticNote("first named here", at: first)], help: "give each storefront one column"))
                continue
            }
            seen[field.text] = field.span
            codes.append(Code(field.text, span: field.span))
        }
        return codes.count == fields.count - 1 ? codes : []
    }

    /// A field as an exact number: a tier (a whole number from 1) or an amount.
    private static func number(_ field: Field, integer: Bool, diagnostics: inout [Diagnostic]) -> NumberLiteral? {
        let text = Substring(field.text)
        let digitsAndPoint = !text.isEmpty && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == 46 }
            && text.utf8.filter { $0 == 46 }.count <= 1 && text.utf8.first != 46 && text.utf8.last != 46
        if digitsAndPoint, !integer || !text.contains("."), let value = ExactDecimal(parsing: text) {
            if integer && value.isZero {
                diagnostics.append(Diagnostic(.mustBePositive, "tiers are numbered from 1, found `\(field.text)`", at: field.span,
                                              help: "number the tiers 1, 2, 3, ..."))
                return nil
            }
            return NumberLiteral(value: value, isInteger: !text.contains("."), span: field.span)
        }
        let what = integer ? "a tier number" : "an amount"
        diagnostics.append(Diagnostic(.malformedPointsFile, "`\(field.text)` is not \(what)", at: field.span,
                                      help: integer ? "start each row with its tier: a whole number such as `10`"
                                                    : "write amounts with digits and a decimal point, such as `1.99`, without a currency or separators"))
        return nil
    }
}
