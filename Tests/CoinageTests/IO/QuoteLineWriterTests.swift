@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageIO
import CoinageJSON
@testable import CoinageRuleTests
import CoinageSyntax
import CoinageTestSupport
import Foundation
import Testing

/// The batch line writer: a 64-byte buffer that must grow hundreds of times writes
/// what a large one writes; every line is `QuoteJSON`'s document for the same quote or
/// error; refused lines escape their message; `byteCount` is the buffer's size.
@Suite struct QuoteLineWriterTests {
    /// Five currencies (exponents 2, 2, 0, 3 and 6), a region without tax, channels, a
    /// custom amount, and seven promotions that all apply to `big` on the web.
    static let shop = """
        rate EUR 0.92
        rate JPY 155
        rate KWD 0.307
        currency XGC exponent 6
        rate XGC 1.5
        round JPY nearest 10
        region DE: EUR, tax 19% included, zone Europe/Berlin
        region JP: JPY, tax 10% included
        region KW: KWD, tax 5% added
        region PR: USD
        region CH: XGC, tax 8.1% included
        channel ios: fee 30%
        channel web: fee 3%, level 75%
        user segment: one of new, vip
        bundle small: 70 coins, 0.99 USD
        bundle big: 1_400 coins, 19.99 USD, bonus 140 coins
        custom coins: 30 to 10_000, 0.0141 USD each, on web
        promotion one { discount 1% }
        promotion two { discount 0.02 USD }
        promotion three { discount 3%
          when bundle == big }
        promotion four { bonus 4 coins }
        promotion five { discount 5%
          when channel == web }
        promotion six { price 50.00 USD }
        promotion seven { discount 7%
          when user.segment == vip and coins >= 1_000 }
        """

    static func book(header: String = "base currency USD\nregion US: USD, tax 7.25% added, zone America/New_York\n") throws -> PriceBook {
        let result = check(shop, header: header)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(\.message))")
        return PriceBook(try #require(result.ruleSet))
    }

    /// What a batch writes, in order: quotes, refusals and malformed lines.
    enum Entry {
        case result(Result<Quote, QuoteError>)
        case invalid(String, line: Int)

        /// The line `QuoteJSON` makes of it (a malformed line has its own shape).
        var expected: String {
            switch self {
            case .result(.success(let quote)): QuoteJSON.quote(quote).serialized()
            case .result(.failure(let error)): QuoteJSON.error(error).serialized()
            case .invalid(let message, let line):
                JSONValue.object([("error", .object([("code", .string("invalid_request")),
                                                    ("message", .string("line \(line): \(message)"))]))]).serialized()
            }
        }

        func write(to writer: inout QuoteLineWriter) {
            switch self {
            case .result(.success(let quote)): writer.write(quote)
            case .result(.failure(let error)): writer.write(error)
            case .invalid(let message, let line): writer.writeInvalidRequest(message, line: line)
            }
        }
    }

    /// Several hundred entries over every region, channel and item, some explained,
    /// some refused, some malformed.
    static func entries(_ book: PriceBook) -> [Entry] {
        var entries: [Entry] = []
        var rng = SplitMix64(seed: 0x11E5)
        let regions = ["US", "DE", "JP", "KW", "PR", "CH", "XX"]
        let items: [QuoteRequest.Item] = [.bundle("small"), .bundle("big"), .coins(30), .coins(9_999), .coins(20_000), .bundle("huge")]
        for index in 0..<600 {
            if index % 23 == 7 {
                entries.append(.invalid(rng.pick(["expected `,` or `}` (at the end of the line)", #"unknown key `a"b\c`"#,
                                                  "unknown key `tab\there\nnew\u{01}`", "key `region` is given twice (at byte 25)"]),
                                        line: index + 1))
                continue
            }
            var user: [String: UserValue] = rng.bool() ? ["segment": .value("vip")] : [:]
            if index % 31 == 0 { user["segment"] = .value("gold") }
            let request = QuoteRequest(item: rng.pick(items), region: rng.pick(regions), channel: rng.pick(["ios", "web", nil]),
                                       // Runs of lines within hours of each other, a day's batch, and jumps
                                       // of days: the writer keeps the date and rewrites the time.
                                       instant: WalkFixture.noon + Int64(index / 8) * 30_000 + rng.int(0...20_000)
                                           + (index % 97 == 5 ? 10_000_000 : 0), user: user,
                                       explain: index % 17 == 0)
            entries.append(.result(book.quote(request)))
        }
        return entries
    }

    /// The buffer's lines, each with its newline removed.
    static func lines(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    static func object(_ line: String) throws -> NSDictionary {
        try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? NSDictionary, "not an object: \(line)")
    }

