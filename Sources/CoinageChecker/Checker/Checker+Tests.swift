import CoinageSyntax

extension Checker {
    /// `test` blocks: every name they use resolved, unless the test expects the
    /// very error that an unknown name causes.
    mutating func checkTests() -> [RuleTest] {
        declarations.tests.compactMap { test($0) }
    }

    private mutating func test(_ declaration: TestDeclaration) -> RuleTest? {
        // A test pinned to an arm that changes the rules is checked with the arm's
        // rules (it may name the arm's own promotions); every other test with control's.
        let pinned = declaration.lines.lazy.compactMap { line -> (Name, Name)? in
            if case let .arm(experiment, arm) = line.kind { (experiment, arm) } else { nil }
        }.first
        let armChanges = pinned.map { armHasBody(experiment: $0.0.text, arm: $0.1.text) } ?? false
        if let pinned, armChanges {
            guard let current = pinnedArm, current.experiment == pinned.0.text, current.arm == pinned.1.text else { return nil }
        } else if isArmRun {
            return nil
        }
        var quote: (target: QuoteTarget, region: Code, channel: Name?, at: TimePoint?, zone: ZoneSpec?)?
        var user: [String: UserValue] = [:]
        var codes: [String] = []
        var redemptions: [String: Redemptions] = [:]
        var expectations: [ExpectationLine] = []
        var ok = true
        var quoteSpan: SourceSpan?
        var pin: ExperimentPin?

        let expectsError = declaration.lines.contains { if case .expectError = $0.kind { true } else { false } }
        for line in declaration.lines {
            switch line.kind {
            case let .quote(target, region, channel, at, zone):
                if let first = quoteSpan {
                    report(.duplicateClause, "test \"\(declaration.title.value)\" has two `quote` lines", at: line.span,
                           notes: [DiagnosticNote("the first is here", at: first)], help: "write a second test for the second quote")
                    ok = false
                    continue
                }
                quoteSpan = line.span
                quote = (target, region, channel, at, zone)
            case .user(let facts):
                for fact in facts {
                    if let value = userValue(fact) { user[fact.name.text] = value } else { ok = false }
                }
            case .code(let literal):
                codes.append(literal.value)
            case let .redeemed(promotion, total, perUser):
                guard promotionReference(promotion) else { ok = false; continue }
                let totalCount = total.flatMap { positiveInteger($0, "a redemption count", allowZero: true) } ?? 0
                let userCount = perUser.flatMap { positiveInteger($0, "a redemption count", allowZero: true) } ?? 0
                redemptions[promotion.text] = Redemptions(total: totalCount, perUser: userCount)
            case let .expectMoney(field, literal):
                if let money = money(literal) {
                    expectations.append(ExpectationLine(expectation: .money(field: field.text, money), span: line.span))
                } else { ok = false }
            case .expectCoins(let literal):
                if let coins = positiveInteger(literal, "expected coins", allowZero: true) {
                    expectations.append(ExpectationLine(expectation: .coins(coins), span: line.span))
                } else { ok = false }
            case .expectApplied(let name):
                if promotionReference(name) {
                    expectations.append(ExpectationLine(expectation: .applied(name.text), span: line.span))
                } else { ok = false }
            case .expectNotApplied(let name):
                if promotionReference(name) {
                    expectations.append(ExpectationLine(expectation: .notApplied(name.text), span: line.span))
                } else { ok = false }
            case let .arm(experiment, arm):
                if let resolved = experimentPin(experiment, arm) { pin = resolved } else { ok = false }
            case .expectError(let name):
                if let kind = QuoteErrorKind(rawValue: name.text) {
                    expectations.append(ExpectationLine(expectation: .error(kind), span: line.span))
                } else {
                    report(.unknownErrorName, "unknown quote error `\(name.text)`", at: name.span,
                           help: Suggestion.help(for: name.text, among: QuoteErrorKind.allCases.map { $0.rawValue })
                               ?? "quote errors are \(QuoteErrorKind.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", "))")
                    ok = false
                }
            }
        }
        guard let quote else {
            guard declaration.isComplete else { return nil }
            report(.testWithoutQuote, "test \"\(declaration.title.value)\" has no `quote` line", at: declaration.title.span,
                   help: "add what to quote, e.g. `quote coins_700 in DE on web`")
            return nil
        }
        if expectations.isEmpty && ok && declaration.isComplete {
            report(.testWithoutExpectation, "test \"\(declaration.title.value)\" expects nothing", at: declaration.title.span,
                   help: "add an `expect` line, e.g. `expect price 9.99 USD`")
            return nil
        }

        let target: RuleTest.Target
        switch quote.target {
        case .bundle(let name):
            if !expectsError, bundleReference(name) == nil { ok = false }
            target = .bundle(name.text)
        case .customAmount(let literal):
            target = .customAmount(literal.value.integerValue ?? 0)
        }
        if !expectsError {
            if regionReference(quote.region) == nil { ok = false }
            if let channel = quote.channel, channelReference(channel) == nil { ok = false }
        }
        var instant: DateTimeValue?
        if let at = quote.at {
            instant = DateTimeValue(date: at.date, time: at.time ?? .midnight)
        }
        var zone = ZoneReference.named("UTC")
        switch quote.zone {
        case .local: zone = .local
        case .named(let code): if zoneIsKnown(code) { zone = .named(code.text) } else { ok = false }
        case nil: break
        }
        guard ok else { return nil }
        var test = RuleTest(title: declaration.title.value, target: target, region: quote.region.text, channel: quote.channel?.text,
                            instant: instant, zone: zone, user: user, codes: codes, redemptions: redemptions,
                            expectations: expectations, span: declaration.span)
        // Pinned to control (or to an arm that changes nothing), a test quotes the
        // rules as written, as an unpinned one does.
        if let pin, armChanges { test.arm = pin }
        return test
    }

