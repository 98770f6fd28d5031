import Coinage
import CoinageFoundation
import CoinageIO
import CoinageJSON
import CoinageSyntax

/// The list-price matrix in each output format of `coinage prices`.
enum PriceTables {
    typealias Cell = PricesCommand.Cell

    /// Aligned columns for a terminal: amounts right-aligned, an `*` after an
    /// explicit price, and a legend for it when there is one.
    static func table(_ cells: [Cell], bundles: [Bundle], channels: [String?]) -> String {
        var blocks: [String] = []
        for channel in channels {
            let rows = grid(cells.filter { $0.channel == channel }, bundles: bundles)
            let header = ["region", "currency"] + bundles.map(\.name)
            var lines = channel.map { ["channel \($0)"] } ?? []
            lines += TextTable([header] + rows, rightAligned: Set(2..<header.count), padsLastColumn: true).lines()
            blocks.append(lines.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n") + "\n" + legend(cells, "* explicit price")
    }

    /// One row per cell, for spreadsheets.
    static func csv(_ cells: [Cell]) -> String {
        var lines = ["channel,region,currency,bundle,coins,bonus_coins,list_price,source"]
        for cell in cells {
            lines.append([
                cell.channel ?? "", cell.region.code, cell.region.currency.code, cell.bundle.name,
                String(cell.bundle.coins), String(cell.bundle.bonusCoins),
                cell.price.map { $0.decimal.description } ?? "", cell.source,
            ].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ cells: [Cell]) -> String {
        PriceMatrix.json(cells).serialized(pretty: true) + "\n"
    }

    /// One table per channel, ready for a pull-request comment or a wiki page.
    static func markdown(_ cells: [Cell], bundles: [Bundle], channels: [String?]) -> String {
        var blocks: [String] = []
        for channel in channels {
            let rows = grid(cells.filter { $0.channel == channel }, bundles: bundles)
            var lines = channel.map { ["### \($0)", ""] } ?? []
            lines.append("| region | currency | " + bundles.map(\.name).joined(separator: " | ") + " |")
            lines.append("| --- | --- | " + bundles.map { _ in "---:" }.joined(separator: " | ") + " |")
            lines += rows.map { "| " + $0.joined(separator: " | ") + " |" }
            blocks.append(lines.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n") + "\n" + legend(cells, "\\* explicit price")
    }

    /// The line that explains the `*`, after a blank line: only when a price shown has one.
    private static func legend(_ cells: [Cell], _ text: String) -> String {
        cells.contains(where: \.isExplicit) ? "\n\(text)\n" : ""
    }

    /// Rows of `[region, currency, price per bundle...]`, in region order.
    private static func grid(_ cells: [Cell], bundles: [Bundle]) -> [[String]] {
        var rows: [[String]] = []
        var current: (region: String, row: [String])?
        for cell in cells {
            if current?.region != cell.region.code {
                if let finished = current { rows.append(finished.row) }
                current = (cell.region.code, [cell.region.code, cell.region.currency.code])
            }
            let amount = cell.price.map { $0.decimal.description } ?? "overflow"
            current?.row.append(cell.isExplicit ? amount + "*" : amount)
        }
        if let finished = current { rows.append(finished.row) }
        return rows
    }
}
