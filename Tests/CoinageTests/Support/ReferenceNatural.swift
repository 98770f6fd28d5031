/// A natural number of any size for checking the engine's wide arithmetic: 32-bit
/// limbs, and nothing but multiplication, comparison and division by a small number.
/// Quotients come from a binary search over multiplications, so this shares no
/// algorithm with `BigUInt` (64-bit limbs, shift-and-subtract division, gcd).
struct ReferenceNatural: Comparable, CustomStringConvertible {
    /// Least significant first, no zero limb at the top.
    private(set) var limbs: [UInt32]

    init(_ value: UInt64) {
        limbs = [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
        trim()
    }

    init(_ value: UInt128) {
        limbs = (0..<4).map { UInt32(truncatingIfNeeded: value >> (32 * $0)) }
        trim()
    }

    /// From 64-bit limbs, least significant first.
    init(limbs64: [UInt64]) {
        limbs = limbs64.flatMap { [UInt32(truncatingIfNeeded: $0), UInt32(truncatingIfNeeded: $0 >> 32)] }
        trim()
    }

    private mutating func trim() { while limbs.last == 0 { limbs.removeLast() } }

    static func * (a: ReferenceNatural, b: ReferenceNatural) -> ReferenceNatural {
        var result = [UInt64](repeating: 0, count: a.limbs.count + b.limbs.count + 1)
        for (i, x) in a.limbs.enumerated() {
            var carry: UInt64 = 0
            for (j, y) in b.limbs.enumerated() {
                let total = result[i + j] + UInt64(x) * UInt64(y) + carry
                result[i + j] = total & 0xFFFF_FFFF
                carry = total >> 32
            }
            var k = i + b.limbs.count
            while carry != 0 {
                let total = result[k] + carry
                result[k] = total & 0xFFFF_FFFF
                carry = total >> 32
                k += 1
            }
        }
        var product = ReferenceNatural(0 as UInt64)
        product.limbs = result.map { UInt32($0) }
        product.trim()
        return product
    }

    static func * (a: ReferenceNatural, b: UInt64) -> ReferenceNatural { a * ReferenceNatural(b) }

    static func < (a: ReferenceNatural, b: ReferenceNatural) -> Bool {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count }
        for index in a.limbs.indices.reversed() where a.limbs[index] != b.limbs[index] {
            return a.limbs[index] < b.limbs[index]
        }
        return false
    }

    /// Quotient and remainder by a small divisor, for the decimal text.
    func divided(by divisor: UInt32) -> (ReferenceNatural, UInt32) {
        var quotient = self
        var remainder: UInt64 = 0
        for index in limbs.indices.reversed() {
            let current = remainder << 32 | UInt64(limbs[index])
            quotient.limbs[index] = UInt32(current / UInt64(divisor))
            remainder = current % UInt64(divisor)
        }
        quotient.trim()
        return (quotient, UInt32(remainder))
    }

    var description: String {
        var digits: [Character] = []
        var rest = self
        repeat {
            let (quotient, digit) = rest.divided(by: 10)
            digits.append(Character(String(digit)))
            rest = quotient
        } while !rest.limbs.isEmpty
        return String(digits.reversed())
    }

    /// `⌊n / d⌋` when it is below 2^64, found by bisection over `q · d ≤ n`; nil otherwise.
    static func floor(_ n: ReferenceNatural, _ d: ReferenceNatural) -> UInt64? {
        // n < d · 2^64 is what makes the quotient fit.
        guard n < d * ReferenceNatural(UInt128(1) << 64) else { return nil }
        var low: UInt64 = 0
        var high = UInt64.max
        while low < high {
            let mid = low + (high - low) / 2 + 1
            if d * mid <= n { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// `n / d` rounded half-even, when it fits in 64 bits.
    static func halfEven(_ n: ReferenceNatural, _ d: ReferenceNatural) -> UInt64? {
        guard let q = floor(n, d) else { return nil }
        // Against the midpoint q + ½: 2n against (2q + 1) d, all in integers.
        let twice = n * 2
        let middle = d * ReferenceNatural(2 * UInt128(q) + 1)
        if twice < middle { return q }
        if middle < twice { return q == .max ? nil : q + 1 }
        return q % 2 == 0 ? q : (q == .max ? nil : q + 1)
    }

    /// The grid candidate `k × step + ending` (k ≥ 0, positive only) that rounding
    /// `n / d` by `mode` picks, read straight from the definition; nil past 63 bits.
    static func grid(_ n: ReferenceNatural, _ d: ReferenceNatural, step: UInt64, ending: UInt64, mode: RoundingModeName) -> UInt64? {
        func candidate(_ k: UInt64) -> UInt64? {
            let value = UInt128(k) * UInt128(step) + UInt128(ending)
            return value <= UInt128(Int64.max) ? UInt64(value) : nil
        }
        let smallest: UInt64 = ending > 0 ? 0 : 1
        // The largest k whose candidate is at most n / d (k · step + ending ≤ n / d).
        guard let whole = floor(n, d) else { return nil }
        var below: UInt64? = whole < ending ? nil : (whole - ending) / step
        if let k = below, k < smallest { below = nil }
        guard let k = below else { return candidate(smallest) }
        // Both neighbours, in 128 bits: only the one picked must fit.
        let low = UInt128(k) * UInt128(step) + UInt128(ending)
        let high = low + UInt128(step)
        func fitting(_ value: UInt128) -> UInt64? { value <= UInt128(Int64.max) ? UInt64(value) : nil }
        let lowIsExact = d * ReferenceNatural(low) == n
        switch mode {
        case .down: return fitting(low)
        case .up: return lowIsExact ? fitting(low) : fitting(high)
        case .nearest:
            // n/d − low against high − n/d: 2n against (low + high) d; a tie goes up.
            return n * 2 < d * ReferenceNatural(low + high) ? fitting(low) : fitting(high)
        }
    }

    enum RoundingModeName { case nearest, up, down }
}

extension ReferenceNatural {
    static func <= (a: ReferenceNatural, b: ReferenceNatural) -> Bool { !(b < a) }
}