    /// An amount as the writer writes it (below 10,000.00 by one store, the rest digit
    /// by digit) is the text `QuoteJSON` gives the same money, for every amount below
    /// 100.00 in two decimals and a spread of amounts to 10,000.00, around the edges
    /// and in other exponents, signed.
    @Test func amountsAreWrittenAsMoneyIsShownElsewhere() throws {
        var minors = Array(Int64(0)...10_100) + Array(stride(from: Int64(10_101), to: 1_000_100, by: 97)) + Array(Int64(999_900)...1_000_100)
        for power in 4...18 {
            let scale = (0..<power).reduce(Int64(1)) { value, _ in value * 10 }
            minors += [scale - 1, scale, scale + 1, scale * 9 + 99]
        }
        minors += [Int64.max]
        for exponent in [0, 2, 3, 6] {
            let currency = Currency(code: "XTS", exponent: exponent)
            let divisor = (0..<exponent).reduce(UInt64(1)) { value, _ in value * 10 }
            for minor in minors {
                for signed in minor == 0 || minor == .max ? [minor] : [minor, -minor] {
                    let output = OutputBytes(capacity: 64)
                    output.reserve(24 + OutputBytes.pieceWindow)
                    QuoteLineWriter.amount(signed, exponent: exponent, divisor: divisor, to: output)
                    let written = String(decoding: output.array, as: UTF8.self)
                    let shown = Money(minorUnits: signed, currency: currency).decimal.description
                    guard written == shown else {
                        Issue.record("\(signed) in exponent \(exponent): written \(written), shown \(shown)")
                        return
                    }
                }
            }
        }
    }

    /// Whole numbers as the writer writes them (below 100 by pairs, below 10,000 by
    /// one store, the rest digit by digit), padded with zeros to a width, are their
    /// decimal text.
    @Test func wholeNumbersAreTheirDecimalTextPaddedToAWidth() {
        var values = Array(UInt64(0)...20_000)
        for power in 5...19 {
            let scale = (0..<power).reduce(UInt64(1)) { value, _ in value * 10 }
            values += [scale - 1, scale, scale + 1]
        }
        values += [.max]
        for width in 1...5 {
            for value in values {
                let output = OutputBytes(capacity: 64)
                output.reserve(24 + OutputBytes.pieceWindow)
                output.appendDigitsReserved(value, minimumDigits: width)
                let text = String(value)
                let expected = String(repeating: "0", count: max(0, width - text.count)) + text
                guard String(decoding: output.array, as: UTF8.self) == expected else {
                    Issue.record("\(value) at width \(width): \(String(decoding: output.array, as: UTF8.self))")
                    return
                }
            }
        }
    }

