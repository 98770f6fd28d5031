@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// Price grids: candidates `k × step + ending` in minor units, `nearest` (ties up),
/// `up`, `down`, only positive candidates, and tiers chosen by the unrounded value.
@Suite struct RoundingTests {
    private func f(_ n: UInt64, _ d: UInt64 = 1) -> Fraction { Fraction(n, d)! }
    private func grid(_ mode: RoundingMode, _ step: Int64, ending: Int64 = 0) -> RoundingGrid {
        RoundingGrid(mode: mode, step: step, ending: ending)
    }

    // MARK: Step only: `round JPY nearest 10`

    @Test func stepOnlyNearest() throws {
        let jpy = grid(.nearest, 10)
        // 154 / 10 = 15.4 → 15 → 150
        #expect(try jpy.round(f(154)) == 150)
        // 155 / 10 = 15.5 → tie, up → 16 → 160
        #expect(try jpy.round(f(155)) == 160)
        // 165 / 10 = 16.5 → tie, up → 17 → 170 (half-even would give 16 → 160)
        #expect(try jpy.round(f(165)) == 170)
        // 1498.5 / 10 = 149.85 → 150 → 1500
        #expect(try jpy.round(f(2997, 2)) == 1500)
        // 1123.875 / 10 = 112.3875 → 112 → 1120
        #expect(try jpy.round(f(8991, 8)) == 1120)
        // On the grid already: 160 → 160
        #expect(try jpy.round(f(160)) == 160)
    }

    @Test func stepOnlyBelowTheFirstCandidate() throws {
        let jpy = grid(.nearest, 10)
        // 4 / 10 = 0.4 → nearest is 0, but 0 is not a positive candidate → the first, 10
        #expect(try jpy.round(f(4)) == 10)
        // 5 → 0.5 → tie → up → 10
        #expect(try jpy.round(f(5)) == 10)
        // 0 → 10
        #expect(try jpy.round(.zero) == 10)
        // down: 9 → 0.9 → 0 → not positive → 10
        #expect(try grid(.down, 10).round(f(9)) == 10)
        // up: 0.001 → 1 → 10
        #expect(try grid(.up, 10).round(f(1, 1000)) == 10)
    }

    // MARK: Step and ending: `round EUR nearest 1.00 ending 0.99` (step 100, ending 99)

    @Test func stepAndEndingNearest() throws {
        let eur = grid(.nearest, 100, ending: 99)
        // 919.08: (919.08 − 99) / 100 = 8.2008 → 8 → 8·100 + 99 = 899
        #expect(try eur.round(f(91908, 100)) == 899)
        // 1049: (1049 − 99) / 100 = 9.5 → tie, up → 10 → 1099
        #expect(try eur.round(f(1049)) == 1099)
        // 1048.99: 9.4999 → 9 → 999
        #expect(try eur.round(f(104899, 100)) == 999)
        // 689.31: 5.9031 → 6 → 699
        #expect(try eur.round(f(68931, 100)) == 699)
        // 50 is below the first candidate 99 (k = 0) → 99
        #expect(try eur.round(f(50)) == 99)
        // 99 is the first candidate itself
        #expect(try eur.round(f(99)) == 99)
    }

    @Test func stepAndEndingUpAndDown() throws {
        // `up 1.00 ending 0.99`: 1049 → 9.5 → up → 10 → 1099; 1000 → 9.01 → 10 → 1099
        #expect(try grid(.up, 100, ending: 99).round(f(1049)) == 1099)
        #expect(try grid(.up, 100, ending: 99).round(f(1000)) == 1099)
        // exactly a candidate: 999 → 9 → 999
        #expect(try grid(.up, 100, ending: 99).round(f(999)) == 999)
        // `down 1.00 ending 0.99`: 1049 → 9.5 → down → 9 → 999; 1098.99 → 9.9999 → 9 → 999
        #expect(try grid(.down, 100, ending: 99).round(f(1049)) == 999)
        #expect(try grid(.down, 100, ending: 99).round(f(109899, 100)) == 999)
        // 1099 → 10 → 1099
        #expect(try grid(.down, 100, ending: 99).round(f(1099)) == 1099)
        // below the first candidate, even `down` rounds up to it: 98 → 99
        #expect(try grid(.down, 100, ending: 99).round(f(98)) == 99)
    }

