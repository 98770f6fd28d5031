import Coinage
import CoinageFormat
import CoinageFoundation
import CoinageIO
import CoinageSyntax
import Foundation

/// The invariants of a quote, shared by the quote and request-line harnesses.
extension FuzzInvariants {
    /// A quote's amounts agree with each other: discounts, price, floor, tax and total.
    static func check(_ quote: Quote, floor: Percentage) {
        let currency = quote.currency
        for money in [quote.list, quote.price, quote.tax.amount, quote.total, quote.proceeds] + quote.discounts.map(\.amount) {
            guard money.currency == currency else { broken("\(money) is not in the quote's currency \(currency)") }
        }
        var discounted: Int64 = 0
        for line in quote.discounts {
            guard line.amount.minorUnits >= 0 else { broken("discount \(line.promotion) is negative: \(line.amount)") }
            let (sum, overflow) = discounted.addingReportingOverflow(line.amount.minorUnits)
            guard !overflow else { broken("the discounts of \(quote.item) overflow when summed") }
            discounted = sum
        }
        let (difference, overflow) = quote.list.minorUnits.subtractingReportingOverflow(quote.price.minorUnits)
        guard !overflow, difference == discounted else {
            broken("discounts sum to \(discounted) but list − price is \(quote.list) − \(quote.price)")
        }
        guard quote.price.minorUnits >= 0, quote.price.minorUnits <= quote.list.minorUnits else {
            broken("price \(quote.price) is outside 0…list \(quote.list)")
        }
        checkFloor(quote, floor: floor)
        guard quote.tax.amount.minorUnits >= 0 else { broken("tax \(quote.tax.amount) is negative") }
        if quote.tax.included {
            guard quote.total == quote.price else { broken("tax included but total \(quote.total) ≠ price \(quote.price)") }
            guard quote.tax.amount.minorUnits <= quote.price.minorUnits else {
                broken("included tax \(quote.tax.amount) is more than the price \(quote.price)")
            }
        } else {
            let (sum, overflow) = quote.price.minorUnits.addingReportingOverflow(quote.tax.amount.minorUnits)
            guard !overflow, quote.total.minorUnits == sum else {
                broken("tax added but total \(quote.total) ≠ price \(quote.price) + tax \(quote.tax.amount)")
            }
        }
        guard quote.coins.base >= 0, quote.coins.bonus >= 0 else { broken("negative coins \(quote.coins)") }
    }

    /// A discounted price is at least `list × floor`: `price × 100 × 10^s ≥ list × f`
    /// for a floor of `f × 10^-s` percent, computed in 128 bits so it cannot overflow.
    static func checkFloor(_ quote: Quote, floor: Percentage) {
        guard quote.price.minorUnits < quote.list.minorUnits else { return }
        let percent = floor.value
        guard percent.scale >= 0, percent.scale <= 18 else { broken("floor \(floor) has scale \(percent.scale)") }
        var denominator: Int128 = 100
        for _ in 0..<percent.scale { denominator *= 10 }
        let price = Int128(quote.price.minorUnits) * denominator
        let floorValue = Int128(quote.list.minorUnits) * Int128(percent.significand)
        guard price >= floorValue else {
            broken("price \(quote.price) of \(quote.item) in \(quote.region) is below the floor \(floor) of the list price \(quote.list)")
        }
    }

    /// The same request with and without `explain` prices the same.
    static func checkSame(_ plain: Quote, _ explained: Quote) {
        guard plain.item == explained.item, plain.region == explained.region, plain.channel == explained.channel,
              plain.currency == explained.currency, plain.coins == explained.coins, plain.list == explained.list,
              plain.discounts == explained.discounts, plain.applied == explained.applied, plain.price == explained.price,
              plain.tax == explained.tax, plain.total == explained.total, plain.proceeds == explained.proceeds
        else { broken("explain changed the quote: \(plain) vs \(explained)") }
        guard plain.explanation == nil, explained.explanation != nil else { broken("explanation present when not asked for, or missing") }
    }

    /// Quotes a request plain and explained, checks both, and (with `write`) writes
    /// both lines. With `again`, the plain request is quoted a second time and must
    /// give the very same answer: a quote depends on nothing but the book and the
    /// request. `floor` is the rules' floor, which no quote may go below.
    static func quoteAndWrite(_ request: QuoteRequest, book: PriceBook, floor: Percentage, writer: inout QuoteLineWriter,
                              again: Bool = false, write: Bool = true) {
        var plainRequest = request
        plainRequest.explain = false
        var explainedRequest = request
        explainedRequest.explain = true
        let plain = book.quote(plainRequest)
        let explained = book.quote(explainedRequest)
        if again {
            let second = book.quote(plainRequest)
            guard second == plain else { broken("the same request quoted twice gave \(plain) then \(second)") }
        }
        switch (plain, explained) {
        case (.success(let a), .success(let b)):
            check(a, floor: floor)
            check(b, floor: floor)
            checkSame(a, b)
            guard write else { return }
            writer.removeAll()
            writer.write(a)
            checkLine(writer.buffer, "quote line")
            writer.removeAll()
            writer.write(b)
            checkLine(writer.buffer, "explained quote line")
        case (.failure(let a), .failure(let b)):
            guard a == b else { broken("explain changed the error: \(a) vs \(b)") }
            guard write else { return }
            writer.removeAll()
            writer.write(a)
            checkLine(writer.buffer, "error line")
        default:
            broken("explain changed whether the request quotes: \(plain) vs \(explained)")
        }
    }
}
