import Coinage
import CoinageJSON
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
    /// The pieces of a line rendered for the book of the quotes written: given by the
    /// caller (a batch renders them once for all its parts) or rendered at the first
    /// quote of a book.
    private var fragments: QuoteLineFragments?
    /// The pieces of the book written before the current one: a writer that serves two
    /// books in turn (an old and a new rule set side by side) renders each once.
    private var previousFragments: QuoteLineFragments?
    /// The last instant written, as `"2026-11-28T19:00:00Z","currency":`: a batch's
    /// lines mostly share one.
    private var instant: Int64?
    private let instantBytes = OutputBytes(capacity: 64)
    /// The day (since 1970-01-01) whose date `instantBytes` holds, when written by
    /// `appendInstant`: the next instant of that day rewrites only the time.
    private var instantDay: Int64?
    /// The text of the days written before, to rewrite the date of `instantBytes`
    /// without making it again.
    private let dayTexts = DayTexts()

    public init(capacity: Int = 1 << 20) {
        output = OutputBytes(capacity: capacity)
    }

    /// A writer whose lines use `fragments`, rendered once for a book's quotes.
    package init(capacity: Int, fragments: QuoteLineFragments) {
        output = OutputBytes(capacity: capacity)
        self.fragments = fragments
    }

    /// A writer whose lines go straight into `room` (an array's uninitialized
    /// capacity, say) until they outgrow it, when they move to a buffer of the
    /// writer's own (`writesInRoom` is then false). The room must outlive the writer.
    package init(writingInto room: UnsafeMutableBufferPointer<UInt8>, fragments: QuoteLineFragments) {
        output = OutputBytes(writingInto: room)
        self.fragments = fragments
    }

    /// Whether the lines written so far are all in the room given to
    /// `init(writingInto:fragments:)`, its first `byteCount` bytes.
    package var writesInRoom: Bool { !output.ownsBase }

    public mutating func removeAll() { output.removeAll() }

    public mutating func write(_ quote: Quote) {
        if quote.hasExplanation {
            // Explanations are rare in batches: write them through the document builder.
            append(QuoteJSON.quote(quote).serialized())
            output.append(10)
            return
        }
        if fragments?.labels !== quote.labels { useFragments(of: quote.labels) }
        if quote.instant != instant { useInstant(quote.instant) }
        // The book's pieces are found off this path (`useFragments`): chosen here among
        // the two, they were retained twice a line.
        guard let pieces = fragments else { return }
        let currency = quote.currencyNumber
        let (exponent, divisor) = pieces.decimals(of: currency)
        let appliedCount = quote.appliedCount
        let output = output
        output.reserve(pieces.maxFixedBytes + instantBytes.count + appliedCount * pieces.maxPromotionBytes + 6 * exponent
            + OutputBytes.pieceWindow)
        if quote.isCustomAmount {
            raw("{\"coinsRequested\":"); output.appendDigitsReserved(quote.coins.base.magnitude)
            output.appendPiece(pieces.customHead(quote.itemNumber))
        } else {
            output.appendPiece(pieces.bundleHead(quote.itemNumber))
        }
        output.appendPiece(pieces.region(quote.regionNumber))
        output.appendPiece(pieces.channel(quote.channelNumber))
        output.appendPiece(UnsafeBufferPointer(start: instantBytes.base, count: instantBytes.count))  // its buffer holds 64 bytes or more
        output.appendPiece(pieces.currencyHead(currency))
        integer(quote.coins.base)
        raw(",\"bonus\":"); integer(quote.coins.bonus)
        raw(",\"total\":"); integer(quote.coins.total)
        raw("},\"list\":{\"amount\":\""); Self.amount(quote.listMinor, exponent: exponent, divisor: divisor, to: output)
        output.appendPiece(pieces.afterList(currency))
        var first = true
        for position in 0..<appliedCount {
            let (promotion, discount) = quote.applied(at: position)
            guard discount > 0 else { continue }
            if !first { output.appendReserved(UInt8(ascii: ",")) }
            first = false
            output.appendPiece(pieces.discountHead(promotion))
            Self.amount(discount, exponent: exponent, divisor: divisor, to: output)
            output.appendPiece(pieces.afterDiscount(currency))
        }
        raw("],\"price\":{\"amount\":\""); Self.amount(quote.priceMinor, exponent: exponent, divisor: divisor, to: output)
        output.appendPiece(pieces.afterPrice(currency))
        output.appendPiece(pieces.tax(quote.regionNumber))
        Self.amount(quote.taxMinor, exponent: exponent, divisor: divisor, to: output)
        output.appendPiece(pieces.afterTax(currency))
        Self.amount(quote.totalMinor, exponent: exponent, divisor: divisor, to: output)
        output.appendPiece(pieces.afterTotal(currency))
        Self.amount(quote.proceedsMinor, exponent: exponent, divisor: divisor, to: output)
        output.appendPiece(pieces.afterProceeds(currency))
        for position in 0..<appliedCount {
            if position > 0 { output.appendReserved(UInt8(ascii: ",")) }
            output.appendPiece(pieces.appliedName(quote.applied(at: position).promotion))
        }
        output.appendPiece(pieces.tail)
    }

    /// Makes the pieces of `labels`' book the current ones: the previous book's when
    /// they are its, else rendered now.
    private mutating func useFragments(of labels: QuoteLabels) {
        let pieces: QuoteLineFragments
        if let previousFragments, previousFragments.labels === labels {
            pieces = previousFragments
        } else {
            pieces = QuoteLineFragments(labels)
        }
        previousFragments = fragments
        fragments = pieces
    }

    private mutating func useInstant(_ value: Int64) {
        instant = value
        // A batch's instants mostly fall on a few days: the date stays, the time is
        // written over the one before, at its fixed place after `"2026-11-28T`. The
        // covered years start and end at midnight, so an instant on a covered day
        // is covered too.
        let day = value / 86_400
        if let instantDay {
            // `instantBytes` holds an instant as `appendInstant` writes it: the date
            // and the time have their places there.
            if day == instantDay || dayTexts.write(day, to: instantBytes.base + Self.dateOffset) {
                Self.writeTime(of: value, at: instantBytes.base + Self.timeOffset)
                self.instantDay = day
                return
            }
        }
        instantBytes.removeAll()
        instantBytes.reserve(64)
        guard Self.appendInstant(value, to: instantBytes) else {
            instantDay = nil
            var text = "\"\(QuoteJSON.instantText(value))\",\"currency\":"
            text.withUTF8 { instantBytes.append($0) }
            return
        }
        instantDay = day
        dayTexts.keep(day, from: instantBytes.base + Self.dateOffset)
        Self.raw(to: instantBytes, ",\"currency\":")
    }

    /// Where `appendInstant` writes the time of day: after `"2026-11-28T`.
    private static let timeOffset = 12
    /// Where it writes the date: after the opening quote.
    private static let dateOffset = 1

    /// `10:00:30`, the time of day of `seconds` (an instant `appendInstant` writes),
    /// at `target`.
    @inline(__always)
    private static func writeTime(of seconds: Int64, at target: UnsafeMutablePointer<UInt8>) {
        let second = Int(seconds % 86_400)
        func pair(_ value: Int, at offset: Int) {
            target[offset] = UInt8(truncatingIfNeeded: 48 + value / 10)
            target[offset + 1] = UInt8(truncatingIfNeeded: 48 + value % 10)
        }
        pair(second / 3600, at: 0)
        pair(second / 60 % 60, at: 3)
        pair(second % 60, at: 6)
    }

    /// `"2026-11-28T19:00:00Z"`, what `QuoteJSON.instantText` gives between quotes,
    /// written digit by digit where room for 22 bytes was reserved; false, with
    /// nothing written, for an instant outside the years a quote can have (four
    /// digits each).
    // A batch's lines mostly carry instants of their own: made through strings, the
    // text cost about 11,000 instructions a line (callgrind, 20 promotions).
    static func appendInstant(_ seconds: Int64, to output: OutputBytes) -> Bool {
        guard QuoteRequest.coveredInstants.contains(seconds) else { return false }
        let (year, month, day) = CivilTime.date(fromDays: seconds / 86_400)
        guard year >= 1000, year <= 9999 else { return false }
        output.appendReserved(UInt8(ascii: "\""))
        output.appendDigitsReserved(UInt64(year), minimumDigits: 4)
        output.appendReserved(UInt8(ascii: "-"))
        output.appendDigitsReserved(UInt64(month), minimumDigits: 2)
        output.appendReserved(UInt8(ascii: "-"))
        output.appendDigitsReserved(UInt64(day), minimumDigits: 2)
        output.appendReserved(UInt8(ascii: "T"))
        let time = output.base + output.count
        output.appendReserved(UnsafeBufferPointer(start: ("00:00:00Z" as StaticString).utf8Start, count: 9))
        writeTime(of: seconds, at: time)
        output.appendReserved(UInt8(ascii: "\""))
        return true
    }

    /// A constant piece of text into `output`, where room was reserved for it.
    @inline(__always)
    private static func raw(to output: OutputBytes, _ text: StaticString) {
        output.appendReserved(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    public mutating func write(_ error: QuoteError) {
        append(QuoteJSON.error(error).serialized())
        output.append(10)
    }

    /// A refused line: `{"error":{"code":"invalid_request","message":...}}`.
    public mutating func writeInvalidRequest(_ message: String, line: Int) {
        output.reserve(64)
        raw("{\"error\":{\"code\":\"invalid_request\",\"message\":")
        string("line \(line): \(message)")
        output.reserve(4)
        raw("}}\n")
    }

    // MARK: - Pieces

    /// A constant piece of text, where `write` reserved room for it.
    @inline(__always)
    fileprivate mutating func raw(_ text: StaticString) {
        Self.raw(to: output, text)
    }

    private mutating func append(_ text: String) {
        var copy = text
        copy.withUTF8 { output.append($0) }
    }

    /// `text` as a JSON string, escaped.
    private mutating func string(_ text: String) {
        var json = JSONText()
        json.string(text)
        json.bytes.withUnsafeBufferPointer { output.append($0) }
    }

    @inline(__always)
    private mutating func integer(_ value: Int64) {
        if value < 0 { output.appendReserved(UInt8(ascii: "-")) }
        output.appendDigitsReserved(value.magnitude)
    }

    /// `minor` units of a currency with `exponent` decimals (`divisor` minor units to
    /// the major one), as in `6.99`, where `write` reserved room for them.
    // The common amount (0.00 to 9999.99) inline, the others through a call: inlined
    // whole, the six amounts of a line made `write` too large for the optimizer to
    // inline `amount` at all, and each call cost about 12 instructions (callgrind).
    @inline(__always)
    static func amount(_ minor: Int64, exponent: Int, divisor: UInt64, to output: OutputBytes) {
        if exponent == 2, minor >= 0, minor < 1_000_000 {
            output.appendCentsReserved(UInt64(minor))
        } else {
            anyAmount(minor, exponent: exponent, divisor: divisor, to: output)
        }
    }

    /// `amount` of any size, sign and exponent.
    @inline(never)
    static func anyAmount(_ minor: Int64, exponent: Int, divisor: UInt64, to output: OutputBytes) {
        if minor < 0 { output.appendReserved(UInt8(ascii: "-")) }
        let magnitude = minor.magnitude
        if exponent == 0 {
            output.appendDigitsReserved(magnitude)
        } else {
            output.appendDigitsReserved(magnitude / divisor)
            output.appendReserved(UInt8(ascii: "."))
            output.appendDigitsReserved(magnitude % divisor, minimumDigits: exponent)
        }
    }
}