    @Test func aSmallBufferGrowsAndWritesWhatALargeOneWrites() throws {
        let book = try Self.book()
        let entries = Self.entries(book)
        var small = QuoteLineWriter(capacity: 64)
        var large = QuoteLineWriter()
        for (index, entry) in entries.enumerated() {
            entry.write(to: &small)
            entry.write(to: &large)
            if index % 50 == 0 { #expect(small.byteCount == small.buffer.count) }
        }
        #expect(small.buffer == large.buffer)
        #expect(small.byteCount == small.buffer.count && large.byteCount == large.buffer.count)
        #expect(small.byteCount > 100_000)
        let written = Self.lines(small.buffer)
        try #require(written.count == entries.count)
        var kinds: Set<String> = []
        for (line, entry) in zip(written, entries) {
            // The same document as QuoteJSON builds, value for value; for quotes and
            // refusals byte for byte too (a malformed line's control characters are
            // escaped as `\u00XX`, where `JSONValue` writes `\t` and `\n`).
            #expect(try Self.object(line) == Self.object(entry.expected), "\(line)")
            if case .result = entry { #expect(line == entry.expected) }
            switch entry {
            case .result(.success(let quote)): kinds.insert(quote.explanation != nil ? "explained" : quote.isCustomAmount ? "custom" : "bundle")
            case .result(.failure(let error)): kinds.insert(error.kind.rawValue)
            case .invalid: kinds.insert("invalid")
            }
        }
        #expect(kinds.isSuperset(of: ["explained", "custom", "bundle", "unknown_region", "unknown_bundle", "missing_channel",
                                      "amount_out_of_range", "user_attribute_type", "invalid"]), "\(kinds)")
    }

    @Test func linesAfterRemoveAllAreTheLinesOfAFreshWriter() throws {
        let book = try Self.book()
        let entries = Self.entries(book)
        var reused = QuoteLineWriter(capacity: 64)
        for entry in entries.prefix(300) { entry.write(to: &reused) }
        reused.removeAll()
        #expect(reused.byteCount == 0 && reused.buffer.isEmpty)
        var fresh = QuoteLineWriter(capacity: 64)
        for entry in entries.dropFirst(300) {
            entry.write(to: &reused)
            entry.write(to: &fresh)
        }
        #expect(reused.buffer == fresh.buffer && reused.byteCount == fresh.byteCount)
        // One writer per line writes the same lines: nothing carried from line to line shows.
        var joined: [UInt8] = []
        for entry in entries.dropFirst(300) {
            var alone = QuoteLineWriter(capacity: 64)
            entry.write(to: &alone)
            joined += alone.buffer
        }
        #expect(joined == fresh.buffer)
    }

    @Test func aQuoteWithMoreThanFourAppliedPromotions() throws {
        let book = try Self.book()
        let quote = try WalkFixture.quote(book, QuoteRequest(item: .bundle("big"), region: "DE", channel: "web",
                                                             instant: WalkFixture.noon, user: ["segment": .value("vip")]))
        #expect(quote.applied == ["five", "four", "one", "seven", "six", "three", "two"])
        #expect(quote.promotions.count > AppliedPromotions.inlineCapacity)
        var writer = QuoteLineWriter(capacity: 64)
        writer.write(quote)
        let line = try #require(Self.lines(writer.buffer).first)
        #expect(line == QuoteJSON.quote(quote).serialized())
        let object = try Self.object(line)
        #expect(object["applied"] as? [String] == quote.applied)
        let discounts = try #require(object["discounts"] as? [[String: Any]])
        #expect(discounts.map { $0["promotion"] as? String } == quote.discounts.map(\.promotion))
        #expect(discounts.map { ($0["amount"] as? [String: Any])?["amount"] as? String } == quote.discounts.map { "\($0.amount.decimal)" })
        // `four` (a bonus) and `six` (a price not below) applied without a line.
        #expect(!quote.discounts.contains { $0.promotion == "four" || $0.promotion == "six" })
    }

    @Test func aRefusedLineEscapesItsMessage() throws {
        var writer = QuoteLineWriter(capacity: 64)
        let message = "unknown key `say \"hi\"` or `C:\\dir\\` with \t tab, \n newline, \r, \u{01}, \u{1F}, é and 日本"
        writer.writeInvalidRequest(message, line: 12)
        let expected = #"{"error":{"code":"invalid_request","message":"line 12: unknown key `say \"hi\"` or `C:\\dir\\` with \u0009 tab, \u000a newline, \u000d, \u0001, \u001f, é and 日本"}}"# + "\n"
        #expect(String(decoding: writer.buffer, as: UTF8.self) == expected)
        #expect(writer.byteCount == writer.buffer.count && writer.byteCount == expected.utf8.count)
        let line = try #require(Self.lines(writer.buffer).first)
        let error = try #require(try Self.object(line)["error"] as? [String: Any])
        #expect(error["code"] as? String == "invalid_request")
        #expect(error["message"] as? String == "line 12: " + message)
    }

    /// Quotes of two books in turn: the writer renders each book's pieces when its
    /// quotes come, so every line is still `QuoteJSON`'s, with that book's names,
    /// currencies and hash.
    @Test func quotesOfTwoBooksInTurnEachGetTheirOwnPieces() throws {
        let first = try Self.book()
        let second = try Self.book(header: "base currency USD\nregion US: USD, tax 8.875% added, zone America/New_York\n")
        let firstEntries = Self.entries(first), secondEntries = Self.entries(second)
        var writer = QuoteLineWriter(capacity: 64)
        var expected: [String] = []
        var hashes: Set<String> = []
        for index in 0..<200 {
            for entry in [firstEntries[index], secondEntries[index]] {
                guard case .result(.success(let quote)) = entry else { continue }
                entry.write(to: &writer)
                expected.append(entry.expected)
                hashes.insert(quote.ruleSetHash)
            }
        }
        #expect(Self.lines(writer.buffer) == expected)
        #expect(hashes.count == 2)
    }

    /// A writer given the pieces of a book beforehand (as each part of a batch is)
    /// writes what a writer that renders them itself writes.
    @Test func piecesRenderedBeforehandWriteTheSameLines() throws {
        let book = try Self.book()
        let entries = Self.entries(book)
        var own = QuoteLineWriter(capacity: 64)
        var given = QuoteLineWriter(capacity: 64, fragments: QuoteLineFragments(book.labels))
        for entry in entries {
            entry.write(to: &own)
            entry.write(to: &given)
        }
        #expect(own.buffer == given.buffer)
    }
}
