import CoinageChecker
import CoinageSyntax

/// A quote's user facts by attribute slot, as the integers conditions compare.
///
/// A bool is 0 or 1, an int itself, a date its day count and a `one of` value its
/// index in the declaration; the checker gives every condition the type of its
/// slot, so the integer needs no tag. The first `inlineSlots` slots live inline
/// (`InlineFacts`): resolving a buyer's facts allocates nothing unless the rule set
/// declares more.
struct UserFacts {
    /// Slots held without an allocation.
    static let inlineSlots = InlineFacts.slots

    /// The first slots' facts: plain integers, which the walk copies once per quote.
    private(set) var inline = InlineFacts()
    /// Slots from `inlineSlots` on; empty until one is set.
    private(set) var spill: [Int64?] = []

    init() {}

    init(inline: InlineFacts, spill: [Int64?]) {
        self.inline = inline
        self.spill = spill
    }

    /// The fact in `slot`, or nil when the request carries none.
    @inline(__always)
    subscript(slot: Int) -> Int64? {
        guard slot >= 0 else { return nil }
        guard slot < Self.inlineSlots else {
            let index = slot - Self.inlineSlots
            return index < spill.count ? spill[index] : nil
        }
        return inline[slot]
    }

    /// Records the fact of `slot`.
    @inline(__always)
    mutating func set(_ value: Int64, slot: Int) {
        guard slot >= 0 else { return }
        guard slot < Self.inlineSlots else {
            setSpilled(value, slot: slot)
            return
        }
        inline.set(value, slot: slot)
    }

    /// `set` past the inline slots: out of line, so the common case stays a few
    /// instructions wherever it is inlined (callgrind: about 10 a fact).
    @inline(never)
    private mutating func setSpilled(_ value: Int64, slot: Int) {
        let index = slot - Self.inlineSlots
        if index >= spill.count { spill += [Int64?](repeating: nil, count: index - spill.count + 1) }
        spill[index] = value
    }
}

/// The facts of the first `slots` attribute slots, and which of them the request
/// carries: a plain value, with nothing to retain when copied.
struct InlineFacts: Sendable {
    static let slots = 8

    private var values: (Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64) = (0, 0, 0, 0, 0, 0, 0, 0)
    /// Bit `s` set when slot `s` carries a fact.
    private var present: UInt8 = 0

    /// The fact in `slot` (below `slots`), or nil when the request carries none: off
    /// the walk's fast path, so a copy gives the bytes their address (`fact(_:in:)`).
    @inline(__always)
    subscript(slot: Int) -> Int64? {
        var facts = self
        return Self.fact(slot, in: &facts)
    }

    /// The fact in `slot` (below `slots`), read in place: a variable's bytes have an
    /// address, so the read is one load (callgrind: about 3 instructions a test,
    /// against 18 through the switch or a copy).
    @inline(__always)
    static func fact(_ slot: Int, in facts: inout InlineFacts) -> Int64? {
        guard facts.present & (1 << UInt8(truncatingIfNeeded: slot)) != 0 else { return nil }
        return withUnsafeBytes(of: &facts.values) { $0.load(fromByteOffset: slot &* 8, as: Int64.self) }
    }

    @inline(__always)
    mutating func set(_ value: Int64, slot: Int) {
        present |= 1 << UInt8(truncatingIfNeeded: slot)
        withUnsafeMutableBytes(of: &values) { $0.storeBytes(of: value, toByteOffset: slot * 8, as: Int64.self) }
    }
}
