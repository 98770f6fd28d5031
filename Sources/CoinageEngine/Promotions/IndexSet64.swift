import CoinageChecker
import CoinageSyntax

/// A set of small non-negative integers (bundle, region, channel indices) as a
/// bit array: membership is one shift and one mask.
package struct IndexSet64: Hashable, Sendable {
    private(set) var words: [UInt64]

    package init(capacity: Int) {
        words = [UInt64](repeating: 0, count: max(1, (capacity + 63) / 64))
    }

    package init<S: Sequence>(_ members: S, capacity: Int) where S.Element == Int {
        self.init(capacity: capacity)
        for member in members { insert(member) }
    }

    package mutating func insert(_ member: Int) {
        guard member >= 0 else { return }
        let word = member >> 6
        if word >= words.count { words += [UInt64](repeating: 0, count: word - words.count + 1) }
        words[word] |= 1 << UInt64(member & 63)
    }

    /// Whether the sets share a member.
    package func intersects(_ other: IndexSet64) -> Bool {
        for position in 0..<min(words.count, other.words.count) where words[position] & other.words[position] != 0 { return true }
        return false
    }

    /// The members, ascending.
    package var members: [Int] {
        var result: [Int] = []
        for (position, word) in words.enumerated() {
            var rest = word
            while rest != 0 {
                result.append(position * 64 + rest.trailingZeroBitCount)
                rest &= rest - 1
            }
        }
        return result
    }

    @inline(__always)
    package func contains(_ member: Int) -> Bool {
        let word = member >> 6
        guard member >= 0, word < words.count else { return false }
        return words[word] & (1 << UInt64(member & 63)) != 0
    }
}
