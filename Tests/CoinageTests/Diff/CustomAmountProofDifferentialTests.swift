@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
import CoinageSyntax
import CoinageTestSupport
import Testing

/// The prover's reasoning over custom amounts against quoting every amount, on
/// seeded random pairs of shops whose only dimension is the amount: whatever claim
/// some amount breaks, the prover never calls proven, and every counterexample
/// breaks its claim when quoted again. Each pair is proven twice: with the standard
/// budget, and with one that leaves nothing to quote amount by amount, so that every
/// "proven" of the second comes from the formulas alone.
@Suite struct CustomAmountProofDifferentialTests {
    static let cases = 40

    /// A shop with custom amounts up to 1,500 coins, in two regions, on one or two
    /// channels, with up to three promotions on `coins`, `list`, region and channel,
    /// taking percents, amounts or set prices off, or giving bonus coins.
    static func shop(_ random: inout SplitMix64) -> String {
        var lines = ["base currency USD", "rate EUR 0.\(random.int(80...99))", "region US: USD, tax 7.25% added",
                     "region DE: EUR, tax 19% included, level \(random.int(90...110))%",
                     "stacking \(random.bool() ? "additive" : "compound")", "floor \(random.int(0...60))%",
                     "bundle b1: 100 coins, 1.99 USD"]
        if random.bool() { lines += ["channel web: level \(random.int(70...100))%", "channel ios: fee 30%"] }
        lines.append("custom coins: \(random.int(1...40)) to \(random.int(600...1_500)), 0.0\(random.int(100...160)) USD each")
        for index in 0..<random.int(0...3) {
            lines.append("promotion p\(index) {")
            let conditions = ["coins >= \(random.int(50...900))", "coins < \(random.int(50...900))", "list >= \(random.int(2...12)).\(random.int(10...99)) USD",
                              "region == DE", "coins >= \(random.int(50...900)) and list < \(random.int(5...15)).00 USD", "not coins == \(random.int(40...400))"]
            if random.int(0...3) > 0 { lines.append("  when \(random.pick(conditions))") }
            lines.append(random.pick(["  discount \(random.int(1...40))%", "  discount 0.\(random.int(10...99)) USD",
                                      "  price \(random.int(3...15)).99 USD", "  bonus \(random.int(5...50))%", "  bonus \(random.int(1...50)) coins"]))
            if random.int(0...3) == 0 { lines.append("  exclusive") }
            lines.append("  priority \(random.int(1...9) * 10 + index)")
            lines.append("}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A small edit of `text`: the price per coin, a percent or a constant moved a little.
    static func edit(_ text: String, _ random: inout SplitMix64) -> String {
        var lines = text.split(separator: "\n").map(String.init)
        let index = Int(random.int(0...Int64(lines.count - 1)))
        let line = lines[index]
        if line.hasPrefix("custom coins:"), let at = line.range(of: ", 0.0") {
            let digits = Int(line[at.upperBound...].prefix(3)) ?? 141
            lines[index] = String(line[..<at.upperBound]) + String(max(100, digits + Int(random.int(-3...3)))) + " USD each"
        } else if line.hasPrefix("  discount "), line.hasSuffix("%"), let value = Int64(line.dropFirst(11).dropLast()) {
            lines[index] = "  discount \(max(1, value + random.int(-5...5)))%"
        } else {
            lines.append("promotion extra {\n  when coins >= \(random.int(50...900))\n  discount \(random.int(1...20))%\n}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func side(_ text: String) throws -> ComparedRules {
        try WalkFixture.shop(text, header: "").compared
    }

    /// Which claims some request breaks: the bundle, and every amount up to just past
    /// the largest range (above it every quote is the same refusal), in every region
    /// and channel.
    static func brokenByQuotingEveryAmount(_ claims: [ProofClaim], old: ComparedRules, new: ComparedRules) -> Set<Int> {
        let largest = (old.rules.customAmounts + new.rules.customAmounts).map(\.maximumCoins).max() ?? 0
        // A request without a channel too: refused where channels are declared.
        let channels: [String?] = [nil, "web", "ios"]
        var broken = Set<Int>()
        for region in ["US", "DE"] {
            for channel in channels {
                let items = [QuoteRequest.Item.bundle("b1")] + (0...(largest + 2)).map { QuoteRequest.Item.coins($0) }
                for item in items {
                    let request = QuoteRequest(item: item, region: region, channel: channel, instant: WalkFixture.noon)
                    let (a, b) = (old.book.quote(request), new.book.quote(request))
                    for (index, claim) in claims.enumerated() where claim.violation(request, old: a, new: b) != nil {
                        broken.insert(index)
                    }
                }
            }
        }
        return broken
    }

    @Test func theFormulasAndQuotingEveryAmountNeverDisagree() throws {
        var random = SplitMix64(seed: 0xA_3047)
        let claims = CustomAmountProofTests.claims
        var provenByFormulas = 0
        var disproven = 0
        for _ in 0..<Self.cases {
            let oldText = Self.shop(&random)
            let newText = random.int(0...3) == 0 ? Self.shop(&random) : Self.edit(oldText, &random)
            let old = try Self.side(oldText)
            let new = try Self.side(newText)
            let broken = Self.brokenByQuotingEveryAmount(claims, old: old, new: new)
            let standard = ChangeProof(claims, old: old, new: new, at: WalkFixture.noon)
            let representatives = standard.space?.requestCount ?? 0
            let formulasOnly = ChangeProof(claims, old: old, new: new, budget: ProofBudget(requests: representatives), at: WalkFixture.noon)
            for (proof, mayBeIncomplete) in [(standard, false), (formulasOnly, true)] {
                for (index, outcome) in proof.outcomes.enumerated() {
                    switch outcome {
                    case .proven:
                        #expect(!broken.contains(index), "proven \(claims[index]) but an amount breaks it:\n\(oldText)\n---\n\(newText)")
                        if mayBeIncomplete { provenByFormulas += 1 }
                    case .disproven(let example):
                        if !mayBeIncomplete { disproven += 1 }
                        #expect(broken.contains(index), "\(claims[index]) broken by \(example.request.cellText) at \(example.request.instant): \(example.reason)")
                        let (a, b) = (old.book.quote(example.request), new.book.quote(example.request))
                        #expect(claims[index].violation(example.request, old: a, new: b) == example.reason)
                    case .incomplete(let reason):
                        #expect(mayBeIncomplete, "incomplete within the standard budget: \(reason)")
                    }
                }
                // Within the standard budget the prover decides every claim as quoting every amount does.
                if !mayBeIncomplete { #expect(Set(proof.outcomes.indices.filter { !ChangeProofTests.isProven(proof.outcomes[$0]) }) == broken) }
            }
        }
        #expect(provenByFormulas > Self.cases)
        #expect(disproven > Self.cases / 2)
    }
}
