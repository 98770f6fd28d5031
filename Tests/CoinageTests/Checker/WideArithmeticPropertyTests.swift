@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
@testable import CoinageRuleTests
import CoinageSyntax
import CoinageTestSupport
import Testing

/// `BigUInt` and `BigFraction` against `ReferenceNatural`, on random derivations of
/// the widest kind the checker allows: prices in cents up to 10^15, 18-decimal rates
/// up to 2^63, 6-decimal levels up to 1000%, a conversion through a second rate.
@Suite struct WideArithmeticPropertyTests {
    private static func reference(_ value: BigUInt) -> ReferenceNatural { ReferenceNatural(limbs64: value.limbs) }

    private static func big(_ random: inout SplitMix64, limbs: Int) -> BigUInt {
        var value = BigUInt(0 as UInt64)
        for _ in 0..<limbs { value = (value << 64) + BigUInt(random.next()) }
        return value
    }

    @Test func bigIntegersMultiplyDivideAndPrintLikeTheReference() {
        var random = SplitMix64(seed: 0xB16)
        for _ in 0..<300 {
            let a = Self.big(&random, limbs: Int(random.int(1...5)))
            let b = Self.big(&random, limbs: Int(random.int(1...3)))
            guard !b.isZero else { continue }
            #expect(Self.reference(a * b) == Self.reference(a) * Self.reference(b))
            let (q, r) = a.quotientAndRemainder(dividingBy: b)
            // a = q·b + r with r < b, checked in the reference: q·b ≤ a < (q + 1)·b.
            #expect(r < b)
            #expect(Self.reference(q * b + r) == Self.reference(a))
            #expect(a.description == Self.reference(a).description)
            let g = BigUInt.gcd(a, b)
            #expect(a.quotientAndRemainder(dividingBy: g).remainder.isZero && b.quotientAndRemainder(dividingBy: g).remainder.isZero)
            let (a1, b1) = (a.quotientAndRemainder(dividingBy: g).quotient, b.quotientAndRemainder(dividingBy: g).quotient)
            #expect(BigUInt.gcd(a1, b1) == BigUInt(1 as UInt64))
        }
    }

    /// One random derivation, as the engine computes it and as plain numerator and
    /// denominator products (unreduced) for the reference.
    private struct Derivation {
        var value: BigFraction
        var numerator: ReferenceNatural
        var denominator: ReferenceNatural

        init(cents: UInt64) {
            value = BigFraction(Fraction(cents, 100)!)
            numerator = ReferenceNatural(cents)
            denominator = ReferenceNatural(100 as UInt64)
        }

        mutating func times(_ n: UInt64, over d: UInt64) {
            value = value.multiplied(by: Fraction(n, d)!)
            numerator = numerator * n
            denominator = denominator * d
        }

        mutating func dividedBy(_ n: UInt64, over d: UInt64) throws {
            value = try value.dividedBy(Fraction(n, d)!)
            numerator = numerator * d
            denominator = denominator * n
        }
    }

    private static func power(_ exponent: Int) -> UInt64 { (0..<exponent).reduce(1) { value, _ in value * 10 } }

    private static func derivation(_ random: inout SplitMix64) throws -> Derivation {
        var derivation = Derivation(cents: UInt64(random.int(1...1_000_000_000_000_000)))
        // Channel level, 6 decimals of a percent: s / 10^8, up to 1000%.
        derivation.times(UInt64(random.int(1...1_000_000_000)), over: 100_000_000)
        if random.bool() {
            // Through a non-base currency: divided by its rate.
            let scale = Int(random.int(0...18))
            try derivation.dividedBy(UInt64(random.int(1...Int64.max)), over: power(scale))
        }
        let scale = Int(random.int(0...18))
        derivation.times(UInt64(random.int(1...Int64.max)), over: power(scale))
        derivation.times(UInt64(random.int(1...1_000_000_000)), over: 100_000_000)
        derivation.times(power(Int(random.int(0...3))), over: 1)
        return derivation
    }

    @Test func derivationsRoundLikeTheReference() throws {
        var random = SplitMix64(seed: 0x2232_83)
        var wide = 0
        var fitting = 0
        for _ in 0..<400 {
            let d = try Self.derivation(&random)
            if d.value.fraction == nil { wide += 1 }
            let expected = ReferenceNatural.halfEven(d.numerator, d.denominator)
            #expect(d.value.rounded(.halfEven) == expected)
            #expect(d.value.rounded(.down) == ReferenceNatural.floor(d.numerator, d.denominator))
            if expected != nil { fitting += 1 }
            // A narrow value is the exact fraction: cross-multiplied, it equals the products.
            if let fraction = d.value.fraction {
                #expect(ReferenceNatural(fraction.numerator) * d.denominator == d.numerator * ReferenceNatural(fraction.denominator))
            }
            // Price grids: step and ending in minor units, every mode.
            let step = UInt64(random.int(1...5_000))
            let ending = UInt64(random.int(0...Int64(step - 1)))
            for (mode, name) in [(RoundingMode.nearest, ReferenceNatural.RoundingModeName.nearest), (.up, .up), (.down, .down)] {
                let grid = RoundingGrid(mode: mode, step: Int64(step), ending: Int64(ending))
                let rule = RoundingRule.single(grid)
                let engine = try? rule.round(d.value).minorUnits
                let want = ReferenceNatural.grid(d.numerator, d.denominator, step: step, ending: ending, mode: name)
                #expect(engine.map(UInt64.init) == want, "\(d.value) \(grid)")
            }
        }
        // The draw must exercise both sides: wide values, and results that fit.
        #expect(wide > 50 && fitting > 50, "\(wide) wide, \(fitting) fitting")
    }

    @Test func wideValuesPrintTheirFirstTwelveDigitsExactly() throws {
        var random = SplitMix64(seed: 0xD161)
        var checked = 0
        for _ in 0..<300 {
            let d = try Self.derivation(&random)
            let scaled = d.numerator * 1_000_000_000_000
            guard d.value.fraction == nil, let digits = ReferenceNatural.floor(scaled, d.denominator) else { continue }
            checked += 1
            var fraction = String(digits % 1_000_000_000_000)
            fraction = String(repeating: "0", count: 12 - fraction.count) + fraction
            let exact = d.denominator * digits == scaled
            if exact { while fraction.last == "0" { fraction.removeLast() } }
            let whole = String(digits / 1_000_000_000_000)
            let text = fraction.isEmpty ? whole : "\(whole).\(fraction)\(exact ? "" : "…")"
            #expect(d.value.description == text)
        }
        #expect(checked > 20, "\(checked) wide values small enough to check")
    }
}
