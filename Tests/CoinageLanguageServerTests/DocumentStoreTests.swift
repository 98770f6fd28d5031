@testable import CoinageLanguageServer
import Testing

/// Open documents, their incremental changes, and `file:` URIs.
@Suite struct DocumentStoreTests {
    @Test func incrementalChangesApplyInOrderInUTF16() {
        var store = DocumentStore()
        store.open(uri: "file:///r/a.coin", text: "gift 🌹: 1 coin\n", version: 1)
        // Replace `1` (after the 2-unit rose) with `25`, then append a line.
        let one = LSPPosition(line: 0, character: 9)
        store.change(uri: "file:///r/a.coin", version: 2, changes: [
            ((one, LSPPosition(line: 0, character: 10)), "25"),
            ((LSPPosition(line: 1, character: 0), LSPPosition(line: 1, character: 0)), "gift b: 2 coins\n"),
        ], encoding: .utf16)
        #expect(store["file:///r/a.coin"].map { String(decoding: $0.bytes, as: UTF8.self) } == "gift 🌹: 25 coin\ngift b: 2 coins\n")
        #expect(store["file:///r/a.coin"]?.version == 2)
    }

    @Test func aChangeWithoutRangeReplacesTheText() {
        var store = DocumentStore()
        store.open(uri: "file:///r/a.coin", text: "old", version: 1)
        store.change(uri: "file:///r/a.coin", version: 2, changes: [(nil, "new")], encoding: .utf16)
        #expect(store["file:///r/a.coin"]?.bytes == Array("new".utf8))
        let changedClosed = store.change(uri: "file:///r/closed.coin", version: 1, changes: [(nil, "x")], encoding: .utf16)
        #expect(!changedClosed)
    }

    @Test func uriAndPathRoundTripWithSpacesAndNonASCII() {
        let path = "/tmp/my rules/prix é.coin"
        let uri = DocumentURI.uri(ofPath: path)
        #expect(uri == "file:///tmp/my%20rules/prix%20%C3%A9.coin")
        #expect(DocumentURI.path(of: uri) == path)
        #expect(DocumentURI.path(of: "file://localhost/a/b.coin") == "/a/b.coin")
        #expect(DocumentURI.path(of: "untitled:Untitled-1") == "untitled:Untitled-1")
    }

    @Test func aLineDiffFindsTheChangedLinesOnly() {
        let old = LineDiff.lines(Array("a\nb\nc\nd\n".utf8))
        let new = LineDiff.lines(Array("a\nB\nc\nd\ne\n".utf8))
        #expect(LineDiff.hunks(old, new) == [LineDiff.Hunk(old: 1..<2, new: 1..<2), LineDiff.Hunk(old: 4..<4, new: 4..<5)])
        #expect(LineDiff.hunks(old, old).isEmpty)
    }
}
