import CoinageChecker
import CoinageSyntax

/// Whether a request is in an experiment's audience.
///
/// The audience is a condition of the promotion language, read on the request
/// itself (its bundle, region, channel, the region's currency, its coins, the
/// buyer's facts), with the same three values: a fact the request does not carry
/// makes a comparison unknown, and only a condition that is true takes a request in.
package struct ExperimentAudience {
    let condition: Condition
    /// Each region's currency code.
    let currencies: [String: String]
    /// Each bundle's base coins.
    let bundleCoins: [String: Int64]
    /// The custom amounts, to name the one a `N coins` request buys.
    let customAmounts: [CustomAmount]

    package init(_ condition: Condition, rules: RuleSet) {
        self.condition = condition
        var currencies: [String: String] = [:]
        for region in rules.regions { currencies[region.code] = region.currency.code }
        self.currencies = currencies
        var coins: [String: Int64] = [:]
        for bundle in rules.bundles { coins[bundle.name] = bundle.coins }
        bundleCoins = coins
        customAmounts = rules.customAmounts
    }

    /// True when the condition holds for `request`.
    package func includes(_ request: QuoteRequest) -> Bool {
        truth(condition, request) == .yes
    }

    private func truth(_ condition: Condition, _ request: QuoteRequest) -> Truth {
        switch condition.kind {
        case .and(let a, let b): return Truth.and(truth(a, request), truth(b, request))
        case .or(let a, let b): return Truth.or(truth(a, request), truth(b, request))
        case .not(let inner): return truth(inner, request).negated
        case .bundle(let names):
            guard let name = itemName(request) else { return .unknown }
            return Truth(names.contains(name))
        case .region(let codes): return Truth(codes.contains(request.region))
        case .channel(let names):
            guard let channel = request.channel else { return .unknown }
            return Truth(names.contains(channel))
        case .currency(let codes):
            guard let currency = currencies[request.region] else { return .unknown }
            return Truth(codes.contains(currency))
        case .coins(let op, let value):
            guard let coins = coins(request) else { return .unknown }
            return Truth(op.holds(coins, value))
        case .list:
            // The checker keeps `list` out of audiences: an arm may change list prices.
            return .unknown
        case .userBool(let name, let expected):
            guard case .bool(let value)? = request.user[name] else { return .unknown }
            return Truth(value == expected)
        case .userInt(let name, let op, let expected):
            guard case .int(let value)? = request.user[name] else { return .unknown }
            return Truth(op.holds(value, expected))
        case .userDate(let name, let op, let expected):
            guard case .date(let value)? = request.user[name] else { return .unknown }
            return Truth(op.holds(value, expected))
        case .userValue(let name, let values):
            guard case .value(let value)? = request.user[name] else { return .unknown }
            return Truth(values.contains(value))
        case .userValueExcluded(let name, let values):
            guard case .value(let value)? = request.user[name] else { return .unknown }
            return Truth(!values.contains(value))
        }
    }

    private func itemName(_ request: QuoteRequest) -> String? {
        switch request.item {
        case .bundle(let name): return name
        case .coins(let count): return customAmount(count, channel: request.channel)?.name
        }
    }

    private func coins(_ request: QuoteRequest) -> Int64? {
        switch request.item {
        case .bundle(let name): return bundleCoins[name]
        case .coins(let count): return count
        }
    }

    private func customAmount(_ count: Int64, channel: String?) -> CustomAmount? {
        customAmounts.first { amount in
            (amount.minimumCoins...amount.maximumCoins).contains(count)
                && (amount.channels.isEmpty || channel.map { amount.channels.contains($0) } ?? true)
        }
    }
}
