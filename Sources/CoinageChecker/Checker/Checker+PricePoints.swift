import CoinageSyntax

extension Checker {
    /// Price-point tables, written in the rules or read from their CSV files, and the
    /// channels that snap to one. Runs after regions and channels: a column named by
    /// a region is in that region's currency.
    mutating func checkPricePointTables() {
        for declaration in declarations.points {
            if let table = pricePointTable(declaration) { pricePointTables[table.name] = table }
        }
        for declaration in declarations.channels {
            if let snap = declaration.points { _ = pointsTableReference(snap.table) }
        }
    }

    /// The table named by `name`, or a diagnostic with a suggestion.
    mutating func pointsTableReference(_ name: Name) -> PricePointTable? {
        if let table = pricePointTables[name.text] { return table }
        if declarations.isDeclared("points", name.text) || declarations.didFail("points", name.text) { return nil }
        report(.unknownPointsTable, "unknown price-point table `\(name.text)`", at: name.span,
               help: suggestion(for: name.text, among: pricePointTables.keys, count: pricePointTables.count)
                   ?? "declare it: `points \(name.text) { tier 1: 0.99 USD }`, or read it from a file: `points \(name.text) from \"\(name.text).csv\"`")
        return nil
    }

    /// A point as given for one storefront, before the columns are assembled.
    private struct GivenPoint {
        let storefront: PricePointTable.Storefront
        let point: PricePointTable.Point
        /// The point's own place, for a diagnostic about it.
        let span: SourceSpan
    }

    private mutating func pricePointTable(_ declaration: PointsDeclaration) -> PricePointTable? {
        let reportedBefore = diagnostics.addedCount
        var given: [GivenPoint] = []
        var file: String?
        switch declaration.body {
        case .rows(let rows):
            var seenTiers: [Int: SourceSpan] = [:]
            for row in rows {
                guard let tier = tierNumber(row.tier) else { continue }
                if let first = seenTiers[tier] {
                    report(.pricePointsOutOfOrder, "tier \(tier) of `\(declaration.name.text)` is given twice", at: row.tier.span,
                           notes: [DiagnosticNote("first given here", at: first)], help: "give each tier one row")
                    continue
                }
                seenTiers[tier] = row.tier.span
                for literal in row.points {
                    guard let price = positiveMoney(literal.price, "a price point") else { continue }
                    var storefront = PricePointTable.Storefront.currency(price.currency.code)
                    if let code = literal.region {
                        guard let region = storefrontRegion(code, currency: price.currency, at: literal.price.currency.span) else { continue }
                        storefront = .region(region)
                    }
                    given.append(GivenPoint(storefront: storefront, point: .init(tier: tier, price: price, span: row.span, row: rowLabel(row.span)), span: literal.span))
                }
            }
        case .file(let path):
            guard let source = pointsFile(path) else { return nil }
            let soldCurrencies = Set(regions.values.map { $0.currency.code })
            file = source.path
            let read = PricePointFile(source)
            diagnostics.add(contentsOf: read.diagnostics)
            var columns: [(storefront: PricePointTable.Storefront, currency: Currency)?] = []
            for code in read.storefronts {
                if code.text.utf8.count == 2 {
                    if let region = regions[code.text] {
                        columns.append((.region(code.text), region.currency))
                    } else {
                        // A storefront the shop does not sell in: exports list every one.
                        if ISO3166.entry(code.text) == nil {
                            report(.unknownCountryCode, "`\(code.text)` is not an ISO 3166-1 country code", at: code.span,
                                   help: "name a region's column by its two-letter country code")
                        }
                        columns.append(nil)
                    }
                } else if let currency = currencies[code.text] {
                    // Kept only if some region sells in it: an export's other currencies are never read.
                    columns.append(soldCurrencies.contains(code.text) ? (.currency(code.text), currency) : nil)
                } else {
                    report(.unknownCurrency, "unknown currency `\(code.text)`", at: code.span,
                           help: "name a currency's column by its ISO 4217 code")
                    columns.append(nil)
                }
            }
            for row in read.rows {
                guard let tier = tierNumber(row.tier) else { continue }
                for (column, amount) in zip(columns, row.amounts) {
                    guard let column, let amount, let price = pointMoney(amount, in: column.currency) else { continue }
                    given.append(GivenPoint(storefront: column.storefront, point: .init(tier: tier, price: price, span: row.span, row: rowLabel(row.span)),
                                            span: amount.span))
                }
            }
        }
        let columns = pricePointColumns(given, table: declaration.name.text)
        guard diagnostics.addedCount == reportedBefore, declaration.isComplete else { return nil }
        return PricePointTable(name: declaration.name.text, columns: columns, file: file, span: declaration.span)
    }

