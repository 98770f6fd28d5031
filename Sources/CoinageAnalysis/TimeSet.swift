import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// A set of instants (UTC seconds) as sorted, disjoint, half-open intervals.
package struct TimeSet: Hashable, Sendable {
    package struct Interval: Hashable, Sendable {
        package let start: Int64
        package let end: Int64

        package init(start: Int64, end: Int64) {
            self.start = start
            self.end = end
        }
    }

    package private(set) var intervals: [Interval]

    package static let empty = TimeSet(normalized: [])

    package init(_ start: Int64, _ end: Int64) {
        intervals = start < end ? [Interval(start: start, end: end)] : []
    }

    private init(normalized: [Interval]) {
        intervals = normalized
    }

    /// The union of any intervals, in any order.
    package init(union pieces: [Interval]) {
        var merged: [Interval] = []
        for piece in pieces.sorted(by: { $0.start < $1.start }) where piece.start < piece.end {
            if let last = merged.last, piece.start <= last.end {
                merged[merged.count - 1] = Interval(start: last.start, end: max(last.end, piece.end))
            } else {
                merged.append(piece)
            }
        }
        intervals = merged
    }

    package var isEmpty: Bool { intervals.isEmpty }

    package func intersection(_ other: TimeSet) -> TimeSet {
        var result: [Interval] = []
        var left = 0
        var right = 0
        while left < intervals.count && right < other.intervals.count {
            let a = intervals[left]
            let b = other.intervals[right]
            let start = max(a.start, b.start)
            let end = min(a.end, b.end)
            if start < end { result.append(Interval(start: start, end: end)) }
            if a.end < b.end { left += 1 } else { right += 1 }
        }
        return TimeSet(normalized: result)
    }

    /// Whether the sets share an instant, without building their intersection: each
    /// interval of the smaller set is looked up in the larger one.
    package func intersects(_ other: TimeSet) -> Bool {
        let (small, large) = intervals.count <= other.intervals.count ? (intervals, other.intervals) : (other.intervals, intervals)
        for interval in small {
            // The first interval of the larger set that ends after this one starts.
            var low = 0
            var high = large.count
            while low < high {
                let middle = (low + high) / 2
                if large[middle].end <= interval.start { low = middle + 1 } else { high = middle }
            }
            if low < large.count && large[low].start < interval.end { return true }
        }
        return false
    }

    /// Whether every instant of this set is in `other`: each interval lies inside
    /// one of `other`'s (they are disjoint and never touch).
    func isSubset(of other: TimeSet) -> Bool {
        intervals.allSatisfy { interval in
            var low = 0
            var high = other.intervals.count
            while low < high {
                let middle = (low + high) / 2
                if other.intervals[middle].end <= interval.start { low = middle + 1 } else { high = middle }
            }
            return low < other.intervals.count && other.intervals[low].start <= interval.start
                && interval.end <= other.intervals[low].end
        }
    }

    /// The instants of `within` not in this set.
    func complement(within: TimeSet) -> TimeSet {
        var gaps: [Interval] = []
        var cursor = Int64.min
        for interval in intervals {
            if cursor < interval.start { gaps.append(Interval(start: cursor, end: interval.start)) }
            cursor = interval.end
        }
        if cursor < Int64.max { gaps.append(Interval(start: cursor, end: Int64.max)) }
        return TimeSet(normalized: gaps).intersection(within)
    }

    /// An instant of the set, preferring the first whole hour of its first interval,
    /// so counterexamples read well.
    var representative: Int64? {
        guard let first = intervals.first else { return nil }
        let hour: Int64 = 3_600
        let remainder = first.start % hour
        let rounded = remainder == 0 ? first.start : first.start - remainder + (first.start >= 0 ? hour : 0)
        return rounded < first.end ? rounded : first.start
    }
}
