import Coinage
import CoinageSyntax

/// Writes quotes as compact JSON lines, straight into a byte buffer.
///
/// Same shape as `QuoteJSON` (which builds a document for pretty output), without
/// building one: a batch writes hundreds of thousands of lines a second.
public struct QuoteLineWriter {
    public private(set) var buffer: [UInt8] = []

    public init(capacity: Int = 1 << 20) {
        buffer.reserveCapacity(capacity)
    }

    public mutating func removeAll() { buffer.removeAll(keepingCapacity: true) }

    public mutating func write(_ quote: Quote) {
        if quote.explanation != nil {
            // Explanations are rare in batches: write them through the document builder.
            append(QuoteJSON.quote(quote).serialized())
            buffer.append(10)
            return
        }
        raw("{")
        if quote.isCustomAmount {
            raw("\"coinsRequested\":"); integer(quote.coins.base)
            raw(",\"custom\":"); string(quote.item)
        } else {
            raw("\"bundle\":"); string(quote.item)
        }
        raw(",\"region\":"); string(quote.region)
        raw(",\"channel\":")
        if let channel = quote.channel { string(channel) } else { raw("null") }
        raw(",\"currency\":"); string(quote.currency.code)
        raw(",\"coins\":{\"base\":"); integer(quote.coins.base)
        raw(",\"bonus\":"); integer(quote.coins.bonus)
        raw(",\"total\":"); integer(quote.coins.total)
        raw("},\"list\":"); money(quote.list)
        raw(",\"discounts\":[")
        for (position, line) in quote.discounts.enumerated() {
            if position > 0 { raw(",") }
            raw("{\"promotion\":"); string(line.promotion)
            raw(",\"amount\":"); money(line.amount)
            raw("}")
        }
        raw("],\"price\":"); money(quote.price)
        raw(",\"tax\":{\"ratePercent\":"); string(quote.tax.rate.value.description)
        raw(",\"included\":"); raw(quote.tax.included ? "true" : "false")
        raw(",\"amount\":"); money(quote.tax.amount)
        raw("},\"total\":"); money(quote.total)
        raw(",\"proceeds\":"); money(quote.proceeds)
        raw(",\"applied\":[")
        for (position, name) in quote.applied.enumerated() {
            if position > 0 { raw(",") }
            string(name)
        }
        raw("],\"rules\":"); string(quote.ruleSetHash)
        raw("}\n")
    }

    public mutating func write(_ error: QuoteError) {
        append(QuoteJSON.error(error).serialized())
        buffer.append(10)
    }

    /// A refused line: `{"error":{"code":"invalid_request","message":...}}`.
    public mutating func writeInvalidRequest(_ message: String, line: Int) {
        raw("{\"error\":{\"code\":\"invalid_request\",\"message\":")
        string("line \(line): \(message)")
        raw("}}\n")
    }

    // MARK: - Pieces

    @inline(__always)
    private mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { buffer.append(contentsOf: $0) }
    }

    private mutating func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
    }

    private mutating func string(_ text: String) {
        buffer.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0..<0x20:
                raw("\\u00")
                let digits: [UInt8] = Array("0123456789abcdef".utf8)
                buffer.append(digits[Int(byte >> 4)])
                buffer.append(digits[Int(byte & 15)])
            default: buffer.append(byte)
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }

    private mutating func integer(_ value: Int64) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        digits(value.magnitude, minimumDigits: 1)
    }

    private mutating func digits(_ value: UInt64, minimumDigits: Int) {
        var scratch: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &scratch) { space in
            repeat {
                space[19 - count] = UInt8(48 + rest % 10)
                rest /= 10
                count += 1
            } while rest > 0 || count < minimumDigits
            buffer.append(contentsOf: space[(20 - count)...])
        }
    }

    /// `{"amount":"6.99","currency":"EUR"}`, with all the currency's decimals.
    private mutating func money(_ money: Money) {
        raw("{\"amount\":\"")
        let exponent = money.currency.exponent
        if money.minorUnits < 0 { buffer.append(UInt8(ascii: "-")) }
        let magnitude = money.minorUnits.magnitude
        if exponent == 0 {
            digits(magnitude, minimumDigits: 1)
        } else {
            let divisor = UInt64(money.currency.minorUnitsPerMajor)
            digits(magnitude / divisor, minimumDigits: 1)
            buffer.append(UInt8(ascii: "."))
            digits(magnitude % divisor, minimumDigits: exponent)
        }
        raw("\",\"currency\":")
        string(money.currency.code)
        raw("}")
    }
}
