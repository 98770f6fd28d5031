@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
import CoinageSyntax
import CoinageTestSupport
import Testing

/// The prover against the sampled corpus, on seeded random pairs of small rule sets:
/// whatever claim the corpus sees broken, the prover never calls proven, and every
/// counterexample the prover gives breaks its claim when quoted again.
@Suite struct ChangeProofDifferentialTests {
    static let cases = 30

    /// A small random shop with what the prover enumerates: regions in two zones, a
    /// channel or not, bundles, sometimes custom amounts, an int and a bool attribute, and promotions with a
    /// condition, a window, weekly hours, a code and limits, each maybe.
    static func shop(_ random: inout SplitMix64) -> String {
        var lines = ["base currency USD", "rate EUR 0.\(random.int(80...99))", "region US: USD, tax 7.25% added",
                     "region DE: EUR, tax 19% included, zone Europe/Berlin"]
        if random.bool() { lines += ["channel web: level 75%", "channel ios: fee 30%"] }
        for index in 1...random.int(1...3) {
            lines.append("bundle b\(index): \(index * 100) coins, \(random.int(1...20)).\(random.int(10...99)) USD")
        }
        // Sometimes custom amounts, decided by classes of amounts and their formulas.
        if random.int(0...2) == 0 { lines.append("custom coins: \(random.int(1...50)) to \(random.int(100...100_000)), 0.0\(random.int(100...150)) USD each") }
        lines += ["user vip: bool", "user purchases: int 0 to 100"]
        for index in 0..<random.int(0...2) {
            lines.append("promotion p\(index) {")
            let conditions = ["user.vip", "user.purchases >= \(random.int(1...9))", "coins >= 200", "region == DE",
                              "user.vip or coins >= 300", "not user.vip and user.purchases < \(random.int(1...5))"]
            if random.int(0...3) > 0 { lines.append("  when \(random.pick(conditions))") }
            if random.int(0...2) == 0 { lines.append("  during 2026-06-0\(random.int(1...4)) to 2026-06-0\(random.int(5...9))\(random.bool() ? " local" : "")") }
            if random.int(0...2) == 0 {
                // Sometimes hours that cross midnight, read in Berlin across its clock changes.
                let hours = random.bool() ? "from \(random.int(10...18)):00 to 2\(random.int(0...3)):00" : "from 23:00 to 0\(random.int(1...3)):00"
                lines.append("  every \(random.pick(["sat", "sun", "fri, sat"])) \(hours) \(random.pick(["local", "Europe/Berlin"]))")
            }
            if random.int(0...3) == 0 { lines.append("  code \"C\(index)\"") }
            if random.int(0...3) == 0 { lines.append("  limit \(random.int(1...3)) per user") }
            lines.append(random.bool() ? "  discount \(random.int(5...50))%" : "  bonus \(random.int(5...50))%")
            if random.bool() { lines.append("  exclusive") }
            lines.append("}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func side(_ text: String) throws -> ComparedRules {
        try WalkFixture.shop(text, header: "").compared
    }

    @Test func theProverAndTheCorpusNeverDisagree() throws {
        var random = SplitMix64(seed: 0x9_0F17)
        let claims: [ProofClaim] = [.sameQuotes, .noPriceIncrease, .noLostPromotion,
                                    .unchangedOutside(ProofScope(bundles: ["b1"], regions: nil, channels: nil))]
        var disproven = 0
        var proven = 0
        for _ in 0..<Self.cases {
            let oldText = Self.shop(&random)
            // Half the pairs are one shop against a small edit of itself, so claims hold often.
            let newText = random.bool() ? Self.shop(&random)
                : oldText.replacingOccurrences(of: "coins >= 200", with: "coins >= 300")
                    .replacingOccurrences(of: "from 1", with: "from 0")
                    .replacingOccurrences(of: ", 0.01", with: ", 0.011")
            let old = try Self.side(oldText)
            let new = try Self.side(newText)
            let proof = ChangeProof(claims, old: old, new: new)
            let corpus = QuoteCorpus(old: old.rules, new: new.rules, at: WalkFixture.noon)
            var brokenByCorpus = Set<Int>()
            for position in 0..<corpus.count {
                let request = corpus.request(at: position)
                let (a, b) = (old.book.quote(request), new.book.quote(request))
                for (index, claim) in claims.enumerated() where claim.violation(request, old: a, new: b) != nil {
                    brokenByCorpus.insert(index)
                }
            }
            for (index, outcome) in proof.outcomes.enumerated() {
                switch outcome {
                case .proven:
                    proven += 1
                    #expect(!brokenByCorpus.contains(index), "proven \(claims[index]) but the corpus breaks it:\n\(oldText)\n---\n\(newText)")
                case .disproven(let example):
                    disproven += 1
                    let (a, b) = (old.book.quote(example.request), new.book.quote(example.request))
                    #expect(claims[index].violation(example.request, old: a, new: b) == example.reason)
                case .incomplete(let reason):
                    Issue.record("incomplete within the standard budget: \(reason)")
                }
            }
        }
        // The generator gives both outcomes plenty of times.
        #expect(proven > Self.cases / 2)
        #expect(disproven > Self.cases / 2)
    }
}