    /// The columns of a table: each storefront's points by tier, reported where two
    /// points share a tier or a point is not above the tier before it.
    private mutating func pricePointColumns(_ given: [GivenPoint], table: String) -> [PricePointTable.Storefront: PricePointTable.Column] {
        var byStorefront: [PricePointTable.Storefront: [GivenPoint]] = [:]
        for point in given { byStorefront[point.storefront, default: []].append(point) }
        var columns: [PricePointTable.Storefront: PricePointTable.Column] = [:]
        for (storefront, points) in byStorefront.sorted(by: { $0.key < $1.key }) {
            let sorted = points.enumerated().sorted { ($0.element.point.tier, $0.offset) < ($1.element.point.tier, $1.offset) }.map { $0.element }
            var ok = true
            for (before, point) in zip(sorted, sorted.dropFirst()) {
                if before.point.tier == point.point.tier {
                    report(.pricePointsOutOfOrder, "`\(storefront)` has two points for tier \(point.point.tier) in `\(table)`", at: point.span,
                           notes: [DiagnosticNote("the first is here", at: before.span)], help: "give each storefront one point per tier")
                    ok = false
                } else if point.point.price.minorUnits <= before.point.price.minorUnits {
                    report(.pricePointsOutOfOrder,
                           "the `\(storefront)` point of tier \(point.point.tier), \(point.point.price), is not above tier \(before.point.tier)'s, \(before.point.price)",
                           at: point.span, notes: [DiagnosticNote("tier \(before.point.tier) is here", at: before.span)],
                           help: "points rise with the tier: check the amounts, or the order of the tiers")
                    ok = false
                }
            }
            if ok { columns[storefront] = PricePointTable.Column(storefront: storefront, points: sorted.map({ $0.point })) }
        }
        return columns
    }

    /// `path:line` of a table's row.
    private func rowLabel(_ span: SourceSpan) -> String {
        "\(sources[span.file].path):\(sources.location(of: span).line)"
    }

    /// A tier number: a whole number from 1.
    mutating func tierNumber(_ literal: NumberLiteral) -> Int? {
        let text = sources[literal.span.file].text(of: literal.span)
        guard let value = literal.value.integerValue, literal.isInteger else {
            report(.integerExpected, "a tier is a whole number, found `\(text)`", at: literal.span, help: "number the tiers 1, 2, 3, ...")
            return nil
        }
        guard value >= 1 else {
            report(.mustBePositive, "tiers are numbered from 1, found `\(text)`", at: literal.span, help: "number the tiers 1, 2, 3, ...")
            return nil
        }
        guard value <= Self.maxTier else {
            report(.amountOverflow, "tier `\(text)` is past the largest tier, \(Self.maxTier)", at: literal.span,
                   help: "number the tiers 1, 2, 3, ...")
            return nil
        }
        return Int(value)
    }

    /// The largest tier number: far past any store's table, small enough for any `Int`.
    static let maxTier: Int64 = 1_000_000

    /// The region a written point is for, held to the region's currency. A region the
    /// rules do not declare is kept only if it is a country: its column is never used.
    private mutating func storefrontRegion(_ code: Code, currency: Currency, at span: SourceSpan) -> String? {
        guard let region = regions[code.text] else {
            if ISO3166.entry(code.text) == nil {
                report(.unknownCountryCode, "`\(code.text)` is not an ISO 3166-1 country code", at: code.span,
                       help: Self.countryHint(code.text))
                return nil
            }
            return code.text
        }
        guard region.currency == currency else {
            report(.explicitPriceWrongCurrency, "point is in \(currency.code), but `\(code.text)` uses \(region.currency.code)", at: span,
                   help: "write the point in \(region.currency.code)")
            return nil
        }
        return code.text
    }

    /// An amount read from a CSV field, exact in its storefront's currency.
    private mutating func pointMoney(_ amount: NumberLiteral, in currency: Currency) -> Money? {
        switch Money.exact(amount.value, in: currency) {
        case .success(let money) where money.minorUnits > 0:
            return money
        case .success:
            report(.mustBePositive, "a price point must be more than zero", at: amount.span)
        case .failure(.tooManyDecimals(let allowed)):
            report(.tooManyDecimals, "`\(sources[amount.span.file].text(of: amount.span))` has more decimals than \(currency.code) allows",
                   at: amount.span, help: "\(currency.code) has \(allowed == 0 ? "no decimals" : "\(allowed) decimal\(allowed == 1 ? "" : "s")")")
        case .failure:
            report(.amountOverflow, "`\(sources[amount.span.file].text(of: amount.span))` is too large for an amount", at: amount.span)
        }
        return nil
    }

    /// The CSV file `path` names, relative to the directory of the file that names it.
    private mutating func pointsFile(_ path: StringLiteral) -> SourceFile? {
        let wanted = Self.joinedPath(directoryOf: sources[path.span.file].path, path.value)
        let csvFiles = sources.files.filter { $0.isPricePointFile }
        if path.value.hasSuffix(".csv"), let file = csvFiles.first(where: { Self.normalizedPath($0.path) == wanted }) { return file }
        let help = path.value.hasSuffix(".csv")
            ? (csvFiles.isEmpty ? "put the file beside the rules: every `.csv` file under the rules directory is read (a rules file checked on its own reads none)"
                                : "the rules directory has \(csvFiles.prefix(5).map { "`\($0.path)`" }.joined(separator: ", "))\(csvFiles.count > 5 ? ", ..." : "")")
            : "a price-point file is a `.csv` file under the rules directory"
        report(.pointsFileNotFound, "no price-point file `\(path.value)` beside the rules", at: path.span, help: help)
        return nil
    }

    /// `directory-of(file)/relative`, normalized.
    static func joinedPath(directoryOf file: String, _ relative: String) -> String {
        if relative.hasPrefix("/") { return normalizedPath(relative) }
        let parts = file.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        return normalizedPath((parts + [Substring(relative)]).joined(separator: "/"))
    }

    /// A path with `.` and empty parts removed and `..` applied where it can be.
    static func normalizedPath(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(part)
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }
}
