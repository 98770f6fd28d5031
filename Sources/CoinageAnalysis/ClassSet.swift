import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// A set of value classes of one user attribute, as a bit array. Class 0 is always
/// "the request does not carry the attribute".
///
/// The first 64 classes are held inline and the rest in an array that stays empty
/// (and unallocated) for most attributes: the search copies and intersects these
/// sets at every step, so they must not touch the heap.
struct ClassSet: Hashable, Sendable {
    /// Classes 0 to 63.
    private var low: UInt64 = 0
    /// Classes from 64 up, 64 to a word; empty when `count` is at most 64.
    private var high: [UInt64]
    /// How many classes the attribute has; bits at and above it are always clear.
    let count: Int

    /// The empty set over `count` classes.
    init(empty count: Int) {
        self.count = count
        high = count > 64 ? [UInt64](repeating: 0, count: (count - 1) / 64) : []
    }

    /// Every class.
    init(all count: Int) {
        self.init(empty: count)
        for index in 0..<count { insert(index) }
    }

    mutating func insert(_ member: Int) {
        guard member >= 0, member < count else { return }
        if member < 64 { low |= 1 << UInt64(member) } else { high[(member >> 6) - 1] |= 1 << UInt64(member & 63) }
    }

    func contains(_ member: Int) -> Bool {
        guard member >= 0, member < count else { return false }
        if member < 64 { return low & (1 << UInt64(member)) != 0 }
        return high[(member >> 6) - 1] & (1 << UInt64(member & 63)) != 0
    }

    var isEmpty: Bool { low == 0 && high.allSatisfy { $0 == 0 } }

    var isFull: Bool { complement.isEmpty }

    /// The lowest class in the set.
    var first: Int? {
        if low != 0 { return low.trailingZeroBitCount }
        for (position, word) in high.enumerated() where word != 0 {
            return (position + 1) * 64 + word.trailingZeroBitCount
        }
        return nil
    }

    func intersection(_ other: ClassSet) -> ClassSet {
        var result = self
        result.low &= other.low
        for position in result.high.indices { result.high[position] &= other.high[position] }
        return result
    }

    func intersects(_ other: ClassSet) -> Bool {
        if low & other.low != 0 { return true }
        for position in high.indices where high[position] & other.high[position] != 0 { return true }
        return false
    }

    /// Whether every class of this set is in `other`.
    func isSubset(of other: ClassSet) -> Bool {
        if low & ~other.low != 0 { return false }
        for position in high.indices where high[position] & ~other.high[position] != 0 { return false }
        return true
    }

    var complement: ClassSet {
        var result = ClassSet(empty: count)
        for index in 0..<count where !contains(index) { result.insert(index) }
        return result
    }
}

/// Per user attribute slot, the classes a scenario still allows; a slot it does not
/// name allows any class. A conjunction of constraints on independent attributes.
///
/// Only the constrained slots are kept, in ascending order: a box from a condition
/// names one or two attributes of the dozens a shop may declare, and the search
/// copies and merges boxes at every step.
struct UserBox: Hashable, Sendable {
    /// One constrained slot and the classes it allows.
    struct Constraint: Hashable, Sendable {
        let slot: Int
        var set: ClassSet
    }

    /// The constrained slots, ascending; never one that allows every class.
    private(set) var constraints: [Constraint] = []
    let slotCount: Int

    init(slotCount: Int) {
        self.slotCount = slotCount
    }

    /// The box that allows only `set` for `slot`.
    init(slotCount: Int, slot: Int, set: ClassSet) {
        self.slotCount = slotCount
        if !set.isFull { constraints = [Constraint(slot: slot, set: set)] }
    }

    /// The classes allowed per slot, nil where any class will do.
    var slots: [ClassSet?] {
        var result = [ClassSet?](repeating: nil, count: slotCount)
        for constraint in constraints where constraint.slot < slotCount { result[constraint.slot] = constraint.set }
        return result
    }

    /// Whether some request fits both boxes.
    func intersects(_ other: UserBox) -> Bool {
        var mine = 0
        var theirs = 0
        while mine < constraints.count && theirs < other.constraints.count {
            let a = constraints[mine]
            let b = other.constraints[theirs]
            if a.slot < b.slot {
                mine += 1
            } else if b.slot < a.slot {
                theirs += 1
            } else {
                if !a.set.intersects(b.set) { return false }
                mine += 1
                theirs += 1
            }
        }
        return true
    }

    /// Both boxes at once, or nil when no request fits both.
    func intersection(_ other: UserBox) -> UserBox? {
        if other.constraints.isEmpty { return self }
        if constraints.isEmpty { return other }
        var result = UserBox(slotCount: slotCount)
        result.constraints.reserveCapacity(constraints.count + other.constraints.count)
        var mine = 0
        var theirs = 0
        while mine < constraints.count || theirs < other.constraints.count {
            if theirs == other.constraints.count || (mine < constraints.count && constraints[mine].slot < other.constraints[theirs].slot) {
                result.constraints.append(constraints[mine])
                mine += 1
            } else if mine == constraints.count || other.constraints[theirs].slot < constraints[mine].slot {
                result.constraints.append(other.constraints[theirs])
                theirs += 1
            } else {
                let merged = constraints[mine].set.intersection(other.constraints[theirs].set)
                if merged.isEmpty { return nil }
                result.constraints.append(Constraint(slot: constraints[mine].slot, set: merged))
                mine += 1
                theirs += 1
            }
        }
        return result
    }

    /// Whether every request that fits this box fits `other` too.
    func isSubset(of other: UserBox) -> Bool {
        var mine = 0
        for constraint in other.constraints {
            while mine < constraints.count && constraints[mine].slot < constraint.slot { mine += 1 }
            guard mine < constraints.count, constraints[mine].slot == constraint.slot,
                  constraints[mine].set.isSubset(of: constraint.set) else { return false }
        }
        return true
    }
}
