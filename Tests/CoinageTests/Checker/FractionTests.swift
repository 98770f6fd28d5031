@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// `Fraction`: exact non-negative rationals with 128-bit parts, overflow (only beyond
/// 128 bits) reported as `ArithmeticOverflow`, and rounding to whole numbers in every
/// `IntegerRounding` mode (nil when the result does not fit 64 bits).
@Suite struct FractionTests {
    private func f(_ n: UInt64, _ d: UInt64 = 1) -> Fraction { Fraction(n, d)! }
    private func decimal(_ significand: Int64, _ scale: Int) -> ExactDecimal {
        ExactDecimal(significand: significand, scale: scale)
    }

    // MARK: Construction

    @Test func fractionsAreKeptInLowestTerms() {
        // 6/4 = (2·3)/(2·2) = 3/2
        #expect(f(6, 4).numerator == 3 && f(6, 4).denominator == 2)
        // 0/7 = 0/1
        #expect(f(0, 7) == .zero && f(0, 7).denominator == 1)
        // x/0 is not a number.
        #expect(Fraction(1, 0) == nil)
    }

    @Test func decimalsAndPercentagesAreExact() {
        // 0.125 = 125/1000 = 1/8
        #expect(Fraction(decimal(125, 3)) == f(1, 8))
        // 0.0106 = 106/10000 = 53/5000
        #expect(Fraction(decimal(106, 4)) == f(53, 5000))
        // 19% = 19/100
        #expect(Fraction(percent: ExactDecimal(19)) == f(19, 100))
        // 12.5% = 12.5/100 = 125/1000 = 1/8
        #expect(Fraction(percent: decimal(125, 1)) == f(1, 8))
        // 7.25% = 725/10000 = 29/400
        #expect(Fraction(percent: decimal(725, 2)) == f(29, 400))
        // 7.123456% (6 decimals, the most the checker allows) = 7123456/10^8 = 27826/390625
        #expect(Fraction(percent: decimal(7_123_456, 6)) == f(27826, 390_625))
        // 0.000001% = 1/10^8
        #expect(Fraction(percent: decimal(1, 6)) == f(1, 100_000_000))
        // Negative decimals are refused: prices, rates and levels are never negative.
        #expect(Fraction(decimal(-1, 0)) == nil)
    }

    @Test func percentagesCompareByValue() {
        // 100.0% (significand 1000, scale 1) is 100%: equal, same hash, same text.
        let written = Percentage(decimal(1000, 1))
        #expect(written == .hundred)
        #expect(Set([written, Percentage.hundred]).count == 1)
        #expect(written.description == "100%")
        // 19.50% is 19.5%; 0.000% is 0%
        #expect(Percentage(decimal(1950, 2)) == Percentage(decimal(195, 1)))
        #expect(Percentage(decimal(0, 3)) == .zero && Percentage(decimal(0, 3)).isZero)
        // Different values stay different: 100.01% is not 100%.
        #expect(Percentage(decimal(10001, 2)) != .hundred)
    }

    // MARK: Arithmetic

    @Test func multiplicationIsExact() throws {
        // 2/3 × 9/4 = 18/12 = 3/2
        #expect(try f(2, 3).multiplied(by: f(9, 4)) == f(3, 2))
        // 9.99 × 0.75 × 150 = 999/100 × 3/4 × 150 = 449550/400 = 1123.875 = 8991/8
        let jpyWeb = try f(999, 100).multiplied(by: f(3, 4)).multiplied(by: 150)
        #expect(jpyWeb == f(8991, 8))
        #expect(jpyWeb.description == "1123.875")
    }

    @Test func multiplicationCrossReducesBeforeMultiplying() throws {
        // (2^63 / 3) × (3 / 2^62) = 2: cross-reduced first, (2^63/2^62)·(3/3) = 2·1.
        let big = f(1 << 63, 3)
        #expect(try big.multiplied(by: f(3, 1 << 62)) == f(2))
        // (UInt64.max / 7) × (7 / UInt64.max) = 1
        #expect(try f(UInt64.max, 7).multiplied(by: f(7, UInt64.max)) == .one)
        // At 128 bits: (2^127 / 3) × (3 / 2^126) = 2, although 2^127·3 does not fit in 128 bits.
        let huge = try #require(Fraction(wide: 1 << 127, 3))
        #expect(try huge.multiplied(by: #require(Fraction(wide: 3, 1 << 126))) == f(2))
    }

