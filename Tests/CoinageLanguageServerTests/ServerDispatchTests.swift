@testable import CoinageLanguageServer
import CoinageJSON
import CoinageTestSupport
import Synchronization
import Testing

/// The server's dispatch and its generations, with a scheduler the test drives:
/// deferred work runs only when the test says, so "a result overtaken by a newer
/// change" is made to happen, not waited for.
@Suite struct ServerDispatchTests {
    /// Deferred and background work, held until the test runs it.
    final class ManualScheduler: ServerScheduler, @unchecked Sendable {
        private let pending = Mutex<[@Sendable () -> Void]>([])

        func after(milliseconds: Int, _ work: @escaping @Sendable () -> Void) {
            pending.withLock { $0.append(work) }
        }

        func background(_ work: @escaping @Sendable () -> Void) {
            pending.withLock { $0.append(work) }
        }

        /// Runs the oldest held work; false when there is none.
        @discardableResult
        func runNext() -> Bool {
            guard let next = pending.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { return false }
            next()
            return true
        }

        /// Runs the held work, oldest first, and what it schedules in turn.
        func runAll() {
            while runNext() {}
        }
    }

    final class Recorder: @unchecked Sendable {
        let messages = Mutex<[JSONValue]>([])
        let status = Mutex<Int32?>(nil)
        var all: [JSONValue] { messages.withLock { $0 } }
    }

    private func server(_ recorder: Recorder, _ scheduler: ManualScheduler) -> LanguageServer {
        LanguageServer(rulesDirectory: RepositoryPaths.sampleShop.path, scheduler: scheduler, now: { 1_795_860_000 },
                       send: { message in recorder.messages.withLock { $0.append(message) } },
                       terminate: { code in recorder.status.withLock { $0 = code } })
    }

    private func send(_ server: LanguageServer, _ json: String) { server.receive(Array(json.utf8)) }

    private func open(_ uri: String, _ text: String, version: Int) -> String {
        let escaped = JSONValue.string(text).serialized()
        return #"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"\#(uri)","languageId":"coin","version":\#(version),"text":\#(escaped)}}}"#
    }

    private func diagnostics(_ recorder: Recorder, uri: String) -> [[JSONValue]] {
        recorder.all.filter { $0["method"]?.stringValue == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.stringValue == uri }
            .compactMap { $0["params"]?["diagnostics"]?.arrayValue }
    }

    @Test func aStaleAnalysisNeverReplacesANewerCheck() throws {
        let recorder = Recorder()
        let scheduler = ManualScheduler()
        let server = server(recorder, scheduler)
        send(server, #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#)
        let uri = DocumentURI.uri(ofPath: RepositoryPaths.sampleShop.appendingPathComponent("currencies.coin").path)
        let text = try String(contentsOf: RepositoryPaths.sampleShop.appendingPathComponent("currencies.coin"), encoding: .utf8)
        // Version 1 has an unused rate (a lint, found by the analysis); version 2 an error.
        send(server, open(uri, text + "rate ISK 140\n", version: 1))
        // Version 1 is checked, then its debounce ends: its analysis starts...
        scheduler.runNext()
        scheduler.runNext()
        // ...and version 2 arrives before its result.
        send(server, #"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"\#(uri)","version":2},"contentChanges":[{"text":"rate EUR 0,86\n"}]}}"#)
        // Version 1's analysis finishes (finding W0204) and hands its result back: overtaken, it is dropped.
        scheduler.runAll()
        let published = diagnostics(recorder, uri: uri)
        let codes = published.last?.compactMap { $0["code"]?.stringValue } ?? []
        #expect(!codes.isEmpty && !codes.contains("W0204"), "\(codes)")
        #expect(!published.flatMap { $0 }.contains { $0["code"]?.stringValue == "W0204" })
    }

    @Test func theAnalysisOfTheLatestChangeIsPublished() throws {
        let recorder = Recorder()
        let scheduler = ManualScheduler()
        let server = server(recorder, scheduler)
        send(server, #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#)
        let uri = DocumentURI.uri(ofPath: RepositoryPaths.sampleShop.appendingPathComponent("currencies.coin").path)
        let text = try String(contentsOf: RepositoryPaths.sampleShop.appendingPathComponent("currencies.coin"), encoding: .utf8)
        send(server, open(uri, text + "rate ISK 140\n", version: 1))
        scheduler.runNext()
        #expect(diagnostics(recorder, uri: uri).isEmpty, "checked, but no lint before the debounce")
        scheduler.runAll()
        let last = diagnostics(recorder, uri: uri).last ?? []
        #expect(last.contains { $0["code"]?.stringValue == "W0204" })
        #expect(recorder.all.last?["params"]?["version"]?.intValue == 1)
    }

    @Test func aBurstOfChangesIsCheckedOnceAndARequestSeesTheLatestText() throws {
        let recorder = Recorder()
        let scheduler = ManualScheduler()
        let server = server(recorder, scheduler)
        send(server, #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#)
        let uri = DocumentURI.uri(ofPath: RepositoryPaths.sampleShop.appendingPathComponent("gifts.coin").path)
        send(server, open(uri, "gift a: 1 coin\n", version: 1))
        for version in 2...5 {
            send(server, #"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"\#(uri)","version":\#(version)},"contentChanges":[{"text":"gift g\#(version): 1 coin\n"}]}}"#)
        }
        // Nothing checked yet; a request runs the check for version 5 first.
        send(server, #"{"jsonrpc":"2.0","id":2,"method":"workspace/symbol","params":{"query":"g5"}}"#)
        let answer = recorder.all.last { $0["id"]?.intValue == 2 }
        #expect(answer?["result"]?.arrayValue?.count == 1)
        // The checks still queued find nothing left to do: one check for the burst.
        #expect(server.checkCount == 1)
        scheduler.runAll()
        #expect(server.checkCount == 1)
    }

    @Test func protocolErrorsAndExitStatuses() {
        let recorder = Recorder()
        let server = server(recorder, ManualScheduler())
        send(server, #"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{}}"#)
        send(server, "{oops")
        send(server, #"{"jsonrpc":"2.0","id":2,"method":"initialize","params":{"capabilities":{"general":{"positionEncodings":["utf-8"]}}}}"#)
        send(server, #"{"jsonrpc":"2.0","id":3,"method":"nope"}"#)
        send(server, #"{"jsonrpc":"2.0","id":4,"method":"textDocument/hover","params":{"textDocument":{}}}"#)
        send(server, #"{"jsonrpc":"2.0","id":{"x":1},"method":"shutdown"}"#)
        let codes = recorder.all.compactMap { $0["error"]?["code"]?.intValue }
        #expect(codes == [-32002, -32700, -32601, -32602, -32600])
        #expect(server.encoding == .utf8)
        send(server, #"{"jsonrpc":"2.0","method":"exit"}"#)
        #expect(recorder.status.withLock { $0 } == 1)
        send(server, #"{"jsonrpc":"2.0","id":5,"method":"shutdown"}"#)
        send(server, #"{"jsonrpc":"2.0","method":"exit"}"#)
        #expect(recorder.status.withLock { $0 } == 0)
    }
}
