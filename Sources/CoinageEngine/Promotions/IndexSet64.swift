import CoinageChecker
import CoinageSyntax

/// A set of small non-negative integers (bundle, region, channel indices) as a
/// bit array: membership is one shift and one mask.
///
/// The first 256 members live in four words inside the value, and only the words
/// past them on the heap: a shop's sets of bundles, regions and channels mostly fit,
/// and a big shop has tens of thousands of them (three per promotion's reach, one
/// per `in` of its conditions), where an array each was a fifth of its price book.
package struct IndexSet64: Hashable, Sendable {
    /// Words 0 to 3.
    private var inline: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// Words 4 and on; empty, and not allocated, for a set below 256.
    private var overflow: [UInt64] = []
    /// How many words the set spans: enough for its capacity and every member.
    private var wordCount: Int

    package init(capacity: Int) {
        wordCount = max(1, (capacity + 63) / 64)
        if wordCount > 4 { overflow = [UInt64](repeating: 0, count: wordCount - 4) }
    }

    package init<S: Sequence>(_ members: S, capacity: Int) where S.Element == Int {
        self.init(capacity: capacity)
        for member in members { insert(member) }
    }

    /// The set whose words are `words`, lowest members first (as `words` gives
    /// them): equal to the set they were taken from.
    package init<C: Collection>(words: C) where C.Element == UInt64 {
        self.init(capacity: words.count * 64)
        for (position, word) in words.enumerated() where word != 0 {
            switch position {
            case 0: inline.0 = word
            case 1: inline.1 = word
            case 2: inline.2 = word
            case 3: inline.3 = word
            default: overflow[position - 4] = word
            }
        }
    }

    /// The words, lowest members first: what the condition plan lays out flat.
    package var words: [UInt64] {
        (0..<wordCount).map { word($0) }
    }

    package mutating func insert(_ member: Int) {
        guard member >= 0 else { return }
        let word = member >> 6
        if word >= wordCount {
            wordCount = word + 1
            if wordCount > 4 { overflow += [UInt64](repeating: 0, count: wordCount - 4 - overflow.count) }
        }
        let bit: UInt64 = 1 << UInt64(member & 63)
        switch word {
        case 0: inline.0 |= bit
        case 1: inline.1 |= bit
        case 2: inline.2 |= bit
        case 3: inline.3 |= bit
        default: overflow[word - 4] |= bit
        }
    }

    /// Whether the sets share a member.
    package func intersects(_ other: IndexSet64) -> Bool {
        for position in 0..<min(wordCount, other.wordCount) where word(position) & other.word(position) != 0 { return true }
        return false
    }

    /// The members, ascending.
    package var members: [Int] {
        var result: [Int] = []
        forEachMember { result.append($0) }
        return result
    }

    /// Calls `body` with each member, ascending.
    @inline(__always)
    package func forEachMember(_ body: (Int) -> Void) {
        for position in 0..<wordCount {
            var rest = word(position)
            while rest != 0 {
                body(position * 64 + rest.trailingZeroBitCount)
                rest &= rest - 1
            }
        }
    }

    @inline(__always)
    package func contains(_ member: Int) -> Bool {
        let word = member >> 6
        guard member >= 0, word < wordCount else { return false }
        return self.word(word) & (1 << UInt64(member & 63)) != 0
    }

    /// Word `position`, which is below `wordCount`.
    @inline(__always)
    private func word(_ position: Int) -> UInt64 {
        switch position {
        case 0: inline.0
        case 1: inline.1
        case 2: inline.2
        case 3: inline.3
        default: overflow[position - 4]
        }
    }

    package static func == (a: IndexSet64, b: IndexSet64) -> Bool {
        a.wordCount == b.wordCount && a.inline == b.inline && a.overflow == b.overflow
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(wordCount)
        hasher.combine(inline.0)
        hasher.combine(inline.1)
        hasher.combine(inline.2)
        hasher.combine(inline.3)
        hasher.combine(overflow)
    }
}
