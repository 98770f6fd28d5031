import CoinageAnalysis
import CoinageChecker
import CoinageEngine
import CoinageSyntax

extension RuleTest.Expectation {
    /// The expectation as a report states it: `price 7.99 EUR`, `not applied vip_code`.
    public var text: String { text(in: .coins) }

    /// The expectation as a report states it, counting coins in the shop's unit
    /// (`bits 110`).
    public func text(in unit: CoinUnit) -> String {
        switch self {
        case let .money(field, money): "\(field) \(money)"
        case .coins(let coins): "\(unit.plural) \(coins)"
        case .applied(let promotion): "applied \(promotion)"
        case .notApplied(let promotion): "not applied \(promotion)"
        case .error(let kind): "error \(kind.rawValue)"
        }
    }

    /// What the quote or refusal shows in place of this expectation, when it does not
    /// hold; nil when it holds.
    public func mismatch(in outcome: Result<Quote, QuoteError>, unit: CoinUnit = .coins) -> String? {
        switch (self, outcome) {
        case (.error(let kind), .failure(let error)):
            return error.kind == kind ? nil : "error \(error.kind.rawValue): \(error.message)"
        case (.error, .success(let quote)):
            return "a quote: price \(quote.price), total \(quote.total)"
        case (_, .failure(let error)):
            return "no quote: error \(error.kind.rawValue): \(error.message)"
        case let (.money(field, expected), .success(quote)):
            guard let actual = quote.amount(field) else { return "no \(field) in a quote" }
            return actual == expected ? nil : "\(field) \(actual)"
        case let (.coins(expected), .success(quote)):
            let coins = quote.coins
            guard coins.total != expected else { return nil }
            let total = "\(unit.plural) \(coins.total)"
            return coins.bonus > 0 ? "\(total) (\(coins.base) + \(coins.bonus) bonus)" : total
        case let (.applied(promotion), .success(quote)):
            if quote.applied.contains(promotion) { return nil }
            return "not applied" + (quote.trace(of: promotion).map { ": \($0.detail)" } ?? "")
        case let (.notApplied(promotion), .success(quote)):
            guard quote.applied.contains(promotion) else { return nil }
            return "applied" + (quote.trace(of: promotion).map { ": \($0.detail)" } ?? "")
        }
    }
}

extension Quote {
    /// The amount an `expect` line names: price, total, tax, list, proceeds or discount.
    func amount(_ field: String) -> Money? {
        switch field {
        case "price": return price
        case "total": return total
        case "tax": return tax.amount
        case "list": return list
        case "proceeds": return proceeds
        case "discount":
            // The discount lines sum exactly to list − price, which never goes below zero.
            let (difference, overflow) = list.minorUnits.subtractingReportingOverflow(price.minorUnits)
            return overflow ? nil : Money(minorUnits: difference, currency: currency)
        default: return nil
        }
    }

    /// What the trace says about one promotion.
    func trace(of promotion: String) -> PromotionTrace? {
        explanation?.promotions.first { $0.promotion == promotion }
    }
}
