import CoinageTestSupport
import Foundation
import Testing
@testable import CoinageServer

/// `GET /v1/prices` and `POST /v1/gift` against `coinage prices --format json` and
/// `coinage gift --json` on the same rules: the same documents.
@Suite(.enabled(if: Tools.python != nil && BuiltCoinage.path != nil, "needs python3 and a built `coinage`"))
struct CatalogEndpointTests {
    /// Compares the JSON the service answers with the JSON the command prints, as
    /// values (the command indents its output, the service does not).
    static let compare = """
    import json, subprocess, sys, urllib.request, urllib.error
    base, binary, rules, path, body = sys.argv[1:6]
    command = sys.argv[6:]
    request = urllib.request.Request(base + path, data=body.encode() if body else None)
    try:
        response = urllib.request.urlopen(request)
        status, served = response.status, json.load(response)
    except urllib.error.HTTPError as error:
        status, served = error.code, json.load(error)
    printed = json.loads(subprocess.run([binary] + command + ["--rules", rules], capture_output=True).stdout)
    print(status, served == printed)
    """

    static func check(_ server: RunningService, path: String, body: String = "", command: [String]) throws -> String {
        let binary = try #require(BuiltCoinage.path)
        let output = try Tools.python(Self.compare, [server.base, binary, server.rules.path, path, body] + command)
        #expect(output.err.isEmpty, "\(output.err)")
        return output.out
    }

    @Test func pricesAreThePricesCommandsRows() throws {
        let server = try RunningService.start()
        defer { server.stop() }
        #expect(try Self.check(server, path: "/v1/prices", command: ["prices", "--format", "json"]) == "200 True\n")
        #expect(try Self.check(server, path: "/v1/prices?channel=web", command: ["prices", "--format", "json", "--channel", "web"]) == "200 True\n")
    }

    /// The sample shop, loaded once for the tests that call the endpoints directly.
    static let sample = try? RulesSnapshot.load(RepositoryPaths.sampleShop.path, generation: 1).get()

    @Test func pricesFilteredByRegion() throws {
        let rules = try #require(Self.sample)
        let answer = CatalogEndpoints.prices(query: "region=DE&channel=web", rules: rules)
        let text = String(decoding: answer.body, as: UTF8.self)
        #expect(answer.status == .ok)
        #expect(text.contains(#"{"channel":"web","region":"DE","bundle":"coins_700","coins":700,"bonusCoins":100,"list":{"amount":"6.49","currency":"EUR"}"#))
        #expect(!text.contains(#""region":"US""#))
        #expect(CatalogEndpoints.prices(query: "region=XX", rules: rules).status == .unprocessableContent)
        #expect(CatalogEndpoints.prices(query: "channel=nope", rules: rules).status == .unprocessableContent)
        #expect(CatalogEndpoints.prices(query: "regoin=DE", rules: rules).status == .badRequest)
        #expect(CatalogEndpoints.prices(query: "region=DE&region=US", rules: rules).status == .badRequest)
    }

    @Test func giftIsTheGiftCommandsDocument() throws {
        let server = try RunningService.start()
        defer { server.stop() }
        #expect(try Self.check(server, path: "/v1/gift", body: #"{"gift":"finger_heart","count":3,"region":"DE"}"#,
                               command: ["gift", "finger_heart", "--count", "3", "--region", "DE", "--json"]) == "200 True\n")
        #expect(try Self.check(server, path: "/v1/gift", body: #"{"gift":"rose"}"#, command: ["gift", "rose", "--json"]) == "200 True\n")
    }

    @Test(arguments: [
        (#"{"gift":"nope"}"#, 422), (#"{"gift":"rose","region":"XX"}"#, 422),
        (#"{"gift":"rose","count":0}"#, 400), (#"{"gift":"rose","count":2.5}"#, 400), (#"{"gift":"rose","count":true}"#, 400),
        (#"{"gift":"rose","count":"2"}"#, 400), (#"{"gift":"rose","extra":1}"#, 400), (#"{"count":1}"#, 400),
        ("[1]", 400), ("not json", 400), ("", 400),
    ])
    func giftRefusals(_ body: String, status: Int) throws {
        let rules = try #require(Self.sample)
        #expect(CatalogEndpoints.gift(Array(body.utf8), rules: rules).status.code == status)
    }

    /// A count is a JSON number with a whole value, however it is written: `1` is
    /// one gift (Foundation's reader took it for `true` and the endpoint refused it).
    @Test(arguments: [#"{"gift":"rose","count":1}"#, #"{"gift":"rose","count":1.0}"#, #"{"gift":"rose","count":1e2}"#,
                      #"{"gift":"rose","count":10e-1}"#, "\u{FEFF}" + #"{"gift":"rose","count":3}"#])
    func giftCountsAreWholeNumbersInAnyNotation(_ body: String) throws {
        let rules = try #require(Self.sample)
        #expect(CatalogEndpoints.gift(Array(body.utf8), rules: rules).status == .ok)
    }
}
