/// One parsed rules file: its declarations in source order, and its comments.
public struct RuleFile: Hashable, Sendable {
    public let file: SourceFileID
    public let declarations: [Declaration]
    public let comments: [Comment]
    /// Declarations the parser had to abandon after reading their name. The checker
    /// counts these names as declared, so one syntax error is not reported again at
    /// every use of the name.
    public let incomplete: [IncompleteDeclaration]
}

/// The keyword and name of a declaration that did not parse.
public struct IncompleteDeclaration: Hashable, Sendable {
    /// `bundle`, `region`, `base`, ...
    public let keyword: String
    /// The name or code after the keyword, when there is one.
    public let name: String?
    public let span: SourceSpan
}

/// A top-level declaration. Order carries no meaning; names are global.
// Indirect: each declaration in its own box, so a file's array of them is a word a
// declaration, not the size of the largest kind (a big shop has 20,000 promotions).
public indirect enum Declaration: Hashable, Sendable {
    case baseCurrency(BaseCurrencyDeclaration)
    case stacking(StackingDeclaration)
    case floor(FloorDeclaration)
    case currency(CurrencyDeclaration)
    case rate(RateDeclaration)
    case rounding(RoundingDeclaration)
    case region(RegionDeclaration)
    case market(MarketDeclaration)
    case channel(ChannelDeclaration)
    case bundle(BundleDeclaration)
    case custom(CustomAmountDeclaration)
    case price(PriceDeclaration)
    case user(UserAttributeDeclaration)
    case promotion(PromotionDeclaration)
    case gift(GiftDeclaration)
    case payout(PayoutDeclaration)
    case test(TestDeclaration)
    case guardRule(GuardDeclaration)
    case allow(AllowDeclaration)
    case unit(UnitDeclaration)
    case points(PointsDeclaration)
    case experiment(ExperimentDeclaration)

    public var span: SourceSpan {
        switch self {
        case .baseCurrency(let d): d.span
        case .stacking(let d): d.span
        case .floor(let d): d.span
        case .currency(let d): d.span
        case .rate(let d): d.span
        case .rounding(let d): d.span
        case .region(let d): d.span
        case .market(let d): d.span
        case .channel(let d): d.span
        case .bundle(let d): d.span
        case .custom(let d): d.span
        case .price(let d): d.span
        case .user(let d): d.span
        case .promotion(let d): d.span
        case .gift(let d): d.span
        case .payout(let d): d.span
        case .test(let d): d.span
        case .guardRule(let d): d.span
        case .allow(let d): d.span
        case .unit(let d): d.span
        case .points(let d): d.span
        case .experiment(let d): d.span
        }
    }
}

/// `base currency USD`
public struct BaseCurrencyDeclaration: Hashable, Sendable {
    public let currency: Code
    public let span: SourceSpan
}

public enum StackingMode: String, Hashable, Sendable {
    case additive, compound
}

/// `stacking additive` or `stacking compound`
public struct StackingDeclaration: Hashable, Sendable {
    public let mode: StackingMode
    public let span: SourceSpan
}

/// `floor 40%`
public struct FloorDeclaration: Hashable, Sendable {
    public let percent: PercentLiteral
    public let span: SourceSpan
}

/// `currency XTS exponent 2`
public struct CurrencyDeclaration: Hashable, Sendable {
    public let code: Code
    public let exponent: NumberLiteral
    public let span: SourceSpan
}

/// `rate EUR 0.92`
public struct RateDeclaration: Hashable, Sendable {
    public let currency: Code
    public let rate: NumberLiteral
    public let span: SourceSpan
}

/// `region DE: EUR, tax 19% included, zone Europe/Berlin, level 60%`
public struct RegionDeclaration: Hashable, Sendable {
    public let code: Code
    public let currency: Code
    public let tax: TaxClause?
    public let zone: Code?
    public let level: PercentLiteral?
    public let span: SourceSpan
}

public enum TaxMode: String, Hashable, Sendable {
    case included, added
}

/// `tax 19% included`
public struct TaxClause: Hashable, Sendable {
    public let rate: PercentLiteral
    public let mode: TaxMode
    public let span: SourceSpan
}

/// `market eurozone: DE, FR, IT`
public struct MarketDeclaration: Hashable, Sendable {
    public let name: Name
    public let regions: [Code]
    public let span: SourceSpan
}

