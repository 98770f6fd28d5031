import CoinageSyntax

/// How the formatter writes literals and conditions: literals exactly as the
/// author wrote them (digit grouping, trailing zeros, escapes), and conditions
/// token by token with one canonical spacing.
struct SourceText {
    let source: SourceFile

    func literal(_ span: SourceSpan) -> String { source.text(of: span) }

    func number(_ number: NumberLiteral) -> String { literal(number.span) }

    func percent(_ percent: PercentLiteral) -> String { literal(percent.span) }

    func money(_ money: MoneyLiteral) -> String { "\(literal(money.amount.span)) \(money.currency.text)" }

    func string(_ string: StringLiteral) -> String { literal(string.span) }

    func timePoint(_ point: TimePoint) -> String { literal(point.span) }

    func time(_ time: TimeLiteral) -> String { literal(time.span) }

    /// `N coins`, or `1 coin`: the parser reads either word, the formatter writes
    /// the one that agrees with the number. A shop's own word (`100 bits`) is
    /// written as the author wrote it: the formatter reads one file, and the
    /// `unit` declaration may be in another.
    func coins(_ count: NumberLiteral) -> String {
        if let unit = count.unit { return "\(number(count)) \(unit.text)" }
        return "\(number(count)) \(count.value.integerValue == 1 ? "coin" : "coins")"
    }

    func zone(_ zone: ZoneSpec) -> String {
        switch zone {
        case .local: "local"
        case .named(let code): code.text
        }
    }

    /// A condition with the parentheses the author wrote and no others, so that it
    /// reads back as the same tree.
    func expression(_ expression: Expression) -> String {
        switch expression {
        case .or(let left, let right, _): "\(self.expression(left)) or \(self.expression(right))"
        case .and(let left, let right, _): "\(self.expression(left)) and \(self.expression(right))"
        case .not(let operand, _): "not \(self.expression(operand))"
        case .comparison(let left, let op, let right, _): "\(self.expression(left)) \(op.rawValue) \(self.expression(right))"
        case .membership(let left, let negated, let right, _):
            "\(self.expression(left)) \(negated ? "not in" : "in") \(self.expression(right))"
        case .parenthesized(let inner, _): "(\(self.expression(inner)))"
        case .word(let name): name.text
        case .userAttribute(let reference): "user.\(reference.text)"
        case .code(let code): code.text
        case .number(let value): number(value)
        case .money(let value): money(value)
        case .percent(let value): percent(value)
        case .boolean(let value, _): value ? "true" : "false"
        case .string(let value): string(value)
        case .date(let value): timePoint(value)
        case .list(let elements, _): "[" + elements.map { self.expression($0) }.joined(separator: ", ") + "]"
        }
    }

    func names(_ names: [Name]) -> String { names.map { $0.text }.joined(separator: ", ") }
}
