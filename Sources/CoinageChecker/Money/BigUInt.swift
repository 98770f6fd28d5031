import CoinageSyntax

/// An unsigned integer of any size, for the few exact values that outgrow 128 bits:
/// the intermediate of a price derivation with an 18-decimal rate and levels with
/// decimals, and counts of combinations.
///
/// Plain on purpose (schoolbook multiplication, shift-and-subtract division): it
/// holds values of a few hundred bits, and only where `Fraction`'s 128-bit parts
/// cannot, so it is never on the path of an ordinary quote.
package struct BigUInt: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// 64-bit limbs, least significant first, with no zero limb at the top: zero is
    /// the empty array, so equal values have equal limbs.
    private(set) var limbs: [UInt64]

    package static let zero = BigUInt(limbs: [])

    package init(_ value: UInt64) {
        limbs = value == 0 ? [] : [value]
    }

    package init(_ value: UInt128) {
        self.init(limbs: [UInt64(truncatingIfNeeded: value), UInt64(truncatingIfNeeded: value >> 64)])
    }

    private init(limbs: [UInt64]) {
        var limbs = limbs
        while limbs.last == 0 { limbs.removeLast() }
        self.limbs = limbs
    }

    package var isZero: Bool { limbs.isEmpty }

    /// Bits up to the highest set one; 0 for zero.
    package var bitWidth: Int {
        guard let top = limbs.last else { return 0 }
        return limbs.count * 64 - top.leadingZeroBitCount
    }

    /// The value, when it fits in 64 bits.
    package var uint64: UInt64? {
        switch limbs.count {
        case 0: 0
        case 1: limbs[0]
        default: nil
        }
    }

    /// The value, when it fits in 128 bits.
    package var uint128: UInt128? {
        switch limbs.count {
        case 0: 0
        case 1: UInt128(limbs[0])
        case 2: UInt128(limbs[1]) << 64 | UInt128(limbs[0])
        default: nil
        }
    }

    private var trailingZeroBitCount: Int {
        for (index, limb) in limbs.enumerated() where limb != 0 { return index * 64 + limb.trailingZeroBitCount }
        return 0
    }

    package static func < (a: BigUInt, b: BigUInt) -> Bool {
        compare(a.limbs, b.limbs) < 0
    }

    /// -1, 0 or 1 as `a` is below, equal to or above `b` (both without top zero limbs).
    private static func compare(_ a: [UInt64], _ b: [UInt64]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for index in a.indices.reversed() where a[index] != b[index] {
            return a[index] < b[index] ? -1 : 1
        }
        return 0
    }

    package static func * (a: BigUInt, b: BigUInt) -> BigUInt {
        guard !a.isZero, !b.isZero else { return .zero }
        var result = [UInt64](repeating: 0, count: a.limbs.count + b.limbs.count)
        for i in a.limbs.indices {
            var carry: UInt64 = 0
            for j in b.limbs.indices {
                // result + a·b + carry ≤ (2^64 − 1)(2^64 + 1) = 2^128 − 1: the new carry fits one limb.
                let (high, low) = a.limbs[i].multipliedFullWidth(by: b.limbs[j])
                let (sum, c1) = result[i + j].addingReportingOverflow(low)
                let (total, c2) = sum.addingReportingOverflow(carry)
                result[i + j] = total
                carry = high &+ (c1 ? 1 : 0) &+ (c2 ? 1 : 0)
            }
            result[i + b.limbs.count] = carry
        }
        return BigUInt(limbs: result)
    }

    package static func + (a: BigUInt, b: BigUInt) -> BigUInt {
        var result = [UInt64](repeating: 0, count: max(a.limbs.count, b.limbs.count) + 1)
        var carry = false
        for index in result.indices {
            let (s1, c1) = (index < a.limbs.count ? a.limbs[index] : 0).addingReportingOverflow(index < b.limbs.count ? b.limbs[index] : 0)
            let (s2, c2) = s1.addingReportingOverflow(carry ? 1 : 0)
            result[index] = s2
            carry = c1 || c2
        }
        return BigUInt(limbs: result)
    }

    /// `a − b`; zero when `b` is the larger (callers subtract only a smaller value).
    package static func - (a: BigUInt, b: BigUInt) -> BigUInt {
        guard b < a else { return .zero }
        var result = a.limbs
        subtract(b.limbs, from: &result)
        return BigUInt(limbs: result)
    }

    /// `value −= other` on raw limbs, for `value ≥ other`.
    private static func subtract(_ other: [UInt64], from value: inout [UInt64]) {
        var borrow = false
        for index in value.indices {
            guard index < other.count || borrow else { break }
            let (d1, o1) = value[index].subtractingReportingOverflow(index < other.count ? other[index] : 0)
            let (d2, o2) = d1.subtractingReportingOverflow(borrow ? 1 : 0)
            value[index] = d2
            borrow = o1 || o2
        }
        while value.last == 0 { value.removeLast() }
    }

    package static func << (value: BigUInt, shift: Int) -> BigUInt {
        guard shift > 0, !value.isZero else { return value }
        let (words, bits) = (shift / 64, shift % 64)
        var result = [UInt64](repeating: 0, count: words) + value.limbs + [0]
        if bits > 0 {
            for index in (words..<result.count).reversed() {
                let lower = index > words ? result[index - 1] >> UInt64(64 - bits) : 0
                result[index] = result[index] << UInt64(bits) | lower
            }
        }
        return BigUInt(limbs: result)
    }

    package static func >> (value: BigUInt, shift: Int) -> BigUInt {
        guard shift > 0 else { return value }
        let (words, bits) = (shift / 64, shift % 64)
        guard words < value.limbs.count else { return .zero }
        var result = Array(value.limbs[words...])
        if bits > 0 {
            for index in result.indices {
                let upper = index + 1 < result.count ? result[index + 1] << UInt64(64 - bits) : 0
                result[index] = result[index] >> UInt64(bits) | upper
            }
        }
        return BigUInt(limbs: result)
    }

    /// Quotient and remainder; a zero divisor gives zero and the value itself
    /// (callers never divide by zero: denominators are positive).
    package func quotientAndRemainder(dividingBy divisor: BigUInt) -> (quotient: BigUInt, remainder: BigUInt) {
        guard !divisor.isZero, !(self < divisor) else { return (.zero, self) }
        if let small = divisor.uint64 {
            let (quotient, remainder) = quotientAndRemainder(dividingBy: small)
            return (quotient, BigUInt(remainder))
        }
        // Shift and subtract, one quotient bit at a time: as many steps as the
        // quotient has bits, which is few where it matters (a price fits in 64).
        let shift = bitWidth - divisor.bitWidth
        var remainder = limbs
        var quotient = [UInt64](repeating: 0, count: shift / 64 + 1)
        var shifted = (divisor << shift).limbs
        for bit in (0...shift).reversed() {
            if Self.compare(remainder, shifted) >= 0 {
                Self.subtract(shifted, from: &remainder)
                quotient[bit / 64] |= 1 << UInt64(bit % 64)
            }
            Self.shiftRightOne(&shifted)
        }
        return (BigUInt(limbs: quotient), BigUInt(limbs: remainder))
    }

    private static func shiftRightOne(_ value: inout [UInt64]) {
        for index in value.indices {
            let upper = index + 1 < value.count ? value[index + 1] << 63 : 0
            value[index] = value[index] >> 1 | upper
        }
        while value.last == 0 { value.removeLast() }
    }

    /// Quotient and remainder by a nonzero 64-bit divisor, a limb at a time.
    package func quotientAndRemainder(dividingBy divisor: UInt64) -> (quotient: BigUInt, remainder: UInt64) {
        guard divisor != 0 else { return (.zero, 0) }
        var quotient = limbs
        var remainder: UInt64 = 0
        for index in limbs.indices.reversed() {
            // remainder < divisor, so the two-limb dividend's quotient fits one limb.
            (quotient[index], remainder) = divisor.dividingFullWidth((remainder, limbs[index]))
        }
        return (BigUInt(limbs: quotient), remainder)
    }

    /// The greatest common divisor; `gcd(0, 0)` is 0.
    package static func gcd(_ a: BigUInt, _ b: BigUInt) -> BigUInt {
        if a.isZero { return b }
        if b.isZero { return a }
        // One side small (a derivation's factors are): one division brings both into 128 bits.
        if let small = b.uint128 {
            let rest = a.quotientAndRemainder(dividingBy: BigUInt(small)).remainder.uint128 ?? 0
            return BigUInt(gcd128(small, rest))
        }
        if a.uint128 != nil { return gcd(b, a) }
        // Binary gcd: no division at all.
        let shift = min(a.trailingZeroBitCount, b.trailingZeroBitCount)
        var x = a >> a.trailingZeroBitCount
        var y = b >> b.trailingZeroBitCount
        while true {
            if y < x { swap(&x, &y) }
            y = y - x
            if y.isZero { return x << shift }
            y = y >> y.trailingZeroBitCount
        }
    }

    private static func gcd128(_ a: UInt128, _ b: UInt128) -> UInt128 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    /// Decimal digits, without separators.
    package var description: String {
        guard !isZero else { return "0" }
        // Nineteen digits at a time: 10^19 is the largest power of ten in 64 bits.
        let chunk: UInt64 = 10_000_000_000_000_000_000
        var groups: [UInt64] = []
        var rest = self
        while !rest.isZero {
            let (quotient, remainder) = rest.quotientAndRemainder(dividingBy: chunk)
            groups.append(remainder)
            rest = quotient
        }
        var text = String(groups.removeLast())
        for group in groups.reversed() {
            let digits = String(group)
            text += String(repeating: "0", count: 19 - digits.count) + digits
        }
        return text
    }
}
