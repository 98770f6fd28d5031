import Coinage

/// `coinage diff --format html`: the price-impact report as a page. A heat map per
/// channel shows the moved list prices, regions down and bundles across, each cell
/// coloured by its percent change (warm up, cool down, deeper for bigger moves); then
/// every change as a table, the promotion changes and the quote impact.
package enum DiffPage {
    /// The words `coinage diff` writes in every format, given by the command so the
    /// page says exactly what the text and the markdown say.
    package struct Words {
        package let summary: [[String]]
        package let impact: [String]
        package let percent: (ListPriceChange) -> String

        package init(summary: [[String]], impact: [String], percent: @escaping (ListPriceChange) -> String) {
            self.summary = summary
            self.impact = impact
            self.percent = percent
        }
    }

    /// Percent changes below each bound get the lighter colours: under 1%, under 5%,
    /// under 15%, and 15% or more.
    package static let shadeBounds: [UInt64] = [1, 5, 15]
    /// Most list-price changes in the table; the rest are counted.
    package static let maxTableRows = 1_000
    /// Most regions and bundles a heat map draws; the rest are counted under it.
    package static let maxMapRegions = 60
    package static let maxMapBundles = 40

    static let cellWidth = 80
    static let cellHeight = 22
    static let rowLabel = 56
    static let header = 30

    package static func html(_ diff: RuleSetDiff, old: String, new: String, words: Words) -> String {
        var body: [String] = []
        body.append(Markup.table(caption: "Summary", header: [], rows: words.summary.map { row in
            row.enumerated().map { Markup.Cell($0.element, header: $0.offset == 0) }
        }))
        body.append("<h2>List prices</h2>")
        let changes = diff.listPrices.changes
        if changes.isEmpty {
            body.append("<p class=\"note\">No list price moves (\(Markup.count(diff.listPrices.cellsCompared)) cells compared).</p>")
        } else {
            body.append(PageShell.legend([
                ("down4", "down 15% or more"), ("down3", "down 5–15%"), ("down2", "down 1–5%"), ("down1", "down under 1%"),
                ("same", "unchanged"), ("up1", "up under 1%"), ("up2", "up 1–5%"), ("up3", "up 5–15%"), ("up4", "up 15% or more"),
                ("empty", "added, removed or a new currency"),
            ]))
            var channels: [String?] = []
            for change in changes where !channels.contains(change.channel) { channels.append(change.channel) }
            for channel in channels {
                let moved = changes.filter { $0.channel == channel }
                body.append("<h3>\(Markup.escape(channel.map { "Channel \($0)" } ?? "Every sale"))</h3>")
                body.append(PageShell.figure(heatMap(moved, channel: channel, words: words).rendered(),
                                             caption: caption(moved, channel: channel),
                                             table: table(moved, words: words, caption: "List price changes" + (channel.map { " on \($0)" } ?? "")),
                                             tableSummary: "The changes as a table"))
            }
        }
        body.append("<h2>Promotions</h2>")
        body.append(promotions(diff.promotions))
        body.append("<h2>Quote impact</h2>")
        body.append(impactList(words.impact))
        return PageShell.document(title: "Price impact", subtitle: "\(old) → \(new)", body: body.joined(separator: "\n"))
    }

    /// The impact lines as a list; an indented line (the command that replays a
    /// change) goes under the line before it, as code.
    static func impactList(_ lines: [String]) -> String {
        var items: [String] = []
        for line in lines {
            if line.hasPrefix("  "), let last = items.popLast() {
                let command = line.drop { $0 == " " }
                items.append(last + "<br><code>\(Markup.escape(String(command)))</code>")
            } else {
                items.append(Markup.escape(line))
            }
        }
        return "<ul>" + items.map { "<li>\($0)</li>" }.joined() + "</ul>"
    }

    /// The colour class of a change: `up1`…`up4`, `down1`…`down4`, `same` or `empty`.
    package static func shade(_ change: ListPriceChange) -> String {
        guard let percent = change.percent else { return "empty" }
        if percent.isZero { return "same" }
        let level = 1 + shadeBounds.count { bound in !(percent.magnitude < Fraction(bound)) }
        return (percent.isDecrease ? "down" : "up") + String(level)
    }

    private static func caption(_ moved: [ListPriceChange], channel: String?) -> String {
        "\(moved.count) list prices moved" + (channel.map { " on \($0)" } ?? "") + ", coloured by percent change"
    }

    /// Regions down, bundles across, the moved cells coloured and labelled.
    static func heatMap(_ moved: [ListPriceChange], channel: String?, words: Words) -> SVGCanvas {
        var regions: [String] = []
        var bundles: [String] = []
        for change in moved {
            if !regions.contains(change.region) { regions.append(change.region) }
            if !bundles.contains(change.bundle) { bundles.append(change.bundle) }
        }
        let shownRegions = Array(regions.prefix(maxMapRegions))
        let shownBundles = Array(bundles.prefix(maxMapBundles))
        let cut = regions.count > shownRegions.count || bundles.count > shownBundles.count
        let width = rowLabel + shownBundles.count * cellWidth + 8
        let height = header + shownRegions.count * cellHeight + (cut ? 20 : 6)
        let place = channel.map { " on \($0)" } ?? ""
        var canvas = SVGCanvas(id: PricePage.identifier("diff", channel ?? "all"), width: width, height: height,
                               title: "List price changes\(place)",
                               description: "\(moved.count) moved cells in \(regions.count) regions and \(bundles.count) bundles\(place); "
                                   + "each coloured by its percent change; the table after the picture lists them.")
        for (column, bundle) in shownBundles.enumerated() {
            canvas.text(bundle, x: rowLabel + column * cellWidth + cellWidth / 2, y: header - 10, class: "small", anchor: .middle)
        }
        var byCell: [String: ListPriceChange] = [:]
        for change in moved { byCell[change.region + "\u{0}" + change.bundle] = change }
        for (row, region) in shownRegions.enumerated() {
            let top = header + row * cellHeight
            canvas.text(region, x: 4, y: top + 15, class: "name")
            for (column, bundle) in shownBundles.enumerated() {
                let left = rowLabel + column * cellWidth
                guard let change = byCell[region + "\u{0}" + bundle] else {
                    canvas.rect(x: left + 1, y: top + 1, width: cellWidth - 2, height: cellHeight - 2, class: "same",
                                tooltip: "\(bundle) in \(region)\(place): unchanged")
                    continue
                }
                let tooltip = "\(bundle) in \(region)\(place): \(change.old?.description ?? "—") → \(change.new?.description ?? "—") (\(words.percent(change)))"
                canvas.rect(x: left + 1, y: top + 1, width: cellWidth - 2, height: cellHeight - 2, class: shade(change), tooltip: tooltip)
                let shade = shade(change)
                let deep = shade.hasSuffix("3") || shade.hasSuffix("4")
                canvas.text(short(change, words: words), x: left + cellWidth / 2, y: top + 15, class: deep ? "on-deep" : "on-light",
                            anchor: .middle)
            }
        }
        if cut {
            canvas.text("\(regions.count - shownRegions.count) more regions and \(bundles.count - shownBundles.count) more bundles in the table",
                        x: 4, y: height - 6, class: "small")
        }
        return canvas
    }

    /// What fits in a cell: `+7.7%`, `new`, `gone`, `cur`.
    static func short(_ change: ListPriceChange, words: Words) -> String {
        if let percent = change.percent { return percent.text(decimals: 1) }
        switch change.kind {
        case .added: return "new"
        case .removed: return "gone"
        case .changed: return change.currencyChanged ? "cur" : "—"
        }
    }

    static func table(_ moved: [ListPriceChange], words: Words, caption: String) -> String {
        var rows = moved.prefix(maxTableRows).map { change in
            [Markup.Cell(change.bundle, header: true), Markup.Cell(change.region), Markup.Cell(change.channel ?? "—"),
             Markup.Cell(change.old?.description ?? "—", class: "num"), Markup.Cell(change.new?.description ?? "—", class: "num"),
             Markup.Cell(words.percent(change), class: "num " + shade(change))]
        }
        if moved.count > maxTableRows {
            rows.append([Markup.Cell("… and \(Markup.count(moved.count - maxTableRows)) more; `coinage diff` in a terminal lists them all")])
        }
        return Markup.table(caption: caption, header: ["bundle", "region", "channel", "old", "new", "change"], rows: rows)
    }

    private static func promotions(_ changes: [PromotionChange]) -> String {
        guard !changes.isEmpty else { return "<p class=\"note\">No promotion changes.</p>" }
        var lines = ["<ul>"]
        for change in changes {
            lines.append("<li><strong>\(Markup.escape(change.kind.rawValue))</strong> <code>\(Markup.escape(change.name))</code><ul>")
            for clause in change.clauses {
                let text: String = switch change.kind {
                case .added: clause.new ?? ""
                case .removed: clause.old ?? ""
                case .changed: "\(clause.old ?? "(none)") → \(clause.new ?? "(none)")"
                    + (clause.resolvesDifferently ? " (written the same; a name it uses changed)" : "")
                }
                lines.append("<li><code>\(Markup.escape(clause.keyword))</code> \(Markup.escape(text))</li>")
            }
            lines.append("</ul></li>")
        }
        lines.append("</ul>")
        return lines.joined(separator: "\n")
    }
}
