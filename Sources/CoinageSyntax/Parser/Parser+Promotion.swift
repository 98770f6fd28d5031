extension Parser {
    static let promotionClauses: KeywordSet = [
        "when", "during", "every", "code", "limit", "discount", "price", "bonus", "priority", "exclusive", "group",
    ]

    mutating func parsePromotion(_ keyword: Token) throws(ParseAbort) -> PromotionDeclaration {
        let name = try parseName("promotion")
        let block = try parseBlock("promotion `\(name.text)`") { (parser: inout Parser) throws(ParseAbort) in
            try parser.parsePromotionClause()
        }
        return PromotionDeclaration(name: name, clauses: block.items, isComplete: block.isComplete, span: spanFrom(keyword))
    }

    private mutating func parsePromotionClause() throws(ParseAbort) -> PromotionClause {
        let word = current
        guard tokens.isKeyword(at: index, bits: KeywordNumber.promotionClauses) else {
            throw unknownClause(in: "promotion", among: Self.promotionClauses.words)
        }
        // The clause keywords are the first of `KeywordSet.interned`, in the order of
        // the cases below: the text's number tells the clause without a string comparison.
        let clause = tokens.textNumber(at: index) &- LexedTexts.keywordBase
        advance()
        let kind: PromotionClause.Kind
        switch clause {
        case 0: // when
            expressionDepth = 0
            conditionTerms = 0
            kind = .when(try parseExpression())
        case 1: // during
            let start = try parseTimePoint("after `during`")
            try expectWord("to", "between the window's start and end", help: "write `during 2026-11-27 to 2026-11-30`")
            let end = try parseTimePoint("after `to`")
            kind = .during(Window(start: start, end: end, zone: try parseOptionalZone()))
        case 2: // every
            kind = .every(try parseWeeklyWindow())
        case 3: // code
            kind = .code(try parseString("after `code`"))
        case 4: // limit
            kind = try parseLimit()
        case 5: // discount
            if currentKind == .percent {
                kind = .discountPercent(try parsePercent("after `discount`"))
            } else {
                kind = .discountAmount(try parseMoney("after `discount`", percentAllowed: true))
            }
        case 6: // price
            kind = .price(try parseMoney("after `price`"))
        case 7: // bonus
            if currentKind == .percent {
                kind = .bonusPercent(try parsePercent("after `bonus`"))
            } else {
                var coins = try parseInteger("bonus coins")
                let source = self.source
                let span = coins.span
                coins.unit = try expectCoinsUnit("after the bonus", help: "write `bonus \(source.text(of: span)) coins`, or `bonus \(source.text(of: span))%` for a percentage")
                kind = .bonusCoins(coins)
            }
        case 8: // priority
            kind = .priority(try parseInteger("a priority"))
        case 9: // exclusive
            kind = .exclusive
        default: // "group"
            kind = .group(try parseName("group"))
        }
        try finishClause()
        return PromotionClause(kind: kind, span: word.span.merged(with: previousSpan))
    }

    /// `sat, sun from 18:00 to 22:00 local`
    private mutating func parseWeeklyWindow() throws(ParseAbort) -> WeeklyWindow {
        if atWord("from") || currentKind == .time {
            throw fail("expected the days of the week after `every`, found \(found)",
                       help: "name the days first: `every sat, sun from 18:00 to 22:00`; every day is `every mon, tue, wed, thu, fri, sat, sun`")
        }
        // `sat, sun`: one name, then a comma before each of the others.
        var count = 1
        while count < 16, index + 2 * count - 1 < tokens.count, tokens.kind(at: index + 2 * count - 1) == .comma { count += 1 }
        var days: [Name] = []
        days.reserveCapacity(count)
        days.append(try parseName("day"))
        while skip(.comma) { days.append(try parseName("day")) }
        var from: TimeLiteral?
        var to: TimeLiteral?
        if consumeWord("from") {
            from = try parseTime("after `from`")
            try expectWord("to", "after the start time", help: "write `from 18:00 to 22:00`")
            to = try parseTime("after `to`")
        }
        return WeeklyWindow(days: days, from: from, to: to, zone: try parseOptionalZone())
    }

    /// `limit 10_000`, `limit 1 per user`, `limit 10_000, 1 per user`
    private mutating func parseLimit() throws(ParseAbort) -> PromotionClause.Kind {
        let first = try parseInteger("a limit")
        if consumeWord("per") {
            try expectWord("user", "after `per`")
            return .limit(total: nil, perUser: first)
        }
        guard skip(.comma) else { return .limit(total: first, perUser: nil) }
        let perUser = try parseInteger("a per-user limit")
        try expectWord("per", "after the per-user limit", help: "write `limit 10_000, 1 per user`")
        try expectWord("user", "after `per`")
        return .limit(total: first, perUser: perUser)
    }
}
