import Coinage
import CoinageFoundation
import CoinageSyntax
import Foundation

/// The invariants both harnesses assert; a broken one stops the fuzzer with its reason.
///
/// `fatalError` is the point here: libFuzzer records the input that reached it.
enum FuzzInvariants {
    /// Stops the run, naming the invariant and the value that broke it.
    static func broken(_ what: String) -> Never {
        fatalError("invariant broken: \(what)")
    }

    /// A quote's amounts agree with each other: discounts, price, tax and total.
    static func check(_ quote: Quote) {
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

    /// The same request with and without `explain` prices the same.
    static func checkSame(_ plain: Quote, _ explained: Quote) {
        guard plain.item == explained.item, plain.region == explained.region, plain.channel == explained.channel,
              plain.currency == explained.currency, plain.coins == explained.coins, plain.list == explained.list,
              plain.discounts == explained.discounts, plain.applied == explained.applied, plain.price == explained.price,
              plain.tax == explained.tax, plain.total == explained.total, plain.proceeds == explained.proceeds
        else { broken("explain changed the quote: \(plain) vs \(explained)") }
        guard plain.explanation == nil, explained.explanation != nil else { broken("explanation present when not asked for, or missing") }
    }

    /// The writer's output is exactly one line of valid JSON ending in a newline.
    static func checkLine(_ bytes: [UInt8], _ what: String) {
        guard bytes.last == 10 else { broken("\(what): line does not end in \\n: \(String(decoding: bytes, as: UTF8.self))") }
        guard bytes.count(where: { $0 == 10 || $0 == 13 }) == 1 else {
            broken("\(what): not one line: \(String(decoding: bytes, as: UTF8.self))")
        }
        checkJSON(Data(bytes.dropLast()), what)
    }

    /// `text` is one valid JSON document.
    static func checkJSON(_ data: Data, _ what: String) {
        guard String(data: data, encoding: .utf8) != nil else { broken("\(what): output is not UTF-8") }
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            broken("\(what): not valid JSON (\(error)): \(String(decoding: data, as: UTF8.self))")
        }
    }

    /// Quotes a request plain and explained, checks both, and writes both lines.
    static func quoteAndWrite(_ request: QuoteRequest, book: PriceBook, writer: inout QuoteLineWriter) {
        var plainRequest = request
        plainRequest.explain = false
        var explainedRequest = request
        explainedRequest.explain = true
        let plain = book.quote(plainRequest)
        let explained = book.quote(explainedRequest)
        switch (plain, explained) {
        case (.success(let a), .success(let b)):
            check(a)
            check(b)
            checkSame(a, b)
            writer.removeAll()
            writer.write(a)
            checkLine(writer.buffer, "quote line")
            writer.removeAll()
            writer.write(b)
            checkLine(writer.buffer, "explained quote line")
        case (.failure(let a), .failure(let b)):
            guard a == b else { broken("explain changed the error: \(a) vs \(b)") }
            writer.removeAll()
            writer.write(a)
            checkLine(writer.buffer, "error line")
        default:
            broken("explain changed whether the request quotes: \(plain) vs \(explained)")
        }
    }
}
