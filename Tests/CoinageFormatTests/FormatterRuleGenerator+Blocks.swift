/// Blocks, their clauses and conditions, and whole files, for `FormatterRuleGenerator`.
extension FormatterRuleGenerator {
    /// `HEAD { ... }` with one item per line; the first item may share the line
    /// of `{`, and `}` the line of the last item.
    mutating func block(_ head: String, lines: [[Piece]]) -> String {
        var text = render(tokens(head), indent: "") + space() + "{"
        let oneLine = lines.count == 1 && chance(20)
        if !oneLine, chance(30) { text += space() + comment() }
        for (index, line) in lines.enumerated() {
            if index == 0, oneLine { text += space() + render(line, indent: "  ") + space() + "}"; return text }
            text += "\n" + blankLines()
            if chance(25) { text += pick(["", "  ", "\t"]) + comment() + "\n" }
            let indent = pick(["  ", "  ", "    ", "\t", ""])
            text += indent + render(line, indent: indent)
            if chance(25) { text += space() + comment() }
        }
        text += "\n" + blankLines()
        if chance(25) { text += "  " + comment() + "\n" }
        text += pick(["}", "}", "  }"])
        return text
    }

    mutating func blankLines() -> String {
        chance(20) ? String(repeating: pick(["\n", " \n", "\t\n"]), count: int(1...3)) : ""
    }

    mutating func payoutClause() -> [Piece] {
        switch int(0...3) {
        case 0: tokens("share \(percent())")
        case 1: tokens("diamond \(money())")
        case 2: tokens("minimum \(money())")
        default: tokens("maximum \(money()) per day")
        }
    }

    mutating func promotionClause() -> [Piece] {
        switch int(0...13) {
        case 0, 1: [.token("when")] + condition(depth: 0)
        case 2: tokens("during \(date()) to \(date())" + pick(["", " local", " Europe/Berlin"]))
        case 3:
            [.token("every")] + list((0...int(0...2)).map { _ in pick(["sat", "sun", "mon"]) })
                + tokens(pick(["", "from 18:00 to 22:00", "from 09:30 to 17:00:30"]) + pick(["", " local", " UTC"]))
        case 4: tokens("code \"\(pick(["VIP2026", "BF", "a \\\" b", "x\\\\y"]))\"")
        case 5: tokens(pick(["limit \(integer())", "limit \(integer()) per user", "limit \(integer()) , \(integer()) per user"]))
        case 6: tokens("discount \(percent())")
        case 7: tokens("discount \(money())")
        case 8: tokens("price \(money())")
        case 9: tokens("bonus \(percent())")
        case 10: tokens("bonus \(integer()) \(pick(["coins", "coin"]))")
        case 11: tokens("priority \(integer())")
        case 12: [.token("exclusive")]
        default: tokens("group \(name())")
        }
    }

    /// A condition: `or` of `and`s of comparisons, memberships, negations and
    /// parentheses, with a possible line break after each `and` and `or`.
    mutating func condition(depth: Int) -> [Piece] {
        var pieces = term(depth: depth)
        for _ in 0..<int(0...2) {
            pieces += [.token(pick(["and", "or"])), .lineBreak] + term(depth: depth)
        }
        return pieces
    }

    private mutating func term(depth: Int) -> [Piece] {
        switch depth < 2 ? int(0...5) : int(0...2) {
        case 0: return tokens("\(field()) \(pick(["==", "!=", "<", "<=", ">", ">="])) \(value())")
        case 1:
            let values = (0...int(0...3)).map { _ in value() }
            return tokens("\(field()) \(pick(["in", "not in"]))") + list(values, brackets: true)
        case 2: return tokens("\(field()) \(pick(["in", "not in"])) \(name())")
        case 3: return [.token("not")] + term(depth: depth + 1)
        case 4: return [.token("(")] + condition(depth: depth + 1) + [.token(")")]
        default: return tokens("user.\(name())")
        }
    }

    private mutating func field() -> String {
        pick(["bundle", "region", "channel", "currency", "coins", "list", "user.\(name())", "user . \(name())"])
    }

    private mutating func value() -> String {
        switch int(0...8) {
        case 0: name()
        case 1: pick(regions)
        case 2: integer()
        case 3: money()
        case 4: percent()
        case 5: pick(["true", "false"])
        case 6: "\"\(pick(["DE", "x y"]))\""
        case 7: date()
        default: decimal()
        }
    }

    mutating func testLine() -> [Piece] {
        switch int(0...8) {
        case 0:
            let target = chance(50) ? name() : "\(integer()) coins"
            let at = chance(50) ? " at \(date())" + pick(["", " local", " Asia/Kolkata"]) : ""
            return tokens("quote \(target) in \(pick(regions))" + (chance(50) ? " on \(name())" : "") + at)
        case 1:
            let facts = (0...int(0...2)).map { _ in "\(name()) = \(pick(["true", "false", "vip", "12", "1_000", "2026-01-01"]))" }
            return [.token("user")] + facts.enumerated().flatMap { index, fact -> [Piece] in
                (index > 0 ? [.token(","), .lineBreak] : []) + tokens(fact)
            }
        case 2: return tokens("code \"BF2026\"")
        case 3: return tokens(pick(["redeemed \(name()) \(integer())", "redeemed \(name()) \(integer()) per user",
                                    "redeemed \(name()) \(integer()) , \(integer()) per user"]))
        case 4: return tokens("expect \(pick(["price", "total", "tax", "list", "proceeds", "discount"])) \(money())")
        case 5: return tokens("expect coins \(integer())")
        case 6: return tokens("expect applied \(name())")
        case 7: return tokens("expect not applied \(name())")
        default: return tokens("expect error unknown_bundle")
        }
    }

    /// A whole file: declarations on lines of their own, with blank lines,
    /// comments of their own and trailing comments between them.
    mutating func file() -> String {
        var text = chance(40) ? comment() + "\n" + blankLines() : ""
        for _ in 0..<int(0...14) {
            if chance(25) { text += pick(["", "  ", "\t"]) + comment() + "\n" }
            text += pick(["", "", "", " ", "\t"]) + declaration()
            if chance(30) { text += space() + comment() }
            text += "\n" + blankLines()
        }
        if chance(40) { text += comment() + (chance(50) ? "\n" : "") }
        return text
    }
}
