import CoinageChecker
import CoinageSyntax

/// The words of traces: what a promotion did, which values made a condition false.
extension PriceBook {
    func describeEffect(_ index: Int, amount: Money?, bonus: Int64?) -> String {
        var parts: [String] = []
        if let effect = program.promotions[index].effectText { parts.append(effect + (amount.map { ": −\($0)" } ?? "")) }
        if let bonus { parts.append("+\(bonus) bonus \(unit.plural)") }
        return "applied: " + parts.joined(separator: ", ")
    }

    /// The text of a part of a condition, as written in the rule files.
    func conditionText(_ label: ConditionLabel) -> String {
        sources[label.span.file].text(of: label.span)
    }

    /// The request's values for the fields a false condition reads.
    func describeValues(_ label: ConditionLabel, context: WalkContext, user: [String: UserValue]) -> String {
        let values = label.fields.map { field -> String in
            switch field {
            case .bundle: "bundle is `\(names.items[context.item])`"
            case .region: "region is `\(regions.codes[context.region])`"
            case .channel: "channel is `\(channels.names[context.channel] ?? "none")`"
            case .currency: "currency is `\(regions.currency[context.region].code)`"
            case .coins: "\(unit.plural) is \(context.baseCoins)"
            case .list: "list is \(Money(minorUnits: context.list, currency: regions.currency[context.region]))"
            case .user(let name): "user.\(name) is " + (user[name].map(Self.describe) ?? "missing")
            }
        }
        return values.isEmpty ? "" : ": " + values.joined(separator: ", ")
    }

    static func describe(_ value: UserValue) -> String { "`\(value.ruleText)`" }

    func notForThisItemDetail(_ index: Int, context: WalkContext) -> String {
        guard let label = program.promotions[index].conditionLabel else { return "it does not concern this bundle or region" }
        return "`\(conditionText(label))` cannot hold for `\(names.items[context.item])` in `\(regions.codes[context.region])`"
    }
}
