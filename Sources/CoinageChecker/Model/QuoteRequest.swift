import CoinageSyntax

/// What a caller asks a price for: a bundle or an amount of coins, where and how.
public struct QuoteRequest: Hashable, Sendable {
    /// What is bought.
    public enum Item: Hashable, Sendable {
        /// A bundle by name: `coins_700`.
        case bundle(String)
        /// A custom amount of coins, priced by the rule set's `custom` declaration.
        case coins(Int64)
    }

    public var item: Item
    /// An ISO 3166-1 region code the rule set declares.
    public var region: String
    /// Required when the rule set declares channels.
    public var channel: String?
    /// The instant of the purchase, in seconds since 1970-01-01T00:00:00Z. The
    /// engine never reads a clock: the caller says when (the CLI uses its own clock).
    public var instant: Int64
    /// Facts about the buyer, by declared attribute name.
    public var user: [String: UserValue]
    /// Promotion codes the buyer entered; matched case-insensitively.
    public var codes: [String]
    /// How often each promotion has been redeemed, as the caller counts it.
    public var redemptions: [String: Redemptions]
    /// Whether to build the explanation (how the list price was found).
    public var explain: Bool

    /// The instants a quote accepts: from 2000-01-01T00:00:00Z up to, not including,
    /// 2100-01-01T00:00:00Z. The zone offset tables a checked rule set carries cover
    /// exactly these years; outside them a `local` or zoned window would be read
    /// with a wrong offset, so a quote there is refused (`instant_out_of_range`).
    public static let coveredInstants: Range<Int64> = 946_684_800..<4_102_444_800

    public init(item: Item, region: String, channel: String? = nil, instant: Int64,
                user: [String: UserValue] = [:], codes: [String] = [], redemptions: [String: Redemptions] = [:],
                explain: Bool = false) {
        self.item = item
        self.region = region
        self.channel = channel
        self.instant = instant
        self.user = user
        self.codes = codes
        self.redemptions = redemptions
        self.explain = explain
    }
}

/// Why a request got no quote. The `kind` is stable (tests and JSON use it), the
/// message says what and where, in the checker's style.
public struct QuoteError: Error, Hashable, Sendable {
    public let kind: QuoteErrorKind
    public let message: String
    public let help: String?

    public init(_ kind: QuoteErrorKind, _ message: String, help: String? = nil) {
        self.kind = kind
        self.message = message
        self.help = help
    }
}
