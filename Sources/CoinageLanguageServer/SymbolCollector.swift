import CoinageSyntax

/// Walks parsed files for `SymbolIndex`: each declaration's name, each reference
/// to a name, and each file's outline.
///
/// A condition's words are read as the checker reads them: the word after
/// `bundle ==` or `bundle in` names a bundle, after `region` a region or a
/// market, after `channel` a channel. A word whose field is not known (after
/// `allow … for`) is looked up among the declared names.
struct SymbolCollector {
    let files: [RuleFile]
    let sources: SourceMap
    var occurrences: [SymbolOccurrence] = []
    var outlines: [SourceFileID: [OutlineEntry]] = [:]
    /// Declared lowercase names and their kinds, for words read without a field.
    private var declared: [String: SymbolKind] = [:]

    init(files: [RuleFile], sources: SourceMap) {
        self.files = files
        self.sources = sources
    }

    mutating func collect() {
        for file in files {
            for declaration in file.declarations { declare(declaration) }
        }
        for file in files {
            for declaration in file.declarations { reference(declaration) }
            for incomplete in file.incomplete {
                outline(incomplete.name ?? incomplete.keyword, "\(incomplete.keyword) (does not parse)", 21,
                        span: incomplete.span, selection: incomplete.span)
            }
        }
    }

    private mutating func define(_ kind: SymbolKind, _ text: String, _ span: SourceSpan, declaration: SourceSpan) {
        occurrences.append(SymbolOccurrence(key: SymbolKey(kind, text), span: span, isDefinition: true))
        if !kind.isCode, declared[text] == nil { declared[text] = kind }
        outline(text, kind.rawValue, kind.lspKind, span: declaration, selection: span)
    }

    private mutating func outline(_ name: String, _ detail: String, _ kind: Int, span: SourceSpan, selection: SourceSpan) {
        outlines[span.file, default: []].append(OutlineEntry(name: name, detail: detail, lspKind: kind, span: span, selection: selection))
    }

    private mutating func use(_ kind: SymbolKind, _ text: String, _ span: SourceSpan) {
        occurrences.append(SymbolOccurrence(key: SymbolKey(kind, text), span: span, isDefinition: false))
    }

    /// The first pass: every declared name, so that later words can be looked up.
    private mutating func declare(_ declaration: Declaration) {
        let span = declaration.span
        switch declaration {
        case .baseCurrency(let d): define(.currency, d.currency.text, d.currency.span, declaration: span)
        case .currency(let d): define(.currency, d.code.text, d.code.span, declaration: span)
        case .rate(let d): define(.currency, d.currency.text, d.currency.span, declaration: span)
        case .region(let d): define(.region, d.code.text, d.code.span, declaration: span)
        case .market(let d): define(.market, d.name.text, d.name.span, declaration: span)
        case .channel(let d): define(.channel, d.name.text, d.name.span, declaration: span)
        case .bundle(let d): define(.bundle, d.name.text, d.name.span, declaration: span)
        case .custom(let d): define(.customAmount, d.name.text, d.name.span, declaration: span)
        case .user(let d): define(.attribute, d.name.text, d.name.span, declaration: span)
        case .promotion(let d): define(.promotion, d.name.text, d.name.span, declaration: span)
        case .gift(let d): define(.gift, d.name.text, d.name.span, declaration: span)
        case .points(let d): define(.points, d.name.text, d.name.span, declaration: span)
        case .test(let d): outline(d.title.value, "test", 6, span: span, selection: d.title.span)
        case .guardRule: outline(firstLine(span), "guard", 24, span: span, selection: span)
        case .price(let d): outline("price \(d.bundle.text)", "price", 8, span: span, selection: d.bundle.span)
        case .rounding(let d): outline("round \(d.currency.text)", "rounding", 25, span: span, selection: d.currency.span)
        case .allow(let d): outline("allow \(d.code.text)", "allow", 20, span: span, selection: d.code.span)
        case .stacking, .floor, .payout, .unit: outline(firstLine(span), "setting", 20, span: span, selection: span)
        case .experiment(let d):
            outline("experiment \(d.name.text)", "experiment", 5, span: span, selection: d.name.span)
            for clause in d.clauses { if case .arm(let arm) = clause.kind { for inner in arm.body ?? [] { declare(inner) } } }
        }
    }

    /// The first line of a declaration, for the outline of one that has no name.
    private func firstLine(_ span: SourceSpan) -> String {
        guard Int(span.file.rawValue) < sources.files.count else { return "" }
        let text = sources[span.file].text(of: span)
        let line = text.prefix { $0 != "\n" && $0 != "\r" }
        return line.count > 60 ? String(line.prefix(59)) + "…" : String(line)
    }

