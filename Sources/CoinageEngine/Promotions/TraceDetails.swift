import CoinageChecker
import CoinageSyntax

/// The words of traces: what a promotion did, which values made a condition false.
extension PriceBook {
    func describeEffect(_ index: Int, amount: Money?, bonus: Int64?) -> String {
        var parts: [String] = []
        switch promotions[index].source.priceEffect {
        case .percentOff(let percent)?: parts.append("\(percent) off" + (amount.map { ": −\($0)" } ?? ""))
        case .amountOff(let money)?: parts.append("\(money) off" + (amount.map { ": −\($0)" } ?? ""))
        case .setPrice(let money)?: parts.append("price \(money)" + (amount.map { ": −\($0)" } ?? ""))
        case nil: break
        }
        if let bonus { parts.append("+\(bonus) bonus coins") }
        return "applied: " + parts.joined(separator: ", ")
    }

    /// The request's values for the fields a false condition reads.
    func describeValues(_ condition: Condition, facts: ConditionFacts, context: WalkContext, user: [String: UserValue]) -> String {
        var values: [String] = []
        func collect(_ kind: Condition.Kind) {
            switch kind {
            case .and(let a, let b), .or(let a, let b):
                collect(a.kind)
                collect(b.kind)
            case .not(let a): collect(a.kind)
            case .bundle: values.append("bundle is `\(items[context.item])`")
            case .region: values.append("region is `\(rules.regions[context.region].code)`")
            case .channel: values.append("channel is `\(channelSlots[context.channel]?.name ?? "none")`")
            case .currency: values.append("currency is `\(regionCurrencies[context.region].code)`")
            case .coins: values.append("coins is \(context.baseCoins)")
            case .list: values.append("list is \(Money(minorUnits: context.list, currency: regionCurrencies[context.region]))")
            case .userBool(let name, _), .userInt(let name, _, _), .userDate(let name, _, _), .userValue(let name, _),
                 .userValueExcluded(let name, _):
                values.append("user.\(name) is " + (user[name].map(Self.describe) ?? "missing"))
            }
        }
        collect(condition.kind)
        var unique: [String] = []
        for value in values where !unique.contains(value) { unique.append(value) }
        return unique.isEmpty ? "" : ": " + unique.joined(separator: ", ")
    }

    static func describe(_ value: UserValue) -> String { "`\(value.ruleText)`" }

    func notForThisItemDetail(_ promotion: CompiledPromotion, facts: ConditionFacts) -> String {
        guard let source = promotion.source.condition else { return "it does not concern this bundle or region" }
        let text = rules.sources[source.span.file].text(of: source.span)
        return "`\(text)` cannot hold for `\(items[facts.item])` in `\(rules.regions[facts.region].code)`"
    }
}