/// `channel web: fee 3%, level 75%`, `channel ios: fee 30%, points app_store nearest`
public struct ChannelDeclaration: Hashable, Sendable {
    public let name: Name
    public let fee: PercentLiteral?
    public let level: PercentLiteral?
    /// The price-point table its derived prices snap to, instead of the rounding rules.
    public let points: PointsSnap?
    public let span: SourceSpan
}

/// `bundle coins_700: 700 coins, 9.99 USD, bonus 38 coins`
public struct BundleDeclaration: Hashable, Sendable {
    public let name: Name
    public let coins: NumberLiteral
    public let price: MoneyLiteral
    public let bonus: NumberLiteral?
    public let span: SourceSpan
}

/// `custom coins: 30 to 2_500_000, 0.0106 USD each, on web`
public struct CustomAmountDeclaration: Hashable, Sendable {
    public let name: Name
    public let minimum: NumberLiteral
    public let maximum: NumberLiteral
    public let unitPrice: MoneyLiteral
    /// The channels it is sold on; empty means every channel.
    public let channels: [Name]
    public let span: SourceSpan
}

/// Where an explicit price applies: a region code or a market name.
public enum PriceScope: Hashable, Sendable {
    case region(Code)
    case market(Name)

    public var span: SourceSpan {
        switch self {
        case .region(let code): code.span
        case .market(let name): name.span
        }
    }

    public var text: String {
        switch self {
        case .region(let code): code.text
        case .market(let name): name.text
        }
    }
}

/// `price coins_70 in JP: 160 JPY`, `price coins_70 in eurozone on web: 0.79 EUR`,
/// `price coins_70 on web: 0.74 USD`, `price coins_700 on ios: points app_store tier 10`
public struct PriceDeclaration: Hashable, Sendable {
    public let bundle: Name
    public let scope: PriceScope?
    public let channel: Name?
    public let price: PriceValue
    public let span: SourceSpan
}

/// The declared type of a user attribute.
public enum UserAttributeType: Hashable, Sendable {
    case bool
    /// `int`, or `int 0 to 1_000` with a declared range.
    case int(minimum: NumberLiteral?, maximum: NumberLiteral?)
    case date
    /// `one of new, casual, whale`
    case oneOf([Name])
    /// `text`: any text, such as a user id; conditions cannot compare it, an
    /// experiment can assign by it.
    case text
}

/// `user segment: one of new, casual, whale, vip, lapsed`
public struct UserAttributeDeclaration: Hashable, Sendable {
    public let name: Name
    public let type: UserAttributeType
    public let typeSpan: SourceSpan
    public let span: SourceSpan
}

/// `unit bit, bits`: what the shop calls its coins, one and many.
public struct UnitDeclaration: Hashable, Sendable {
    public let singular: Name
    public let plural: Name
    public let span: SourceSpan
}

/// `gift rose: 1 coin`
public struct GiftDeclaration: Hashable, Sendable {
    public let name: Name
    public let coins: NumberLiteral
    public let span: SourceSpan
}

/// `payout { share 50% diamond 0.005 USD minimum 100.00 USD }`
public struct PayoutDeclaration: Hashable, Sendable {
    public let clauses: [PayoutClause]
    /// False when recovery dropped a broken clause: what is missing may be in it.
    public let isComplete: Bool
    public let span: SourceSpan
}

public struct PayoutClause: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// `share 50%`: diamonds per gifted coin.
        case share(PercentLiteral)
        /// `diamond 0.005 USD`: cash value of one diamond.
        case diamond(MoneyLiteral)
        /// `minimum 100.00 USD`: smallest withdrawal.
        case minimum(MoneyLiteral)
        /// `maximum 1_000.00 USD per day`: largest withdrawal in a day.
        case maximumPerDay(MoneyLiteral)
    }

    public let kind: Kind
    public let keyword: String
    public let span: SourceSpan
}

/// `guard discount at most 50%` and the other guards.
public struct GuardDeclaration: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case discountAtMost(PercentLiteral)
        /// `price per coin falls with size`: a bigger bundle is strictly cheaper per coin.
        case pricePerCoinFallsWithSize
        /// `price per coin does not rise with size`: a bigger bundle is no dearer per coin.
        case pricePerCoinDoesNotRiseWithSize
        case regionPriceWithin(PercentLiteral)
    }

    public let kind: Kind
    public let span: SourceSpan
}
