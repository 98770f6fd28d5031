@testable import CoinageLanguageServer
import Testing

/// Byte offsets and LSP positions, in UTF-16 (the default) and UTF-8.
@Suite struct PositionTests {
    // `é` is 2 bytes and 1 UTF-16 unit, `🎉` 4 bytes and 2 units.
    private let text = Array("# é🎉x\nbundle a\r\n".utf8)

    @Test func utf16CountsCodeUnits() {
        let converter = PositionConverter(bytes: text, encoding: .utf16)
        let x = text.firstIndex(of: UInt8(ascii: "x")) ?? 0
        #expect(converter.position(of: x) == LSPPosition(line: 0, character: 5))
        #expect(converter.offset(of: LSPPosition(line: 0, character: 5)) == x)
        #expect(converter.position(of: 4) == LSPPosition(line: 0, character: 3), "the start of 🎉")
    }

    @Test func utf8CountsBytes() {
        let converter = PositionConverter(bytes: text, encoding: .utf8)
        let x = text.firstIndex(of: UInt8(ascii: "x")) ?? 0
        #expect(converter.position(of: x) == LSPPosition(line: 0, character: 8))
        #expect(converter.offset(of: LSPPosition(line: 0, character: 8)) == x)
    }

    @Test func aPositionInsideACharacterGoesToItsStart() {
        let utf16 = PositionConverter(bytes: text, encoding: .utf16)
        #expect(utf16.offset(of: LSPPosition(line: 0, character: 4)) == 4, "between the surrogates of 🎉")
        let utf8 = PositionConverter(bytes: text, encoding: .utf8)
        #expect(utf8.offset(of: LSPPosition(line: 0, character: 3)) == 2, "inside é")
    }

    @Test func positionsPastALineOrTheTextAreClamped() {
        let converter = PositionConverter(bytes: text, encoding: .utf16)
        let lineEnd = text.firstIndex(of: 0x0D) ?? 0
        #expect(converter.offset(of: LSPPosition(line: 1, character: 99)) == lineEnd, "before `\\r\\n`")
        #expect(converter.offset(of: LSPPosition(line: 9, character: 0)) == text.count)
        #expect(converter.position(of: text.count + 5) == LSPPosition(line: 2, character: 0))
    }

    @Test func utf8IsChosenOnlyWhenOffered() {
        #expect(PositionEncoding.negotiate(["utf-16", "utf-8"]) == .utf8)
        #expect(PositionEncoding.negotiate(["utf-32"]) == .utf16)
        #expect(PositionEncoding.negotiate([]) == .utf16)
    }
}
