extension Parser {
    /// True when the current token is the word whose text has `number` (a keyword's).
    func atKeyword(_ number: UInt32) -> Bool {
        tokens.kind(at: index) == .word && tokens.textNumber(at: index) == number
    }

    /// `or` binds loosest, then `and`, then `not`, then comparisons.
    mutating func parseExpression() throws(ParseAbort) -> Expression {
        var left = try parseConjunction()
        while atKeyword(KeywordNumber.orWord) {
            let keyword = take()
            try countTerm(at: keyword.span)
            let right = try parseConjunction()
            left = .or(left, right, left.span.merged(with: right.span))
        }
        return left
    }

    private mutating func parseConjunction() throws(ParseAbort) -> Expression {
        var left = try parseNegation()
        while atKeyword(KeywordNumber.andWord) {
            let keyword = take()
            try countTerm(at: keyword.span)
            let right = try parseNegation()
            left = .and(left, right, left.span.merged(with: right.span))
        }
        return left
    }

    /// Counts one more `and`/`or` in the current condition, within the limit.
    private mutating func countTerm(at span: SourceSpan) throws(ParseAbort) {
        conditionTerms += 1
        // `conditionTerms` counts operators: the terms are one more.
        guard conditionTerms + 1 <= Limits.maxConditionTerms else {
            report(.nestingTooDeep, "condition has more than \(Limits.maxConditionTerms) terms", at: span,
                   help: "use `in [...]` for alternatives, or split the promotion")
            while !atEnd, !(tokens.startsLine(at: index) && currentKind == .word), !at(.rightBrace) { advance() }
            throw ParseAbort()
        }
    }

    private mutating func parseNegation() throws(ParseAbort) -> Expression {
        guard atKeyword(KeywordNumber.notWord) else { return try parseComparison() }
        let keyword = take()
        try enterNesting(at: keyword.span)
        defer { expressionDepth -= 1 }
        let operand = try parseNegation()
        return .not(operand, keyword.span.merged(with: operand.span))
    }

    private mutating func parseComparison() throws(ParseAbort) -> Expression {
        let left = try parseOperand()
        if let op = comparisonOperator(tokens.kind(at: index)) {
            advance()
            let right = try parseOperand()
            return .comparison(left, op, right, left.span.merged(with: right.span))
        }
        if atKeyword(KeywordNumber.inWord) {
            advance()
            let right = try parseOperand()
            return .membership(left, negated: false, right, left.span.merged(with: right.span))
        }
        if atKeyword(KeywordNumber.notWord), peek().isWord("in") {
            advance()
            advance()
            let right = try parseOperand()
            return .membership(left, negated: true, right, left.span.merged(with: right.span))
        }
        if currentKind == .equal {
            throw fail("expected a comparison, found `=`", help: "compare with `==`")
        }
        return left
    }

    private func comparisonOperator(_ kind: TokenKind) -> ComparisonOperator? {
        switch kind {
        case .equalEqual: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessEqual: .lessOrEqual
        case .greater: .greater
        case .greaterEqual: .greaterOrEqual
        default: nil
        }
    }

    private mutating func parseOperand() throws(ParseAbort) -> Expression {
        let token = current
        switch token.kind {
        case .leftParen:
            advance()
            try enterNesting(at: token.span)
            defer { expressionDepth -= 1 }
            let inner = try parseExpression()
            let close = try expect(.rightParen, "to close the `(`")
            return .parenthesized(inner, token.span.merged(with: close.span))
        case .leftBracket:
            advance()
            try enterNesting(at: token.span)
            defer { expressionDepth -= 1 }
            var elements: [Expression] = []
            elements.reserveCapacity(listLength())
            if !at(.rightBracket) {
                elements.append(try parseListElement())
                while skip(.comma) { elements.append(try parseListElement()) }
            }
            let close = try expect(.rightBracket, "to close the list")
            let span = token.span.merged(with: close.span)
            if elements.isEmpty {
                report(.emptyList, "empty list", at: span, help: "a list needs at least one element")
            }
            return .list(elements, span)
        case .word:
            if tokens.isKeyword(at: index, bits: KeywordNumber.reservedWords) {
                if token.text == "true" || token.text == "false" {
                    advance()
                    return .boolean(token.text == "true", token.span)
                }
                throw fail("expected a field or a value, found `\(token.text)`")
            }
            advance()
            if tokens.textNumber(at: index - 1) == KeywordNumber.userWord, skip(.dot) {
                let attribute = try parseName("user attribute")
                return .userAttribute(UserAttributeReference(name: attribute, span: token.span.merged(with: attribute.span)))
            }
            return .word(Name(token.text, span: token.span))
        case .code:
            advance()
            return .code(Code(token.text, span: token.span))
        case .integer, .decimal:
            let number = try parseNumber("")
            if onSameLine, currentKind == .code {
                let currency = try parseCurrencyCode("after the amount")
                return .money(MoneyLiteral(amount: number, currency: currency))
            }
            return .number(number)
        case .percent:
            return .percent(try parsePercent(""))
        case .string:
            return .string(try parseString(""))
        case .date, .dateTime:
            return .date(try parseTimePoint(""))
        default:
            throw fail("expected a condition, found \(found)",
                       help: "a condition compares a field with a value, e.g. `region == DE` or `bundle in [coins_700]`")
        }
    }

    /// How many elements the list whose `[` was just read holds, by its commas: its
    /// array is then made once. Only a guess, so it looks at 256 tokens at most.
    private func listLength() -> Int {
        var position = index
        var commas = 0
        let end = min(tokens.count, index + 256)
        while position < end {
            switch tokens.kind(at: position) {
            case .rightBracket, .leftBracket, .endOfFile: return commas + 1
            case .comma: commas += 1
            default: break
            }
            position += 1
        }
        return commas + 1
    }

    private mutating func parseListElement() throws(ParseAbort) -> Expression {
        let element = try parseOperand()
        switch element {
        case .list, .parenthesized:
            report(.mixedList, "lists cannot contain lists or expressions", at: element.span)
        default:
            break
        }
        return element
    }

    private mutating func enterNesting(at span: SourceSpan) throws(ParseAbort) {
        expressionDepth += 1
        guard expressionDepth <= Limits.maxNestingDepth else {
            report(.nestingTooDeep, "condition is nested more than \(Limits.maxNestingDepth) levels deep", at: span,
                   help: "split the condition, or use `in [...]` instead of nested alternatives")
            // Skip the rest of the nest at once, rather than one diagnostic per level.
            while !atEnd, !(tokens.startsLine(at: index) && currentKind == .word), !at(.rightBrace) { advance() }
            throw ParseAbort()
        }
    }
}
