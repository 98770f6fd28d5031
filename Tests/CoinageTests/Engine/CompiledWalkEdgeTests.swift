@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
@testable import CoinageRuleTests
import CoinageSyntax
import CoinageTestSupport
import Testing

/// Corners of the quote path the random rule sets do not reach: group indices past
/// the 64 the walk keeps as bits, codes outside ASCII, and `Ratio`'s one-word
/// division and `isAtMost` on the whole range of amounts.
@Suite struct CompiledWalkEdgeTests {
    typealias F = WalkFixture

    // MARK: Groups past 64

    @Test func groupsPastTheSixtyFourthAreTakenLikeTheOthers() throws {
        // Group gN: `gN_a` (priority 2) then `gN_b` (priority 1). The groups are numbered
        // in walk order, so g64 … g69 are the ones kept apart from the bits. `g03_a` and
        // `g66_a` need a code the request lacks, so their `_b` takes the group.
        var text = "bundle b: 100 coins, 10.00 USD\n"
        for n in 0..<70 {
            let group = n < 10 ? "g0\(n)" : "g\(n)"
            let code = n == 3 || n == 66 ? "\n  code \"X\(n)\"" : ""
            text += "promotion \(group)_a { group \(group)\n  bonus 1 coins\n  priority 2\(code) }\n"
            text += "promotion \(group)_b { group \(group)\n  bonus 100 coins\n  priority 1 }\n"
        }
        let shop = try F.shop(text)
        let book = shop.book
        let (fast, explained) = try AppliedPromotionsTests.quotes(book, F.request())
        // 68 groups give 1 coin, two give 100.
        #expect(fast.coins.bonus == 68 + 200)
        #expect(fast.applied.count == 70)
        #expect(fast.applied.contains("g66_b") && fast.applied.contains("g03_b") && !fast.applied.contains("g66_a"))
        #expect(fast.applied.filter { $0.hasSuffix("_b") } == ["g03_b", "g66_b"])
        let reasons = F.reasons(explained)
        #expect(reasons["g65_b"] == "group_taken" && reasons["g69_b"] == "group_taken" && reasons["g66_a"] == "code_missing")
        #expect(ReferenceEvaluator.outcome(of: .success(fast)) == ReferenceEvaluator(shop).evaluate(F.request()))
        // With both codes: every `_a` applies, every `_b` finds its group taken.
        let coded = try F.quote(book, F.request(codes: ["x3", "X66"]))
        #expect(coded.coins.bonus == 70 && coded.applied.allSatisfy { $0.hasSuffix("_a") })
        #expect(F.reasons(coded).filter { $0.value == "group_taken" }.count == 70)
    }

    // MARK: Codes outside ASCII

    /// The checker uppercases a code with `String.uppercased()` (`"café"` → `"CAFÉ"`);
    /// a request's code beyond ASCII is uppercased the same way, so it matches in any
    /// case (this once failed: only ASCII letters were uppercased).
    @Test
    func codesOutsideASCIIMatchInAnyCase() throws {
        let book = try F.book("""
            bundle b: 100 coins, 10.00 USD
            promotion cafe { code "café"
              discount 1.00 USD }
            """)
        for given in ["café", "CAFÉ", "Café", "cafÉ"] {
            let q = try F.quote(book, F.request(codes: [given]))
            #expect(q.applied == ["cafe"], "\(given)")
        }
        for other in ["cafe", "caf", "cafés", "CAFÉX"] {
            #expect(try F.quote(book, F.request(codes: [other])).applied.isEmpty, "\(other)")
        }
    }

    /// A capital that is longer than its letter still matches: `straße` is `STRASSE`.
    @Test func codesWhoseCapitalsChangeLength() throws {
        let book = try F.book("""
            bundle b: 100 coins, 10.00 USD
            promotion street { code "straße"
              discount 1.00 USD }
            """)
        for given in ["straße", "STRASSE", "Strasse", "STRAßE"] {
            #expect(try F.quote(book, F.request(codes: [given])).applied == ["street"], "\(given)")
        }
        #expect(try F.quote(book, F.request(codes: ["strase"])).applied.isEmpty)
    }

