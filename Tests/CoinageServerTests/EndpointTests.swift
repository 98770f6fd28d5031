import CoinageTestSupport
import Foundation
import Testing
@testable import CoinageServer

/// Each endpoint of a running service, driven with curl.
@Suite(.enabled(if: Tools.curl != nil, "curl is not installed: run .ci/install-serve-test-tools"))
struct EndpointTests {
    static let request = #"{"bundle":"coins_700","region":"DE","channel":"web","at":"2026-11-28T10:00:00Z"}"#

    /// curl's body, then its status code on the last line.
    static func call(_ arguments: [String]) throws -> (status: Int, body: String) {
        let output = try Tools.curl(["-w", "\n%{http_code}"] + arguments)
        #expect(output.status == 0, "curl: \(output.err)")
        var lines = output.out.split(separator: "\n", omittingEmptySubsequences: false)
        let status = Int(lines.popLast() ?? "") ?? 0
        return (status, lines.joined(separator: "\n"))
    }

    @Test func quoteGivesTheBatchLine() throws {
        let server = try RunningService.start()
        defer { server.stop() }
        let (status, body) = try Self.call(["-X", "POST", "--data-binary", Self.request, "\(server.base)/v1/quote"])
        #expect(status == 200)
        #expect(body.hasPrefix(#"{"bundle":"coins_700","region":"DE","channel":"web","at":"2026-11-28T10:00:00Z","currency":"EUR""#))
        #expect(body.contains(#""price":{"amount":"5.19","currency":"EUR"}"#))
        #expect(body.contains(server.service.rules.hash))
    }

    @Test func refusedQuotesAre422AndMalformedOnes400() throws {
        let server = try RunningService.start()
        defer { server.stop() }
        let unknown = try Self.call(["-X", "POST", "--data-binary", #"{"bundle":"nope","region":"DE","channel":"web"}"#, "\(server.base)/v1/quote"])
        #expect(unknown.status == 422)
        #expect(unknown.body == #"{"error":{"code":"unknown_bundle","message":"unknown bundle `nope`"}}"# + "\n")
        let malformed = try Self.call(["-X", "POST", "--data-binary", #"{"bundle":1}"#, "\(server.base)/v1/quote"])
        #expect(malformed.status == 400)
        #expect(malformed.body.hasPrefix(#"{"error":{"code":"invalid_request","message":"line 1: "#))
    }

    /// `/v1/quotes` answers with exactly the bytes `coinage quote --batch` writes for
    /// the same lines, bad and blank ones included.
    @Test func quotesMatchTheBatchByteForByte() throws {
        let server = try RunningService.start()
        defer { server.stop() }
        let lines = [
            Self.request, "", #"{"bad"}"#, "   ",
            #"{"coins":5000,"region":"US","channel":"web","at":"2026-11-29T23:30:00Z","explain":true}"#,
            #"{"bundle":"coins_1400","region":"US","channel":"ios","at":"2026-06-17T12:00:00-04:00","user":{"segment":"vip","purchases":12},"codes":["VIP2026"]}"#,
            #"{"bundle":"coins_70","region":"XX","at":"2026-11-28"}"# + "\r",
            #"{"bundle":"coins_70","region":"DE","channel":"web","at":"2026-11-28","redemptions":{"nope":{"total":1}}}"#,
        ]
        let body = lines.joined(separator: "\n")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("coinage-serve-batch-\(UUID().uuidString).jsonl")
        try body.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, answer) = try Self.call(["-X", "POST", "--data-binary", "@\(file.path)", "\(server.base)/v1/quotes"])
        #expect(status == 200)
        let binary = try #require(BuiltCoinage.path, "no built `coinage`; run `swift build`")
        let batch = try Tools.run("/bin/sh", ["-c", "\"$0\" quote --batch --rules \"$1\" < \"$2\"", binary, server.rules.path, file.path])
        #expect(answer == batch.out)
        #expect(answer.split(separator: "\n").count == 6)
    }

    @Test func rulesHealthReadyAndMetrics() throws {
        let server = try RunningService.start()
        defer { server.stop() }
        let rules = try Self.call(["\(server.base)/v1/rules"])
        #expect(rules.status == 200)
        #expect(rules.body.contains(#""hash":"\#(server.service.rules.hash)""#))
        #expect(rules.body.contains("bundles.coin"))
        #expect(rules.body.contains(#""lastReloadError":null"#))
        let health = try Self.call(["\(server.base)/healthz"])
        #expect(health.status == 200)
        #expect(health.body == #"{"status":"ok"}"# + "\n")
        #expect(try Self.call(["\(server.base)/readyz"]).status == 200)
        _ = try Self.call(["-X", "POST", "--data-binary", Self.request, "\(server.base)/v1/quote"])
        let metrics = try Self.call(["\(server.base)/metrics"])
        #expect(metrics.status == 200)
        #expect(metrics.body.contains(#"coinage_http_requests_total{endpoint="/v1/quote",code="200"} 1"#))
        #expect(metrics.body.contains(#"coinage_http_request_duration_seconds_count{endpoint="/v1/quote"} 1"#))
        #expect(metrics.body.contains(#"coinage_quotes_total{outcome="quoted"} 1"#))
        #expect(metrics.body.contains(#"coinage_rules_info{hash="\#(server.service.rules.hash)"} 1"#))
        #expect(server.log.text.contains(#""event":"request","method":"POST","path":"/v1/quote","status":200"#))
    }

    @Test func unknownPathsAndWrongMethods() throws {
        let server = try RunningService.start()
        defer { server.stop() }
        #expect(try Self.call(["\(server.base)/nope"]).status == 404)
        let wrong = try Tools.curl(["-i", "-X", "DELETE", "\(server.base)/v1/quote"])
        #expect(wrong.out.hasPrefix("HTTP/1.1 405 Method Not Allowed\r\n"))
        #expect(wrong.out.contains("Allow: POST\r\n"))
        #expect(try Self.call(["-X", "POST", "-H", "Content-Length:", "\(server.base)/v1/quote"]).status == 411)
    }

    /// Past each limit, its own status; the limits here are the ones given as flags.
    @Test func limits() throws {
        let server = try RunningService.start {
            $0.limits = HTTPLimits(maxBodyBytes: 1_000, maxHeaderBytes: 1_000, maxHeaderCount: 20, maxTargetBytes: 100)
        }
        defer { server.stop() }
        let body = String(repeating: " ", count: 1_001)
        #expect(try Self.call(["-X", "POST", "--data-binary", body, "\(server.base)/v1/quotes"]).status == 413)
        #expect(try Self.call(["-X", "POST", "-H", "Transfer-Encoding: chunked", "--data-binary", body, "\(server.base)/v1/quotes"]).status == 413)
        #expect(try Self.call(["-H", "X-Big: \(String(repeating: "a", count: 1_001))", "\(server.base)/healthz"]).status == 431)
        #expect(try Self.call(["\(server.base)/\(String(repeating: "a", count: 101))"]).status == 414)
        #expect(try Self.call(["\(server.base)/healthz?\(String(repeating: "a", count: 80))"]).status == 200)
    }
}

/// The `coinage` executable of this build.
enum BuiltCoinage {
    static let path: String? = {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var candidates = [runner.deletingLastPathComponent().appendingPathComponent("coinage").path]
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("coinage").path)
        }
        candidates.append(RepositoryPaths.root.appendingPathComponent(".build/debug/coinage").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()
}
