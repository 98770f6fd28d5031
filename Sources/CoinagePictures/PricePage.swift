import Coinage

/// `coinage prices --format html`: per channel, a small ladder chart per region (the
/// price per coin of each bundle, smallest bundle first), cells outside the region
/// guard's band outlined and marked, explicit prices and price-point tiers coloured
/// apart from derived ones, and the whole matrix as a table after the charts.
package enum PricePage {
    static let cardWidth = 236
    static let cardHeight = 162
    static let plotTop = 46
    static let plotBottom = 22
    static let sideMargin = 10

    package static func html(_ ladder: PriceLadder, rules directory: String, bundles: Int) -> String {
        var body: [String] = []
        var legend = PriceLadder.Source.allCases.map { ($0.rawValue, $0.words) }
        if let limit = ladder.guardLimit {
            legend.append(("guard", "outside the guard's band: more than \(limit.percentText(decimals: 0)) from the intended price (▲ over, ▼ under)"))
        }
        body.append(PageShell.legend(legend))
        for channel in ladder.channels {
            let ladders = ladder.ladders.filter { $0.channel == channel }
            body.append("<section>")
            body.append("<h2>\(Markup.escape(channel.map { "Channel \($0)" } ?? "Every sale"))</h2>")
            body.append("<div class=\"grid-cards\">")
            body += ladders.map { "<div class=\"card\">\(card($0, unit: ladder.unit).rendered())</div>" }
            body.append("</div>")
            body.append("<details class=\"data\" open><summary>\(Markup.escape("The list prices\(channel.map { " on \($0)" } ?? "") as a table"))</summary>")
            body.append(table(ladders, channel: channel, unit: ladder.unit))
            body.append("</details>")
            body.append("</section>")
        }
        let guardText = ladder.guardLimit.map { "; \(ladder.strayCount) cells outside the region guard's \($0.percentText(decimals: 0)) band" } ?? ""
        return PageShell.document(
            title: "Price ladders",
            subtitle: "\(directory): \(bundles) bundles, price per \(ladder.unit.singular) by bundle in each region and channel\(guardText)",
            body: body.joined(separator: "\n"))
    }

    /// One region on one channel: a bar per bundle, as high as its price per coin.
    static func card(_ ladder: PriceLadder.Ladder, unit: CoinUnit) -> SVGCanvas {
        let perUnit = "per \(unit.singular)"
        let place = ladder.region + (ladder.channel.map { " on \($0)" } ?? "")
        let stray = ladder.steps.filter { $0.mark != nil }.map(\.bundle)
        let description = "Price \(perUnit) of \(ladder.steps.count) bundles in \(place), in \(ladder.currency.code): "
            + ladder.steps.map { "\($0.bundle) \(PriceLadder.perCoinText($0, currency: ladder.currency))" }.joined(separator: ", ")
            + (stray.isEmpty ? "." : "; outside the guard's band: \(stray.joined(separator: ", ")).")
        var canvas = SVGCanvas(id: identifier("ladder", ladder.channel ?? "all", ladder.region), width: cardWidth, height: cardHeight,
                               title: "Price \(perUnit) in \(place)", description: description)
        canvas.text(ladder.region, x: sideMargin, y: 16, class: "name")
        canvas.text("\(ladder.currency.code) \(perUnit)" + (ladder.channel.map { " · \($0)" } ?? ""), x: sideMargin + 34, y: 16, class: "small")
        if let top = ladder.steps.compactMap(\.perCoin).max() {
            canvas.text("top of the scale: \(Markup.significant(top)) \(ladder.currency.code) \(perUnit)",
                        x: sideMargin, y: 30, class: "small")
        }
        let plotHeight = cardHeight - plotTop - plotBottom
        let baseline = cardHeight - plotBottom
        canvas.line(x1: sideMargin, y1: baseline, x2: cardWidth - sideMargin, y2: baseline, class: "axis")
        let count = max(1, ladder.steps.count)
        let slot = (cardWidth - 2 * sideMargin) / count
        let heights = PriceLadder.heights(ladder, height: plotHeight)
        for (position, step) in ladder.steps.enumerated() {
            let left = sideMargin + position * slot + 2
            let barWidth = max(2, slot - 4)
            let barHeight = max(step.perCoin == nil ? plotHeight : 1, heights[position])
            var tooltip = "\(step.bundle), \(unit.count(step.coins)): " + (step.price?.description ?? "overflow")
                + ", \(PriceLadder.perCoinText(step, currency: ladder.currency)) \(perUnit); \(step.source.words)"
                + (step.tier.map { " (\($0))" } ?? "")
            if let mark = step.mark { tooltip += "; \(markWords(mark))" }
            canvas.rect(x: left, y: baseline - barHeight, width: barWidth, height: barHeight, class: step.source.rawValue, tooltip: tooltip)
            if let mark = step.mark {
                canvas.rect(x: left - 1, y: baseline - barHeight - 1, width: barWidth + 2, height: barHeight + 2, class: "guard")
                if case .over = mark {
                    canvas.text("▲", x: left + barWidth / 2, y: baseline - barHeight - 4, class: "mark", anchor: .middle)
                } else {
                    canvas.text("▼", x: left + barWidth / 2, y: baseline - barHeight - 4, class: "mark", anchor: .middle)
                }
            }
            canvas.text(shortName(step), x: left + barWidth / 2, y: baseline + 14, class: "small", anchor: .middle)
        }
        return canvas
    }

    /// `700` for `coins_700`: the count of coins (or the shop's unit), which fits under a narrow bar.
    static func shortName(_ step: PriceLadder.Step) -> String {
        step.coins >= 10_000 && step.coins % 1_000 == 0 ? "\(step.coins / 1_000)k" : String(step.coins)
    }

    static func markWords(_ mark: PriceLadder.GuardMark) -> String {
        switch mark {
        case .over(let share): "\(share.percentText()) over the intended price, outside the guard's band"
        case .under(let share): "\(share.percentText()) under the intended price, outside the guard's band"
        }
    }

    /// Regions down, bundles across: the price, its price per coin, its source and mark.
    static func table(_ ladders: [PriceLadder.Ladder], channel: String?, unit: CoinUnit) -> String {
        let bundles = ladders.first?.steps.map { "\($0.bundle) (\($0.coins))" } ?? []
        let rows = ladders.map { ladder in
            [Markup.Cell(ladder.region, header: true), Markup.Cell(ladder.currency.code)] + ladder.steps.map { step in
                let mark = step.mark.map { if case .over = $0 { " ▲" } else { " ▼" } } ?? ""
                let text = (step.price.map { $0.decimal.description } ?? "overflow")
                    + " · " + (step.perCoin.map { Markup.significant($0) } ?? "—") + mark
                let className = "num" + (step.source == .derived ? "" : " src-\(step.source.rawValue)")
                    + (step.mark.map { if case .over = $0 { " over" } else { " under" } } ?? "")
                let deviation = step.deviation.map { "; \($0.share.percentText()) \($0.above ? "over" : "under") the intended price" } ?? ""
                return Markup.Cell(text, class: className, title: step.source.words + (step.tier.map { " (\($0))" } ?? "") + deviation)
            }
        }
        return Markup.table(caption: "List price · price per \(unit.singular)" + (channel.map { " on \($0)" } ?? "") + "; ▲ ▼ outside the guard's band",
                            header: ["region", "currency"] + bundles, rows: rows)
    }

    /// An `id` made of letters, digits and `-` only, whatever the names hold.
    static func identifier(_ parts: String...) -> String {
        parts.map { part in
            String(part.unicodeScalars.map { scalar in
                (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)) ? Character(scalar) : "_"
            })
        }.joined(separator: "-")
    }
}
