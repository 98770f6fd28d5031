import Coinage
import CoinageIO
import CoinageJSON
import CoinageSyntax

/// `textDocument/hover`: what a name stands for, in Markdown.
///
/// The declaration's own lines come from the latest snapshot, so a hover works in
/// broken rules too; prices, promotion reach and worst cases need checked rules
/// and come from the latest snapshot that had no error (said so when it is older
/// than the text).
extension LanguageServer {
    func hover(_ params: Params) throws(RPCError) -> JSONValue {
        guard let (snapshot, file, offset) = try locate(params),
              let occurrence = snapshot.index.occurrence(in: file.id, at: offset) else { return .null }
        let key = occurrence.key
        var sections = ["**\(key.kind.rawValue) `\(key.name)`**"]
        let declared = snapshot.index.definitions(of: key).filter(\.isDefinition)
        let lines = declared.prefix(4).map { definitionLine($0, sources: snapshot.sources) }
        if !lines.isEmpty { sections.append("```coin\n" + lines.joined(separator: "\n") + "\n```") }
        let workspaceKey = workspace.key(for: file.path)
        if let good = lastGood[workspaceKey], let rules = good.result.ruleSet, let book = good.result.priceBook {
            let facts = HoverFacts(rules: rules, book: book, now: now(),
                                   worstCases: lastAnalysed[workspaceKey]?.worstCases ?? [])
            let details = facts.details(key)
            if !details.isEmpty {
                if good.generation != snapshot.generation, snapshot.result.ruleSet == nil {
                    sections.append("_from the last version of the rules without errors_")
                }
                sections.append(details)
            }
        } else if key.kind == .currency, let entry = ISO4217.entry(key.name) {
            sections.append("\(entry.name); minor unit: \(entry.minorUnits) decimal\(entry.minorUnits == 1 ? "" : "s")")
        }
        return .object([
            ("contents", .object([("kind", .string("markdown")), ("value", .string(sections.joined(separator: "\n\n")))])),
            ("range", LSPJSON.range(occurrence.span, in: file, encoding: encoding)),
        ])
    }

    /// The first line of the declaration at `occurrence`, as written.
    private func definitionLine(_ occurrence: SymbolOccurrence, sources: SourceMap) -> String {
        let file = sources[occurrence.span.file]
        return file.lineText(file.location(of: occurrence.span.start).line)
    }
}

/// What a hover says of a name in checked rules.
struct HoverFacts {
    let rules: RuleSet
    let book: PriceBook
    let now: Int64
    let worstCases: [GuardWorstCase]

    func details(_ key: SymbolKey) -> String {
        switch key.kind {
        case .bundle: bundle(key.name)
        case .promotion: promotion(key.name)
        case .currency: currency(key.name)
        case .attribute: attribute(key.name)
        case .region, .market, .channel, .gift, .customAmount: catalog(key)
        case .group:
            "promotions in the group (at most one of them applies): "
                + rules.promotions.filter { $0.group == key.name }.map { "`\($0.name)`" }.joined(separator: ", ")
        case .points: ""
        }
    }

    /// What a region, market, channel, gift or custom amount is, as checked.
    private func catalog(_ key: SymbolKey) -> String {
        switch key.kind {
        case .region:
            guard let region = rules.regions.first(where: { $0.code == key.name }) else { return "" }
            let tax = region.tax.rate == .zero ? "no tax" : "tax \(region.tax.rate) \(region.tax.mode.rawValue)"
            return "currency \(region.currency.code), \(tax), zone \(region.zone)\(region.zoneDeclared ? "" : " (none declared)"), level \(region.level)"
                + (ISO3166.entry(region.code).map { "\n\n\($0.name)" } ?? "")
        case .market:
            guard let market = rules.markets.first(where: { $0.name == key.name }) else { return "" }
            return "regions: " + market.regions.joined(separator: ", ")
        case .channel:
            guard let channel = rules.channels.first(where: { $0.name == key.name }) else { return "" }
            return "fee \(channel.fee), level \(channel.level)" + (channel.points.map { ", prices snapped to `\($0.table)` (\($0.mode.rawValue))" } ?? "")
        case .gift:
            guard let gift = rules.gifts.first(where: { $0.name == key.name }) else { return "" }
            return "\(gift.coins) coin\(gift.coins == 1 ? "" : "s")"
        case .customAmount:
            guard let custom = rules.customAmounts.first(where: { $0.name == key.name }) else { return "" }
            return "\(custom.minimumCoins) to \(custom.maximumCoins) coins at \(custom.unitPrice) \(custom.unitCurrency.code) each"
                + (custom.channels.isEmpty ? "" : ", on " + custom.channels.joined(separator: ", "))
        default:
            return ""
        }
    }