    @Test func indianRupeesUpTenEndingNine() throws {
        // `round INR up 10 ending 9`: INR has 2 decimals, so step 1000, ending 900 paise;
        // candidates 9.00, 19.00, ... 79.00, 89.00 INR.
        let inr = grid(.up, 1000, ending: 900)
        // 79.01 INR = 7901: (7901 − 900) / 1000 = 7.001 → up → 8 → 8900 (89.00)
        #expect(try inr.round(f(7901)) == 8900)
        // 79.00 exactly → 7 → 7900
        #expect(try inr.round(f(7900)) == 7900)
        // 503.496 INR = 50349.6: (50349.6 − 900) / 1000 = 49.4496 → 50 → 50900 (509.00)
        #expect(try inr.round(f(503496, 10)) == 50900)
        // 1.00 INR = 100 < 900 → first candidate 900 (9.00)
        #expect(try inr.round(f(100)) == 900)
    }

    @Test func tiesUnderEveryGridMode() throws {
        // Value 12.5 minor units on a step-1 grid: nearest → 13 (ties up), up → 13, down → 12.
        #expect(try grid(.nearest, 1).round(f(25, 2)) == 13)
        #expect(try grid(.up, 1).round(f(25, 2)) == 13)
        #expect(try grid(.down, 1).round(f(25, 2)) == 12)
        // 13.5: nearest → 14, up → 14, down → 13
        #expect(try grid(.nearest, 1).round(f(27, 2)) == 14)
        #expect(try grid(.down, 1).round(f(27, 2)) == 13)
        // Midway between 0.49 and 0.99 (step 50, ending 49): 74 → (74 − 49)/50 = 0.5
        // nearest → 1 → 99; up → 99; down → 49
        #expect(try grid(.nearest, 50, ending: 49).round(f(74)) == 99)
        #expect(try grid(.up, 50, ending: 49).round(f(74)) == 99)
        #expect(try grid(.down, 50, ending: 49).round(f(74)) == 49)
    }

    @Test func hugeValuesOverflowInsteadOfTrapping() throws {
        // (UInt64.max − 5)/10 → 1844674407370955161 → ×10 = 18446744073709551610 > Int64.max
        #expect(throws: ArithmeticOverflow.self) { try grid(.nearest, 10).round(f(UInt64.max - 5)) }
        // up of Int64.max on step 2: ceil((2^63 − 1)/2) = 2^62 → ×2 = 2^63 > Int64.max
        #expect(throws: ArithmeticOverflow.self) { try grid(.up, 2).round(f(UInt64(Int64.max))) }
        // Values beyond 64 bits: 2^64 on step 1 (the position itself does not fit 64 bits), and
        // UInt128.max on step 1000 ending 999.
        let twoTo64 = try #require(Fraction(wide: Fraction.Part(1) << 64, 1))
        #expect(throws: ArithmeticOverflow.self) { try grid(.nearest, 1).round(twoTo64) }
        #expect(throws: ArithmeticOverflow.self) { try grid(.down, 1000, ending: 999).round(Fraction(wide: .max, 1)!) }
        #expect(throws: ArithmeticOverflow.self) { try RoundingRule.single(grid(.up, 10)).round(twoTo64) }
    }

    @Test func exactValuesWith128BitPartsRoundOntoTheGrid() throws {
        // The VND derivation 99.99 × 64.3% × 29 582.1719 × 96.99% = 18 446 949 422 665 620 417 / 10^13
        // = 1 844 694.942… VND: a numerator beyond 64 bits, an ordinary price.
        let vnd = try #require(Fraction(wide: 18_446_949_422_665_620_417, 10_000_000_000_000))
        // nearest 1000: 1844.694… → 1845 → 1 845 000
        #expect(try grid(.nearest, 1000).round(vnd) == 1_845_000)
        // down 1: 1 844 694; up 1: 1 844 695
        #expect(try grid(.down, 1).round(vnd) == 1_844_694)
        #expect(try grid(.up, 1).round(vnd) == 1_844_695)
        // up 500 ending 0: ceil(3689.389…) = 3690 → 1 845 000; down 1000 ending 900:
        // (1 844 694.94 − 900)/1000 = 1843.79… → 1843 → 1 843 900
        #expect(try grid(.up, 500).round(vnd) == 1_845_000)
        #expect(try grid(.down, 1000, ending: 900).round(vnd) == 1_843_900)
        // Tiers compare the 128-bit value with the bound: 1 844 694.94 is not below 1 844 694,
        // is below 1 844 695.
        let tiers = RoundingRule.tiers([
            .init(below: 1_844_694, grid: grid(.down, 1)),
            .init(below: 1_844_695, grid: grid(.nearest, 10)),
            .init(below: nil, grid: grid(.up, 1)),
        ])
        let result = try tiers.round(vnd)
        // second tier: nearest 10 → 184 469.49… → 184 469 → 1 844 690
        #expect(result.minorUnits == 1_844_690 && result.tierBound == 1_844_695)
    }

