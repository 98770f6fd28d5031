import Coinage

/// A position in the bytes of one JSON line, read in place for `ResolvedLineReader`.
///
/// It reads the plain forms only and answers nil or false for anything else (an
/// escape, a fraction, a value of another type, a missing comma), never why: the
/// reader then hands the line to `RequestLineParser`, which says why. Whitespace and
/// the byte-order mark are the ones that parser skips.
struct JSONCursor {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// How many bytes the cursor has read.
    var offset: Int { position }

    /// The bytes read since `offset` was `start`.
    func bytes(since start: Int) -> UnsafeBufferPointer<UInt8> {
        guard let base = bytes.baseAddress, start >= 0, start <= position else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: base + start, count: position - start)
    }

    /// Reads `expected` when the next bytes are exactly it.
    @inline(__always)
    mutating func skip(_ expected: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count - position >= expected.count, let base = bytes.baseAddress,
              Self.equal(UnsafeBufferPointer(start: base + position, count: expected.count), expected)
        else { return false }
        position += expected.count
        return true
    }

    /// The byte at the cursor, or nil at the end.
    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    /// Whether only whitespace is left.
    var atEnd: Bool {
        mutating get {
            skipWhitespace()
            return position == bytes.count
        }
    }

    mutating func skipByteOrderMark() {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    }

    @inline(__always)
    mutating func skipWhitespace() {
        // Compact JSON has none: one comparison settles most calls.
        while position < bytes.count {
            let byte = bytes[position]
            guard byte <= 32, byte == 32 || byte == 9 || byte == 13 || byte == 10 else { return }
            position += 1
        }
    }

    /// Whether a step met a malformed object or array (a missing comma or colon, a
    /// key that is not a plain string): `nextKey` and `nextElement` then answer as at
    /// the end, and the reader asks this to tell the two apart.
    private(set) var isMalformed = false

    /// Reads the `{` of an object (after any whitespace); `nextKey` then reads its
    /// members one at a time, with `first` true before the first.
    ///
    /// Steps, not a closure per member: a reader's loop keeps its request in local
    /// variables, which a closure would capture and copy.
    @inline(__always)
    mutating func openObject() -> Bool {
        skipWhitespace()
        return open(UInt8(ascii: "{"))
    }

    /// The next member's key of the object being read (`{ "key": value, ... }`),
    /// with the cursor at its value; nil past the closing brace, or when the object
    /// is malformed (`isMalformed`).
    // Transparent: the optimizer declines to inline it at `@inline(__always)`, and
    // a call per member costs more than the member's own reading.
    @_transparent
    mutating func nextKey(first: inout Bool) -> UnsafeBufferPointer<UInt8>? {
        guard separator(first: &first, close: UInt8(ascii: "}")) else { return nil }
        guard let key = plainString() else { return malformed() }
        skipWhitespace()
        guard peek == UInt8(ascii: ":") else { return malformed() }
        position += 1
        skipWhitespace()
        return key
    }

    /// Reads the `[` of an array; `nextElement` then steps through its elements.
    @inline(__always)
    mutating func openArray() -> Bool { open(UInt8(ascii: "[")) }

    /// Whether the cursor is at the next element of the array being read: false
    /// past the closing bracket, or when the array is malformed (`isMalformed`).
    @inline(__always)
    mutating func nextElement(first: inout Bool) -> Bool {
        separator(first: &first, close: UInt8(ascii: "]"))
    }

    @inline(__always)
    private mutating func malformed() -> UnsafeBufferPointer<UInt8>? {
        isMalformed = true
        return nil
    }

    @inline(__always)
    private mutating func open(_ bracket: UInt8) -> Bool {
        guard peek == bracket else { return false }
        position += 1
        return true
    }

    /// Reads what comes before an item (nothing before the first, a comma before
    /// the others) and answers true; or reads the closing bracket and answers false;
    /// or marks the cursor malformed and answers false.
    @inline(__always)
    private mutating func separator(first: inout Bool, close: UInt8) -> Bool {
        skipWhitespace()
        if first {
            first = false
            guard peek == close else { return true }
            position += 1
            return false
        }
        switch peek {
        case UInt8(ascii: ","):
            position += 1
            skipWhitespace()
            return true
        case close:
            position += 1
            return false
        default:
            isMalformed = true
            return false
        }
    }

    /// A string without escapes or control characters: its bytes, in place.
    ///
    /// Eight bytes at a time while eight are left (`stops`), then byte by byte: a
    /// line's strings are a few bytes (`AE`) to a few dozen (an `at`, a long key).
    @inline(__always)
    mutating func plainString() -> UnsafeBufferPointer<UInt8>? {
        guard peek == UInt8(ascii: "\""), let base = bytes.baseAddress else { return nil }
        let start = position + 1
        var end = start
        let raw = UnsafeRawPointer(base)
        while end + 8 <= bytes.count {
            let stops = Self.stops(raw.loadUnaligned(fromByteOffset: end, as: UInt64.self))
            if stops != 0 {
                end += stops.trailingZeroBitCount / 8
                break
            }
            end += 8
        }
        while end < bytes.count {
            let byte = base[end]
            if byte == UInt8(ascii: "\"") {
                position = end + 1
                return UnsafeBufferPointer(start: base + start, count: end - start)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            end += 1
        }
        return nil
    }

    /// The high bit of each byte of `word` (eight bytes, little-endian) that ends a
    /// plain string's scan: a quote, a backslash or a control byte. Only the lowest
    /// marked byte is sure to be one (a borrow can mark a byte above it), and only
    /// it is used.
    @inline(__always)
    static func stops(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let zeroQuote = (quote &- ones) & ~quote
        let zeroBackslash = (backslash &- ones) & ~backslash
        let control = (word &- ones &* 0x20) & ~word
        return (zeroQuote | zeroBackslash | control) & highs
    }

    /// The bytes `words` reads at most: two words.
    static var wordBytes: Int { 16 }

    /// The first eight bytes of `bytes` (fewer when it is shorter) as one little-endian
    /// word, and the next eight as another: a short key compared in two steps.
    ///
    /// `NameWords.short` of the name tables, written again here: the optimizer does
    /// not inline it across modules, and a call per key costs about 70 instructions
    /// a line (callgrind).
    @inline(__always)
    static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        guard let base = bytes.baseAddress else { return (0, 0) }
        let raw = UnsafeRawPointer(base)
        let count = min(bytes.count, wordBytes)
        if count >= 8 {
            let first = raw.loadUnaligned(as: UInt64.self)
            guard count > 8 else { return (first, 0) }
            let last = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            return (first, last >> (8 * UInt64(16 - count)))
        }
        if count >= 4 {
            let low = UInt64(raw.loadUnaligned(as: UInt32.self))
            let high = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            return (low | (high >> (8 * UInt64(8 - count))) << 32, 0)
        }
        var first: UInt64 = 0
        for index in 0..<count { first |= UInt64(base[index]) << (8 * UInt64(index)) }
        return (first, 0)
    }

    /// A whole number within 64 bits, not followed by a fraction or an exponent.
    @inline(__always)
    mutating func integer() -> Int64? {
        // Most numbers of a request (purchases so far, a counter) have one or two
        // digits: read here, the call to the general reader cost about 60
        // instructions a number (callgrind).
        if bytes.count - position >= 3, let base = bytes.baseAddress {
            let first = base[position] &- 48
            let second = base[position + 1] &- 48
            if first <= 9, second > 9 {
                guard !Self.continuesNumber(base[position + 1]) else { return nil }
                position += 1
                return Int64(first)
            }
            if first <= 9, base[position + 2] &- 48 > 9 {
                guard !Self.continuesNumber(base[position + 2]) else { return nil }
                position += 2
                return Int64(first) &* 10 &+ Int64(second)
            }
        }
        return anyInteger()
    }

    /// Whether `byte` after a number's digits makes it a fraction or an exponent.
    @inline(__always)
    private static func continuesNumber(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    /// `integer()` of any length and sign.
    private mutating func anyInteger() -> Int64? {
        var at = position
        let negative = at < bytes.count && bytes[at] == UInt8(ascii: "-")
        if negative { at += 1 }
        var value: Int64 = 0
        let digitsStart = at
        while at < bytes.count, bytes[at] >= 48, bytes[at] <= 57 {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int64(bytes[at] - 48))
            guard !o1, !o2 else { return nil }
            value = sum
            at += 1
        }
        guard at > digitsStart else { return nil }
        if at < bytes.count, Self.continuesNumber(bytes[at]) { return nil }
        position = at
        return negative ? -value : value
    }

    /// Reads `word` (`true`, `false`, `null`) when the cursor is at it.
    @inline(__always)
    mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - position >= count, let base = bytes.baseAddress,
              Self.equal(UnsafeBufferPointer(start: base + position, count: count), UnsafeBufferPointer(start: word.utf8Start, count: count))
        else { return false }
        position += count
        return true
    }

    /// Whether two runs of bytes of one length are the same: eight bytes at a time,
    /// the last word overlapping the one before, or four, or byte by byte below four.
    ///
    /// `NameTable.equal` again, here: across the module boundary it is a call, and
    /// the reader compares a member's opening and a literal this way about a dozen
    /// times a line (callgrind: about 280 instructions a line).
    @inline(__always)
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let left = a.baseAddress, let right = b.baseAddress else { return true }
        let count = a.count
        let l = UnsafeRawPointer(left), r = UnsafeRawPointer(right)
        guard count >= 8 else {
            // `true`, `false`, `null` and short openings: two overlapping 4-byte words.
            if count >= 4 {
                return l.loadUnaligned(as: UInt32.self) == r.loadUnaligned(as: UInt32.self)
                    && l.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self) == r.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            }
            for offset in 0..<count where left[offset] != right[offset] { return false }
            return true
        }
        var offset = 0
        while offset + 8 < count {
            guard l.loadUnaligned(fromByteOffset: offset, as: UInt64.self) == r.loadUnaligned(fromByteOffset: offset, as: UInt64.self) else { return false }
            offset += 8
        }
        return l.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == r.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }
}
