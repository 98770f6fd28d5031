@testable import CoinageSyntax
import Testing

private func parse(_ text: String) -> ParseResult {
    Parser.parse(SourceFile(id: SourceFileID(0), path: "t.coin", text: text))
}

/// The condition of the first promotion, parsed from `when TEXT`.
private func condition(_ text: String) -> Expression? {
    let result = parse("promotion p {\n  when \(text)\n  discount 5%\n}")
    guard case .promotion(let promotion) = result.file.declarations.first,
          case .when(let expression) = promotion.clauses.first?.kind else { return nil }
    return expression
}

/// A compact rendering of an expression tree, to assert on its shape.
private func shape(_ expression: Expression?) -> String {
    switch expression {
    case nil: "nil"
    case .or(let a, let b, _)?: "(\(shape(a)) or \(shape(b)))"
    case .and(let a, let b, _)?: "(\(shape(a)) and \(shape(b)))"
    case .not(let a, _)?: "(not \(shape(a)))"
    case .comparison(let a, let op, let b, _)?: "\(shape(a)) \(op.rawValue) \(shape(b))"
    case .membership(let a, let negated, let b, _)?: "\(shape(a)) \(negated ? "not in" : "in") \(shape(b))"
    case .parenthesized(let a, _)?: "[\(shape(a))]"
    case .word(let name)?: name.text
    case .userAttribute(let reference)?: "user.\(reference.text)"
    case .code(let code)?: code.text
    case .number(let n)?: "\(n.value)"
    case .money(let m)?: "\(m.amount.value) \(m.currency.text)"
    case .percent(let p)?: "\(p.value)%"
    case .boolean(let b, _)?: "\(b)"
    case .string(let s)?: "\"\(s.value)\""
    case .date(let d)?: "\(d)"
    case .list(let items, _)?: "{" + items.map { shape($0) }.joined(separator: ",") + "}"
    }
}

@Suite struct ParserTests {
    @Test(arguments: [
        ("a == 1 or b == 2 and c == 3", "(a == 1 or (b == 2 and c == 3))"),
        ("a == 1 and b == 2 or c == 3", "((a == 1 and b == 2) or c == 3)"),
        ("not a == 1 and b == 2", "((not a == 1) and b == 2)"),
        ("not (a == 1 or b == 2)", "(not [(a == 1 or b == 2)])"),
        ("region not in eurozone", "region not in eurozone"),
        ("bundle in [coins_70, coins_700]", "bundle in {coins_70,coins_700}"),
        ("user.segment == vip", "user.segment == vip"),
        ("user.first_purchase", "user.first_purchase"),
        ("list >= 9.99 USD", "list >= 9.99 USD"),
        ("coins > 1_000", "coins > 1000"),
        ("user.signup < 2026-01-01", "user.signup < 2026-01-01"),
        ("region == DE or region == FR or region == IT", "((region == DE or region == FR) or region == IT)"),
    ])
    func conditionPrecedence(text: String, expected: String) {
        #expect(shape(condition(text)) == expected)
    }

