extension Parser {
    /// `points app_store { tier 1: 0.99 USD, 160 JPY ... }` or
    /// `points app_store from "app-store.csv"`.
    mutating func parsePoints(_ keyword: Token) throws(ParseAbort) -> PointsDeclaration {
        let name = try parseName("price-point table")
        if consumeWord("from") {
            let path = try parseString("after `from`, the CSV file's path")
            return PointsDeclaration(name: name, body: .file(path), isComplete: true, span: spanFrom(keyword))
        }
        guard at(.leftBrace) else {
            throw fail("expected `{` or `from` after the table's name, found \(found)",
                       help: "write the rows in a block, `points \(name.text) { tier 1: 0.99 USD, 160 JPY }`, or read them from a CSV file: `points \(name.text) from \"\(name.text).csv\"`")
        }
        let block = try parseBlock("price-point table `\(name.text)`") { (parser: inout Parser) throws(ParseAbort) in
            try parser.parsePointsRow()
        }
        return PointsDeclaration(name: name, body: .rows(block.items), isComplete: block.isComplete, span: spanFrom(keyword))
    }

    /// `tier 1: 0.99 USD, 0.99 EUR, 1.09 EUR in FI`
    private mutating func parsePointsRow() throws(ParseAbort) -> PointsRow {
        let start = current
        guard consumeWord("tier") else {
            if currentKind == .word {
                report(.unknownClause, "unknown line `\(current.text)` in a price-point table", at: current.span,
                       help: "each line of the table is one tier: `tier 1: 0.99 USD, 160 JPY`")
                throw ParseAbort()
            }
            throw fail("expected `tier`, found \(found)", help: "each line of the table is one tier: `tier 1: 0.99 USD, 160 JPY`")
        }
        let tier = try parseInteger("a tier number")
        _ = try expect(.colon, "after the tier number")
        var points = [try parsePointLiteral()]
        while skip(.comma) { points.append(try parsePointLiteral()) }
        return PointsRow(tier: tier, points: points, span: start.span.merged(with: previousSpan))
    }

    /// `0.99 EUR` or `1.09 EUR in FI`.
    private mutating func parsePointLiteral() throws(ParseAbort) -> PointLiteral {
        let price = try parseMoney("for a price point")
        var region: Code?
        if consumeWord("in") { region = try parseRegionCode("after `in`") }
        return PointLiteral(price: price, region: region)
    }

    /// After `points`: a table's name, then `tier N` (where `allowsTier`) or a
    /// snap mode: `.tier` or `.snap`, never `.money`.
    mutating func parsePointsUse(after keyword: Token, allowsTier: Bool) throws(ParseAbort) -> PriceValue {
        let table = try parseName("price-point table")
        if allowsTier, consumeWord("tier") {
            let tier = try parseInteger("a tier number")
            return .tier(PointsTier(table: table, tier: tier, span: keyword.span.merged(with: previousSpan)))
        }
        let modes = SnapMode.allCases.map { $0.rawValue }
        guard currentKind == .word, let mode = SnapMode(rawValue: current.text) else {
            let choices = allowsTier ? "`tier N`, `nearest`, `up` or `down`" : "`nearest`, `up` or `down`"
            throw fail("expected \(choices) after the table's name, found \(found)",
                       help: (currentKind == .word ? Suggestion.help(for: current.text, among: Set(modes + (allowsTier ? ["tier"] : []))) : nil)
                           ?? "say which point a price takes: `points \(table.text) nearest`, `up` (never below) or `down` (never above)")
        }
        advance()
        return .snap(PointsSnap(table: table, mode: mode, span: keyword.span.merged(with: previousSpan)))
    }
}