    @Test func productsBeyond64BitsAreExact() throws {
        // UInt64.max × 2 = 2^65 − 2 = 36893488147419103230: beyond 64 bits, well within 128.
        let doubled = try f(UInt64.max).multiplied(by: 2)
        #expect(doubled.numerator == Fraction.Part(UInt64.max) * 2 && doubled.denominator == 1)
        #expect(doubled.description == "36893488147419103230")
        // 1/2^40 × 1/2^40 = 1/2^80
        let tiny = try f(1, 1 << 40).multiplied(by: f(1, 1 << 40))
        #expect(tiny.numerator == 1 && tiny.denominator == Fraction.Part(1) << 80)
        // UInt64.max + 1 = 2^64
        #expect(try f(UInt64.max).adding(.one).numerator == Fraction.Part(1) << 64)
        // (UInt64.max − 1)/UInt64.max − 1/(UInt64.max − 1): the common denominator
        // (2^64 − 1)(2^64 − 2) needs 128 bits. With m = 2^64 − 1:
        // (m − 1)/m − 1/(m − 1) = ((m − 1)² − m) / (m(m − 1)).
        let m = Fraction.Part(UInt64.max)
        let difference = try #require(try f(UInt64.max - 1, UInt64.max).subtracting(f(1, UInt64.max - 1)))
        #expect(difference == Fraction(wide: (m - 1) * (m - 1) - m, m * (m - 1)))
    }

    @Test func derivationIntermediatesBeyond64BitsAreExact() throws {
        // The VND derivation: 99.99 USD × 64.3% × 29 582.1719 × 96.99%, in that order.
        //   9999/100 × 643/1000        = 6 429 357 / 10^5
        //   × 295 821 719 / 10^4       = 1 901 943 439 804 683 / 10^9
        //   × 9699 / 10^4              = 18 446 949 422 665 620 417 / 10^13
        // (no factor 2 or 5 in 9999, 643, 295 821 719 or 9699, so nothing reduces). The last
        // numerator is above UInt64.max = 18 446 744 073 709 551 615: it needs 128 bits.
        let value = try f(9999, 100).multiplied(by: f(643, 1000)).multiplied(by: f(295_821_719, 10_000))
            .multiplied(by: f(9699, 10_000))
        #expect(value.numerator == 18_446_949_422_665_620_417)
        #expect(value.denominator == 10_000_000_000_000)
        #expect(value.numerator > Fraction.Part(UInt64.max))
        // 1 844 694.9422665620417 → 1 844 695 (half-even, and every other mode but down)
        #expect(value.decimalText(maximumDigits: 13) == "1844694.9422665620417")
        #expect(value.description == "1844694.942266562041…")
        #expect(value.rounded(.halfEven) == 1_844_695 && value.rounded(.down) == 1_844_694)
    }

    @Test func overflowIsThrownOnlyBeyond128Bits() throws {
        let max = Fraction.Part.max
        // (2^64 − 1)² = 2^128 − 2^65 + 1 fits in 128 bits; twice that does not.
        let square = try f(UInt64.max).multiplied(by: UInt64.max)
        #expect(square.numerator == Fraction.Part(UInt64.max) * Fraction.Part(UInt64.max))
        #expect(throws: ArithmeticOverflow.self) { try square.multiplied(by: 2) }
        // 1/2^63 × 1/2^63 × 1/2 = 1/2^127 fits; one more halving gives 1/2^128: the denominator
        // 2^128 = UInt128.max + 1 does not fit.
        let smallest = try f(1, 1 << 63).multiplied(by: f(1, 1 << 63)).multiplied(by: f(1, 2))
        #expect(smallest.denominator == Fraction.Part(1) << 127)
        #expect(throws: ArithmeticOverflow.self) { try smallest.multiplied(by: self.f(1, 2)) }
        #expect(throws: ArithmeticOverflow.self) { try smallest.dividedBy(UInt64(2)) }
        // (UInt128.max − 1) + 1 = UInt128.max fits; + 1 again does not.
        let top = try #require(Fraction(wide: max - 1, 1)).adding(.one)
        #expect(top.numerator == max && top.denominator == 1)
        #expect(throws: ArithmeticOverflow.self) { try top.adding(.one) }
        // 1/(UInt128.max − 1) − 1/UInt128.max: consecutive, coprime denominators, so the common
        // denominator UInt128.max × (UInt128.max − 1) does not fit.
        let a = try #require(Fraction(wide: 1, max - 1))
        let b = try #require(Fraction(wide: 1, max))
        #expect(throws: ArithmeticOverflow.self) { _ = try a.subtracting(b) }
        #expect(throws: ArithmeticOverflow.self) { try a.adding(b) }
        // Division by zero is reported the same way.
        #expect(throws: ArithmeticOverflow.self) { try self.f(1).dividedBy(UInt64(0)) }
        #expect(throws: ArithmeticOverflow.self) { try self.f(1).dividedBy(Fraction.zero) }
    }

