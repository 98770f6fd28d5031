import Foundation
import Testing
@testable import CoinageServer

/// Hot reload: a change under the rules directory or a call of `reload` loads the
/// rules off to the side and swaps them in only when they have no errors.
@Suite struct ReloadTests {
    static func append(_ text: String, to file: URL) throws {
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// A good change is picked up by the watcher: new hash, new prices.
    @Test func aChangedFileIsServed() throws {
        let server = try RunningService.start()
        defer { server.stop() }
        let before = server.service.rules.hash
        let bundles = server.rules.appendingPathComponent("bundles.coin")
        let text = try String(contentsOf: bundles, encoding: .utf8)
        try text.replacingOccurrences(of: "9.99 USD,   bonus 100 coins", with: "9.99 USD,   bonus 150 coins")
            .write(to: bundles, atomically: true, encoding: .utf8)
        #expect(Tools.eventually { server.service.rules.hash != before }, "the change was not picked up")
        let rules = server.service.rules
        let answer = QuoteEndpoints.one(Array(EndpointTests.request.utf8), rules: rules, now: 0)
        #expect(String(decoding: answer.bytes, as: UTF8.self).contains(#""coins":{"base":700,"bonus":150,"total":850}"#))
        #expect(server.log.text.contains(#""event":"reload","trigger":"change""#))
    }

    /// Rules with errors never replace good ones: the old rules are served, the
    /// failure is shown by `/v1/rules` and the metrics, and a fix is picked up.
    @Test func rulesWithErrorsAreKeptOut() throws {
        let server = try RunningService.start { $0.watch = false }
        defer { server.stop() }
        let before = server.service.rules
        let broken = server.rules.appendingPathComponent("broken.coin")
        try "bundle broken: lots of coins\n".write(to: broken, atomically: true, encoding: .utf8)
        #expect(server.service.reload(trigger: "test") == false)
        #expect(server.service.rules === before)
        let failure = try #require(server.service.live.lastFailure)
        #expect(failure.errorCount >= 1)
        #expect(failure.message.contains("broken.coin"))
        let document = server.service.router.respond(to: HTTPRequest(method: "GET", target: "/v1/rules"))
        let text = String(decoding: document.body, as: UTF8.self)
        #expect(text.contains(#""hash":"\#(before.hash)""#))
        #expect(text.contains(#""lastReloadError":{"at":"#))
        let metrics = server.service.metrics.render(rules: before, lastFailure: failure)
        #expect(metrics.contains(#"coinage_reloads_total{outcome="failure"} 1"#))
        #expect(metrics.contains("coinage_rules_last_reload_failed 1"))
        #expect(server.log.text.contains(#""level":"error","event":"reload_failed""#))

        try FileManager.default.removeItem(at: broken)
        #expect(server.service.reload(trigger: "test"))
        #expect(server.service.live.lastFailure == nil)
        #expect(server.service.rules.generation == before.generation + 1)
    }

    /// A request holds the snapshot it started with: a reload meanwhile does not
    /// change the rules it is quoted on.
    @Test func aSnapshotOutlivesTheSwap() throws {
        let server = try RunningService.start { $0.watch = false }
        defer { server.stop() }
        let held = server.service.rules
        try "# a comment changes the content hash\n".write(to: server.rules.appendingPathComponent("more.coin"), atomically: true, encoding: .utf8)
        #expect(server.service.reload(trigger: "test"))
        #expect(server.service.rules.hash != held.hash)
        let answer = QuoteEndpoints.one(Array(EndpointTests.request.utf8), rules: held, now: 0)
        #expect(String(decoding: answer.bytes, as: UTF8.self).contains(held.hash))
    }
}
