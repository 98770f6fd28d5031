import CoinageChecker
import CoinageSyntax

/// Every zone's offsets from UTC laid out for the quote path: the transitions of all
/// zones in one flat array, and for each stretch of about seven weeks the offset at
/// its start and its next transition, so a quote finds a zone's offset with two
/// reads instead of a binary search over a century of transitions.
///
/// It reads the same tables as `ZoneOffsets.offset(at:)` and gives the same offsets.
struct WallClocks: Sendable {
    /// A bucket spans 2^22 seconds (48.5 days): time zones change their offset at
    /// most twice a year, so a bucket holds a transition or two.
    static let bucketShift: Int64 = 22
    /// The instants buckets cover: the ones a quote accepts.
    static let covered = QuoteRequest.coveredInstants
    static let bucketsPerZone = Int((covered.upperBound - covered.lowerBound) >> bucketShift) + 1

    /// Where a bucket starts: the offset in force at its first second, and the first
    /// transition after that second (an index into `transitions`).
    struct Bucket: Sendable {
        let offset: Int32
        let next: Int32
    }

    /// A transition: from `at` on, `offset` holds.
    struct Transition: Sendable {
        let at: Int64
        let offset: Int32
    }

    /// Every zone's transitions, each zone's ending with one at `Int64.max`, so a
    /// scan stops at its zone's end without a count.
    private let transitions: [Transition]
    /// Per zone and bucket.
    private let buckets: [Bucket]
    /// Per zone: the offset before its first transition, and where its transitions start.
    private let initialOffset: [Int32]
    private let firstTransition: [Int32]

    init(_ zones: [ZoneOffsets]) {
        var transitions: [Transition] = []
        var buckets: [Bucket] = []
        var initialOffset: [Int32] = []
        var firstTransition: [Int32] = []
        buckets.reserveCapacity(zones.count * Self.bucketsPerZone)
        for zone in zones {
            let first = transitions.count
            firstTransition.append(Int32(truncatingIfNeeded: first))
            initialOffset.append(zone.offsets.first ?? 0)
            for (position, at) in zone.transitions.enumerated() {
                transitions.append(Transition(at: at, offset: zone.offsets[position + 1]))
            }
            transitions.append(Transition(at: Int64.max, offset: zone.offsets.last ?? 0))
            var passed = 0
            for bucket in 0..<Self.bucketsPerZone {
                let start = Self.covered.lowerBound + Int64(bucket) << Self.bucketShift
                while passed < zone.transitions.count, zone.transitions[passed] <= start { passed += 1 }
                buckets.append(Bucket(offset: zone.offsets[passed], next: Int32(truncatingIfNeeded: first + passed)))
            }
        }
        self.transitions = transitions
        self.buckets = buckets
        self.initialOffset = initialOffset
        self.firstTransition = firstTransition
    }

    /// The wall-clock second count of `instant` in zone `zone`.
    @inline(__always)
    func local(_ instant: Int64, zone: Int) -> Int64 {
        instant + offset(at: instant, zone: zone)
    }

    /// The offset in seconds in force at `instant` in zone `zone`.
    @inline(__always)
    func offset(at instant: Int64, zone: Int) -> Int64 {
        var offset: Int32
        var next: Int
        if Self.covered.contains(instant) {
            let bucket = buckets[zone * Self.bucketsPerZone + Int((instant - Self.covered.lowerBound) >> Self.bucketShift)]
            offset = bucket.offset
            next = Int(bucket.next)
        } else {
            // Before the buckets, or after them, which no quote reaches: from the zone's start.
            offset = initialOffset[zone]
            next = Int(firstTransition[zone])
        }
        while transitions[next].at <= instant {
            offset = transitions[next].offset
            next += 1
        }
        return Int64(offset)
    }
}