    @Test func additionSubtractionAndDivision() throws {
        // 1/6 + 1/3 = 1/6 + 2/6 = 3/6 = 1/2
        #expect(try f(1, 6).adding(f(1, 3)) == f(1, 2))
        // 1/2 − 1/3 = 3/6 − 2/6 = 1/6
        #expect(try f(1, 2).subtracting(f(1, 3)) == f(1, 6))
        // 1/3 − 1/2 would be negative: nil.
        #expect(try f(1, 3).subtracting(f(1, 2)) == nil)
        // x − x = 0
        #expect(try f(5, 7).subtracting(f(5, 7)) == .zero)
        // 19/100 ÷ (1 + 19/100) = 19/100 ÷ 119/100 = 19/119
        let r = f(19, 100)
        #expect(try r.dividedBy(Fraction.one.adding(r)) == f(19, 119))
        // 3/4 ÷ 6 = 3/24 = 1/8
        #expect(try f(3, 4).dividedBy(UInt64(6)) == f(1, 8))
    }

    @Test func comparisonIsFullWidth() {
        // a = (2^64−1)/(2^64−2) = 1 + 1/(2^64−2), b = (2^64−2)/(2^64−3) = 1 + 1/(2^64−3):
        // a < b, and the cross products a·d, c·b need 128 bits.
        let a = f(UInt64.max, UInt64.max - 1)
        let b = f(UInt64.max - 1, UInt64.max - 2)
        #expect(a < b)
        #expect(!(b < a))
        // 1/3 < 0.3334 = 1667/5000, since 5000 < 3·1667 = 5001
        #expect(f(1, 3) < f(1667, 5000))
        #expect(!(f(1, 2) < f(2, 4)) && !(f(2, 4) < f(1, 2)))
        // The same at 128 bits, M = UInt128.max: M/(M − 1) < (M − 1)/(M − 2); the cross
        // products need 256 bits.
        let max = Fraction.Part.max
        let c = Fraction(wide: max, max - 1)!
        let d = Fraction(wide: max - 1, max - 2)!
        #expect(c < d && !(d < c))
    }

    @Test func descriptionIsTheExactDecimal() {
        // 1/8 = 0.125; 8991/8 = 1123.875; 5 = "5"
        #expect(f(1, 8).description == "0.125")
        #expect(f(8991, 8).description == "1123.875")
        #expect(f(5).description == "5")
        // 1/3 does not terminate: 12 digits and an ellipsis.
        #expect(f(1, 3).description == "0.333333333333…")
        // Whole numbers and digits beyond 64 bits: UInt128.max, and (2^64 + 1)/8 = 2305843009213693952.125
        #expect(Fraction(wide: .max, 1)!.description == "340282366920938463463374607431768211455")
        #expect(Fraction(wide: (Fraction.Part(1) << 64) + 1, 8)!.description == "2305843009213693952.125")
        // A denominator beyond 64 bits: 1/2^80 has 80 digits, cut at 12.
        #expect(Fraction(wide: 1, Fraction.Part(1) << 80)!.description == "0.000000000000…")
    }

    // MARK: Rounding

    @Test func halfEvenTiesGoToTheEvenNeighbour() throws {
        // 0.125 USD in cents: 0.125 × 100 = 12.5 → tie between 12 and 13; 12 is even → 12 (0.12)
        #expect(try Fraction(decimal(125, 3))!.multiplied(by: 100).rounded(.halfEven) == 12)
        // 0.135 USD in cents: 13.5 → tie between 13 and 14; 14 is even → 14 (0.14)
        #expect(try Fraction(decimal(135, 3))!.multiplied(by: 100).rounded(.halfEven) == 14)
        // 2.5 → 2, 3.5 → 4, 0.5 → 0
        #expect(f(5, 2).rounded(.halfEven) == 2)
        #expect(f(7, 2).rounded(.halfEven) == 4)
        #expect(f(1, 2).rounded(.halfEven) == 0)
        // Not ties: 12.51 → 13, 12.49 → 12
        #expect(f(1251, 100).rounded(.halfEven) == 13)
        #expect(f(1249, 100).rounded(.halfEven) == 12)
    }

