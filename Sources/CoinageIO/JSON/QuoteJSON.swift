import Coinage
import CoinageJSON
import CoinageSyntax

/// JSON shapes of quotes, errors and explanations.
///
/// Money is never a JSON number: it is `{"amount": "6.99", "currency": "EUR"}`,
/// the amount an exact decimal string with all the currency's decimals.
public enum QuoteJSON {
    public static func money(_ money: Money) -> JSONValue {
        .object([("amount", .string(money.decimal.description)), ("currency", .string(money.currency.code))])
    }

    public static func quote(_ quote: Quote) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if quote.isCustomAmount {
            members.append(("coinsRequested", .integer(quote.coins.base)))
            members.append(("custom", .string(quote.item)))
        } else {
            members.append(("bundle", .string(quote.item)))
        }
        members += [
            ("region", .string(quote.region)),
            ("channel", quote.channel.map(JSONValue.string) ?? .null),
            ("at", .string(instantText(quote.instant))),
            ("currency", .string(quote.currency.code)),
            ("coins", .object([
                ("base", .integer(quote.coins.base)),
                ("bonus", .integer(quote.coins.bonus)),
                ("total", .integer(quote.coins.total)),
            ])),
            ("list", money(quote.list)),
            ("discounts", .array(quote.discounts.map { line in
                .object([("promotion", .string(line.promotion)), ("amount", money(line.amount))])
            })),
            ("price", money(quote.price)),
            ("tax", .object([
                ("ratePercent", .string(quote.tax.rate.value.description)),
                ("included", .bool(quote.tax.included)),
                ("amount", money(quote.tax.amount)),
            ])),
            ("total", money(quote.total)),
            ("proceeds", money(quote.proceeds)),
            ("applied", .array(quote.applied.map(JSONValue.string))),
            ("rules", .string(quote.ruleSetHash)),
        ]
        if let explanation = quote.explanation {
            members.append(("trace", trace(explanation)))
        }
        return .object(members)
    }

    /// `2026-11-28T18:00:00Z`: the instant a quote was priced at, in UTC, to the second.
    static func instantText(_ instant: Int64) -> String {
        CivilTime.format(instant) + "Z"
    }

    public static func error(_ error: QuoteError) -> JSONValue {
        var members: [(String, JSONValue)] = [("code", .string(error.kind.rawValue)), ("message", .string(error.message))]
        if let help = error.help { members.append(("help", .string(help))) }
        return .object([("error", .object(members))])
    }

    static func trace(_ explanation: QuoteExplanation) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let list = explanation.listPrice {
            var price: [(String, JSONValue)] = [("source", .string(ExplanationText.sourceKind(list.source)))]
            if let explicit = ExplanationText.explicitPrice(list.source) {
                price.append(("explicitPrice", .string(ExplanationText.describe(explicit))))
            }
            price.append(("steps", steps(list.steps)))
            price.append(("rounding", .string(ExplanationText.rounding(list.rounding, currency: list.price.currency))))
            if let match = list.pricePoint {
                let how: String = switch match.how {
                case .tier: "tier"
                case .snapped(let mode): mode.rawValue
                }
                price.append(("pricePoint", .object([
                    ("table", .string(match.table)),
                    ("storefront", .string(match.storefront.description)),
                    ("tier", .integer(Int64(match.point.tier))),
                    ("how", .string(how)),
                    ("row", .string(match.point.row)),
                ])))
            }
            price.append(("price", money(list.price)))
            members.append(("listPrice", .object(price)))
        }
        members.append(("promotions", .array(explanation.promotions.map { trace in
            var fields: [(String, JSONValue)] = [
                ("promotion", .string(trace.promotion)),
                ("applied", .bool(trace.applied)),
                ("reason", .string(trace.reason.rawValue)),
                ("detail", .string(trace.detail)),
            ]
            if let discount = trace.discount { fields.append(("discount", money(discount))) }
            if let bonus = trace.bonusCoins { fields.append(("bonusCoins", .integer(bonus))) }
            return .object(fields)
        })))
        if let custom = explanation.customAmount {
            members.append(("customAmount", .object([
                ("custom", .string(custom.custom)),
                ("steps", steps(custom.steps)),
                ("rounding", .string("half-even to the minor unit")),
                ("price", money(custom.price)),
            ])))
        }
        return .object(members)
    }

    private static func steps(_ steps: [ListPriceExplanation.Step]) -> JSONValue {
        .array(steps.map { step in
            .object([
                ("step", .string(step.label)),
                ("value", .string(step.value.description)),
                ("currency", .string(step.currency.code)),
            ])
        })
    }

    public static func gift(_ quote: GiftQuote) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("gift", .string(quote.gift)),
            ("count", .integer(quote.count)),
            ("coins", .integer(quote.coins)),
            ("diamonds", .integer(quote.diamonds)),
            ("creatorCash", money(quote.creatorCash)),
            ("creatorCashLocal", quote.creatorCashLocal.map(money) ?? .null),
        ]
        if let cost = quote.viewerCost {
            members.append(("viewerCost", .object([
                ("region", .string(cost.region)),
                ("amount", money(cost.amount)),
                ("pricePerCoin", .string(cost.pricePerCoin.decimalText(maximumDigits: 10))),
                ("bundle", .string(cost.bundle)),
                ("channel", cost.channel.map(JSONValue.string) ?? .null),
            ])))
        } else {
            members.append(("viewerCost", .null))
        }
        members.append(("giftsToMinimumWithdrawal", quote.giftsToMinimumWithdrawal.map(JSONValue.integer) ?? .null))
        members.append(("quotesToMinimumWithdrawal", quote.quotesToMinimumWithdrawal.map(JSONValue.integer) ?? .null))
        return .object(members)
    }
}

