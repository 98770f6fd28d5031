import Coinage

/// The strings of a request line: JSON escapes, and the request's own text as an
/// error message may repeat it.
extension RequestLineParser {
    /// A string's raw bytes with its escapes resolved; refused when an escape is not JSON's.
    func unescape(_ raw: ArraySlice<UInt8>) throws(RequestLineError) -> String {
        var scalars = String.UnicodeScalarView()
        var index = raw.startIndex
        var utf8: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars)
            utf8.removeAll()
        }
        while index < raw.endIndex {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\") else { utf8.append(byte); index += 1; continue }
            flush()
            index += 1
            guard index < raw.endIndex else { throw error("a string ends in the middle of an escape") }
            switch raw[index] {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                guard let high = hex4(raw, after: index) else { throw error("invalid `\\u` escape in a string") }
                index += 4
                if (0xD800...0xDBFF).contains(high) {
                    // A UTF-16 surrogate pair, as JSON writes characters beyond the BMP.
                    guard index + 2 < raw.endIndex, raw[index + 1] == UInt8(ascii: "\\"), raw[index + 2] == UInt8(ascii: "u"),
                          let low = hex4(raw, after: index + 2), (0xDC00...0xDFFF).contains(low),
                          let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) else {
                        throw error("invalid `\\u` surrogate pair in a string")
                    }
                    scalars.append(scalar)
                    index += 6
                } else {
                    guard let scalar = Unicode.Scalar(high) else { throw error("invalid `\\u` escape in a string") }
                    scalars.append(scalar)
                }
            default:
                throw error("invalid escape in a string")
            }
            index += 1
        }
        flush()
        return String(scalars)
    }

    /// The four hex digits after position `index` (the `u` of `\\u`), as a number:
    /// exactly four, each `0-9`, `a-f` or `A-F` (no sign, no space).
    private func hex4(_ raw: ArraySlice<UInt8>, after index: Int) -> UInt32? {
        guard index + 4 < raw.endIndex else { return nil }
        var value: UInt32 = 0
        for byte in raw[(index + 1)...(index + 4)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// The request's own text for a message: at most `maxEchoBytes` of it, cut at a
    /// character and marked with `…`, so a long line is never repeated whole.
    func echo(_ utf8: ArraySlice<UInt8>) -> String {
        guard utf8.count > Self.maxEchoBytes else { return text(utf8) }
        var end = utf8.startIndex + Self.maxEchoBytes
        // Back to the start of a character: UTF-8 continuation bytes are 10xxxxxx.
        while end > utf8.startIndex, utf8[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: utf8[utf8.startIndex..<end], as: UTF8.self) + "…"
    }
}