    @Test func nearestTiesGoUp() {
        // 12.5 → 13 and 13.5 → 14: a tie always goes up.
        #expect(f(25, 2).rounded(.halfUp) == 13)
        #expect(f(27, 2).rounded(.halfUp) == 14)
        // 0.5 → 1
        #expect(f(1, 2).rounded(.halfUp) == 1)
        // 12.49 → 12, 12.51 → 13
        #expect(f(1249, 100).rounded(.halfUp) == 12)
        #expect(f(1251, 100).rounded(.halfUp) == 13)
    }

    @Test func upAndDownIgnoreTheDistance() {
        // up: 12.5 → 13, 12.01 → 13, 12.99 → 13
        #expect(f(25, 2).rounded(.up) == 13)
        #expect(f(1201, 100).rounded(.up) == 13)
        #expect(f(1299, 100).rounded(.up) == 13)
        // down: 12.5 → 12, 12.01 → 12, 12.99 → 12
        #expect(f(25, 2).rounded(.down) == 12)
        #expect(f(1201, 100).rounded(.down) == 12)
        #expect(f(1299, 100).rounded(.down) == 12)
    }

    @Test func wholeNumbersAreUnchangedInEveryMode() {
        for mode in [IntegerRounding.halfEven, .halfUp, .up, .down] {
            // 12 = 24/2 exactly
            #expect(f(24, 2).rounded(mode) == 12, "\(mode)")
            #expect(Fraction.zero.rounded(mode) == 0, "\(mode)")
            #expect(f(UInt64.max).rounded(mode) == UInt64.max, "\(mode)")
        }
    }

    @Test func roundingBeyond64BitsIsNil() throws {
        let limit = Fraction.Part(UInt64.max)
        // UInt64.max + 1/2 = 18446744073709551615.5: down keeps UInt64.max; every other mode
        // rounds to 2^64 (UInt64.max is odd, so half-even goes up too), which does not fit.
        let justAbove = try f(UInt64.max).adding(f(1, 2))
        #expect(justAbove.rounded(.down) == UInt64.max)
        #expect(justAbove.rounded(.up) == nil)
        #expect(justAbove.rounded(.halfUp) == nil)
        #expect(justAbove.rounded(.halfEven) == nil)
        // UInt64.max + 1/3: down and nearest are UInt64.max, up is 2^64.
        let third = try f(UInt64.max).adding(f(1, 3))
        #expect(third.rounded(.halfEven) == UInt64.max && third.rounded(.halfUp) == UInt64.max)
        #expect(third.rounded(.up) == nil)
        for mode in [IntegerRounding.halfEven, .halfUp, .up, .down] {
            // 2^64 exactly, and UInt128.max: whole numbers that do not fit in 64 bits.
            #expect(Fraction(wide: limit + 1, 1)!.rounded(mode) == nil, "\(mode)")
            #expect(Fraction(wide: .max, 1)!.rounded(mode) == nil, "\(mode)")
            // UInt128.max / 2^64 = 2^64 − 2^−64: rounds to 2^64 or down to UInt64.max.
            let belowLimit = Fraction(wide: .max, limit + 1)!
            #expect(belowLimit.rounded(mode) == (mode == .down ? UInt64.max : nil), "\(mode)")
        }
    }

    @Test func roundingTheLargestValuesDoesNotTrap() {
        // UInt64.max / 2 = 9223372036854775807.5: every mode stays within UInt64.
        let half = f(UInt64.max, 2)
        #expect(half.rounded(.down) == UInt64.max / 2)
        #expect(half.rounded(.up) == UInt64.max / 2 + 1)
        // 9223372036854775807 is odd → half-even goes up to 9223372036854775808
        #expect(half.rounded(.halfEven) == UInt64.max / 2 + 1)
        #expect(half.rounded(.halfUp) == UInt64.max / 2 + 1)
    }
}
