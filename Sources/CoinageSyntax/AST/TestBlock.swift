/// `test "black friday in Germany" { ... }`
public struct TestDeclaration: Hashable, Sendable {
    public let title: StringLiteral
    public let lines: [TestLine]
    /// False when recovery dropped a broken line: what is missing may be in it.
    public let isComplete: Bool
    public let span: SourceSpan
}

/// What a test quotes: a bundle by name, or a custom amount (`5000 coins`).
public enum QuoteTarget: Hashable, Sendable {
    case bundle(Name)
    case customAmount(NumberLiteral)
}

/// A value given to a user attribute in a test: `true`, `12`, `vip`, `2025-01-01`.
public enum TestValue: Hashable, Sendable {
    case boolean(Bool, SourceSpan)
    case number(NumberLiteral)
    case word(Name)
    case date(TimePoint)
    /// `"9f1c-77ab"`: the text of a `text` attribute that is not a name.
    case string(StringLiteral)

    public var span: SourceSpan {
        switch self {
        case .boolean(_, let s): s
        case .number(let n): n.span
        case .word(let n): n.span
        case .date(let d): d.span
        case .string(let s): s.span
        }
    }
}

/// `segment = vip` on a test's `user` line.
public struct UserFact: Hashable, Sendable {
    public let name: Name
    public let value: TestValue
}

/// One line of a test block.
public struct TestLine: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// `quote coins_700 in DE on web at 2026-11-28T10:00 local`
        case quote(target: QuoteTarget, region: Code, channel: Name?, at: TimePoint?, zone: ZoneSpec?)
        /// `user first_purchase = true, segment = vip`
        case user([UserFact])
        /// `code "BF2026"`
        case code(StringLiteral)
        /// `redeemed vip_code 9_999, 1 per user`: the counters the request carries.
        case redeemed(promotion: Name, total: NumberLiteral?, perUser: NumberLiteral?)
        /// `expect price 7.99 EUR`, and `total`, `tax`, `list`, `proceeds`, `discount`.
        case expectMoney(field: Name, MoneyLiteral)
        /// `expect coins 700`
        case expectCoins(NumberLiteral)
        /// `expect applied black_friday`
        case expectApplied(Name)
        /// `expect not applied black_friday`
        case expectNotApplied(Name)
        /// `expect error unknown_bundle`
        case expectError(Name)
        /// `arm web_coin_price cheaper`: the test quotes in this arm of the experiment.
        case arm(experiment: Name, arm: Name)

    }

    public let kind: Kind
    public let keyword: String
    public let span: SourceSpan
}
