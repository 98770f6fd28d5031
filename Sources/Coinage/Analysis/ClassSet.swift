/// A set of value classes of one user attribute, as a bit array. Class 0 is always
/// "the request does not carry the attribute".
struct ClassSet: Hashable, Sendable {
    private(set) var words: [UInt64]
    /// How many classes the attribute has; bits at and above it are always clear.
    let count: Int

    /// The empty set over `count` classes.
    init(empty count: Int) {
        self.count = count
        words = [UInt64](repeating: 0, count: max(1, (count + 63) / 64))
    }

    /// Every class.
    init(all count: Int) {
        self.init(empty: count)
        for index in 0..<count { insert(index) }
    }

    mutating func insert(_ member: Int) {
        words[member >> 6] |= 1 << UInt64(member & 63)
    }

    func contains(_ member: Int) -> Bool {
        member >= 0 && member < count && words[member >> 6] & (1 << UInt64(member & 63)) != 0
    }

    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    var isFull: Bool { complement.isEmpty }

    /// The lowest class in the set.
    var first: Int? {
        for (position, word) in words.enumerated() where word != 0 {
            return position * 64 + word.trailingZeroBitCount
        }
        return nil
    }

    func intersection(_ other: ClassSet) -> ClassSet {
        var result = self
        for position in result.words.indices { result.words[position] &= other.words[position] }
        return result
    }

    func intersects(_ other: ClassSet) -> Bool {
        for position in words.indices where words[position] & other.words[position] != 0 { return true }
        return false
    }

    var complement: ClassSet {
        var result = ClassSet(empty: count)
        for index in 0..<count where !contains(index) { result.insert(index) }
        return result
    }
}

/// Per user attribute slot, the classes a scenario still allows; nil where any
/// class will do. A conjunction of constraints on independent attributes.
struct UserBox: Hashable, Sendable {
    var slots: [ClassSet?]

    init(slotCount: Int) {
        slots = [ClassSet?](repeating: nil, count: slotCount)
    }

    /// The box that allows only `set` for `slot`.
    init(slotCount: Int, slot: Int, set: ClassSet) {
        self.init(slotCount: slotCount)
        slots[slot] = set
    }

    /// Whether some request fits both boxes.
    func intersects(_ other: UserBox) -> Bool {
        for slot in slots.indices {
            guard let theirs = other.slots[slot], let mine = slots[slot] else { continue }
            if !mine.intersects(theirs) { return false }
        }
        return true
    }

    /// Both boxes at once, or nil when no request fits both.
    func intersection(_ other: UserBox) -> UserBox? {
        var result = self
        for slot in slots.indices {
            guard let theirs = other.slots[slot] else { continue }
            let merged = slots[slot].map { $0.intersection(theirs) } ?? theirs
            if merged.isEmpty { return nil }
            result.slots[slot] = merged
        }
        return result
    }
}
