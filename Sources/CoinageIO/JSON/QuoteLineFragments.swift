import Coinage

/// Every piece of a quote line that depends on the price book alone, rendered once:
/// each name as a JSON string together with the constant text around it, and each
/// currency's closing text for the five amounts of a line.
///
/// A line is then a dozen copies of these pieces with its numbers in between
/// (`QuoteLineWriter`). The pieces live in one block of bytes and are found through
/// a table of spans, so writing one reads two pointers and touches no reference
/// count. Immutable once made, so the parts of a batch share one.
package final class QuoteLineFragments: @unchecked Sendable {
    /// The labels the pieces were rendered from: a quote of another book needs others.
    let labels: QuoteLabels
    /// The most bytes a line takes besides its instant and its applied promotions.
    let maxFixedBytes: Int
    /// The most bytes one applied promotion adds to a line (a discount entry and a name).
    let maxPromotionBytes: Int
    /// Per currency: its decimals, and the minor units in one major unit.
    private let exponents: [Int]
    private let divisors: [UInt64]

    private let bytes: UnsafeMutablePointer<UInt8>
    /// Per piece: its start in `bytes` in the high 32 bits, its length in the low.
    private let spans: UnsafeMutablePointer<UInt64>
    /// Per kind, the index of its first span, and one past the last kind's: the
    /// pieces of kind `k` are the spans `kindStarts[k] ..< kindStarts[k + 1]`.
    private let kindStarts: UnsafeMutablePointer<Int>

    /// The kinds of piece, each a run of spans in this order.
    private enum Kind: Int {
        /// `{"bundle":"NAME","region":` and `,"custom":"NAME","region":`, per item.
        case bundleHead, customHead
        /// `"FR","channel":`, and `"web","at":` or `null,"at":`.
        case region, channel
        /// `"ratePercent":"20","included":true,"amount":{"amount":"`, per region.
        case tax
        /// `"EUR","coins":{"base":` and the text after each amount, per currency.
        case currencyHead, afterList, afterDiscount, afterPrice, afterTax, afterTotal, afterProceeds
        /// `{"promotion":"NAME","amount":{"amount":"` and `"NAME"`, per promotion.
        case discountHead, appliedName
        /// `],"rules":"HASH"}` and the newline.
        case tail
    }

    package init(_ labels: QuoteLabels) {
        self.labels = labels
        exponents = labels.currencies.map { $0.exponent }
        divisors = labels.currencies.map { UInt64($0.minorUnitsPerMajor) }
        // Rendered twice, measured and then written in place: built in an array, the
        // pieces of a big shop (two per promotion) took twice their size, grown by
        // appending and then copied, at the process's peak of memory.
        var measure = JSONText(measuringOnly: ())
        var longest = [Int](repeating: 0, count: Kind.tail.rawValue + 1)
        var counts = [Int](repeating: 0, count: Kind.tail.rawValue + 1)
        Self.render(labels, into: &measure) { kind, _, length in
            counts[kind.rawValue] += 1
            longest[kind.rawValue] = max(longest[kind.rawValue], length)
        }
        let pieceCount = counts.reduce(0, +)
        // Padded, so a piece near the end can be copied as whole blocks
        // (`OutputBytes.appendPiece` reads up to `pieceWindow` bytes from its start).
        let block = UnsafeMutablePointer<UInt8>.filled(with: 0, count: measure.count + OutputBytes.pieceWindow)
        let spanBlock = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, pieceCount))
        var text = JSONText(into: block, capacity: measure.count)
        var placed = 0
        Self.render(labels, into: &text) { _, start, length in
            guard placed < pieceCount else { return }
            spanBlock[placed] = UInt64(start) << 32 | UInt64(length)
            placed += 1
        }
        // Both passes render the same text; a piece the second did not place is empty.
        for index in placed..<pieceCount { spanBlock[index] = 0 }
        bytes = block
        spans = spanBlock
        // The kinds are rendered in their order, so each one's spans start where the
        // ones before it end.
        kindStarts = .allocate(capacity: counts.count + 1)
        var start = 0
        for kind in counts.indices {
            kindStarts[kind] = start
            start += counts[kind]
        }
        kindStarts[counts.count] = start
        // Numbers: a signed 64-bit integer takes at most 20 bytes, an amount 22 with
        // its sign and point; a line holds three counts and five amounts, and the
        // constant text between them that no piece holds.
        let constants = "{\"coinsRequested\":".utf8.count + ",\"bonus\":,\"total\":},\"list\":{\"amount\":\"".utf8.count
            + "],\"price\":{\"amount\":\"".utf8.count
        let fixedPieces: [Kind] = [.bundleHead, .customHead, .region, .channel, .tax, .currencyHead, .afterList, .afterPrice,
                                   .afterTax, .afterTotal, .afterProceeds, .tail]
        maxFixedBytes = fixedPieces.reduce(0) { $0 + longest[$1.rawValue] } + constants + 4 * 20 + 5 * 22
        maxPromotionBytes = longest[Kind.discountHead.rawValue] + longest[Kind.afterDiscount.rawValue]
            + longest[Kind.appliedName.rawValue] + 22 + 2
    }

    /// Renders every piece of `labels` into `text`, kind by kind in their order,
    /// calling `placed` with each piece's kind, start and length.
    private static func render(_ labels: QuoteLabels, into text: inout JSONText,
                               placed: (_ kind: Kind, _ start: Int, _ length: Int) -> Void) {
        func piece(_ kind: Kind, _ build: (inout JSONText) -> Void) {
            let start = text.count
            build(&text)
            placed(kind, start, text.count - start)
        }
        for name in labels.items {
            piece(.bundleHead) { $0.raw("{\"bundle\":"); $0.string(name); $0.raw(",\"region\":") }
        }
        for name in labels.items {
            piece(.customHead) { $0.raw(",\"custom\":"); $0.string(name); $0.raw(",\"region\":") }
        }
        for name in labels.regions {
            piece(.region) { $0.string(name); $0.raw(",\"channel\":") }
        }
        for name in labels.channels {
            piece(.channel) { text in
                if let name { text.string(name) } else { text.raw("null") }
                text.raw(",\"at\":")
            }
        }
        for (rate, included) in zip(labels.taxRates, labels.taxIncluded) {
            piece(.tax) {
                $0.raw("\"ratePercent\":"); $0.string(rate.value.description)
                $0.raw(included ? ",\"included\":true" : ",\"included\":false")
                $0.raw(",\"amount\":{\"amount\":\"")
            }
        }
        let closings: [(Kind, StaticString)] = [
            (.afterList, ",\"discounts\":["), (.afterDiscount, "}"), (.afterPrice, ",\"tax\":{"),
            (.afterTax, "},\"total\":{\"amount\":\""), (.afterTotal, ",\"proceeds\":{\"amount\":\""), (.afterProceeds, ",\"applied\":["),
        ]
        for currency in labels.currencies {
            piece(.currencyHead) { $0.string(currency.code); $0.raw(",\"coins\":{\"base\":") }
        }
        for (kind, next) in closings {
            for currency in labels.currencies {
                piece(kind) { $0.raw("\",\"currency\":"); $0.string(currency.code); $0.raw("}"); $0.raw(next) }
            }
        }
        for name in labels.promotions {
            piece(.discountHead) { $0.raw("{\"promotion\":"); $0.string(name); $0.raw(",\"amount\":{\"amount\":\"") }
        }
        for name in labels.promotions {
            piece(.appliedName) { $0.string(name) }
        }
        piece(.tail) { $0.raw("],\"rules\":"); $0.string(labels.ruleSetHash); $0.raw("}\n") }
    }

    deinit {
        bytes.deallocate()
        spans.deallocate()
        kindStarts.deallocate()
    }

    /// The piece of `kind` for the name or currency numbered `number`; empty for a
    /// number outside the book (never the case for a quote of this book).
    @inline(__always)
    private func piece(_ kind: Kind, _ number: Int) -> UnsafeBufferPointer<UInt8> {
        let index = kindStarts[kind.rawValue] + number
        guard number >= 0, index < kindStarts[kind.rawValue + 1] else { return UnsafeBufferPointer(start: nil, count: 0) }
        let span = spans[index]
        return UnsafeBufferPointer(start: bytes + Int(span >> 32), count: Int(span & 0xFFFF_FFFF))
    }

    /// The decimals of the currency numbered `number`, and the minor units in one
    /// major unit; none for a number outside the book.
    @inline(__always)
    func decimals(of number: Int) -> (exponent: Int, divisor: UInt64) {
        exponents.indices.contains(number) ? (exponents[number], divisors[number]) : (0, 1)
    }

    @inline(__always) func bundleHead(_ item: Int) -> UnsafeBufferPointer<UInt8> { piece(.bundleHead, item) }
    @inline(__always) func customHead(_ item: Int) -> UnsafeBufferPointer<UInt8> { piece(.customHead, item) }
    @inline(__always) func region(_ region: Int) -> UnsafeBufferPointer<UInt8> { piece(.region, region) }
    @inline(__always) func channel(_ slot: Int) -> UnsafeBufferPointer<UInt8> { piece(.channel, slot) }
    @inline(__always) func tax(_ region: Int) -> UnsafeBufferPointer<UInt8> { piece(.tax, region) }
    @inline(__always) func currencyHead(_ currency: Int) -> UnsafeBufferPointer<UInt8> { piece(.currencyHead, currency) }
    @inline(__always) func afterList(_ currency: Int) -> UnsafeBufferPointer<UInt8> { piece(.afterList, currency) }
    @inline(__always) func afterDiscount(_ currency: Int) -> UnsafeBufferPointer<UInt8> { piece(.afterDiscount, currency) }
    @inline(__always) func afterPrice(_ currency: Int) -> UnsafeBufferPointer<UInt8> { piece(.afterPrice, currency) }
    @inline(__always) func afterTax(_ currency: Int) -> UnsafeBufferPointer<UInt8> { piece(.afterTax, currency) }
    @inline(__always) func afterTotal(_ currency: Int) -> UnsafeBufferPointer<UInt8> { piece(.afterTotal, currency) }
    @inline(__always) func afterProceeds(_ currency: Int) -> UnsafeBufferPointer<UInt8> { piece(.afterProceeds, currency) }
    @inline(__always) func discountHead(_ promotion: Int) -> UnsafeBufferPointer<UInt8> { piece(.discountHead, promotion) }
    @inline(__always) func appliedName(_ promotion: Int) -> UnsafeBufferPointer<UInt8> { piece(.appliedName, promotion) }
    @inline(__always) var tail: UnsafeBufferPointer<UInt8> { piece(.tail, 0) }
}

