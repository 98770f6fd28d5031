@testable import CoinageChecker
@testable import CoinageIO
import CoinageTestSupport
import Testing

/// The batch's instants, read and written without strings: `InstantParser.parse(utf8:)`
/// reads what `parse(_:)` reads, and `QuoteLineWriter.appendInstant` writes what
/// `QuoteJSON.instantText` writes, over the years a quote covers and at the edges
/// of days, months, leap years and the covered range.
@Suite struct InstantTextTests {
    /// Instants at the edges, then seeded ones across the covered range.
    static func instants() -> [Int64] {
        let range = QuoteRequest.coveredInstants
        var instants: [Int64] = [range.lowerBound, range.lowerBound + 1, range.upperBound - 1, range.upperBound,
                                 range.lowerBound - 1, 951_782_400, 951_868_799, 4_107_542_400, 1_780_000_000]
        var rng = SplitMix64(seed: 0x1A57)
        for _ in 0..<5_000 {
            let span = UInt64(range.upperBound - range.lowerBound)
            let instant = range.lowerBound + Int64(rng.next() % span)
            // Half of them at a day's first or last second.
            switch rng.next() % 4 {
            case 0: instants.append(instant - instant % 86_400)
            case 1: instants.append(instant - instant % 86_400 + 86_399)
            default: instants.append(instant)
            }
        }
        return instants
    }

    @Test func theWriterWritesWhatTheDocumentWrites() {
        for instant in Self.instants() {
            let output = OutputBytes(capacity: 64)
            output.reserve(64)
            if QuoteLineWriter.appendInstant(instant, to: output) {
                let written = String(decoding: UnsafeBufferPointer(start: output.base, count: output.count), as: UTF8.self)
                #expect(written == "\"\(QuoteJSON.instantText(instant))\"", "\(instant)")
            } else {
                #expect(!QuoteRequest.coveredInstants.contains(instant), "\(instant) was left to the document's text")
            }
        }
    }

    @Test func textsOfTwentyBytesReadAlikeInPlaceAndFromAnArray() {
        var rng = SplitMix64(seed: 0x2B57)
        var texts = Self.instants().map { QuoteJSON.instantText($0) }
        // Each text with one byte changed, to a digit, a separator or a letter.
        let replacements = Array("0123456789-T:Z+.x ".utf8)
        for text in texts.prefix(2_000) {
            var bytes = Array(text.utf8)
            bytes[Int(rng.next() % 20)] = replacements[Int(rng.next() % UInt64(replacements.count))]
            texts.append(String(decoding: bytes, as: UTF8.self))
        }
        texts += ["2026-02-29T10:00:00Z", "2024-02-29T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-28T24:00:00Z",
                  "2026-11-28T23:60:00Z", "2026-11-28T23:59:60Z", "2026-11-28T10:00+01:00", "2026-11-28T10:00:00.5Z"]
        for text in texts {
            let bytes = Array(text.utf8)
            let inPlace = bytes.withUnsafeBufferPointer { InstantParser.parse(utf8: $0) }
            #expect(inPlace == InstantParser.parse(bytes[...]), "\(text)")
        }
    }
}

/// The day caches of the batch: a reader's `DayNumbers` gives, for a text on a day
/// it kept, the instant `InstantParser` gives or nil (for the parser to read); a
/// writer's `DayTexts` writes the date `appendInstant` writes.
@Suite struct DayCacheTests {
    @Test func aKeptDayReadsEachTimeAsTheParserReadsIt() {
        let days = DayNumbers()
        var rng = SplitMix64(seed: 0xDA75)
        for instant in InstantTextTests.instants().prefix(600) {
            let text = Array(QuoteJSON.instantText(instant).utf8)
            guard let parsed = text.withUnsafeBufferPointer({ InstantParser.parse(utf8: $0) }) else { continue }
            text.withUnsafeBufferPointer { days.keep($0, instant: parsed) }
            // The same day at other times, and texts that only look like one.
            var variants = [text]
            for (hour, minute, second) in [(0, 0, 0), (23, 59, 59), (24, 0, 0), (23, 60, 0), (23, 59, 60), (99, 99, 99)] {
                var changed = text
                for (offset, value) in [(11, hour), (14, minute), (17, second)] {
                    changed[offset] = UInt8(48 + value / 10)
                    changed[offset + 1] = UInt8(48 + value % 10)
                }
                variants.append(changed)
            }
            for _ in 0..<8 {
                var changed = text
                changed[Int(rng.next() % 20)] = [UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "0"), UInt8(ascii: "9"),
                                                 UInt8(ascii: "T"), UInt8(ascii: "Z"), UInt8(ascii: "-"), 0xC3][Int(rng.next() % 8)]
                variants.append(changed)
            }
            for variant in variants {
                variant.withUnsafeBufferPointer { bytes in
                    guard let known = days.instant(of: bytes) else { return }
                    #expect(known == InstantParser.parse(utf8: bytes), "\(String(decoding: variant, as: UTF8.self))")
                }
            }
            #expect(text.withUnsafeBufferPointer { days.instant(of: $0) } == parsed, "\(String(decoding: text, as: UTF8.self))")
        }
    }

    @Test func aKeptDayIsWrittenAsTheWriterWritesItsDate() {
        let texts = DayTexts()
        for instant in InstantTextTests.instants() where QuoteRequest.coveredInstants.contains(instant) {
            let output = OutputBytes(capacity: 64)
            output.reserve(64)
            guard QuoteLineWriter.appendInstant(instant, to: output) else { continue }
            let day = instant / 86_400
            texts.keep(day, from: output.base + 1)
            var written = [UInt8](repeating: 0, count: 10)
            #expect(written.withUnsafeMutableBufferPointer { texts.write(day, to: $0.baseAddress!) })
            #expect(written == Array(UnsafeBufferPointer(start: output.base + 1, count: 10)), "\(instant)")
            #expect(!written.withUnsafeMutableBufferPointer { texts.write(day + Int64(DayTexts.slots), to: $0.baseAddress!) })
        }
    }
}