    @Test func everyDeclarationParses() {
        let result = parse("""
            base currency USD
            stacking compound
            floor 40%
            currency XTS exponent 2
            rate EUR 0.92
            round JPY nearest 10
            round USD {
              below 10.00: nearest 0.10 ending 0.09
              else: nearest 1.00 ending 0.99
            }
            region DE: EUR, tax 19% included, zone Europe/Berlin, level 90%
            market eurozone: DE, FR
            channel android
            channel web: fee 3%, level 75%
            bundle coins_700: 700 coins, 9.99 USD, bonus 100 coins
            custom coins: 30 to 2_500_000, 0.0106 USD each, on [web]
            price coins_70 in JP: 160 JPY
            price coins_70 in eurozone on web: 0.79 EUR
            price coins_70 on web: 0.74 USD
            user first_purchase: bool
            user purchases: int 0 to 1_000_000
            user signup: date
            user segment: one of new, vip
            promotion p {
              when user.first_purchase
              during 2026-11-27T18:00 to 2026-11-30T00:00 Europe/Berlin
              every sat, sun from 22:00 to 02:00 local
              code "BF2026"
              limit 10_000, 1 per user
              discount 2.00 USD
              bonus 100 coins
              priority 95
              exclusive
              group weekend
            }
            gift rose: 1 coin
            payout {
              share 50%
              diamond 0.005 USD
              minimum 100.00 USD
              maximum 1_000.00 USD per day
            }
            test "t" {
              quote 5000 coins in US on web at 2026-11-28T10:00 local
              user first_purchase = true, segment = vip, purchases = 3, signup = 2025-01-01
              code "x"
              redeemed p 9_999, 1 per user
              expect price 7.99 EUR
              expect coins 700
              expect applied p
              expect not applied p
              expect error unknown_bundle
            }
            guard discount at most 50%
            guard price per coin falls with size
            guard region price within 35% of base
            """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        #expect(result.file.declarations.count == 27)
        guard case .promotion(let promotion) = result.file.declarations[20] else {
            Issue.record("declaration 20 is not the promotion")
            return
        }
        #expect(promotion.clauses.map(\.keyword) == [
            "when", "during", "every", "code", "limit", "discount", "bonus", "priority", "exclusive", "group",
        ])
    }

    @Test func spansCoverTheWholeDeclaration() {
        let text = "bundle coins_70: 70 coins, 0.99 USD\n"
        let result = parse(text)
        let span = result.file.declarations[0].span
        #expect(span.start == 0)
        #expect(Int(span.end) == text.utf8.count - 1)
        guard case .bundle(let bundle) = result.file.declarations[0] else { return }
        #expect(bundle.name.span.start == 7 && bundle.name.span.end == 15)
        #expect(bundle.price.span.start == 27 && bundle.price.span.end == 35)
    }

    @Test func recoveryGivesOneDiagnosticPerBrokenDeclaration() {
        let result = parse("""
            base currency USD
            bundle coins_70 70 coins, 0.99 USD
            region DE: EUR, tax 19%
            market eurozone DE, FR
            rate EUR
            channel web: fee 3% level 75%
            bundle coins_700: 700 coins, 9.99 USD
            """)
        #expect(result.diagnostics.count == 5, "\(result.diagnostics.map(\.message))")
        #expect(result.file.declarations.count == 3)
    }

    @Test func missingCommaIsReportedAndTheAttributeStillRead() {
        let result = parse("channel web: fee 3% level 75%")
        #expect(result.diagnostics.map(\.message) == ["expected `,` before `level`"])
        guard case .channel(let channel) = result.file.declarations.first else {
            Issue.record("channel not parsed")
            return
        }
        #expect(channel.level?.value == ExactDecimal(75))
    }

    @Test func unclosedBlockIsReportedAtItsBraceAndTheNextDeclarationParses() {
        let result = parse("promotion a {\n  discount 5%\n\npromotion b {\n  discount 6%\n}\n")
        #expect(result.diagnostics.map(\.code) == [.unclosedBlock])
        #expect(result.diagnostics[0].span.start == 12)
        #expect(result.file.declarations.count == 2)
    }

    @Test func unknownKeywordsSuggestTheNearest() {
        let result = parse("bundel coins_70: 70 coins, 0.99 USD\npromotion p {\n  discout 5%\n  priorty 2\n}")
        #expect(result.diagnostics.map(\.code) == [.unknownDeclaration, .unknownClause, .unknownClause])
        #expect(result.diagnostics.map(\.help) == [
            "did you mean `bundle`?", "did you mean `discount`?", "did you mean `priority`?",
        ])
    }

    @Test func reservedWordsAndCapitalisedNamesAreRefused() {
        let result = parse("bundle and: 70 coins, 0.99 USD\nbundle Coins_70: 70 coins, 0.99 USD")
        #expect(result.diagnostics.map(\.code) == [.reservedName, .invalidName])
        #expect(result.diagnostics[1].help == "write `coins_70`")
    }

    @Test func calendarIsChecked() {
        let result = parse("promotion p {\n  during 2026-02-29 to 2026-03-01\n  discount 5%\n}\npromotion q {\n  every mon from 24:00 to 23:00\n  discount 5%\n}")
        #expect(result.diagnostics.map(\.code) == [.invalidDate, .invalidTime])
    }

    @Test func leapDayIsADate() {
        #expect(parse("promotion p {\n  during 2028-02-29 to 2028-03-01\n  discount 5%\n}").diagnostics.isEmpty)
    }

    @Test func codesMustHaveTheirShape() {
        let result = parse("region DEU: EUR\nregion de: EU")
        #expect(result.diagnostics.map(\.code) == [.invalidCode, .invalidCode, .invalidCode])
    }
}
