@testable import CoinageChecker
import CoinageEngine
import CoinageSyntax
import Testing

/// `user NAME: text` as an experiment's unit: any text, hashed as written, so an id
/// gets the same arm whether it is declared `int` or `text`.
@Suite("Text units")
struct TextUnitTests {
    static let shop = ExperimentFixtures.shop.replacingOccurrences(of: "user id: int", with: "user id: text")

    static func request(_ id: UserValue?) -> QuoteRequest {
        var request = ExperimentFixtures.request(id: nil)
        if let id { request.user["id"] = id }
        return request
    }

    @Test("a text unit is hashed as written: the documented `u-1234`, and `42` as the int 42 is")
    func hashedAsWritten() throws {
        #expect(ExperimentHash.key(experiment: "web_coin_price", salt: "2026-12", unit: "u-1234") == "web_coin_price/2026-12/u-1234")
        #expect(ExperimentHash.bucket(experiment: "web_coin_price", salt: "2026-12", unit: "u-1234", buckets: 100) == 27)
        #expect(ExperimentHash.bucket(experiment: "web_coin_price", salt: "2026-12", unit: "42", buckets: 100)
            == ExperimentHash.bucket(experiment: "web_coin_price", salt: "2026-12", unit: 42, buckets: 100))
        let (_, text) = try #require(ExperimentFixtures.books(Self.shop))
        let (_, int) = try #require(ExperimentFixtures.books())
        for id in Int64(0)..<200 {
            #expect(text.quote(Self.request(.value(String(id)))).assignment == int.quote(Self.request(.int(id))).assignment)
        }
    }

    @Test("any text assigns, stickily, about half to each arm; no unit is control")
    func anyTextAssigns() throws {
        let (_, books) = try #require(ExperimentFixtures.books(Self.shop))
        var cheaper = 0
        for index in 0..<2_000 {
            let id = UserValue.value("user-\(index)-ä")
            let assignment = try #require(books.quote(Self.request(id)).assignment)
            #expect(assignment == books.quote(Self.request(id)).assignment)
            guard case .hashed = assignment.reason else { Issue.record("\(assignment)"); continue }
            if assignment.arm == "cheaper" { cheaper += 1 }
        }
        #expect((900...1_100).contains(cheaper), "cheaper got \(cheaper) of 2000")
        #expect(books.quote(Self.request(nil)).assignment?.reason == .noUnit)
        #expect(try books.quote(Self.request(.value(""))).result.get().price.minorUnits > 0)
    }

    @Test("a text attribute takes a word or a number as text, and refuses other facts")
    func reading() throws {
        let attribute = UserAttribute(name: "id", kind: .text, span: SourceSpan(file: SourceFileID(0), start: 0, end: 0))
        #expect(attribute.read(.text("u-1234")) == .success(.value("u-1234")))
        #expect(attribute.read(.integer(1234), .declaration) == .success(.value("1234")))
        #expect(attribute.read(.word("u_1")) == .success(.value("u_1")))
        #expect(attribute.read(.bool(true)) == .failure(.wrongType))
        let (_, books) = try #require(ExperimentFixtures.books(Self.shop))
        guard case .failure(let error) = books.quote(Self.request(.bool(true))).result else { Issue.record("quoted"); return }
        #expect(error.kind == .userAttributeType && error.message == "`id` is text; the request gives the bool `true`")
    }

    @Test("a test's user line gives text as a name or a string, and counterexample tests write it back the same")
    func testLines() throws {
        let values = ["vip", "u_1234", "9f1c-77ab", "true", "in", "say \"hi\" \\ bye", "Ünïcode", ""]
        #expect(values.map { UserValue.value($0).testText }
            == ["vip", "u_1234", "\"9f1c-77ab\"", "\"true\"", "\"in\"", "\"say \\\"hi\\\" \\\\ bye\"", "\"Ünïcode\"", "\"\""])
        for value in values {
            let test = "test \"t\" {\n  quote coins_700 in US at 2026-12-20T10:00 UTC\n  user id = \(UserValue.value(value).testText)\n  expect price 9.99 USD\n}\n"
            let result = ExperimentFixtures.check(Self.shop.replacingOccurrences(of: "arm cheaper 50", with: "arm cheaper 0") + "\n" + test)
            #expect(result.checked.diagnostics.filter { $0.severity == .error }.isEmpty, "\(value): \(result.checked.diagnostics.map(\.message))")
            #expect(result.ruleSet?.tests.first?.user["id"] == .value(value), "\(value)")
        }
    }

    @Test("a condition cannot compare a text attribute, and a unit must be int or text")
    func checked() {
        let compared = ExperimentFixtures.check(Self.shop + "\npromotion p {\n  when user.id == u_1\n  discount 5%\n}\n")
        let mismatch = compared.checked.diagnostics.filter { $0.code == .typeMismatch }
        #expect(mismatch.map(\.message) == ["`user.id` is text, which conditions cannot compare"])
        let boolUnit = ExperimentFixtures.check(Self.shop.replacingOccurrences(of: "user id: text", with: "user id: bool"))
        #expect(boolUnit.checked.diagnostics.contains { $0.code == .invalidExperiment && $0.message.hasSuffix("is a bool, not an int or text") })
        #expect(ExperimentFixtures.check(Self.shop).checked.diagnostics.filter { $0.severity == .error }.isEmpty)
    }
}
