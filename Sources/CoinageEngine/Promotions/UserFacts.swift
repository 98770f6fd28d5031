import CoinageChecker
import CoinageSyntax

/// A quote's user facts by attribute slot, as the integers conditions compare.
///
/// A bool is 0 or 1, an int itself, a date its day count and a `one of` value its
/// index in the declaration; the checker gives every condition the type of its
/// slot, so the integer needs no tag. The first `inlineSlots` slots live inline:
/// resolving a buyer's facts allocates nothing unless the rule set declares more.
struct UserFacts {
    /// Slots held without an allocation.
    static let inlineSlots = 8

    private var inline: (Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64) = (0, 0, 0, 0, 0, 0, 0, 0)
    /// Bit `s` set when slot `s` (below `inlineSlots`) carries a fact.
    private var present: UInt8 = 0
    /// Slots from `inlineSlots` on; empty until one is set.
    private var spill: [Int64?] = []

    init() {}

    /// The fact in `slot`, or nil when the request carries none.
    @inline(__always)
    subscript(slot: Int) -> Int64? {
        guard slot >= 0 else { return nil }
        guard slot < Self.inlineSlots else {
            let index = slot - Self.inlineSlots
            return index < spill.count ? spill[index] : nil
        }
        guard present & (1 << UInt8(slot)) != 0 else { return nil }
        switch slot {
        case 0: return inline.0
        case 1: return inline.1
        case 2: return inline.2
        case 3: return inline.3
        case 4: return inline.4
        case 5: return inline.5
        case 6: return inline.6
        default: return inline.7
        }
    }

    /// Records the fact of `slot`.
    @inline(__always)
    mutating func set(_ value: Int64, slot: Int) {
        guard slot >= 0 else { return }
        guard slot < Self.inlineSlots else {
            let index = slot - Self.inlineSlots
            if index >= spill.count { spill += [Int64?](repeating: nil, count: index - spill.count + 1) }
            spill[index] = value
            return
        }
        present |= 1 << UInt8(slot)
        withUnsafeMutableBytes(of: &inline) { $0.storeBytes(of: value, toByteOffset: slot * 8, as: Int64.self) }
    }
}
