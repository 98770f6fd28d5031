import CoinageSyntax

/// How a position's `character` counts: LSP's default is UTF-16 code units; a
/// client that offers `utf-8` gets byte offsets, which are what spans hold.
package enum PositionEncoding: String, Sendable {
    case utf8 = "utf-8"
    case utf16 = "utf-16"

    /// The encoding to use given the client's `general.positionEncodings`: UTF-8
    /// when offered (no conversion), else UTF-16, which every client supports.
    package static func negotiate(_ offered: [String]) -> PositionEncoding {
        offered.contains(PositionEncoding.utf8.rawValue) ? .utf8 : .utf16
    }
}

/// An LSP position: a 0-based line and a character offset in the negotiated encoding.
package struct LSPPosition: Hashable, Sendable {
    package let line: Int
    package let character: Int

    package init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }
}

/// Converts between byte offsets in a file's UTF-8 text and LSP positions.
package struct PositionConverter: Sendable {
    package let bytes: [UInt8]
    package let lines: LineTable
    package let encoding: PositionEncoding

    package init(bytes: [UInt8], lines: LineTable? = nil, encoding: PositionEncoding) {
        self.bytes = bytes
        self.lines = lines ?? LineTable(bytes)
        self.encoding = encoding
    }

    package init(_ file: SourceFile, encoding: PositionEncoding) {
        self.init(bytes: file.bytes, lines: file.lines, encoding: encoding)
    }

    /// The position of byte `offset` (clamped to the text).
    package func position(of offset: Int) -> LSPPosition {
        let offset = max(0, min(offset, bytes.count))
        let line = lines.lineIndex(containing: offset)
        let lineStart = lines.start(ofLine: line)
        switch encoding {
        case .utf8:
            return LSPPosition(line: line, character: offset - lineStart)
        case .utf16:
            var units = 0
            var index = lineStart
            while index < offset {
                let width = Self.sequenceLength(bytes[index])
                units += width == 4 ? 2 : 1
                index += width
            }
            return LSPPosition(line: line, character: units)
        }
    }

    /// The byte offset of `position`. A line past the end gives the end of the text;
    /// a character past the end of its line gives the line's end (before its
    /// terminator), and one inside a character gives that character's start.
    package func offset(of position: LSPPosition) -> Int {
        guard position.line >= 0 else { return 0 }
        guard position.line < lines.count else { return bytes.count }
        let lineStart = lines.start(ofLine: position.line)
        var lineEnd = position.line + 1 < lines.count ? lines.start(ofLine: position.line + 1) : bytes.count
        while lineEnd > lineStart, bytes[lineEnd - 1] == 0x0A || bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        // Clamped first: a huge character must not overflow the sum below.
        let wanted = min(max(0, position.character), lineEnd - lineStart)
        switch encoding {
        case .utf8:
            var offset = min(lineStart + wanted, lineEnd)
            // Never inside a character: back to the start of the one it falls in.
            while offset > lineStart, offset < lineEnd, bytes[offset] & 0xC0 == 0x80 { offset -= 1 }
            return offset
        case .utf16:
            var units = 0
            var index = lineStart
            while index < lineEnd {
                let width = Self.sequenceLength(bytes[index])
                let next = units + (width == 4 ? 2 : 1)
                if next > wanted { return index }
                units = next
                index = min(index + width, lineEnd)
            }
            return lineEnd
        }
    }

    /// How many bytes the UTF-8 sequence led by `byte` takes (1 for a stray
    /// continuation byte, so that invalid text still advances).
    static func sequenceLength(_ byte: UInt8) -> Int {
        switch byte {
        case 0xF0...0xFF: 4
        case 0xE0...0xEF: 3
        case 0xC0...0xDF: 2
        default: 1
        }
    }
}
