/// Which bytes make which tokens, and the checks of written numbers shared with the
/// command line.
extension Lexer {
    /// Where the run of name bytes (`[A-Za-z0-9_]`) from `start` ends: eight bytes
    /// at a time where eight are there to read, as names are most of a rules file.
    @inline(__always)
    static func nameEnd(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if let base = buffer.baseAddress {
            while index + 8 <= buffer.count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                let others = ~nameBytes(word) & 0x8080_8080_8080_8080
                if others != 0 { return index + others.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index < buffer.count, isNameByte(buffer[index]) { index += 1 }
        return index
    }

    /// The high bit of each byte of `word` set when that byte is a name byte. Each
    /// range test adds to the byte's low seven bits, which cannot carry into the next.
    @inline(__always)
    static func nameBytes(_ word: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low = word & ~high
        func inRange(_ bytes: UInt64, _ first: UInt64, _ last: UInt64) -> UInt64 {
            (bytes &+ ones &* (0x80 - first)) & ~(bytes &+ ones &* (0x7F - last)) & high
        }
        // `| 0x20` folds capitals onto small letters and nothing else onto them.
        let letters = inRange(low | ones &* 0x20, 0x61, 0x7A)
        let digits = inRange(low, 0x30, 0x39)
        let underscores = inRange(low, 0x5F, 0x5F)
        return (letters | digits | underscores) & ~word
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"): true
        default: false
        }
    }

    static func isZoneByte(_ byte: UInt8) -> Bool {
        isNameByte(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }

    static func startsToken(_ byte: UInt8) -> Bool {
        if isNameByte(byte) { return byte != UInt8(ascii: "_") }
        return Array("{}[]():,.=<>\"# \t\r\n".utf8).contains(byte)
    }

    /// A positive whole number as the language writes it (`5000`, `5_000`), for
    /// command-line arguments that take counts.
    public static func positiveWholeNumber(_ text: String) -> Int64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "_") }),
              hasWellPlacedUnderscores(text), let value = ExactDecimal(parsing: Substring(text))?.integerValue,
              value > 0 else { return nil }
        return value
    }

    static func hasWellPlacedUnderscores(_ text: String) -> Bool {
        hasWellPlacedUnderscores(text.utf8)
    }

    static func hasWellPlacedUnderscores(_ bytes: some Sequence<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            // A separator must follow a digit; the scanner reads only digits, `_` and `.`.
            if byte == UInt8(ascii: "_") || byte == UInt8(ascii: "."),
               !(previous >= UInt8(ascii: "0") && previous <= UInt8(ascii: "9")) { return false }
            previous = byte
        }
        return previous != UInt8(ascii: "_")
    }

    static func helpForCharacter(_ text: String) -> String? {
        switch text.first {
        case "-": "amounts are never negative; dates are written `2026-11-27`"
        case "'": "strings use double quotes: `\"BF2026\"`"
        case "&": "write `and` for both conditions"
        case "|": "write `or` for either condition"
        case "$", "€", "£", "¥": "write money as an amount and a currency code, e.g. `4.99 USD`"
        case ";": "declarations need no terminator; start the next one on its own line"
        case "_": "names start with a letter, and numbers with a digit"
        default: nil
        }
    }
}