    private mutating func promotionReference(_ name: Name) -> Bool {
        if declarations.isDeclared("promotion", name.text) { return true }
        if declarations.didFail("promotion", name.text) { return false }
        let help = spendSuggestionBudget(declarations.promotions.count)
            ? Suggestion.help(for: name.text, among: declarations.promotions.map { $0.name.text }) : nil
        report(.unknownPromotion, "unknown promotion `\(name.text)`", at: name.span, help: help)
        return false
    }

    private mutating func userValue(_ fact: UserFact) -> UserValue? {
        guard let attribute = userAttributes[fact.name.text] else {
            if !declarations.isDeclared("user", fact.name.text), !declarations.didFail("user", fact.name.text) {
                let help = spendSuggestionBudget(declarations.users.count)
                    ? Suggestion.help(for: fact.name.text, among: declarations.users.map { $0.name.text }) : nil
                report(.unknownUserAttribute, "user attribute `\(fact.name.text)` is not declared", at: fact.name.span, help: help)
            }
            return nil
        }
        let written: WrittenUserValue?
        switch fact.value {
        case .boolean(let value, _): written = .bool(value)
        case .number(let literal):
            // A number that is not whole is no int; for an int attribute the parser has said so.
            guard let value = literal.value.integerValue else {
                if case .int = attribute.kind { return nil }
                written = nil
                break
            }
            written = .integer(value)
        case .date(let point): written = point.isDate ? .date(point.date) : nil
        case .word(let name): written = .word(name.text)
        case .string(let literal): written = .text(literal.value)
        }
        let declared = [DiagnosticNote("`\(attribute.name)` is declared here", at: attribute.span)]
        switch written.map({ attribute.read($0, .declaration, values: oneOfValues[attribute.name] ?? []) }) {
        case .success(let value):
            return value
        case .failure(.outOfRange(let range)):
            report(.valueOutOfRange, "`\(text(fact.value.span))` is outside the range of `\(attribute.name)`, \(range.lowerBound) to \(range.upperBound)",
                   at: fact.value.span, notes: declared)
            return nil
        case .failure(.notAValue):
            guard case .oneOf(let values) = attribute.kind, case .word(let name) = fact.value else { return nil }
            report(.unknownValue, "`\(name.text)` is not a value of `user.\(attribute.name)`", at: name.span,
                   notes: declared, help: suggestion(for: name.text, among: values, count: values.count))
            return nil
        case .failure(.wrongType), nil:
            let help: String = switch attribute.kind {
            case .bool: "give `true` or `false`"
            case .int: "give a whole number"
            case .date: "give a date such as `2026-01-01`"
            case .oneOf(let values): "give one of \(Self.listed(values))"
            case .text: "give a word or a whole number"
            }
            report(.typeMismatch, "`\(fact.name.text)` is \(attribute.typeDescriptionWithArticle), not `\(text(fact.value.span))`",
                   at: fact.value.span, notes: declared, help: help)
            return nil
        }
    }

    /// Guards: well-formed percentages. Proving them is the analyser's work.
    mutating func checkGuards() -> [Guard] {
        declarations.guards.compactMap { declaration in
            switch declaration.kind {
            case .discountAtMost(let literal):
                percentage(literal, "a guard's discount", from: 0, to: 100).map { Guard(kind: .discountAtMost($0), span: declaration.span) }
            case .pricePerCoinFallsWithSize:
                Guard(kind: .pricePerCoinFallsWithSize, span: declaration.span)
            case .pricePerCoinDoesNotRiseWithSize:
                Guard(kind: .pricePerCoinDoesNotRiseWithSize, span: declaration.span)
            case .regionPriceWithin(let literal):
                percentage(literal, "a guard's tolerance", from: 0, to: 1000).map { Guard(kind: .regionPriceWithin($0), span: declaration.span) }
            }
        }
    }
}
