extension Parser {
    /// Parses one top-level declaration, or reports why the current token cannot start one.
    mutating func parseDeclaration() throws(ParseAbort) -> Declaration? {
        let keyword = current
        guard tokens.isKeyword(at: index, bits: KeywordNumber.declarationKeywords) else {
            if keyword.kind == .word {
                report(.unknownDeclaration, "unknown declaration `\(keyword.text)`", at: keyword.span,
                       help: Suggestion.help(for: keyword.text, among: Self.declarationKeywords.words)
                           ?? "a declaration starts with one of: \(Self.declarationKeywords.sorted().joined(separator: ", "))")
                throw ParseAbort()
            }
            throw fail("expected a declaration, found \(keyword.description)",
                       help: keyword.kind == .rightBrace ? "this `}` closes no block" : nil, code: .unknownDeclaration)
        }
        advance()
        let declaration: Declaration
        // The length first: a different word of another length costs no string comparison.
        switch (keyword.text.utf8.count, keyword.text) {
        case (4, "base"):
            try expectWord("currency", "after `base`")
            let code = try parseCurrencyCode("after `base currency`")
            declaration = .baseCurrency(BaseCurrencyDeclaration(currency: code, span: spanFrom(keyword)))
        case (8, "stacking"):
            let mode: StackingMode
            if consumeWord("additive") { mode = .additive }
            else if consumeWord("compound") { mode = .compound }
            else { throw fail("expected `additive` or `compound` after `stacking`, found \(found)") }
            declaration = .stacking(StackingDeclaration(mode: mode, span: spanFrom(keyword)))
        case (5, "floor"):
            let percent = try parsePercent("after `floor`")
            declaration = .floor(FloorDeclaration(percent: percent, span: spanFrom(keyword)))
        case (8, "currency"):
            let code = try parseCurrencyCode("after `currency`")
            try expectWord("exponent", "after the currency code", help: "declare a currency as `currency XTS exponent 2`")
            let exponent = try parseInteger("a currency exponent")
            declaration = .currency(CurrencyDeclaration(code: code, exponent: exponent, span: spanFrom(keyword)))
        case (4, "rate"):
            let code = try parseCurrencyCode("after `rate`")
            let rate = try parseNumber("for the rate of \(code.text)")
            if at(.comma), onSameLine, peek().kind == .integer {
                throw fail("decimals are written with a point, not a comma", help: "write `\(source.text(of: rate.span)).\(peek().text)`",
                           code: .malformedNumber)
            }
            declaration = .rate(RateDeclaration(currency: code, rate: rate, span: spanFrom(keyword)))
        case (5, "round"):
            declaration = .rounding(try parseRounding(keyword))
        case (6, "region"):
            declaration = .region(try parseRegion(keyword))
        case (6, "market"):
            let name = try parseName("market")
            _ = try expect(.colon, "after the market name")
            var regions = [try parseRegionCode("in the market")]
            while skip(.comma) { regions.append(try parseRegionCode("in the market")) }
            declaration = .market(MarketDeclaration(name: name, regions: regions, span: spanFrom(keyword)))
        case (7, "channel"):
            declaration = .channel(try parseChannel(keyword))
        case (6, "bundle"):
            declaration = .bundle(try parseBundle(keyword))
        case (6, "custom"):
            declaration = .custom(try parseCustom(keyword))
        case (5, "price"):
            declaration = .price(try parsePrice(keyword))
        case (4, "user"):
            declaration = .user(try parseUserAttribute(keyword))
        case (9, "promotion"):
            return .promotion(try parsePromotion(keyword))
        case (4, "gift"):
            let name = try parseName("gift")
            _ = try expect(.colon, "after the gift name")
            var coins = try parseInteger("the coins a gift costs")
            coins.unit = try expectCoinsUnit("after the gift's price")
            declaration = .gift(GiftDeclaration(name: name, coins: coins, span: spanFrom(keyword)))
        case (4, "unit"):
            declaration = .unit(try parseUnit(keyword))
        case (6, "payout"):
            return .payout(try parsePayout(keyword))
        case (6, "points"):
            let points = try parsePoints(keyword)
            if case .rows = points.body { return .points(points) }
            declaration = .points(points)
        case (4, "test"):
            return .test(try parseTest(keyword))
        case (10, "experiment"):
            return .experiment(try parseExperiment(keyword))
        case (5, "allow"):
            declaration = .allow(try parseAllow(keyword))
        default: // "guard"
            declaration = .guardRule(try parseGuard(keyword))
        }
        try finishDeclaration(keyword)
        return declaration
    }

