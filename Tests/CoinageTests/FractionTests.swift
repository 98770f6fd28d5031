@testable import Coinage
import CoinageSyntax
import Testing

/// `Fraction`: exact non-negative rationals, overflow reported as `ArithmeticOverflow`,
/// and rounding to whole numbers in every `IntegerRounding` mode.
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
        // Negative decimals are refused: prices, rates and levels are never negative.
        #expect(Fraction(decimal(-1, 0)) == nil)
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
        // (2^63 / 3) × (3 / 2^62) = 2: the naive products 2^63·3 and 3·2^62 do not fit in
        // 64 bits, the cross-reduced ones (2^63/2^62)·(3/3) = 2·1 do.
        let big = f(1 << 63, 3)
        #expect(try big.multiplied(by: f(3, 1 << 62)) == f(2))
        // (UInt64.max / 7) × (7 / UInt64.max) = 1
        #expect(try f(UInt64.max, 7).multiplied(by: f(7, UInt64.max)) == .one)
    }

    @Test func overflowIsThrownNotTrapped() {
        // UInt64.max × 2 does not fit.
        #expect(throws: ArithmeticOverflow.self) { try f(UInt64.max).multiplied(by: 2) }
        // 1/2^40 × 1/2^40 = 1/2^80: the denominator does not fit.
        #expect(throws: ArithmeticOverflow.self) { try f(1, 1 << 40).multiplied(by: f(1, 1 << 40)) }
        // UInt64.max + 1 does not fit.
        #expect(throws: ArithmeticOverflow.self) { try f(UInt64.max).adding(.one) }
        // Division by zero is reported the same way.
        #expect(throws: ArithmeticOverflow.self) { try f(1).dividedBy(UInt64(0)) }
        #expect(throws: ArithmeticOverflow.self) { try f(1).dividedBy(Fraction.zero) }
        // (UInt64.max − 1)/UInt64.max − 1/(UInt64.max − 1): the common denominator does not fit.
        #expect(throws: ArithmeticOverflow.self) {
            _ = try self.f(UInt64.max - 1, UInt64.max).subtracting(self.f(1, UInt64.max - 1))
        }
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
    }

    @Test func descriptionIsTheExactDecimal() {
        // 1/8 = 0.125; 8991/8 = 1123.875; 5 = "5"
        #expect(f(1, 8).description == "0.125")
        #expect(f(8991, 8).description == "1123.875")
        #expect(f(5).description == "5")
        // 1/3 does not terminate: 12 digits and an ellipsis.
        #expect(f(1, 3).description == "0.333333333333…")
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
