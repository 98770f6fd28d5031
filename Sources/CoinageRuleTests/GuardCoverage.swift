import CoinageAnalysis
import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// Whether the tests exercise a guard's worst case: the request the analysis finds
/// closest to breaking the guard (`RuleAnalysis.worstCases`).
///
/// A test exercises it when it quotes the same item in the same region on the same
/// channel, and for `discount at most` also gets the same promotions applied (the
/// combination is what the worst case is about). For `price per coin falls with
/// size` the tests must quote both bundles of the pair, in one test or two.
public struct GuardCoverage: Hashable, Sendable {
    public let guardRule: Guard
    /// Empty when the analysis has nothing to measure for the guard, or nothing to
    /// exercise (`discount at most` where no promotion takes anything off); it then
    /// counts as no item at all.
    public let worstCases: [GuardWorstCase]
    public let isExercised: Bool

    /// The coverage of every guard of the rules, from the analysis of `rules` and `book`.
    static func all(report: RuleTestReport, rules: RuleSet, book: PriceBook) -> [GuardCoverage] {
        of(rules.guards, worstCases: RuleAnalysis.worstCases(rules, book: book), results: report.results)
    }

    /// The coverage of `guards` given their worst cases.
    public static func of(_ guards: [Guard], worstCases: [GuardWorstCase], results: [RuleTestResult]) -> [GuardCoverage] {
        let quotes = results.compactMap(\.quote)
        return guards.map { guardRule in
            let cases = worstCases.filter { $0.guardRule == guardRule && !$0.takesNothingOff }
            return GuardCoverage(guardRule: guardRule, worstCases: cases,
                                 isExercised: cases.contains { $0.isExercised(by: quotes) })
        }
    }
}

extension GuardWorstCase {
    /// True when the quotes include this worst case (see `GuardCoverage`).
    public func isExercised(by quotes: [Quote]) -> Bool {
        let main = quotes.contains { quote in
            quote.isFor(request) && (!guardRule.isDiscountGuard || quote.applied.sorted() == self.quote.applied.sorted())
        }
        guard let comparedRequest else { return main }
        return main && quotes.contains { $0.isFor(comparedRequest) }
    }

    /// True for a `discount at most` worst case of no discount: no promotion takes
    /// anything off anywhere, so no test can exercise anything.
    var takesNothingOff: Bool {
        if case .discount(let share, _) = measure { share.isZero } else { false }
    }

    /// `coins_700 in DE on web`, and the bundle it is compared with.
    public var cellText: String {
        let main = request.cellText
        guard let comparedRequest else { return main }
        return "\(comparedRequest.cellText) and \(main)"
    }
}

extension Guard {
    var isDiscountGuard: Bool {
        if case .discountAtMost = kind { true } else { false }
    }

    /// `discount at most 50%`, as written.
    public var text: String {
        switch kind {
        case .discountAtMost(let limit): "discount at most \(limit)"
        case .pricePerCoinFallsWithSize: "price per coin falls with size"
        case .pricePerCoinDoesNotRiseWithSize: "price per coin does not rise with size"
        case .regionPriceWithin(let limit): "region price within \(limit) of base"
        }
    }
}

extension Quote {
    /// True when this quote is of the item, region and channel `request` asks for.
    func isFor(_ request: QuoteRequest) -> Bool {
        guard region == request.region, channel == request.channel else { return false }
        switch request.item {
        case .bundle(let name): return !isCustomAmount && item == name
        case .coins(let coins): return isCustomAmount && self.coins.base == coins
        }
    }
}