    /// A one-line declaration ends at the end of its line.
    mutating func finishDeclaration(_ keyword: Token) throws(ParseAbort) {
        guard onSameLine else { return }
        throw fail("unexpected \(found) after the `\(keyword.text)` declaration",
                   help: currentKind == .word ? "separate attributes with `,`, and start each declaration on its own line" : nil)
    }

    /// The span from a declaration's keyword to the last token consumed.
    func spanFrom(_ keyword: Token) -> SourceSpan { keyword.span.merged(with: previousSpan) }

    /// The unit word after a count of coins: `coins`, `coin`, or the shop's own
    /// (`bits`). Any lowercase, unreserved word is read, since the `unit`
    /// declaration may be in another file; the checker holds it to the rule set's
    /// unit. Returns nil for `coin` and `coins`, which every rule set accepts.
    mutating func expectCoinsUnit(_ context: String, help: @autoclosure () -> String? = nil) throws(ParseAbort) -> Name? {
        let token = current
        if Self.isUnitWord(token) {
            advance()
            return Self.unitWord(token)
        }
        throw fail("expected `coins` \(context), found \(found)", help: help())
    }

    /// `unit bit, bits`: the singular, then the plural.
    private mutating func parseUnit(_ keyword: Token) throws(ParseAbort) -> UnitDeclaration {
        let singular = try parseName("unit")
        _ = try expect(.comma, "after the singular", help: "declare the unit as `unit \(singular.text), \(singular.text)s`")
        let plural = try parseName("unit")
        return UnitDeclaration(singular: singular, plural: plural, span: spanFrom(keyword))
    }

    /// True when `token` can be a unit word: a lowercase name, not a reserved word.
    static func isUnitWord(_ token: Token) -> Bool {
        token.kind == .word && !reservedWords.contains(token.text)
            && !token.text.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") })
    }

    /// A unit word as the AST keeps it: nil for the built-in `coin` and `coins`.
    static func unitWord(_ token: Token) -> Name? {
        token.text == "coins" || token.text == "coin" ? nil : Name(token.text, span: token.span)
    }


    /// Reads `, attribute` pairs. A missing comma before a known attribute on the
    /// same line is reported, then read as if the comma were there.
    mutating func parseAttributes(_ names: Set<String>, owner: String, firstNeedsComma: Bool = true,
                                  _ parseOne: (inout Parser, Token) throws(ParseAbort) -> Void) throws(ParseAbort) {
        var seen: [String: SourceSpan] = [:]
        var needsComma = firstNeedsComma
        while true {
            defer { needsComma = true }
            if !needsComma {
                // The first attribute after a colon has no comma before it.
            } else if !skip(.comma) {
                guard onSameLine, currentKind == .word, names.contains(current.text) else { return }
                report(.expectedToken, "expected `,` before `\(current.text)`", at: current.span,
                       help: "separate attributes with `,`")
            }
            let attribute = current
            if needsComma, attribute.startsLine, isDeclarationStart(at: index) || attribute.atColumnOne {
                report(.expectedToken, "expected a \(owner) attribute after `,`, found the end of the line", at: previousSpan,
                       help: "remove the trailing `,`")
                return
            }
            guard attribute.kind == .word, names.contains(attribute.text) else {
                if attribute.kind == .word {
                    report(.unknownAttribute, "unknown \(owner) attribute `\(attribute.text)`", at: attribute.span,
                           help: Suggestion.help(for: attribute.text, among: names)
                               ?? "\(owner) attributes are \(names.sorted().map { "`\($0)`" }.joined(separator: ", "))")
                    throw ParseAbort()
                }
                throw fail("expected a \(owner) attribute\(needsComma ? " after `,`" : ""), found \(found)")
            }
            advance()
            if let first = seen[attribute.text] {
                report(.duplicateClause, "`\(attribute.text)` is given twice for this \(owner)", at: attribute.span,
                       notes: [DiagnosticNote("first given here", at: first)])
            }
            seen[attribute.text] = attribute.span
            try parseOne(&self, attribute)
        }
    }

