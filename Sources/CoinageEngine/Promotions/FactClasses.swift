/// Which promotions' fact tests a buyer fails, found once per quote from the
/// buyer's facts instead of candidate by candidate.
///
/// Each attribute slot that some promotion tests is cut into classes: the values
/// from one boundary of its tests (`FactTest.boundaries`) up to the next, and one
/// class for a missing fact. Every test on the slot gives the same answer for every
/// value of a class, so the promotions a class fails are one word, computed when
/// the price book is made. A quote finds each slot's class (one load from a table
/// of words by value where the boundaries span few values, a binary search over
/// them elsewhere) and ors the words: the bits of the promotions whose tests fail.
///
/// It covers at most `CandidateMasks.maximumPromotions` promotions, one bit each.
struct FactClasses: Sendable {
    /// One tested slot: where its boundaries and its classes' words lie.
    struct Slot: Sendable {
        let slot: Int32
        /// The promotions with a test of the slot.
        let readers: UInt64
        let boundaryStart: Int32
        let boundaryCount: Int32
        /// The first of its `boundaryCount + 2` words in `failures`: the classes in
        /// ascending order of value, then the missing fact's.
        let failureStart: Int32
        /// The first and last boundaries: below the first is the first class, from
        /// the last on the last.
        let firstBoundary: Int64
        let lastBoundary: Int64
        /// The first of the words of each value from the first boundary up to the
        /// last in `denseFailures` (`denseCount` of them, 0 when that span is wider
        /// than `maximumDenseSpan`): a class found with one load.
        let denseStart: Int32
        let denseCount: Int32
    }

    /// The widest span of values, first boundary to last, whose words are kept value
    /// by value: a bool's, a `one of`'s, a count compared with small numbers.
    static let maximumDenseSpan = 256

    private(set) var slots: [Slot] = []
    private(set) var boundaries: [Int64] = []
    private(set) var failures: [UInt64] = []
    private(set) var denseFailures: [UInt64] = []

    /// No tests: no buyer fails any.
    init() {}

    /// The classes of the slots `tests` read: `tests[p]` are promotion `p`'s tests,
    /// all of which must hold (an empty list always holds). `tests.count` is at most 64.
    init(tests: [[FactTest]]) {
        var bySlot: [Int32: [(promotion: Int, test: FactTest)]] = [:]
        for (promotion, list) in tests.enumerated() {
            for test in list { bySlot[test.slot, default: []].append((promotion, test)) }
        }
        for slot in bySlot.keys.sorted() {
            let slotTests = bySlot[slot] ?? []
            let cuts = Set(slotTests.flatMap { $0.test.boundaries }).sorted()
            func failed(_ value: Int64) -> UInt64 {
                slotTests.reduce(0) { $0 | (!$1.test.holds(for: value) ? 1 << UInt64($1.promotion) : 0) }
            }
            let (first, last) = (cuts.first ?? 0, cuts.last ?? 0)
            let (span, wide) = last.subtractingReportingOverflow(first)
            let dense = !wide && span <= Self.maximumDenseSpan ? Int(span) : 0
            let readers: UInt64 = slotTests.reduce(0) { $0 | 1 << UInt64($1.promotion) }
            slots.append(Slot(slot: slot, readers: readers, boundaryStart: Int32(truncatingIfNeeded: boundaries.count),
                              boundaryCount: Int32(truncatingIfNeeded: cuts.count),
                              failureStart: Int32(truncatingIfNeeded: failures.count), firstBoundary: first, lastBoundary: last,
                              denseStart: Int32(truncatingIfNeeded: denseFailures.count), denseCount: Int32(truncatingIfNeeded: dense)))
            boundaries += cuts
            denseFailures += (0..<dense).map { failed(first + Int64($0)) }
            // Class 0 holds the values below the first boundary; class k > 0 starts at
            // boundary k - 1, which stands for the whole class.
            failures.append(cuts.first == .min ? 0 : failed(.min))
            failures += cuts.map(failed)
            // A missing fact fails every test of the slot.
            failures.append(readers)
        }
    }

    /// The promotions among `asked` (bits by walk-order index) with a test the
    /// buyer's `facts` fail; a slot no promotion of `asked` reads is not looked at.
    @inline(__always)
    func failed(of asked: UInt64, _ facts: inout InlineFacts) -> UInt64 {
        guard asked != 0 else { return 0 }
        var failed: UInt64 = 0
        for position in slots.indices {
            let slot = slots[position]
            guard slot.readers & asked != 0 else { continue }
            var low = Int(slot.boundaryStart)
            if let value = InlineFacts.fact(Int(slot.slot), in: &facts) {
                let offset = UInt64(bitPattern: value &- slot.firstBoundary)
                if offset < UInt64(slot.denseCount) {
                    failed |= denseFailures[Int(slot.denseStart) + Int(offset)]
                    continue
                }
                // Below the first boundary, or at or past the last: the first class or the last.
                if value < slot.firstBoundary || value >= slot.lastBoundary {
                    failed |= failures[Int(slot.failureStart) + (value < slot.firstBoundary ? 0 : Int(slot.boundaryCount))]
                    continue
                }
                // The class: how many boundaries are at or below the value.
                var high = low + Int(slot.boundaryCount)
                let start = low
                while low < high {
                    let middle = (low + high) >> 1
                    if boundaries[middle] <= value { low = middle + 1 } else { high = middle }
                }
                failed |= failures[Int(slot.failureStart) + low - start]
            } else {
                failed |= failures[Int(slot.failureStart) + Int(slot.boundaryCount) + 1]
            }
        }
        return failed
    }
}