/// JSON text built into an array (the default), or measured only, or written into
/// a block of memory of the measured size: how the pieces are rendered, once per book.
struct JSONText {
    /// The text, when built into an array.
    private(set) var bytes: [UInt8] = []
    /// How many bytes the text has so far (measured, written or built).
    private(set) var count = 0
    /// Where the text is written instead of `bytes`, and how many bytes fit there.
    private let block: UnsafeMutablePointer<UInt8>?
    private let capacity: Int
    private let measuresOnly: Bool

    init() {
        block = nil
        capacity = 0
        measuresOnly = false
    }

    /// Text that is only measured, for the size of a block to write it into.
    init(measuringOnly: Void) {
        block = nil
        capacity = 0
        measuresOnly = true
    }

    /// Text written into `block`, which holds `capacity` bytes; bytes past them are
    /// counted and dropped (never the case when `capacity` was measured on the same text).
    init(into block: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.block = block
        self.capacity = capacity
        measuresOnly = false
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        if let block {
            if count < capacity { block[count] = byte }
        } else if !measuresOnly {
            bytes.append(byte)
        }
        count += 1
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { for byte in $0 { append(byte) } }
    }

    /// `text` as a JSON string: quotes, backslashes and control characters escaped.
    mutating func string(_ text: String) {
        append(UInt8(ascii: "\""))
        let hexDigits: StaticString = "0123456789abcdef"
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0..<0x20:
                raw("\\u00")
                append(hexDigits.utf8Start[Int(byte >> 4)])
                append(hexDigits.utf8Start[Int(byte & 15)])
            default: append(byte)
            }
        }
        append(UInt8(ascii: "\""))
    }
}
