import Coinage

/// Text made safe for HTML and SVG, and the small pieces of markup every picture shares.
///
/// Every string that comes from the rules or the command line (a promotion's name, a
/// group, a directory) goes through `escape` before it reaches a page: the names the
/// checker accepts are plain, but a directory name or a string literal may hold
/// anything, and a page must never run what a rules file or a path smuggled in.
package enum Markup {
    /// `text` with `&`, `<`, `>`, `"` and `'` written as character references, and
    /// each control character (but tab and line feed) shown as its code point in
    /// Swift's notation (`\u{1B}`), as the terminal reports show them: HTML has no
    /// way to carry most of them, and a reader should see that one was there.
    package static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    escaped += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }

    /// An element with escaped text content: `<td class="x">text</td>`.
    package static func element(_ name: String, _ text: String, class className: String? = nil) -> String {
        "<\(name)\(attribute("class", className))>\(escape(text))</\(name)>"
    }

    /// ` name="value"` with the value escaped, or nothing for nil.
    package static func attribute(_ name: String, _ value: String?) -> String {
        guard let value else { return "" }
        return " \(name)=\"\(escape(value))\""
    }

    /// A table: a caption, a header row (none when empty) and body rows of cells
    /// (`Cell`, escaped when written), for the data each chart draws.
    package static func table(caption: String, header: [String], rows: [[Cell]], class className: String = "data") -> String {
        var lines = ["<table class=\"\(className)\">", "<caption>\(escape(caption))</caption>"]
        if !header.isEmpty {
            lines.append("<thead><tr>" + header.map { "<th scope=\"col\">\(escape($0))</th>" }.joined() + "</tr></thead>")
        }
        lines.append("<tbody>")
        for row in rows {
            lines.append("<tr>" + row.map(\.html).joined() + "</tr>")
        }
        lines.append("</tbody>")
        lines.append("</table>")
        return lines.joined(separator: "\n")
    }

    /// One table cell: its text (escaped when written), its class and whether it is a
    /// row header.
    package struct Cell {
        let text: String
        let className: String?
        let isHeader: Bool
        let title: String?

        package init(_ text: String, class className: String? = nil, header: Bool = false, title: String? = nil) {
            self.text = text
            self.className = className
            self.isHeader = header
            self.title = title
        }

        var html: String {
            let name = isHeader ? "th" : "td"
            let scope = isHeader ? " scope=\"row\"" : ""
            return "<\(name)\(scope)\(attribute("class", className))\(attribute("title", title))>\(escape(text))</\(name)>"
        }
    }

    /// `1,234`: a count grouped by thousands.
    package static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = value < 0 ? "-" : ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return grouped
    }

    /// `0.01271`, `11.29`, `142.9`: an exact fraction rounded half up to `digits`
    /// significant digits (whole numbers keep every digit), for amounts per coin,
    /// which rarely end. The rounding is done on integers, never in floating point.
    package static func significant(_ value: Fraction, digits: Int = 4) -> String {
        guard !value.isZero else { return "0" }
        let low = UInt64(Fraction.powerOfTen(max(0, digits - 1)) ?? 1)
        var decimals = 0
        var scaled = value
        while scaled.quotientAndRemainder.quotient < UInt128(low), decimals < 18,
              let next = try? scaled.multiplied(by: 10) {
            scaled = next
            decimals += 1
        }
        guard let units = scaled.rounded(.halfUp) else { return value.decimalText(maximumDigits: decimals) }
        var text = String(units)
        guard decimals > 0 else { return text }
        if text.count <= decimals { text = String(repeating: "0", count: decimals - text.count + 1) + text }
        text.insert(".", at: text.index(text.endIndex, offsetBy: -decimals))
        return text
    }

    /// `2026-11-27 23:00Z`: an instant for people, to the minute, in UTC.
    package static func instant(_ seconds: Int64) -> String {
        let text = CivilTime.format(seconds)
        return text.prefix(10) + " " + text.dropFirst(11).prefix(5) + "Z"
    }

    /// `2026-11-27`: the UTC date of an instant.
    package static func date(_ seconds: Int64) -> String { String(CivilTime.format(seconds).prefix(10)) }
}
