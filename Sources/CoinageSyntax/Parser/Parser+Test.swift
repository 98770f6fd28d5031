extension Parser {
    static let testLines: Set<String> = ["quote", "user", "code", "redeemed", "expect", "arm"]
    static let expectedMoneyFields: Set<String> = ["price", "total", "tax", "list", "proceeds", "discount"]

    mutating func parseTest(_ keyword: Token) throws(ParseAbort) -> TestDeclaration {
        let title = try parseString("for the test's title")
        let block = try parseBlock("test \"\(title.value)\"") { (parser: inout Parser) throws(ParseAbort) in
            try parser.parseTestLine()
        }
        return TestDeclaration(title: title, lines: block.items, isComplete: block.isComplete, span: spanFrom(keyword))
    }

    private mutating func parseTestLine() throws(ParseAbort) -> TestLine {
        let word = current
        guard word.kind == .word, Self.testLines.contains(word.text) else {
            throw unknownClause(in: "test", among: Self.testLines)
        }
        advance()
        let kind: TestLine.Kind
        switch word.text {
        case "quote":
            kind = try parseQuoteLine()
        case "user":
            var facts = [try parseUserFact()]
            while skip(.comma) { facts.append(try parseUserFact()) }
            kind = .user(facts)
        case "code":
            kind = .code(try parseString("after `code`"))
        case "redeemed":
            kind = try parseRedeemed()
        case "arm":
            let experiment = try parseName("experiment")
            kind = .arm(experiment: experiment, arm: try parseName("arm"))
        default: // "expect"
            kind = try parseExpectation()
        }
        try finishClause()
        return TestLine(kind: kind, keyword: word.text, span: word.span.merged(with: previousSpan))
    }

    /// `quote coins_700 in DE on web at 2026-11-28T10:00 local` or `quote 5000 coins in US`.
    private mutating func parseQuoteLine() throws(ParseAbort) -> TestLine.Kind {
        let target: QuoteTarget
        if currentKind == .integer || currentKind == .decimal {
            var amount = try parseInteger("a custom amount of coins")
            amount.unit = try expectCoinsUnit("after the custom amount")
            target = .customAmount(amount)
        } else {
            target = .bundle(try parseName("bundle"))
        }
        try expectWord("in", "before the region", help: "write `quote coins_700 in DE`")
        let region = try parseRegionCode("after `in`")
        var channel: Name?
        if consumeWord("on") { channel = try parseName("channel") }
        var instant: TimePoint?
        var zone: ZoneSpec?
        if consumeWord("at") {
            instant = try parseTimePoint("after `at`")
            zone = try parseOptionalZone()
        }
        return .quote(target: target, region: region, channel: channel, at: instant, zone: zone)
    }

    private mutating func parseUserFact() throws(ParseAbort) -> UserFact {
        let name = try parseName("user attribute")
        _ = try expect(.equal, "after the attribute name", help: "give a value as `\(name.text) = ...`")
        let token = current
        let value: TestValue
        switch token.kind {
        case .word where token.text == "true" || token.text == "false":
            advance()
            value = .boolean(token.text == "true", token.span)
        case .word:
            value = .word(try parseName("value"))
        case .integer, .decimal:
            value = .number(try parseInteger("an int attribute"))
        case .date, .dateTime:
            value = .date(try parseTimePoint("for a date attribute"))
        case .string:
            value = .string(try parseString("for a text attribute"))
        default:
            throw fail("expected a value for `\(name.text)`, found \(found)")
        }
        return UserFact(name: name, value: value)
    }

    /// `redeemed vip_code 9_999`, `redeemed vip_code 1 per user`, `redeemed vip_code 9_999, 1 per user`
    private mutating func parseRedeemed() throws(ParseAbort) -> TestLine.Kind {
        let promotion = try parseName("promotion")
        let first = try parseInteger("a redemption count")
        if consumeWord("per") {
            try expectWord("user", "after `per`")
            return .redeemed(promotion: promotion, total: nil, perUser: first)
        }
        guard skip(.comma) else { return .redeemed(promotion: promotion, total: first, perUser: nil) }
        let perUser = try parseInteger("a per-user redemption count")
        try expectWord("per", "after the per-user count")
        try expectWord("user", "after `per`")
        return .redeemed(promotion: promotion, total: first, perUser: perUser)
    }

    private mutating func parseExpectation() throws(ParseAbort) -> TestLine.Kind {
        let word = current
        if word.kind == .word, Self.expectedMoneyFields.contains(word.text) {
            advance()
            return .expectMoney(field: Name(word.text, span: word.span), try parseMoney("after `expect \(word.text)`"))
        }
        if Self.isUnitWord(word), !["applied", "not", "error"].contains(word.text),
           peek().kind == .integer, peek(2).kind != .code {
            // `expect coins 110`, or the shop's plural: `expect bits 110`.
            advance()
            var count = try parseInteger("expected coins")
            count.unit = Self.unitWord(word)
            return .expectCoins(count)
        }
        if consumeWord("applied") { return .expectApplied(try parseName("promotion")) }
        if consumeWord("not") {
            try expectWord("applied", "after `expect not`")
            return .expectNotApplied(try parseName("promotion"))
        }
        if consumeWord("error") { return .expectError(try parseName("error")) }
        let all = Self.expectedMoneyFields.union(["coins", "applied", "not", "error"])
        if word.kind == .word {
            report(.unknownClause, "unknown expectation `\(word.text)`", at: word.span,
                   help: Suggestion.help(for: word.text, among: all)
                       ?? "expectations are \(all.sorted().map { "`\($0)`" }.joined(separator: ", "))")
            throw ParseAbort()
        }
        throw fail("expected what the test expects after `expect`, found \(found)")
    }
}
