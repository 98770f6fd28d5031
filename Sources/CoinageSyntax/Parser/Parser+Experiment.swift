extension Parser {
    static let experimentClauses: KeywordSet = ["during", "audience", "unit", "salt", "arm"]

    /// `experiment NAME { during ... audience ... unit user.X salt "..." arm ... }`
    mutating func parseExperiment(_ keyword: Token) throws(ParseAbort) -> ExperimentDeclaration {
        let name = try parseName("experiment")
        let block = try parseBlock("experiment `\(name.text)`") { (parser: inout Parser) throws(ParseAbort) in
            try parser.parseExperimentClause()
        }
        return ExperimentDeclaration(name: name, clauses: block.items, isComplete: block.isComplete, span: spanFrom(keyword))
    }

    private mutating func parseExperimentClause() throws(ParseAbort) -> ExperimentClause {
        let word = current
        guard tokens.isKeyword(at: index, in: Self.experimentClauses) else {
            throw unknownClause(in: "experiment", among: Self.experimentClauses.words)
        }
        advance()
        let kind: ExperimentClause.Kind
        switch word.text {
        case "during":
            let start = try parseTimePoint("after `during`")
            try expectWord("to", "between the window's start and end", help: "write `during 2026-12-10 to 2027-01-10`")
            let end = try parseTimePoint("after `to`")
            kind = .during(Window(start: start, end: end, zone: try parseOptionalZone()))
        case "audience":
            expressionDepth = 0
            conditionTerms = 0
            kind = .audience(try parseExpression())
        case "unit":
            try expectWord("user", "after `unit`", help: "name the user attribute that carries the unit: `unit user.id`")
            _ = try expect(.dot, "after `user`", help: "write `unit user.id`")
            kind = .unit(try parseName("user attribute"))
        case "salt":
            kind = .salt(try parseString("after `salt`"))
        default: // "arm"
            let armStart = word
            let name = try parseName("arm")
            let weight = try parseInteger("an arm's weight")
            var body: [Declaration]?
            var isComplete = true
            if at(.leftBrace) {
                armDepth += 1
                defer { armDepth -= 1 }
                let block = try parseBlock("arm `\(name.text)`") { (parser: inout Parser) throws(ParseAbort) -> Declaration? in
                    try parser.parseDeclaration()
                }
                body = block.items.compactMap { $0 }
                isComplete = block.isComplete
            }
            kind = .arm(ExperimentArm(name: name, weight: weight, body: body, isComplete: isComplete,
                                      span: armStart.span.merged(with: previousSpan)))
            // After an arm's `}` the next clause starts on a line of its own, as after
            // any clause; an unfinished block has already said what is wrong.
            if !isComplete { return ExperimentClause(kind: kind, keyword: word.text, span: word.span.merged(with: previousSpan)) }
        }
        try finishClause()
        return ExperimentClause(kind: kind, keyword: word.text, span: word.span.merged(with: previousSpan))
    }
}