    // MARK: Tiers

    /// The sample shop's EUR grid:
    /// below 2.00: nearest 0.10 ending 0.09; below 20.00: up 0.50 ending 0.49; else nearest 1.00 ending 0.99.
    private let eurTiers = RoundingRule.tiers([
        .init(below: 200, grid: RoundingGrid(mode: .nearest, step: 10, ending: 9)),
        .init(below: 2000, grid: RoundingGrid(mode: .up, step: 50, ending: 49)),
        .init(below: nil, grid: RoundingGrid(mode: .nearest, step: 100, ending: 99)),
    ])

    @Test func tierIsChosenByTheUnroundedValue() throws {
        // 85.14 < 200 → first tier: (85.14 − 9)/10 = 7.614 → 8 → 89
        let small = try eurTiers.round(f(8514, 100))
        #expect(small.minorUnits == 89 && small.tierBound == 200 && small.tiered)
        // 859.14 < 2000 → second: up (859.14 − 49)/50 = 16.2028 → 17 → 899
        let middle = try eurTiers.round(f(85914, 100))
        #expect(middle.minorUnits == 899 && middle.tierBound == 2000)
        // 4299.14 → else: (4299.14 − 99)/100 = 42.0014 → 42 → 4299
        let large = try eurTiers.round(f(429914, 100))
        #expect(large.minorUnits == 4299 && large.tierBound == nil && large.tiered)
        #expect(large.grid == RoundingGrid(mode: .nearest, step: 100, ending: 99))
    }

    @Test func valueExactlyAtABoundGoesToTheNextTier() throws {
        // 200 is not below 200 → second tier: up (200 − 49)/50 = 3.02 → 4 → 249
        // (the first tier would give (200 − 9)/10 = 19.1 → 19 → 199)
        let atFirst = try eurTiers.round(f(200))
        #expect(atFirst.minorUnits == 249 && atFirst.tierBound == 2000)
        // 199.99 is below 200 → first tier: (199.99 − 9)/10 = 19.099 → 19 → 199
        #expect(try eurTiers.round(f(19999, 100)).minorUnits == 199)
        // 2000 is not below 2000 → else: (2000 − 99)/100 = 19.01 → 19 → 1999
        // (the second tier would give up (2000 − 49)/50 = 39.02 → 40 → 2049)
        let atSecond = try eurTiers.round(f(2000))
        #expect(atSecond.minorUnits == 1999 && atSecond.tierBound == nil)
        // 1999.99 → second tier: up (1999.99 − 49)/50 = 39.0198 → 40 → 2049
        #expect(try eurTiers.round(f(199999, 100)).minorUnits == 2049)
    }

    @Test func tiersBelowTheFirstCandidate() throws {
        // 3 < 9, the first tier's first candidate → 9
        #expect(try eurTiers.round(f(3)).minorUnits == 9)
        #expect(try eurTiers.round(.zero).minorUnits == 9)
    }

    @Test func singleRuleReportsNoTier() throws {
        let result = try RoundingRule.single(grid(.nearest, 10)).round(f(165))
        // 16.5 → 17 → 170
        #expect(result.minorUnits == 170 && result.tierBound == nil && !result.tiered)
    }

    // MARK: Through the checker: literals in major units become minor-unit grids

    @Test func gridsWrittenInRulesAreUsedInMinorUnits() throws {
        let rules = try #require(ruleSet("""
            rate JPY 150
            rate EUR 0.92
            rate INR 84
            rate KWD 0.307
            region JP: JPY
            region DE: EUR
            region IN: INR
            region KW: KWD
            round JPY nearest 10
            round EUR nearest 1.00 ending 0.99
            round INR up 10 ending 9
            round KWD down 0.050
            """))
        // JPY exponent 0: 10 → 10 yen
        #expect(rules.roundingRules["JPY"] == .single(grid(.nearest, 10)))
        // EUR exponent 2: 1.00 → 100, 0.99 → 99
        #expect(rules.roundingRules["EUR"] == .single(grid(.nearest, 100, ending: 99)))
        // INR exponent 2: 10 → 1000, 9 → 900
        #expect(rules.roundingRules["INR"] == .single(grid(.up, 1000, ending: 900)))
        // KWD exponent 3: 0.050 → 50 fils
        #expect(rules.roundingRules["KWD"] == .single(grid(.down, 50)))
        // KWD down 0.050: 3066.93 fils → 61.3386 → 61 → 3050 (3.050 KWD)
        #expect(try grid(.down, 50).round(f(306693, 100)) == 3050)
    }
}
