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
        guard word.kind == .word, Self.promotionClauses.contains(word.text) else {
            throw unknownClause(in: "promotion", among: Self.promotionClauses.words)
        }
        advance()
        let kind: PromotionClause.Kind
        // The length first: a different word of another length costs no string comparison.
        switch (word.text.utf8.count, word.text) {
        case (4, "when"):
            expressionDepth = 0
            conditionTerms = 0
            kind = .when(try parseExpression())
        case (6, "during"):
            let start = try parseTimePoint("after `during`")
            try expectWord("to", "between the window's start and end", help: "write `during 2026-11-27 to 2026-11-30`")
            let end = try parseTimePoint("after `to`")
            kind = .during(Window(start: start, end: end, zone: try parseOptionalZone()))
        case (5, "every"):
            kind = .every(try parseWeeklyWindow())
        case (4, "code"):
            kind = .code(try parseString("after `code`"))
        case (5, "limit"):
            kind = try parseLimit()
        case (8, "discount"):
            if currentKind == .percent {
                kind = .discountPercent(try parsePercent("after `discount`"))
            } else {
                kind = .discountAmount(try parseMoney("after `discount`", percentAllowed: true))
            }
        case (5, "price"):
            kind = .price(try parseMoney("after `price`"))
        case (5, "bonus"):
            if currentKind == .percent {
                kind = .bonusPercent(try parsePercent("after `bonus`"))
            } else {
                var coins = try parseInteger("bonus coins")
                let source = self.source
                let span = coins.span
                coins.unit = try expectCoinsUnit("after the bonus", help: "write `bonus \(source.text(of: span)) coins`, or `bonus \(source.text(of: span))%` for a percentage")
                kind = .bonusCoins(coins)
            }
        case (8, "priority"):
            kind = .priority(try parseInteger("a priority"))
        case (9, "exclusive"):
            kind = .exclusive
        default: // "group"
            kind = .group(try parseName("group"))
        }
        try finishClause()
        return PromotionClause(kind: kind, keyword: word.text, span: word.span.merged(with: previousSpan))
    }

    /// `sat, sun from 18:00 to 22:00 local`
    private mutating func parseWeeklyWindow() throws(ParseAbort) -> WeeklyWindow {
        if atWord("from") || currentKind == .time {
            throw fail("expected the days of the week after `every`, found \(found)",
                       help: "name the days first: `every sat, sun from 18:00 to 22:00`; every day is `every mon, tue, wed, thu, fri, sat, sun`")
        }
        var days = [try parseName("day")]
        while consume(.comma) != nil { days.append(try parseName("day")) }
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
        guard consume(.comma) != nil else { return .limit(total: first, perUser: nil) }
        let perUser = try parseInteger("a per-user limit")
        try expectWord("per", "after the per-user limit", help: "write `limit 10_000, 1 per user`")
        try expectWord("user", "after `per`")
        return .limit(total: first, perUser: perUser)
    }
}