    private mutating func parseRounding(_ keyword: Token) throws(ParseAbort) -> RoundingDeclaration {
        let currency = try parseCurrencyCode("after `round`")
        var scope: PriceScope?
        var channel: Name?
        if consumeWord("in") {
            scope = currentKind == .code ? .region(try parseRegionCode("after `in`")) : .market(try parseName("market"))
        }
        if consumeWord("on") { channel = try parseName("channel") }
        guard at(.leftBrace) else {
            let step = try parseRoundingStep()
            return RoundingDeclaration(currency: currency, scope: scope, channel: channel, body: .single(step), isComplete: true,
                                       span: spanFrom(keyword))
        }
        let block = try parseBlock("rounding rule of \(currency.text)") { (parser: inout Parser) throws(ParseAbort) in
            let start = parser.current
            var bound: NumberLiteral?
            if parser.consumeWord("below") {
                bound = try parser.parseNumber("after `below`")
            } else if !parser.consumeWord("else") {
                if parser.currentKind == .word {
                    parser.report(.unknownClause, "unknown rounding tier `\(parser.current.text)`", at: parser.current.span,
                                  help: Suggestion.help(for: parser.current.text, among: ["below", "else"])
                                      ?? "a tier starts with `below AMOUNT:` or `else:`")
                    throw ParseAbort()
                }
                throw parser.fail("expected `below` or `else`, found \(parser.found)")
            }
            _ = try parser.expect(.colon, bound == nil ? "after `else`" : "after the tier's bound")
            let step = try parser.parseRoundingStep()
            return RoundingTier(bound: bound, step: step, span: start.span.merged(with: parser.previousSpan))
        }
        return RoundingDeclaration(currency: currency, scope: scope, channel: channel, body: .tiers(block.items),
                                   isComplete: block.isComplete, span: spanFrom(keyword))
    }

    private mutating func parseRoundingStep() throws(ParseAbort) -> RoundingStep {
        let start = current
        let mode: RoundingMode
        if consumeWord("nearest") { mode = .nearest }
        else if consumeWord("up") { mode = .up }
        else if consumeWord("down") { mode = .down }
        else {
            throw fail("expected a rounding mode (`nearest`, `up` or `down`), found \(found)",
                       help: currentKind == .word ? Suggestion.help(for: current.text, among: ["nearest", "up", "down"]) : nil)
        }
        let step = try parseNumber("for the rounding step")
        var ending: NumberLiteral?
        if consumeWord("ending") { ending = try parseNumber("after `ending`") }
        return RoundingStep(mode: mode, step: step, ending: ending, span: start.span.merged(with: previousSpan))
    }

    private mutating func parseRegion(_ keyword: Token) throws(ParseAbort) -> RegionDeclaration {
        let code = try parseRegionCode("after `region`")
        _ = try expect(.colon, "after the region code", help: "a region names its currency first: `region \(code.text): EUR`")
        let currency = try parseCurrencyCode("for the region's currency")
        var tax: TaxClause?
        var zone: Code?
        var level: PercentLiteral?
        try parseAttributes(["tax", "zone", "level"], owner: "region") { (parser: inout Parser, attribute: Token) throws(ParseAbort) in
            switch attribute.text {
            case "tax":
                let rate = try parser.parsePercent("after `tax`")
                let mode: TaxMode
                if parser.consumeWord("included") { mode = .included }
                else if parser.consumeWord("added") { mode = .added }
                else {
                    throw parser.fail("expected `included` or `added` after the tax rate, found \(parser.found)",
                                      help: "`included`: shelf prices contain the tax; `added`: tax comes on top")
                }
                tax = TaxClause(rate: rate, mode: mode, span: attribute.span.merged(with: parser.previousSpan))
            case "zone":
                guard parser.currentKind == .code else {
                    throw parser.fail("expected an IANA zone name after `zone`, found \(parser.found)",
                                      help: "write a zone such as `Europe/Berlin` or `UTC`")
                }
                zone = Code(parser.current.text, span: parser.take().span)
            default:
                level = try parser.parsePercent("after `level`")
            }
        }
        return RegionDeclaration(code: code, currency: currency, tax: tax, zone: zone, level: level, span: spanFrom(keyword))
    }

    private mutating func parseChannel(_ keyword: Token) throws(ParseAbort) -> ChannelDeclaration {
        let name = try parseName("channel")
        var fee: PercentLiteral?
        var level: PercentLiteral?
        var points: PointsSnap?
        if skip(.colon) {
            try parseAttributes(["fee", "level", "points"], owner: "channel", firstNeedsComma: false) { (parser: inout Parser, attribute: Token) throws(ParseAbort) in
                if attribute.text == "points" {
                    if case .snap(let snap) = try parser.parsePointsUse(after: attribute, allowsTier: false) { points = snap }
                    return
                }
                let value = try parser.parsePercent("after `\(attribute.text)`")
                if attribute.text == "fee" { fee = value } else { level = value }
            }
        }
        return ChannelDeclaration(name: name, fee: fee, level: level, points: points, span: spanFrom(keyword))
    }