    /// The list price in every region and channel: a table, or past
    /// `LSPLimits.maxHoverPriceCells` the range of prices in each currency.
    private func bundle(_ name: String) -> String {
        guard let bundle = rules.bundles.first(where: { $0.name == name }) else { return "" }
        let channels: [String?] = rules.channels.isEmpty ? [nil] : rules.channels.map(\.name)
        let cells = PriceMatrix.cells(rules, book: book, channels: channels).filter { $0.bundle.name == name }
        var text = "\(bundle.coins) coins" + (bundle.bonusCoins > 0 ? " + \(bundle.bonusCoins) bonus" : "") + ", base price \(bundle.basePrice)"
        guard cells.count <= LSPLimits.maxHoverPriceCells else {
            var byCurrency: [String: (low: Money, high: Money, count: Int)] = [:]
            for cell in cells {
                guard let price = cell.price else { continue }
                let code = price.currency.code
                let seen = byCurrency[code] ?? (price, price, 0)
                byCurrency[code] = (seen.low.minorUnits <= price.minorUnits ? seen.low : price,
                                    seen.high.minorUnits >= price.minorUnits ? seen.high : price, seen.count + 1)
            }
            text += "\n\nlisted in \(cells.count) regions and channels:\n"
            for code in byCurrency.keys.sorted() {
                guard let range = byCurrency[code] else { continue }
                text += "\n- \(code): \(range.low) to \(range.high) (\(range.count) prices)"
            }
            return text
        }
        text += "\n\n| region | channel | list |\n| --- | --- | --- |"
        for cell in cells {
            let price = cell.price.map { "\($0)" + (cell.isExplicit ? " *" : "") } ?? "overflow"
            text += "\n| \(cell.region.code) | \(cell.channel ?? "any") | \(price) |"
        }
        if cells.contains(where: \.isExplicit) { text += "\n\n\\* an explicit price" }
        return text
    }

    private func currency(_ code: String) -> String {
        var lines: [String] = []
        if let rate = rules.rates[code] { lines.append("rate: 1 \(rules.baseCurrency.code) = \(rate) \(code)") }
        if code == rules.baseCurrency.code { lines.append("the base currency") }
        if let currency = rules.currencies[code] {
            lines.append("minor unit: \(currency.exponent) decimal\(currency.exponent == 1 ? "" : "s")")
        }
        if let span = rules.roundingSpans[code] {
            lines.append("grid:\n```coin\n\(rules.sources[span.file].text(of: span))\n```")
        } else {
            lines.append("grid: the currency's minor unit (no `round \(code)` rule)")
        }
        let regions = rules.regions.filter { $0.currency.code == code }.map(\.code)
        if !regions.isEmpty { lines.append("regions: \(regions.joined(separator: ", "))") }
        return lines.joined(separator: "\n\n")
    }

    private func attribute(_ name: String) -> String {
        guard let attribute = rules.userAttributes.first(where: { $0.name == name }) else { return "" }
        switch attribute.kind {
        case .bool: return "type: bool; values: `true`, `false`"
        case .int(let range): return "type: int" + (range.map { "; values: \($0.lowerBound) to \($0.upperBound)" } ?? "")
        case .date: return "type: date"
        case .oneOf(let values): return "type: one of; values: " + values.map { "`\($0)`" }.joined(separator: ", ")
        case .text: return "type: text; any text, such as a user id (an experiment's unit), not compared by conditions"
        }
    }
}
