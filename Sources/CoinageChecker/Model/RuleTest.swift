import CoinageSyntax

/// A checked `test` block: one request and what its quote must show.
public struct RuleTest: Hashable, Sendable {
    public enum Target: Hashable, Sendable {
        case bundle(String)
        case customAmount(Int64)
    }

    public enum Expectation: Hashable, Sendable {
        /// `expect price 7.99 EUR`; the field is one of price, total, tax, list, proceeds, discount.
        case money(field: String, Money)
        case coins(Int64)
        case applied(String)
        case notApplied(String)
        case error(QuoteErrorKind)
    }

    public let title: String
    public let target: Target
    /// The test may name a region or bundle the rules lack, when it expects that error.
    public let region: String
    public let channel: String?
    public let instant: DateTimeValue?
    public let zone: ZoneReference
    public let user: [String: UserValue]
    public let codes: [String]
    /// Redemption counters the request carries, by promotion.
    public let redemptions: [String: Redemptions]
    public let expectations: [ExpectationLine]
    public let span: SourceSpan
    /// The experiment arm the test quotes in (`arm EXPERIMENT ARM`); nil for control.
    public var arm: ExperimentPin? = nil
}

/// How often a promotion has been redeemed, in total and by this user.
public struct Redemptions: Hashable, Sendable {
    public let total: Int64
    public let perUser: Int64

    public init(total: Int64, perUser: Int64) {
        self.total = total
        self.perUser = perUser
    }
}

/// One `expect` line of a test, with its place for failure reports.
public struct ExpectationLine: Hashable, Sendable {
    public let expectation: RuleTest.Expectation
    public let span: SourceSpan
}

/// The kinds of refusal a quote can end in. Their raw values are the names tests use
/// in `expect error NAME` and the codes of JSON error objects.
public enum QuoteErrorKind: String, Hashable, Sendable, CaseIterable {
    case unknownBundle = "unknown_bundle"
    case unknownRegion = "unknown_region"
    case unknownChannel = "unknown_channel"
    case missingChannel = "missing_channel"
    case noCustomAmount = "no_custom_amount"
    case amountOutOfRange = "amount_out_of_range"
    case userAttributeType = "user_attribute_type"
    case unknownUserAttribute = "unknown_user_attribute"
    case overflow = "overflow"
    /// The instant lies outside the years the time-zone tables cover (`QuoteRequest.coveredInstants`).
    case instantOutOfRange = "instant_out_of_range"
    /// The price book broke one of its own invariants: a bug in Coinage, never the request's fault.
    case internalError = "internal"
    case unknownGift = "unknown_gift"
    case noPayout = "no_payout"
    /// A request forced an experiment or arm the rules do not declare.
    case unknownArm = "unknown_arm"
}

/// A fact about the buyer that a request carries, typed like its declaration.
public enum UserValue: Hashable, Sendable {
    case bool(Bool)
    case int(Int64)
    case date(CivilDate)
    /// A value of a `one of` attribute, or the text of a `text` attribute.
    case value(String)
}

extension UserValue {
    /// The value as the CLI's `--user` and explanations write it: `true`, `12`,
    /// `2026-01-01`, `vip`, `9f1c-77ab`.
    public var ruleText: String {
        switch self {
        case .bool(let flag): String(flag)
        case .int(let number): String(number)
        case .date(let date): date.description
        case .value(let text): text
        }
    }

    /// The value as a test's `user` line writes it: as `ruleText`, but text that is
    /// not a bare name (`"9f1c-77ab"`, `"true"`) as a string.
    public var testText: String {
        guard case .value(let text) = self, !Self.isPlainName(text) else { return ruleText }
        return QuoteRequest.ruleString(text)
    }

    /// Whether `text` reads back as a bare name (`vip`, `u_1234`); other text (a
    /// `text` attribute's `9f1c-77ab`, or `true`) is written as a string.
    private static func isPlainName(_ text: String) -> Bool {
        guard let first = text.utf8.first, first == UInt8(ascii: "_") || (first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z")),
              !Parser.reservedWords.contains(text) else { return false }
        return text.utf8.allSatisfy { byte in
            byte == UInt8(ascii: "_") || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
    }
}
