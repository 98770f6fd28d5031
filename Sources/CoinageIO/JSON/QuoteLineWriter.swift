import Coinage
import CoinageSyntax

/// Writes quotes as compact JSON lines, straight into a byte buffer.
///
/// Same shape as `QuoteJSON` (which builds a document for pretty output), without
/// building one: a batch writes hundreds of thousands of lines a second.
public struct QuoteLineWriter {
    private let output: OutputBytes
    /// The lines written since the last `removeAll()`.
    public var buffer: [UInt8] { output.array }
    /// How many bytes `buffer` holds, without copying them.
    public var byteCount: Int { output.count }
    /// The last rule-set hash written, as JSON bytes: it is the same on every line.
    private var hashText: String = ""
    private var hashBytes: [UInt8] = []
    /// `","currency":"EUR"}` for the last currency written: a quote repeats it five times.
    private var currencyCode: String = ""
    private var currencySuffix: [UInt8] = []
    /// The last instant written and its JSON bytes: a batch's lines mostly share one.
    private var instant: Int64?
    private var instantBytes: [UInt8] = []
    /// The last tax rate written and its text.
    private var taxRate: Percentage = .zero
    private var taxRateText = "0"

    public init(capacity: Int = 1 << 20) {
        output = OutputBytes(capacity: capacity)
    }

    public mutating func removeAll() { output.removeAll() }

    public mutating func write(_ quote: Quote) {
        if quote.explanation != nil {
            // Explanations are rare in batches: write them through the document builder.
            append(QuoteJSON.quote(quote).serialized())
            output.append(10)
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
        raw(",\"at\":")
        if quote.instant != instant {
            instant = quote.instant
            instantBytes = Array("\"\(QuoteJSON.instantText(quote.instant))\"".utf8)
        }
        instantBytes.withUnsafeBufferPointer { output.append($0) }
        raw(",\"currency\":"); string(quote.currency.code)
        raw(",\"coins\":{\"base\":"); integer(quote.coins.base)
        raw(",\"bonus\":"); integer(quote.coins.bonus)
        raw(",\"total\":"); integer(quote.coins.total)
        raw("},\"list\":"); money(quote.list)
        raw(",\"discounts\":[")
        var first = true
        for applied in quote.promotions {
            guard let amount = applied.discount else { continue }
            if !first { raw(",") }
            first = false
            raw("{\"promotion\":"); string(applied.promotion)
            raw(",\"amount\":"); money(amount)
            raw("}")
        }
        raw("],\"price\":"); money(quote.price)
        raw(",\"tax\":{\"ratePercent\":")
        if quote.tax.rate != taxRate {
            taxRate = quote.tax.rate
            taxRateText = quote.tax.rate.value.description
        }
        string(taxRateText)
        raw(",\"included\":"); raw(quote.tax.included ? "true" : "false")
        raw(",\"amount\":"); money(quote.tax.amount)
        raw("},\"total\":"); money(quote.total)
        raw(",\"proceeds\":"); money(quote.proceeds)
        raw(",\"applied\":[")
        for (position, applied) in quote.promotions.enumerated() {
            if position > 0 { raw(",") }
            string(applied.promotion)
        }
        raw("],\"rules\":")
        if quote.ruleSetHash != hashText {
            hashText = quote.ruleSetHash
            let start = output.count
            string(quote.ruleSetHash)
            hashBytes = Array(UnsafeBufferPointer(start: output.base + start, count: output.count - start))
        } else {
            hashBytes.withUnsafeBufferPointer { output.append($0) }
        }
        raw("}\n")
    }

    public mutating func write(_ error: QuoteError) {
        append(QuoteJSON.error(error).serialized())
        output.append(10)
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
        text.withUTF8Buffer { output.append($0) }
    }

    private mutating func append(_ text: String) {
        var copy = text
        copy.withUTF8 { output.append($0) }
    }

    private mutating func string(_ text: String) {
        output.append(UInt8(ascii: "\""))
        // Names and codes almost never need escaping: copy them whole when they don't,
        // through one contiguous view of their bytes.
        var copy = text
        let plain = copy.withUTF8 { bytes -> Bool in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            output.append(bytes)
            return true
        }
        if plain {
            output.append(UInt8(ascii: "\""))
            return
        }
        let hexDigits: StaticString = "0123456789abcdef"
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0..<0x20:
                raw("\\u00")
                hexDigits.withUTF8Buffer { digits in
                    output.append(digits[Int(byte >> 4)])
                    output.append(digits[Int(byte & 15)])
                }
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private mutating func integer(_ value: Int64) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        output.appendDigits(value.magnitude, minimumDigits: 1)
    }

    /// `{"amount":"6.99","currency":"EUR"}`, with all the currency's decimals.
    private mutating func money(_ money: Money) {
        raw("{\"amount\":\"")
        let exponent = money.currency.exponent
        if money.minorUnits < 0 { output.append(UInt8(ascii: "-")) }
        let magnitude = money.minorUnits.magnitude
        if exponent == 0 {
            output.appendDigits(magnitude, minimumDigits: 1)
        } else {
            let divisor = UInt64(money.currency.minorUnitsPerMajor)
            output.appendDigits(magnitude / divisor, minimumDigits: 1)
            output.append(UInt8(ascii: "."))
            output.appendDigits(magnitude % divisor, minimumDigits: exponent)
        }
        if money.currency.code != currencyCode {
            currencyCode = money.currency.code
            let start = output.count
            raw("\",\"currency\":")
            string(money.currency.code)
            raw("}")
            currencySuffix = Array(UnsafeBufferPointer(start: output.base + start, count: output.count - start))
        } else {
            currencySuffix.withUnsafeBufferPointer { output.append($0) }
        }
    }
}
