import Coinage

/// Readable renderings of quotes, their explanations and gift quotes: the text
/// `coinage quote`, `coinage quote --explain` and `coinage gift` print, for any
/// caller that shows a quote to a person (a support tool, a log line, a test).
///
/// Coins are counted in the shop's unit (`PriceBook.unit`, `RuleSet.unit`): the
/// `bits` row and `5000 bits (custom amount ...)` of a shop that declares
/// `unit bit, bits`. Every rendering ends in a newline.
public enum QuoteText {
    /// The quote as a title and aligned rows (coins, list, discounts, price, tax,
    /// total, proceeds), followed by its explanation when the request set `explain`.
    public static func render(_ quote: Quote, unit: CoinUnit) -> String {
        var title = quote.isCustomAmount ? "\(unit.count(quote.coins.base)) (custom amount `\(quote.item)`)" : quote.item
        title += " in \(quote.region)"
        if let channel = quote.channel { title += " on \(channel)" }
        var rows: [(String, String)] = []
        let coins = quote.coins.bonus > 0
            ? "\(quote.coins.base) + \(quote.coins.bonus) bonus = \(quote.coins.total)"
            : "\(quote.coins.base)"
        rows.append((unit.plural, coins))
        rows.append(("list", "\(quote.list)"))
        for line in quote.discounts { rows.append(("discount", "−\(line.amount) (\(line.promotion))")) }
        rows.append(("price", "\(quote.price)"))
        rows.append(("tax", quote.tax.rate.isZero ? "\(quote.tax.amount) (no tax)"
                                : "\(quote.tax.amount) (\(quote.tax.rate) \(quote.tax.included ? "included" : "added"))"))
        rows.append(("total", "\(quote.total)"))
        rows.append(("proceeds", "\(quote.proceeds)"))
        var lines = [title] + table(rows)
        if let explanation = quote.explanation {
            lines.append("")
            lines += explanationLines(explanation)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The explanation alone: how the list price (or the custom amount) was found,
    /// step by step, and every promotion in walk order with why it applied or not.
    public static func render(_ explanation: QuoteExplanation) -> String {
        explanationLines(explanation).map { $0 + "\n" }.joined()
    }

    /// The gift quote as a title and aligned rows: coins, diamonds, the creator's
    /// cash, what the viewer paid, and how many gifts reach the smallest withdrawal.
    public static func render(_ quote: GiftQuote, unit: CoinUnit) -> String {
        var rows: [(String, String)] = [
            (unit.plural, "\(quote.coins)"),
            ("diamonds", "\(quote.diamonds)"),
            ("creator cash", "\(quote.creatorCash)" + (quote.creatorCashLocal.map { $0 == quote.creatorCash ? "" : " (\($0))" } ?? "")),
        ]
        if let cost = quote.viewerCost {
            rows.append(("viewer paid", "\(cost.amount) at \(cost.pricePerCoin.decimalText(maximumDigits: 10)) \(cost.amount.currency.code) per \(unit.singular) (\(cost.bundle)\(cost.channel.map { " on \($0)" } ?? ""))"))
        }
        if let gifts = quote.giftsToMinimumWithdrawal, let quotes = quote.quotesToMinimumWithdrawal,
           let minimum = quote.minimumWithdrawal {
            // Counted in single gifts, and then in quotes of this size when it is more than one.
            var text = gifts == 1 ? "one \(quote.gift) gift reaches the \(minimum) minimum"
                                  : "\(gifts) \(quote.gift) gifts reach the \(minimum) minimum"
            if quote.count > 1 { text += quotes == 1 ? ", so the \(quote.count) quoted do" : ": \(quotes) times the \(quote.count) quoted" }
            rows.append(("withdrawal", text))
        }
        let title = "\(quote.count) × \(quote.gift)" + (quote.viewerCost.map { " in \($0.region)" } ?? "")
        return ([title] + table(rows)).joined(separator: "\n") + "\n"
    }

    static func explanationLines(_ explanation: QuoteExplanation) -> [String] {
        var lines: [String] = []
        if let list = explanation.listPrice {
            lines.append("how the list price was found:")
            switch list.source {
            case .explicit(let price):
                lines.append("  explicit price: \(ExplanationText.describe(price))")
            case .channelPriceAsWritten(let price):
                lines.append("  channel price, used as written: \(ExplanationText.describe(price))")
            case .derivedFromChannelPrice(let price):
                lines.append("  derived from the channel price \(ExplanationText.describe(price))")
            case .pricePoints(let price):
                lines.append("  from a price-point table: \(ExplanationText.describe(price))")
            case .derivedFromBase:
                lines.append("  derived from the bundle's base price")
            }
            if list.steps.isEmpty, let match = list.pricePoint {
                lines += table([("  " + ExplanationText.pricePoint(match), "\(list.price)")], indent: "")
            }
            lines += steps(list.steps, rounding: list.rounding, price: list.price)
        }
        if let custom = explanation.customAmount {
            lines.append("how the custom amount was priced:")
            lines += steps(custom.steps, rounding: .halfEvenToMinorUnit, price: custom.price)
        }
        if !explanation.promotions.isEmpty {
            lines.append("")
            lines.append("promotions, in walk order:")
            lines += TextTable(explanation.promotions.map { trace in
                ["\(trace.applied ? "✓" : "·") \(trace.promotion)", trace.detail]
            }, indent: "  ").lines()
        }
        return lines
    }

    private static func steps(_ steps: [ListPriceExplanation.Step], rounding: ListPriceExplanation.Rounding, price: Money) -> [String] {
        guard !steps.isEmpty else { return [] }
        var rows = steps.enumerated().map { index, step in
            ((index == 0 ? "  " : "  × ") + step.label, "\(step.value) \(step.currency.code)")
        }
        let last: String = if case .pricePoint = rounding { "  " } else { "  rounded " }
        rows.append((last + ExplanationText.rounding(rounding, currency: price.currency), "\(price)"))
        return table(rows, indent: "")
    }

    /// Two aligned columns: the layout of a quote's rows, shared with the CLI's test report.
    package static func table(_ rows: [(String, String)], indent: String = "  ") -> [String] {
        TextTable(rows.map { [$0.0, $0.1] }, indent: indent).lines()
    }
}