/// Words for explanations, shared by the text and JSON renderings.
public enum ExplanationText {
    public static func sourceKind(_ source: ListPriceExplanation.Source) -> String {
        switch source {
        case .explicit: "explicit"
        case .derivedFromBase: "derived"
        case .derivedFromChannelPrice: "derived from channel price"
        case .channelPriceAsWritten: "channel price"
        case .pricePoints: "price points"
        }
    }

    static func explicitPrice(_ source: ListPriceExplanation.Source) -> ExplicitPrice? {
        switch source {
        case .explicit(let price), .derivedFromChannelPrice(let price), .channelPriceAsWritten(let price), .pricePoints(let price): price
        case .derivedFromBase: nil
        }
    }

    /// `price coins_70 in eurozone on web: 0.79 EUR`
    public static func describe(_ price: ExplicitPrice) -> String {
        var text = "price \(price.bundle)"
        switch price.scope {
        case .region(let code): text += " in \(code)"
        case .market(let name): text += " in \(name)"
        case .everywhere: break
        }
        if let channel = price.channel { text += " on \(channel)" }
        switch price.value {
        case .money(let money): return text + ": \(money)"
        case .tier(let table, let tier): return text + ": points \(table) tier \(tier)"
        case .snap(let snapping): return text + ": points \(snapping.table) \(snapping.mode.rawValue)"
        }
    }

    /// `nearest 1.00 ending 0.99`, `half-even to the minor unit`, `none`.
    public static func rounding(_ rounding: ListPriceExplanation.Rounding, currency: Currency) -> String {
        switch rounding {
        case .none: return "none"
        case .halfEvenToMinorUnit: return "half-even to the minor unit"
        case .grid(let result):
            let step = Money(minorUnits: result.grid.step, currency: currency).decimal
            var text = "\(result.grid.mode.rawValue) \(step)"
            if result.grid.ending != 0 { text += " ending \(Money(minorUnits: result.grid.ending, currency: currency).decimal)" }
            if result.tiered {
                text += result.tierBound.map { " (tier below \(Money(minorUnits: $0, currency: currency).decimal))" } ?? " (tier else)"
            }
            return text
        case .pricePoint(let match):
            return pricePoint(match)
        }
    }

    /// `tier 10 of app_store, JP column (rules/app-store.csv:11)`, after `snapped
    /// nearest to` for a derived price.
    public static func pricePoint(_ match: PricePointMatch) -> String {
        let point = "tier \(match.point.tier) of \(match.table), \(match.storefront) column (\(match.point.row))"
        switch match.how {
        case .tier: return point
        case .snapped(let mode): return "snapped \(mode.rawValue) to \(point)"
        }
    }
}