    private mutating func parseBundle(_ keyword: Token) throws(ParseAbort) -> BundleDeclaration {
        let name = try parseName("bundle")
        _ = try expect(.colon, "after the bundle name")
        var coins = try parseInteger("a bundle's coins")
        coins.unit = try expectCoinsUnit("after the bundle's coin count")
        _ = try expect(.comma, "after the coin count", help: "a bundle is `bundle \(name.text): 700 coins, 9.99 USD`")
        let price = try parseMoney("for the bundle's base price")
        var bonus: NumberLiteral?
        try parseAttributes(["bonus"], owner: "bundle") { (parser: inout Parser, _: Token) throws(ParseAbort) in
            var count = try parser.parseInteger("bonus coins")
            count.unit = try parser.expectCoinsUnit("after the bonus")
            bonus = count
        }
        return BundleDeclaration(name: name, coins: coins, price: price, bonus: bonus, span: spanFrom(keyword))
    }

    private mutating func parseCustom(_ keyword: Token) throws(ParseAbort) -> CustomAmountDeclaration {
        let name = try parseName("custom amount")
        _ = try expect(.colon, "after the custom amount's name")
        let minimum = try parseInteger("the smallest custom amount")
        try expectWord("to", "between the smallest and the largest amount")
        let maximum = try parseInteger("the largest custom amount")
        _ = try expect(.comma, "after the range", help: "a custom amount is `custom \(name.text): 30 to 2_500_000, 0.0106 USD each`")
        let unitPrice = try parseMoney("for the price of one coin")
        try expectWord("each", "after the price of one coin")
        var channels: [Name] = []
        try parseAttributes(["on"], owner: "custom amount") { (parser: inout Parser, _: Token) throws(ParseAbort) in
            channels = try parser.parseNameList("channel")
        }
        return CustomAmountDeclaration(name: name, minimum: minimum, maximum: maximum, unitPrice: unitPrice,
                                       channels: channels, span: spanFrom(keyword))
    }

    /// `web` or `[ios, android]`.
    mutating func parseNameList(_ what: String) throws(ParseAbort) -> [Name] {
        guard skip(.leftBracket) else { return [try parseName(what)] }
        var names = [try parseName(what)]
        while skip(.comma) { names.append(try parseName(what)) }
        _ = try expect(.rightBracket, "to close the list")
        return names
    }

    private mutating func parsePrice(_ keyword: Token) throws(ParseAbort) -> PriceDeclaration {
        let bundle = try parseName("bundle")
        var scope: PriceScope?
        var channel: Name?
        if consumeWord("in") {
            if currentKind == .code {
                scope = .region(try parseRegionCode("after `in`"))
            } else {
                scope = .market(try parseName("market"))
            }
        }
        if consumeWord("on") { channel = try parseName("channel") }
        if scope == nil && channel == nil {
            throw fail("expected `in` or `on` after the bundle name, found \(found)",
                       help: "an explicit price names where it applies: `price \(bundle.text) in JP: 160 JPY`")
        }
        _ = try expect(.colon, "before the price")
        let price: PriceValue
        if currentKind == .word, current.text == "points" {
            price = try parsePointsUse(after: take(), allowsTier: true)
        } else {
            price = .money(try parseMoney("for the explicit price"))
        }
        return PriceDeclaration(bundle: bundle, scope: scope, channel: channel, price: price, span: spanFrom(keyword))
    }

    private mutating func parseUserAttribute(_ keyword: Token) throws(ParseAbort) -> UserAttributeDeclaration {
        let name = try parseName("user attribute")
        _ = try expect(.colon, "after the attribute name", help: "declare an attribute as `user \(name.text): bool`")
        let typeStart = current
        let type: UserAttributeType
        if consumeWord("bool") {
            type = .bool
        } else if consumeWord("date") {
            type = .date
        } else if consumeWord("text") {
            type = .text
        } else if consumeWord("int") {
            if onSameLine, currentKind == .integer {
                let minimum = try parseInteger("the attribute's smallest value")
                try expectWord("to", "between the smallest and the largest value")
                let maximum = try parseInteger("the attribute's largest value")
                type = .int(minimum: minimum, maximum: maximum)
            } else {
                type = .int(minimum: nil, maximum: nil)
            }
        } else if consumeWord("one") {
            try expectWord("of", "after `one`")
            var values = [try parseName("value")]
            while skip(.comma) { values.append(try parseName("value")) }
            type = .oneOf(values)
        } else {
            throw fail("expected a type (`bool`, `int`, `date`, `text` or `one of ...`), found \(found)",
                       help: currentKind == .word ? Suggestion.help(for: current.text, among: ["bool", "int", "date", "text"]) : nil)
        }
        return UserAttributeDeclaration(name: name, type: type, typeSpan: typeStart.span.merged(with: previousSpan),
                                        span: spanFrom(keyword))
    }

