@testable import CoinageLanguageServer
import Testing

/// The base protocol's framing: whole messages out of bytes however they arrive,
/// and bad frames reported without losing the messages after them.
@Suite struct FramingTests {
    private func frame(_ body: String) -> [UInt8] { FrameEncoder.frame(body) }

    @Test func aMessageSplitAcrossReadsComesOutWhole() {
        var decoder = FrameDecoder()
        let bytes = frame("{\"a\":1}") + frame("{\"b\":2}")
        var events: [FrameDecoder.Event] = []
        for byte in bytes {
            decoder.append([byte])
            while let event = decoder.next() { events.append(event) }
        }
        #expect(events == [.message(Array("{\"a\":1}".utf8)), .message(Array("{\"b\":2}".utf8))])
    }

    @Test func contentLengthCountsBytesNotCharacters() {
        var decoder = FrameDecoder()
        let body = "{\"t\":\"Grüße 🎉\"}"
        decoder.append(frame(body))
        #expect(decoder.next() == .message(Array(body.utf8)))
        #expect(decoder.next() == nil)
    }

    @Test func headerNamesIgnoreCaseAndOtherHeadersArePassedOver() {
        var decoder = FrameDecoder()
        decoder.append(Array("content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}".utf8))
        #expect(decoder.next() == .message(Array("{}".utf8)))
    }

    @Test func aHeaderWithoutLengthIsReportedAndTheNextMessageStillArrives() {
        var decoder = FrameDecoder()
        decoder.append(Array("Content-Type: x\r\n\r\n".utf8) + frame("{}"))
        guard case .badFrame(let reason) = decoder.next() else {
            Issue.record("expected a bad frame")
            return
        }
        #expect(reason.contains("Content-Length"))
        #expect(decoder.next() == .message(Array("{}".utf8)))
    }

    @Test func aNonNumericOrNegativeLengthIsABadFrame() {
        for header in ["Content-Length: abc", "Content-Length: -5", "Content-Length: 1e3", "Content-Length: "] {
            var decoder = FrameDecoder()
            decoder.append(Array("\(header)\r\n\r\n".utf8))
            guard case .badFrame = decoder.next() else {
                Issue.record("`\(header)` was accepted")
                continue
            }
        }
    }

    @Test func aBodyOverTheLimitIsSkippedAndTheNextMessageRead() {
        var decoder = FrameDecoder(maxBody: 10)
        decoder.append(Array("Content-Length: 20\r\n\r\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 20) + frame("{}"))
        guard case .badFrame(let reason) = decoder.next() else {
            Issue.record("expected a bad frame")
            return
        }
        #expect(reason.contains("20 bytes"))
        #expect(decoder.next() == .message(Array("{}".utf8)))
    }

    @Test func anEndlessHeaderIsDroppedAtItsLimit() {
        var decoder = FrameDecoder()
        decoder.append(Array(repeating: UInt8(ascii: "h"), count: LSPLimits.maxHeaderBytes + 10))
        guard case .badFrame = decoder.next() else {
            Issue.record("expected a bad frame")
            return
        }
        decoder.append(frame("{}"))
        #expect(decoder.next() == .message(Array("{}".utf8)))
    }

    @Test func jsonReadingDecodesEscapesAndSurrogatePairs() {
        let value = JSONReading.parse(Array(#"{"s":"a\"b\\c\u00e9\ud83c\udf89","n":-12,"f":1.5,"l":[true,null]}"#.utf8))
        #expect(value?["s"]?.stringValue == "a\"b\\cé🎉")
        #expect(value?["n"]?.intValue == -12)
        #expect(value?["f"]?.intValue == nil)
        #expect(value?["l"]?.arrayValue?.count == 2)
    }

    @Test func malformedJSONIsNil() {
        for text in ["{", "{\"a\":}", "[1,]", "nul", "\"\u{01}\"", "{} x", "01x", ""] {
            #expect(JSONReading.parse(Array(text.utf8)) == nil, "`\(text)` was read")
        }
        let deep = String(repeating: "[", count: LSPLimits.maxJSONDepth + 1) + String(repeating: "]", count: LSPLimits.maxJSONDepth + 1)
        #expect(JSONReading.parse(Array(deep.utf8)) == nil)
    }
}
