@testable import CoinageEngine
@testable import CoinageIO
import CoinageTestSupport
import Testing

/// The word-at-a-time tricks of the batch reader, against their byte-at-a-time
/// definitions: the scan of a plain string (`JSONCursor.stops`), a key as words
/// (`JSONCursor.words`, `NameWords.short`), a code's uppercasing
/// (`NameWords.uppercasedASCII`), the values a reader keeps from the line before
/// (`RecentValue`) and its table of region codes (`RegionCodes`).
@Suite struct WordAtATimeTests {
    /// Whether the scan of a plain string stops at `byte`.
    static func stopsAt(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 }

    /// Eight bytes as a little-endian word.
    static func word(_ bytes: [UInt8]) -> UInt64 {
        bytes.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }

    /// Bytes that mostly do not stop a scan, with the stops and their neighbours
    /// (0x1F, 0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xFF) often enough.
    static func bytes(_ random: inout SplitMix64, count: Int) -> [UInt8] {
        let edges: [UInt8] = [0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xFF]
        return (0..<count).map { _ in random.below(4) == 0 ? edges[random.below(edges.count)] : UInt8(truncatingIfNeeded: random.next()) }
    }

    @Test func theScanStopsAtTheFirstQuoteBackslashOrControlByte() {
        var random = SplitMix64(seed: 0x5709)
        for _ in 0..<20_000 {
            let bytes = Self.bytes(&random, count: 8)
            let first = bytes.firstIndex(where: Self.stopsAt)
            let stops = JSONCursor.stops(Self.word(bytes))
            #expect((stops == 0 ? nil : stops.trailingZeroBitCount / 8) == first, "\(bytes)")
        }
        // Every byte value alone, in every position, among bytes that never stop.
        for value in 0...255 {
            for position in 0..<8 {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 8)
                bytes[position] = UInt8(value)
                let stops = JSONCursor.stops(Self.word(bytes))
                #expect((stops == 0 ? nil : stops.trailingZeroBitCount / 8) == (Self.stopsAt(UInt8(value)) ? position : nil))
            }
        }
    }

    @Test func aKeyAsWordsIsItsBytesLittleEndianAtEveryLength() {
        var random = SplitMix64(seed: 0x3017)
        for count in 0...20 {
            for _ in 0..<50 {
                let bytes = Self.bytes(&random, count: count)
                let expected = (Self.word(Array(bytes.prefix(8))), Self.word(Array(bytes.dropFirst(8).prefix(8))))
                let words = bytes.withUnsafeBufferPointer { JSONCursor.words($0) }
                #expect(words == expected, "\(bytes)")
            }
        }
    }

    /// The name tables read a short name as the cursor reads a key, and hash it from
    /// its two words as from its bytes (uppercased or not), so a short lookup finds
    /// the slot the table placed the name in.
    @Test func aShortNameHashesFromItsWordsAsFromItsBytes() {
        var random = SplitMix64(seed: 0x5407)
        for count in 0...NameWords.shortBytes {
            for _ in 0..<50 {
                let bytes = Self.bytes(&random, count: count)
                let words = bytes.withUnsafeBufferPointer { NameWords.short($0) }
                #expect(words == bytes.withUnsafeBufferPointer { JSONCursor.words($0) }, "\(bytes)")
                #expect(NameTable.hash(short: words, count: count) == bytes.withUnsafeBufferPointer { NameTable.hash(bytes: $0) }, "\(bytes)")
                let upper = (NameWords.uppercasedASCII(words.0), NameWords.uppercasedASCII(words.1))
                #expect(NameTable.hash(short: upper, count: count) == bytes.withUnsafeBufferPointer { NameTable.hash(uppercasing: $0) },
                        "\(bytes)")
            }
        }
    }

    @Test func uppercasingAWordUppercasesEachASCIILetterAndNothingElse() {
        func upper(_ byte: UInt8) -> UInt8 { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte }
        for value in 0...255 {
            for position in 0..<8 {
                var bytes: [UInt8] = Array("zAa{`@[ß".utf8.prefix(8))
                bytes[position] = UInt8(value)
                #expect(NameWords.uppercasedASCII(Self.word(bytes)) == Self.word(bytes.map(upper)), "\(bytes)")
            }
        }
        var random = SplitMix64(seed: 0xC0DE)
        for _ in 0..<20_000 {
            let bytes = Self.bytes(&random, count: 8)
            #expect(NameWords.uppercasedASCII(Self.word(bytes)) == Self.word(bytes.map(upper)), "\(bytes)")
        }
    }

    /// Whole numbers read by the cursor (one or two digits in place, the rest by the
    /// general reader) against a model: a sign, digits within 64 bits, and no
    /// fraction or exponent after; the cursor past the digits only when read.
    @Test func wholeNumbersOfEveryShortLengthReadAsTheModelReadsThem() {
        func model(_ bytes: [UInt8]) -> (Int64, Int)? {
            var at = 0
            let negative = bytes.first == UInt8(ascii: "-")
            if negative { at = 1 }
            let start = at
            while at < bytes.count, bytes[at] >= 48, bytes[at] <= 57 { at += 1 }
            guard at > start, let magnitude = Int64(String(decoding: bytes[start..<at], as: UTF8.self)) else { return nil }
            if at < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[at]) { return nil }
            return (negative ? -magnitude : magnitude, at)
        }
        let numbers = ["", "0", "7", "00", "12", "99", "-5", "-", "123", "9223372036854775807", "9223372036854775808", "-12"]
        let after = ["", ",", "}", ".", "e", "E", " ", "5", "]", "x", ".5"]
        for number in numbers {
            for tail in after {
                let bytes = Array((number + tail).utf8)
                let read: (Int64, Int)? = bytes.withUnsafeBufferPointer { buffer in
                    var cursor = JSONCursor(buffer)
                    guard let value = cursor.integer() else {
                        #expect(cursor.offset == 0, "\(number + tail): left where it was")
                        return nil
                    }
                    return (value, cursor.offset)
                }
                let expected = model(bytes)
                #expect(read?.0 == expected?.0 && read?.1 == expected?.1, "\(number + tail)")
            }
        }
    }

    @Test func aRegionTableFindsEachCodeAndNothingElse() throws {
        let codes = ["AA", "AZ", "DE", "US", "ZA", "ZZ"]
        let table = try #require(RegionCodes(codes) { codes.firstIndex(of: $0).map { $0 * 3 } })
        func index(_ text: String) -> Int? { Array(text.utf8).withUnsafeBufferPointer { table.index(of: $0) } }
        for (position, code) in codes.enumerated() { #expect(index(code) == position * 3, "\(code)") }
        let bytes: [UInt8] = [0, 0x40, 0x41, 0x5A, 0x5B, 0x61, 0x7A, 0xC1, 0xFF]
        for first in bytes {
            for second in bytes {
                let text = String(decoding: [first, second], as: UTF8.self)
                guard !codes.contains(text) else { continue }
                #expect(Array([first, second]).withUnsafeBufferPointer { table.index(of: $0) } == nil, "\([first, second])")
            }
        }
        for text in ["", "D", "DEU", "de"] { #expect(index(text) == nil, "\(text)") }
        // A code that is not two capitals leaves the whole table out.
        #expect(RegionCodes(["DE", "Deu"]) { _ in 0 } == nil)
        #expect(RegionCodes(["de"]) { _ in 0 } == nil)
    }

    @Test func aRecentValueRepeatsOnlyTheVeryBytesItKept() {
        let recent = RecentValue()
        defer { recent.deallocate() }
        var random = SplitMix64(seed: 0xA7)
        /// The entries kept when `line` starts with the kept bytes, and where the cursor then is.
        func repeated(_ line: [UInt8]) -> (entries: [Int64], offset: Int)? {
            line.withUnsafeBufferPointer { bytes in
                var cursor = JSONCursor(bytes)
                guard let entries = recent.repeated(at: &cursor) else {
                    #expect(cursor.offset == 0, "a value not repeated leaves the cursor where it was")
                    return nil
                }
                return (entries.map(\.value), cursor.offset)
            }
        }
        #expect(repeated([1, 2, 3]) == nil, "nothing kept yet")
        for count in [1, 7, 8, 9, 20, 22, 64, RecentValue.maxBytes] {
            let bytes = Self.bytes(&random, count: count)
            recent.startRecording()
            for entry in 0..<count % 5 { recent.record(key: entry, value: Int64(count * 10 + entry)) }
            bytes.withUnsafeBufferPointer { recent.keep($0) }
            let expected = (0..<count % 5).map { Int64(count * 10 + $0) }
            #expect(repeated(bytes)?.entries == expected, "\(count) bytes")
            #expect(repeated(bytes + [1, 2])?.offset == count, "\(count) bytes and more")
            #expect(repeated(Array(bytes.dropLast())) == nil, "\(count) bytes but the last")
            for position in 0..<count {
                var changed = bytes
                changed[position] ^= UInt8(1 << random.below(8))
                #expect(repeated(changed) == nil, "\(count) bytes, byte \(position) changed")
            }
        }
        // Too long a value, or too many entries, is not kept: the one before is forgotten.
        recent.startRecording()
        let long = Self.bytes(&random, count: RecentValue.maxBytes + 1)
        long.withUnsafeBufferPointer { recent.keep($0) }
        #expect(repeated(long) == nil)
        recent.startRecording()
        for entry in 0...RecentValue.maxEntries { recent.record(key: entry, value: 1) }
        [UInt8]([1, 2, 3]).withUnsafeBufferPointer { recent.keep($0) }
        #expect(repeated([1, 2, 3]) == nil)
    }
}
