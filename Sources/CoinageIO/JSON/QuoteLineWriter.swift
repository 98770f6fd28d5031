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
    /// The last currency written, by its number in the price book: its code as a
    /// JSON string, its decimals, and `","currency":"EUR"}`, which a quote repeats
    /// five times.
    private var currencyNumber = -1
    private var currencyText: [UInt8] = []
    private var currencyExponent = 0
    private var currencyDivisor: UInt64 = 1
    private var currencySuffix: [UInt8] = []
    /// The last instant written and its JSON bytes: a batch's lines mostly share one.
    private var instant: Int64?
    private var instantBytes: [UInt8] = []
    /// Names as JSON strings, by their number in the price book, rendered once each;
    /// and per region, its tax rate and mode as JSON members.
    private var rendered = [RenderedNames](repeating: RenderedNames(), count: RenderedKind.allCases.count)

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
        if quote.ruleSetHash != hashText { useRules(of: quote) }
        if quote.currencyNumber != currencyNumber { useCurrency(of: quote) }
        raw("{")
        if quote.isCustomAmount {
            raw("\"coinsRequested\":"); integer(quote.coins.base)
            raw(",\"custom\":")
        } else {
            raw("\"bundle\":")
        }
        appendRendered(.item, quote.itemNumber) { $0.string(quote.item) }
        raw(",\"region\":")
        appendRendered(.region, quote.regionNumber) { $0.string(quote.region) }
        raw(",\"channel\":")
        appendRendered(.channel, quote.channelNumber) { writer in
            if let channel = quote.channel { writer.string(channel) } else { writer.raw("null") }
        }
        raw(",\"at\":")
        if quote.instant != instant {
            instant = quote.instant
            instantBytes = Array("\"\(QuoteJSON.instantText(quote.instant))\"".utf8)
        }
        instantBytes.withUnsafeBufferPointer { output.append($0) }
        raw(",\"currency\":")
        currencyText.withUnsafeBufferPointer { output.append($0) }
        raw(",\"coins\":{\"base\":"); integer(quote.coins.base)
        raw(",\"bonus\":"); integer(quote.coins.bonus)
        raw(",\"total\":"); integer(quote.coins.total)
        raw("},\"list\":"); money(quote.listMinor)
        raw(",\"discounts\":[")
        let applied = quote.promotions
        var first = true
        for position in 0..<applied.count {
            let (promotion, discount) = applied.number(at: position)
            guard discount > 0 else { continue }
            if !first { raw(",") }
            first = false
            raw("{\"promotion\":")
            appendRendered(.promotion, promotion) { $0.string(applied[position].promotion) }
            raw(",\"amount\":"); money(discount)
            raw("}")
        }
        raw("],\"price\":"); money(quote.priceMinor)
        raw(",\"tax\":{")
        appendRendered(.tax, quote.regionNumber) { writer in
            let tax = quote.tax
            writer.raw("\"ratePercent\":"); writer.string(tax.rate.value.description)
            writer.raw(",\"included\":"); writer.raw(tax.included ? "true" : "false")
        }
        raw(",\"amount\":"); money(quote.taxMinor)
        raw("},\"total\":"); money(quote.totalMinor)
        raw(",\"proceeds\":"); money(quote.proceedsMinor)
        raw(",\"applied\":[")
        for position in 0..<applied.count {
            if position > 0 { raw(",") }
            appendRendered(.promotion, applied.number(at: position).promotion) { $0.string(applied[position].promotion) }
        }
        raw("],\"rules\":")
        hashBytes.withUnsafeBufferPointer { output.append($0) }
        raw("}\n")
    }

    /// Appends the bytes rendered for `number` in `cache`, rendering them with `render`
    /// the first time. A writer serves one price book at a time: a quote of another
    /// book (another rules hash) starts the caches afresh.
    private mutating func appendRendered(_ kind: RenderedKind, _ number: Int, _ render: (inout QuoteLineWriter) -> Void) {
        if let bytes = rendered[kind.rawValue][number] {
            bytes.withUnsafeBufferPointer { output.append($0) }
            return
        }
        let start = output.count
        render(&self)
        rendered[kind.rawValue][number] = Array(UnsafeBufferPointer(start: output.base + start, count: output.count - start))
    }

    /// Starts the caches afresh for the rules of `quote`: names are cached by their
    /// number in one price book, and a book of other rules numbers them otherwise.
    private mutating func useRules(of quote: Quote) {
        hashText = quote.ruleSetHash
        let start = output.count
        string(quote.ruleSetHash)
        hashBytes = Array(UnsafeBufferPointer(start: output.base + start, count: output.count - start))
        output.truncate(to: start)
        rendered = [RenderedNames](repeating: RenderedNames(), count: RenderedKind.allCases.count)
        currencyNumber = -1
    }

    /// Reads the quote's currency once: its code, decimals and money suffix.
    private mutating func useCurrency(of quote: Quote) {
        let currency = quote.currency
        currencyNumber = quote.currencyNumber
        currencyExponent = currency.exponent
        currencyDivisor = UInt64(currency.minorUnitsPerMajor)
        let start = output.count
        string(currency.code)
        currencyText = Array(UnsafeBufferPointer(start: output.base + start, count: output.count - start))
        raw("\",\"currency\":")
        string(currency.code)
        raw("}")
        currencySuffix = Array(UnsafeBufferPointer(start: output.base + start + currencyText.count,
                                                   count: output.count - start - currencyText.count))
        output.truncate(to: start)
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
    fileprivate mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { output.append($0) }
    }

    private mutating func append(_ text: String) {
        var copy = text
        copy.withUTF8 { output.append($0) }
    }

    fileprivate mutating func string(_ text: String) {
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

    /// `{"amount":"6.99","currency":"EUR"}`: `minor` units of the current currency,
    /// with all its decimals.
    private mutating func money(_ minor: Int64) {
        raw("{\"amount\":\"")
        if minor < 0 { output.append(UInt8(ascii: "-")) }
        let magnitude = minor.magnitude
        if currencyExponent == 0 {
            output.appendDigits(magnitude, minimumDigits: 1)
        } else {
            output.appendDigits(magnitude / currencyDivisor, minimumDigits: 1)
            output.append(UInt8(ascii: "."))
            output.appendDigits(magnitude % currencyDivisor, minimumDigits: currencyExponent)
        }
        currencySuffix.withUnsafeBufferPointer { output.append($0) }
    }
}

/// What a writer keeps rendered: names as JSON strings, and each region's tax members.
private enum RenderedKind: Int, CaseIterable {
    case item, region, channel, promotion, tax
}

/// Rendered bytes by a name's number, filled as names are first written.
private struct RenderedNames {
    private var rendered: [[UInt8]?] = []

    subscript(number: Int) -> [UInt8]? {
        get { number >= 0 && number < rendered.count ? rendered[number] : nil }
        set {
            guard number >= 0 else { return }
            if number >= rendered.count { rendered += [[UInt8]?](repeating: nil, count: number - rendered.count + 1) }
            rendered[number] = newValue
        }
    }
}
