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
        while position < bytes.count {
            switch bytes[position] {
            case 32, 9, 13, 10: position += 1
            default: return
            }
        }
    }

    /// Reads `{ "key": value, ... }`, giving `member` each plain key with the cursor
    /// at its value; false when the object is not well formed or `member` says so.
    @inline(__always)
    mutating func object(_ member: (inout JSONCursor, UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        skipWhitespace()
        return sequence(open: UInt8(ascii: "{"), close: UInt8(ascii: "}")) { cursor in
            guard let key = cursor.plainString() else { return false }
            cursor.skipWhitespace()
            guard cursor.peek == UInt8(ascii: ":") else { return false }
            cursor.position += 1
            cursor.skipWhitespace()
            return member(&cursor, key)
        }
    }

    /// Reads `[ value, ... ]`, giving `element` the cursor at each value.
    mutating func array(_ element: (inout JSONCursor) -> Bool) -> Bool {
        sequence(open: UInt8(ascii: "["), close: UInt8(ascii: "]"), element)
    }

    /// `open`, then items separated by commas, then `close`; `item` reads each one.
    @inline(__always)
    private mutating func sequence(open: UInt8, close: UInt8, _ item: (inout JSONCursor) -> Bool) -> Bool {
        guard peek == open else { return false }
        position += 1
        skipWhitespace()
        if peek == close {
            position += 1
            return true
        }
        while true {
            skipWhitespace()
            guard item(&self) else { return false }
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): position += 1
            case close:
                position += 1
                return true
            default: return false
            }
        }
    }

    /// A string without escapes or control characters: its bytes, in place.
    ///
    /// Byte by byte: a request's strings are mostly names of a few bytes, where a
    /// scan eight bytes at a time costs more than it saves.
    @inline(__always)
    mutating func plainString() -> UnsafeBufferPointer<UInt8>? {
        guard peek == UInt8(ascii: "\""), let base = bytes.baseAddress else { return nil }
        let start = position + 1
        var end = start
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

    /// The first eight bytes of `bytes` (fewer when it is shorter) as one little-endian
    /// word, and the next eight as another: a short key compared in two steps.
    @inline(__always)
    static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        var first: UInt64 = 0, second: UInt64 = 0
        for index in 0..<min(bytes.count, 16) {
            if index < 8 {
                first |= UInt64(bytes[index]) << (8 * UInt64(index))
            } else {
                second |= UInt64(bytes[index]) << (8 * UInt64(index - 8))
            }
        }
        return (first, second)
    }

    /// A whole number within 64 bits, not followed by a fraction or an exponent.
    mutating func integer() -> Int64? {
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
        if at < bytes.count, bytes[at] == UInt8(ascii: ".") || bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E") {
            return nil
        }
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

    /// Whether two runs of bytes are the same (eight at a time, as the name tables compare).
    @inline(__always)
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        NameTable.equal(a, b)
    }
}