    @Test func codesOutsideASCIIMatchWhenSpelledAsTheCheckerUppercasedThem() throws {
        let shop = try F.shop("""
            bundle b: 100 coins, 10.00 USD
            promotion cafe { code "café"
              discount 1.00 USD }
            """)
        let book = shop.book
        // The stored code is `CAFÉ`; its ASCII letters may come in any case.
        #expect(shop.rules.promotions.first?.code == "CAFÉ")
        #expect(try F.quote(book, F.request(codes: ["CAFÉ"])).applied == ["cafe"])
        #expect(try F.quote(book, F.request(codes: ["caFÉ"])).applied == ["cafe"])
        #expect(try F.quote(book, F.request(codes: ["CAFE"])).applied.isEmpty)
    }

    // MARK: Ratio

    /// `amount × numerator / denominator` rounded as `mode` says, in 128 bits and
    /// without the one-word shortcut; nil past `Int64.max`.
    static func expectedShare(_ amount: Int64, _ numerator: UInt64, _ denominator: UInt64, _ mode: IntegerRounding) -> Int64? {
        guard amount >= 0 else { return nil }
        let product = UInt128(amount) * UInt128(numerator)
        var quotient = product / UInt128(denominator)
        let remainder = product % UInt128(denominator)
        let twice = remainder * 2
        let up: Bool = switch mode {
        case .down: false
        case .up: remainder != 0
        case .halfUp: twice >= UInt128(denominator) && remainder != 0
        case .halfEven: twice > UInt128(denominator) || (twice == UInt128(denominator) && quotient % 2 == 1)
        }
        if up { quotient += 1 }
        return quotient <= UInt128(Int64.max) ? Int64(quotient) : nil
    }

    @Test func ratioAppliesExactlyOnTheWholeRangeOfAmounts() throws {
        var rng = SplitMix64(seed: 0x7A710)
        let modes: [IntegerRounding] = [.halfEven, .halfUp, .up, .down]
        var wide = 0
        for round in 0..<20_000 {
            // Percent-like ratios, then any 64-bit ones; amounts small, large and at the edges.
            let denominator = round % 3 == 0 ? rng.pick([100, 1_000, 119, 107_250_000, 1_000_000_000]) : UInt64(rng.int(1...Int64.max))
            let numerator = round % 3 == 0 ? UInt64(rng.int(0...Int64(denominator))) : rng.next() >> rng.int(0...63)
            let amount: Int64 = switch round % 4 {
            case 0: rng.int(0...100_000)
            case 1: rng.int(0...Int64.max)
            case 2: rng.pick([0, 1, Int64.max, Int64.max - 1, Int64(UInt32.max), 1 << 62])
            default: Int64.max >> rng.int(0...62)
            }
            let fraction = try #require(Fraction(numerator, denominator))
            let ratio = try #require(Ratio(fraction))
            if UInt128(amount) * UInt128(fraction.numerator) > UInt128(UInt64.max) { wide += 1 }
            for mode in modes {
                let expected = Self.expectedShare(amount, UInt64(fraction.numerator), UInt64(fraction.denominator), mode)
                #expect(ratio.apply(to: amount, rounding: mode) == expected, "\(amount) × \(numerator)/\(denominator) \(mode)")
            }
            #expect(ratio.apply(to: -amount - 1) == nil)
            // isAtMost(v, a) is v ≥ a × ratio exactly, which for integers is v ≥ ⌈a × ratio⌉.
            let value = rng.int(0...Int64.max) >> rng.int(0...63)
            let exact = UInt128(value) * UInt128(fraction.denominator) >= UInt128(amount) * UInt128(fraction.numerator)
            #expect(ratio.isAtMost(value, of: amount) == (amount == 0 || exact), "\(value) vs \(amount) × \(numerator)/\(denominator)")
            if let ceiling = ratio.apply(to: amount, rounding: .up) {
                #expect(ratio.isAtMost(ceiling, of: amount) && (ceiling == 0 || !ratio.isAtMost(ceiling - 1, of: amount) || amount == 0))
            }
            #expect(!ratio.isAtMost(-1, of: amount))
        }
        // Both division paths ran.
        #expect(wide > 1_000)
    }
}
