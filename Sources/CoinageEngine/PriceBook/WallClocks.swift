import CoinageChecker
import CoinageSyntax

/// Every zone's offsets from UTC laid out for the quote path: the transitions and
/// offsets of all zones in two flat arrays, and an index of where each stretch of
/// about seven weeks starts in them, so a quote finds a zone's offset with a read
/// and a step or two instead of a binary search over a century of transitions.
///
/// It reads the same tables as `ZoneOffsets.offset(at:)` and gives the same offsets.
struct WallClocks: Sendable {
    /// A bucket spans 2^22 seconds (48.5 days): time zones change their offset at
    /// most twice a year, so a bucket holds a transition or two.
    static let bucketShift: Int64 = 22
    /// The instants buckets cover: the ones a quote accepts.
    static let covered = QuoteRequest.coveredInstants
    static let bucketsPerZone = Int((covered.upperBound - covered.lowerBound) >> bucketShift) + 1

    private let transitions: [Int64]
    private let offsets: [Int32]
    /// Per zone, where its transitions start in `transitions`, and how many it has.
    private let transitionStart: [Int32]
    private let transitionCount: [Int32]
    /// Per zone, where its offsets start in `offsets` (one more than its transitions).
    private let offsetStart: [Int32]
    /// Per zone and bucket: how many of the zone's transitions fall at or before the
    /// bucket's first second.
    private let passedAtBucket: [Int32]

    init(_ zones: [ZoneOffsets]) {
        var transitions: [Int64] = []
        var offsets: [Int32] = []
        var transitionStart: [Int32] = []
        var transitionCount: [Int32] = []
        var offsetStart: [Int32] = []
        var passed: [Int32] = []
        passed.reserveCapacity(zones.count * Self.bucketsPerZone)
        for zone in zones {
            transitionStart.append(Int32(truncatingIfNeeded: transitions.count))
            transitionCount.append(Int32(truncatingIfNeeded: zone.transitions.count))
            offsetStart.append(Int32(truncatingIfNeeded: offsets.count))
            transitions += zone.transitions
            offsets += zone.offsets
            var count = 0
            for bucket in 0..<Self.bucketsPerZone {
                let start = Self.covered.lowerBound + Int64(bucket) << Self.bucketShift
                while count < zone.transitions.count, zone.transitions[count] <= start { count += 1 }
                passed.append(Int32(truncatingIfNeeded: count))
            }
        }
        self.transitions = transitions
        self.offsets = offsets
        self.transitionStart = transitionStart
        self.transitionCount = transitionCount
        self.offsetStart = offsetStart
        passedAtBucket = passed
    }

    /// The wall-clock second count of `instant` in zone `zone`.
    @inline(__always)
    func local(_ instant: Int64, zone: Int) -> Int64 {
        instant + offset(at: instant, zone: zone)
    }

    /// The offset in seconds in force at `instant` in zone `zone`.
    func offset(at instant: Int64, zone: Int) -> Int64 {
        let start = Int(transitionStart[zone])
        let count = Int(transitionCount[zone])
        var passed: Int
        if Self.covered.contains(instant) {
            passed = Int(passedAtBucket[zone * Self.bucketsPerZone + Int((instant - Self.covered.lowerBound) >> Self.bucketShift)])
            while passed < count, transitions[start + passed] <= instant { passed += 1 }
        } else {
            // Outside the buckets, which no quote reaches: a binary search.
            var high = count
            passed = 0
            while passed < high {
                let middle = (passed + high) / 2
                if transitions[start + middle] <= instant { passed = middle + 1 } else { high = middle }
            }
        }
        return Int64(offsets[Int(offsetStart[zone]) + passed])
    }
}