    /// The second pass: every name a declaration refers to.
    private mutating func reference(_ declaration: Declaration) {
        switch declaration {
        case .region(let d): use(.currency, d.currency.text, d.currency.span)
        case .market(let d): for code in d.regions { use(.region, code.text, code.span) }
        case .channel(let d): if let points = d.points { use(.points, points.table.text, points.table.span) }
        case .bundle(let d): use(.currency, d.price.currency.text, d.price.currency.span)
        case .custom(let d):
            use(.currency, d.unitPrice.currency.text, d.unitPrice.currency.span)
            for channel in d.channels { use(.channel, channel.text, channel.span) }
        case .price(let d):
            use(declared[d.bundle.text] == .customAmount ? .customAmount : .bundle, d.bundle.text, d.bundle.span)
            if let scope = d.scope { scoped(scope) }
            if let channel = d.channel { use(.channel, channel.text, channel.span) }
            switch d.price {
            case .money(let money): use(.currency, money.currency.text, money.currency.span)
            case .tier(let tier): use(.points, tier.table.text, tier.table.span)
            case .snap(let snap): use(.points, snap.table.text, snap.table.span)
            }
        case .rounding(let d):
            use(.currency, d.currency.text, d.currency.span)
            if let scope = d.scope { scoped(scope) }
            if let channel = d.channel { use(.channel, channel.text, channel.span) }
        case .promotion(let d): promotion(d)
        case .test(let d): test(d)
        case .allow(let d):
            if let target = d.target, let kind = declared[target.text] { use(kind, target.text, target.span) }
        case .points(let d):
            guard case .rows(let rows) = d.body else { return }
            for point in rows.flatMap(\.points) {
                use(.currency, point.price.currency.text, point.price.currency.span)
                if let region = point.region { use(.region, region.text, region.span) }
            }
        case .experiment(let d):
            for clause in d.clauses {
                switch clause.kind {
                case .audience(let expression): condition(expression, field: nil)
                case .unit(let name): use(.attribute, name.text, name.span)
                case .arm(let arm): for inner in arm.body ?? [] { reference(inner) }
                case .during, .salt: break
                }
            }
        case .baseCurrency, .stacking, .floor, .currency, .rate, .user, .gift, .payout, .guardRule, .unit: break
        }
    }

    private mutating func scoped(_ scope: PriceScope) {
        switch scope {
        case .region(let code): use(.region, code.text, code.span)
        case .market(let name): use(.market, name.text, name.span)
        }
    }

    private mutating func promotion(_ declaration: PromotionDeclaration) {
        for clause in declaration.clauses {
            switch clause.kind {
            case .when(let expression): condition(expression, field: nil)
            case .group(let name): use(.group, name.text, name.span)
            case .discountAmount(let money), .price(let money): use(.currency, money.currency.text, money.currency.span)
            default: break
            }
        }
    }

    /// The names in a condition; `field` is the field on the left of the comparison
    /// being read, which says what its right side's words name.
    private mutating func condition(_ expression: Expression, field: String?) {
        switch expression {
        case .or(let a, let b, _), .and(let a, let b, _):
            condition(a, field: nil)
            condition(b, field: nil)
        case .not(let inner, _), .parenthesized(let inner, _):
            condition(inner, field: field)
        case .comparison(let left, _, let right, _), .membership(let left, _, let right, _):
            if case .word(let name) = left {
                condition(right, field: name.text)
            } else {
                condition(left, field: nil)
                if case .userAttribute = left { return }
                condition(right, field: nil)
            }
        case .list(let elements, _):
            for element in elements { condition(element, field: field) }
        case .userAttribute(let reference):
            use(.attribute, reference.text, reference.name.span)
        case .word(let name):
            switch field {
            case "bundle": use(declared[name.text] == .customAmount ? .customAmount : .bundle, name.text, name.span)
            case "region": use(.market, name.text, name.span)
            case "channel": use(.channel, name.text, name.span)
            default: break
            }
        case .code(let code):
            switch field {
            case "region": use(.region, code.text, code.span)
            case "currency": use(.currency, code.text, code.span)
            default: break
            }
        case .money(let money):
            use(.currency, money.currency.text, money.currency.span)
        case .number, .percent, .boolean, .string, .date:
            break
        }
    }

    private mutating func test(_ declaration: TestDeclaration) {
        for line in declaration.lines {
            switch line.kind {
            case .quote(let target, let region, let channel, _, _):
                if case .bundle(let name) = target { use(.bundle, name.text, name.span) }
                use(.region, region.text, region.span)
                if let channel { use(.channel, channel.text, channel.span) }
            case .user(let facts):
                for fact in facts { use(.attribute, fact.name.text, fact.name.span) }
            case .redeemed(let promotion, _, _): use(.promotion, promotion.text, promotion.span)
            case .expectMoney(_, let money): use(.currency, money.currency.text, money.currency.span)
            case .expectApplied(let name), .expectNotApplied(let name): use(.promotion, name.text, name.span)
            case .code, .expectCoins, .expectError, .arm: break
            }
        }
    }
}
