import Coinage
import CoinageCLI
import Foundation
import Testing

private let experimentShop = Snapshot.fixture("experiments")
private let promotionsShop = Snapshot.fixture("promotions")

/// `coinage quote`, `quote --batch` and `diff --experiments` on rules with an experiment.
@Suite struct ExperimentCommandTests {
    static let during = "2026-12-20T10:00:00Z"

    @Test("a quote says its arm in text and JSON, and --arm forces one")
    func quoteReportsArm() throws {
        // `web_price/2026-12/5` hashes to bucket 18 of 100: control.
        let text = runCoinage(["quote", "coins_700", "--rules", experimentShop, "--region", "US", "--channel", "web",
                               "--at", Self.during, "--user", "id=5"])
        #expect(text.status == .success)
        #expect(text.out.hasSuffix("arm control of experiment web_price (assigned: bucket 18)\n"), "\(text.out)")
        let forced = runCoinage(["quote", "coins_700", "--rules", experimentShop, "--region", "US", "--channel", "web",
                                 "--at", Self.during, "--arm", "web_price=cheaper", "--json"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(forced.out.utf8)) as? [String: Any])
        #expect(object["arm"] as? String == "cheaper" && object["assignment"] as? String == "forced")
        #expect((object["price"] as? [String: Any])?["amount"] as? String == "8.99")
        let unknown = runCoinage(["quote", "coins_700", "--rules", experimentShop, "--region", "US", "--channel", "web",
                                  "--arm", "web_price=dearer"])
        #expect(unknown.status == .failure && unknown.err.contains("experiment `web_price` has no arm `dearer`"))
    }

    @Test("a text unit: --user and batch lines give it as a string or a number, hashed as written")
    func textUnit() throws {
        let text = try String(contentsOfFile: experimentShop + "/shop.coin", encoding: .utf8)
            .replacingOccurrences(of: "user id: int", with: "user id: text")
        try withTemporaryRules(text) { path in
            // `web_price/2026-12/u-1234` hashes to bucket 17 of 100: control.
            let quote = runCoinage(["quote", "coins_700", "--rules", path, "--region", "US", "--channel", "web",
                                    "--at", Self.during, "--user", "id=u-1234"])
            #expect(quote.status == .success)
            #expect(quote.out.hasSuffix("arm control of experiment web_price (assigned: bucket 17)\n"), "\(quote.out)")
            // The id 42 (bucket 81, `cheaper`) as a string and as a number, on the fast and the slow path.
            let line = #"{"bundle":"coins_700","region":"US","channel":"web","at":"2026-12-20T10:00:00Z","user":{"id":ID}}"#
            let input = [#""42""#, "42"].map { line.replacingOccurrences(of: "ID", with: $0) }.joined(separator: "\n") + "\n"
            let batch = runCoinageWithInput(["quote", "--batch", "--rules", path], input: input)
            #expect(batch.status == .success)
            let lines = batch.out.split(separator: "\n")
            #expect(lines.count == 2 && lines.allSatisfy { $0.hasSuffix(#""arm":"cheaper","assignment":"assigned","bucket":81}"#) }, "\(batch.out)")
            let refused = runCoinageWithInput(["quote", "--batch", "--rules", path], input: line.replacingOccurrences(of: "ID", with: "true") + "\n")
            #expect(refused.out.contains("`id` is text; the request gives the bool `true`"), "\(refused.out)")
        }
    }

    @Test("a batch line of experiment rules is the plain line with the arm's members before its brace")
    func batchLine() throws {
        let line = #"{"bundle":"coins_700","region":"DE","channel":"web","at":"2026-12-20T10:00:00Z","user":{"id":4}}"#
        let run = runCoinageWithInput(["quote", "--batch", "--rules", experimentShop], input: line + "\n")
        #expect(run.status == .success)
        let members = #","experiment":"web_price","arm":"control","assignment":"not_in_audience""#
        #expect(run.out.hasSuffix(members + "}\n"), "\(run.out)")
        // The same rules without the experiment write the line without those members:
        // the same bytes up to the rules' hash, which differs with the files.
        let text = try String(contentsOfFile: experimentShop + "/shop.coin", encoding: .utf8)
        let plainText = String(text.split(separator: "experiment web_price")[0])
        let plain = try withTemporaryRules(plainText) { path in
            runCoinageWithInput(["quote", "--batch", "--rules", path], input: line + "\n")
        }
        let head = { (out: String) in String(out.split(separator: "\"rules\"")[0]) }
        #expect(head(plain.out) == head(run.out))
        #expect(plain.out.count + members.count == run.out.count)
    }

    @Test("a batch line forces an arm with `arms`; rules without experiments refuse it")
    func batchForcedArm() throws {
        let line = #"{"bundle":"coins_700","region":"US","channel":"web","at":"2027-03-01","arms":{"web_price":"cheaper"}}"#
        let run = runCoinageWithInput(["quote", "--batch", "--rules", experimentShop], input: line + "\n")
        #expect(run.status == .success)
        #expect(run.out.contains(#""price":{"amount":"8.99","currency":"USD"}"#))
        #expect(run.out.hasSuffix(#""experiment":"web_price","arm":"cheaper","assignment":"forced"}"# + "\n"))
        let unknown = runCoinageWithInput(["quote", "--batch", "--rules", experimentShop],
                                          input: line.replacingOccurrences(of: "cheaper", with: "dearer") + "\n")
        #expect(unknown.status == .failure && unknown.out.contains(#""code":"unknown_arm""#))
        let plain = runCoinageWithInput(["quote", "--batch", "--rules", promotionsShop], input: line + "\n")
        #expect(plain.status == .failure)
        #expect(plain.out.contains("`arms` forces an arm of experiment `web_price`, and the rules declare no experiment"))
    }

    @Test("diff --experiments compares each arm with control and says its share of traffic")
    func diffExperiments() {
        let run = runCoinage(["diff", "--experiments", experimentShop, "--at", Self.during])
        #expect(run.status == .success)
        #expect(run.out.hasPrefix("experiment web_price, arm cheaper against control\n  weight 50 of 100: 50% of the requests the experiment assigns\n"))
        #expect(run.out.contains("coins_700  US"))
        // The impact counts the requests the experiment assigns (its audience, `region
        // == US`), and the replay forces the arm on these rules.
        #expect(run.out.contains("audience `region == US`: 1 of 2 sampled requests (50%)"))
        #expect(run.out.contains("  quotes changed    1 of 1 (100.00%)\n"), "\(run.out)")
        #expect(run.out.contains("    coinage quote coins_700 --rules \(experimentShop) --arm web_price=cheaper --region US"))
        // Outside the window the experiment assigns nothing: no quote of the arm is real traffic.
        let after = runCoinage(["diff", "--experiments", experimentShop, "--at", "2027-03-01T10:00:00Z"])
        #expect(after.out.contains("  quotes changed    0 of 0 (0.00%)\n"), "\(after.out)")
        let json = runCoinage(["diff", "--experiments", experimentShop, "--at", Self.during, "--format", "json"])
        #expect(json.out.contains("--arm web_price=cheaper"))
        let none = runCoinage(["diff", "--experiments", promotionsShop, "--at", Self.during])
        #expect(none.out.hasSuffix("the rules declare no experiment\n"))
    }
}
