import CoinageSyntax

/// A currency and the number of decimal digits of its minor unit.
public struct Currency: Hashable, Sendable, CustomStringConvertible {
    public let code: String
    /// Digits after the decimal point: JPY 0, USD 2, KWD 3.
    public let exponent: Int

    public init(code: String, exponent: Int) {
        self.code = code
        self.exponent = exponent
    }

    /// `10^exponent`: minor units in one major unit.
    public var minorUnitsPerMajor: Int64 {
        var value: Int64 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    public var description: String { code }
}

/// The currencies a rule set knows: every ISO 4217 currency plus its own declarations.
public struct CurrencyTable: Sendable {
    private var declared: [String: Currency] = [:]

    public init() {}

    public mutating func declare(_ currency: Currency) {
        declared[currency.code] = currency
    }

    public subscript(code: String) -> Currency? {
        if let currency = declared[code] { return currency }
        return ISO4217.entry(code).map { Currency(code: $0.code, exponent: $0.minorUnits) }
    }

    /// Every code, for "did you mean" suggestions.
    public var allCodes: [String] { ISO4217.entries.map { $0.code } + declared.keys.sorted() }
}

/// An exact amount of money in a currency's minor units (cents for USD, yen for JPY).
public struct Money: Hashable, Sendable, CustomStringConvertible {
    public let minorUnits: Int64
    public let currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// The amount as an exact decimal in major units.
    public var decimal: ExactDecimal { ExactDecimal(significand: minorUnits, scale: currency.exponent) }

    /// `9.99 USD`, `160 JPY`, `1.990 KWD`: always with all the currency's decimals.
    public var description: String { "\(decimal) \(currency.code)" }
}

/// Why a literal amount could not become `Money`.
public enum MoneyConversionError: Error, Hashable, Sendable {
    /// More decimals than the currency's minor unit.
    case tooManyDecimals(allowed: Int)
    /// The amount does not fit in 64-bit minor units.
    case overflow
}

extension Money {
    /// The exact amount `value` in `currency`, refusing digits below the minor unit.
    public static func exact(_ value: ExactDecimal, in currency: Currency) -> Result<Money, MoneyConversionError> {
        guard value.significantScale <= currency.exponent else {
            return .failure(.tooManyDecimals(allowed: currency.exponent))
        }
        guard let minor = value.significand(atScale: currency.exponent) else { return .failure(.overflow) }
        return .success(Money(minorUnits: minor, currency: currency))
    }
}
