import CoinageSyntax

/// Converts amounts between currencies with the rule set's rates.
///
/// A rate says how many units of a currency one unit of the base currency buys, so
/// any currency converts to any other through the base: `x × rate(to) / rate(from)`.
package struct Conversion: Sendable {
    /// The currency rates are written against.
    package let baseCurrency: Currency
    /// Units of each currency (by code) per one unit of the base currency.
    package let rates: [String: ExactDecimal]

    package init(_ rules: RuleSet) {
        baseCurrency = rules.baseCurrency
        rates = rules.rates
    }

    /// Units of `currency` per one unit of the base currency.
    package func rate(_ currency: Currency) throws(ArithmeticOverflow) -> Fraction {
        if currency == baseCurrency { return .one }
        guard let decimal = rates[currency.code], let rate = Fraction(decimal) else { throw ArithmeticOverflow() }
        return rate
    }

    /// Whether `currency` converts: it is the base currency or has a positive rate.
    package func hasRate(_ currency: Currency) -> Bool {
        (try? rate(currency)).map { !$0.isZero } ?? false
    }

    /// `value` (major units of `from`) in major units of `to`, exactly.
    package func convert(_ value: Fraction, from: Currency, to: Currency) throws(ArithmeticOverflow) -> Fraction {
        guard from != to else { return value }
        return try value.dividedBy(rate(from)).multiplied(by: rate(to))
    }

    /// `value` converted exactly, however wide the intermediate.
    package func convert(_ value: BigFraction, from: Currency, to: Currency) throws(ArithmeticOverflow) -> BigFraction {
        guard from != to else { return value }
        return try value.dividedBy(rate(from)).multiplied(by: rate(to))
    }

    /// An amount converted and rounded half-even to the minor unit of `to`.
    package func convert(_ money: Money, to: Currency) throws(ArithmeticOverflow) -> Money {
        guard money.currency != to else { return money }
        guard let value = Fraction(money.decimal) else { throw ArithmeticOverflow() }
        let minor = try convert(BigFraction(value), from: money.currency, to: to).multiplied(by: to.minorUnitsPerMajorUnsigned)
        guard let rounded = minor.rounded(.halfEven), rounded <= UInt64(Int64.max) else { throw ArithmeticOverflow() }
        return Money(minorUnits: Int64(rounded), currency: to)
    }

    /// How a conversion step is named in explanations: `rate EUR 0.92`, or both
    /// rates when neither currency is the base.
    package func label(from: Currency, to: Currency) -> String {
        let base = baseCurrency
        if from == base { return "rate \(to.code) \(rates[to.code].map { "\($0)" } ?? "?")" }
        if to == base { return "rate \(from.code) \(rates[from.code].map { "\($0)" } ?? "?") (divided)" }
        return "rates \(from.code) \(rates[from.code].map { "\($0)" } ?? "?") → \(to.code) \(rates[to.code].map { "\($0)" } ?? "?")"
    }
}
