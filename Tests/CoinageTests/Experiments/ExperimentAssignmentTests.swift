import CoinageChecker
import CoinageEngine
import Foundation
import Testing

@Suite("Experiment assignment")
struct ExperimentAssignmentTests {
    @Test("FNV-1a 64 gives the published value for \"a\", and the worked example of Docs/Experiments.md")
    func documentedHash() {
        #expect(ExperimentHash.fnv1a64("a".utf8) == 0xaf63_dc4c_8601_ec8c)
        #expect(ExperimentHash.fnv1a64("".utf8) == ExperimentHash.offsetBasis)
        #expect(ExperimentHash.key(experiment: "web_coin_price", salt: "2026-12", unit: 42) == "web_coin_price/2026-12/42")
        #expect(ExperimentHash.fnv1a64("web_coin_price/2026-12/42".utf8) == 0x340a_5022_a267_0163)
        #expect(ExperimentHash.bucket(experiment: "web_coin_price", salt: "2026-12", unit: 42, buckets: 100) == 31)
    }

    @Test("the same unit always gets the same arm, and the arm prices the quote")
    func deterministicAndSticky() throws {
        let (_, books) = try #require(ExperimentFixtures.books())
        var prices: [String: String] = [:]
        for id in Int64(1)...40 {
            let first = books.quote(ExperimentFixtures.request(id: id))
            let again = books.quote(ExperimentFixtures.request(id: id))
            let assignment = try #require(first.assignment)
            #expect(assignment == again.assignment)
            guard case .hashed(let bucket) = assignment.reason else { Issue.record("unit \(id) not hashed"); continue }
            #expect(assignment.arm == (bucket < 50 ? "control" : "cheaper"))
            prices[assignment.arm] = try first.result.get().price.description
        }
        #expect(prices == ["control": "9.99 USD", "cheaper": "8.99 USD"])
    }

    @Test("over many units each arm gets about its weight")
    func distribution() throws {
        let (_, books) = try #require(ExperimentFixtures.books())
        var cheaper = 0
        let units = 10_000
        for id in 0..<Int64(units) {
            guard case .success(let assigned?) = books.assign(ExperimentFixtures.request(id: id)) else { continue }
            if assigned.assignment.arm == "cheaper" { cheaper += 1 }
        }
        // 50 of 100 buckets: a fair split within two percentage points.
        #expect((4_800...5_200).contains(cheaper), "cheaper got \(cheaper) of \(units)")
    }

    @Test("a request without a unit, outside the window or outside the audience gets control, and says why")
    func controlWithReason() throws {
        let (_, books) = try #require(ExperimentFixtures.books())
        let cases: [(QuoteRequest, ArmAssignment.Reason)] = [
            (ExperimentFixtures.request(id: nil), .noUnit),
            (ExperimentFixtures.request(at: ExperimentFixtures.after), .outsideWindow),
            (ExperimentFixtures.request(region: "DE"), .notInAudience),
        ]
        for (request, reason) in cases {
            let quote = books.quote(request)
            #expect(quote.assignment == ArmAssignment(experiment: "web_price", arm: "control", reason: reason))
            #expect(try quote.result.get().price.description == (request.region == "US" ? "9.99 USD" : "9.99 EUR"))
        }
    }

    @Test("a request can force an arm, even outside the window; an unknown arm is refused")
    func forcedArm() throws {
        let (_, books) = try #require(ExperimentFixtures.books())
        let forced = books.quote(ExperimentFixtures.request(at: ExperimentFixtures.after, id: nil), forcing: ["web_price": "cheaper"])
        #expect(forced.assignment == ArmAssignment(experiment: "web_price", arm: "cheaper", reason: .forced))
        #expect(try forced.result.get().price.description == "8.99 USD")
        let unknown = books.quote(ExperimentFixtures.request(), forcing: ["web_price": "dearer"])
        guard case .failure(let error) = unknown.result else { Issue.record("an unknown arm was quoted"); return }
        #expect(error.kind == .unknownArm)
        #expect(error.message == "experiment `web_price` has no arm `dearer`")
    }

    @Test("rules without experiments assign nothing: their quotes are the book's own")
    func noExperiment() throws {
        let plain = ExperimentFixtures.shop.components(separatedBy: "experiment web_price")[0]
        let (rules, books) = try #require(ExperimentFixtures.books(plain))
        #expect(rules.experiments.isEmpty && books.isEmpty)
        let quote = books.quote(ExperimentFixtures.request())
        #expect(quote.assignment == nil)
        #expect(try quote.result.get() == books.control.quote(ExperimentFixtures.request()).get())
    }
}