    private mutating func parsePayout(_ keyword: Token) throws(ParseAbort) -> PayoutDeclaration {
        let clauseNames: Set<String> = ["share", "diamond", "minimum", "maximum"]
        let block = try parseBlock("payout block") { (parser: inout Parser) throws(ParseAbort) in
            let word = parser.current
            guard word.kind == .word, clauseNames.contains(word.text) else {
                throw parser.unknownClause(in: "payout", among: clauseNames)
            }
            parser.advance()
            let kind: PayoutClause.Kind
            switch word.text {
            case "share": kind = .share(try parser.parsePercent("after `share`"))
            case "diamond": kind = .diamond(try parser.parseMoney("for the value of one diamond"))
            case "minimum": kind = .minimum(try parser.parseMoney("for the smallest withdrawal"))
            default:
                let money = try parser.parseMoney("for the largest withdrawal")
                try parser.expectWord("per", "after the largest withdrawal", help: "write `maximum 1_000.00 USD per day`")
                try parser.expectWord("day", "after `per`")
                kind = .maximumPerDay(money)
            }
            try parser.finishClause()
            return PayoutClause(kind: kind, keyword: word.text, span: word.span.merged(with: parser.previousSpan))
        }
        return PayoutDeclaration(clauses: block.items, isComplete: block.isComplete, span: spanFrom(keyword))
    }

    /// `allow W0202 "reason"` or `allow W0202 for NAME "reason"`: the code must have
    /// a diagnostic code's shape (a capital `E` or `W` and four digits); the reason is
    /// required.
    private mutating func parseAllow(_ keyword: Token) throws(ParseAbort) -> AllowDeclaration {
        let token = current
        guard token.kind == .code, Self.isDiagnosticCodeShape(token.text) else {
            throw fail("expected a warning's code after `allow`, found \(found)", help: "write it as it is reported: `allow W0202 \"why it is accepted\"`")
        }
        advance()
        let code = Code(token.text, span: token.span)
        let target = consumeWord("for") ? try parseName("declaration") : nil
        guard currentKind == .string else {
            throw fail("expected the reason in quotes after `allow \(token.text)`, found \(found)",
                       help: "say why the finding is accepted: `allow \(token.text) \"launch ladder, reviewed 2026-12\"`")
        }
        let reason = try parseString("the reason")
        return AllowDeclaration(code: code, target: target, reason: reason, span: spanFrom(keyword))
    }

    /// `E0101`, `W0202`: a capital `E` or `W` and four digits.
    static func isDiagnosticCodeShape(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[0] == UInt8(ascii: "E") || bytes[0] == UInt8(ascii: "W") else { return false }
        return bytes.dropFirst().allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    private mutating func parseGuard(_ keyword: Token) throws(ParseAbort) -> GuardDeclaration {
        let kind: GuardDeclaration.Kind
        if consumeWord("discount") {
            try expectWord("at", "after `guard discount`")
            try expectWord("most", "after `at`")
            kind = .discountAtMost(try parsePercent("after `at most`"))
        } else if consumeWord("price") {
            for word in ["per", "coin"] { try expectWord(word, "in `guard price per coin`") }
            if consumeWord("does") {
                for word in ["not", "rise", "with", "size"] {
                    try expectWord(word, "in `guard price per coin does not rise with size`")
                }
                kind = .pricePerCoinDoesNotRiseWithSize
            } else {
                for word in ["falls", "with", "size"] {
                    try expectWord(word, "in `guard price per coin falls with size`",
                                   help: "write `falls with size` (strictly cheaper per coin) or `does not rise with size` (equal allowed)")
                }
                kind = .pricePerCoinFallsWithSize
            }
        } else if consumeWord("region") {
            try expectWord("price", "after `guard region`")
            try expectWord("within", "after `guard region price`")
            let percent = try parsePercent("after `within`")
            try expectWord("of", "after the percentage")
            try expectWord("base", "after `of`")
            kind = .regionPriceWithin(percent)
        } else {
            throw fail("expected a guard (`discount at most P%`, `price per coin falls with size`, `price per coin does not rise with size` or `region price within P% of base`), found \(found)")
        }
        return GuardDeclaration(kind: kind, span: spanFrom(keyword))
    }
}
