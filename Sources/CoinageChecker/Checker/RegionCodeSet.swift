/// The declared region codes of two capital letters, as bits: a code in a condition
/// is checked without hashing it.
///
/// A big shop writes hundreds of thousands of region codes in its conditions, and a
/// dictionary lookup of each (a hash and a copy of the region) was a tenth of the
/// check. A code that is not two capitals, or not here, is looked up as before, so
/// the set only ever answers "known" for a code the regions hold.
struct RegionCodeSet {
    /// 676 bits, made on the first insert; on the heap, not in place, because the
    /// checker is a value the tests hold on small stacks.
    private var bits: [UInt64] = []

    /// The bit of a code of two capital letters, or nil for any other code.
    private static func index(_ code: String) -> Int? {
        let utf8 = code.utf8
        guard utf8.count == 2 else { return nil }
        let first = utf8[utf8.startIndex], second = utf8[utf8.index(after: utf8.startIndex)]
        guard first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z"),
              second >= UInt8(ascii: "A"), second <= UInt8(ascii: "Z") else { return nil }
        return Int(first - UInt8(ascii: "A")) * 26 + Int(second - UInt8(ascii: "A"))
    }

    /// Records a declared region's code.
    mutating func insert(_ code: String) {
        guard let index = Self.index(code) else { return }
        if bits.isEmpty { bits = Array(repeating: 0, count: 11) }
        bits[index >> 6] |= 1 << UInt64(index & 63)
    }

    /// True when `code` was inserted; false says nothing (look it up).
    func contains(_ code: String) -> Bool {
        guard let index = Self.index(code), index >> 6 < bits.count else { return false }
        return bits[index >> 6] & (1 << UInt64(index & 63)) != 0
    }
}
