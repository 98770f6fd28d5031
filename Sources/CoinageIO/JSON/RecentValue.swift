import Coinage

/// The bytes of one member's value in the last line that read it, and what reading
/// them recorded: how the batch reader takes a buyer or a list of codes that repeats
/// the line before without reading it again.
///
/// A batch's lines often repeat their buyer: a price sheet quotes one buyer in every
/// cell, a shop's lines come in runs per customer. Reading the value is a
/// deterministic function of its bytes, so when the next bytes of a line are the
/// kept ones, what they gave is what they give: the reader compares them (a few
/// word comparisons) and replays the entries, where reading a buyer of three facts
/// cost about 700 instructions (callgrind).
///
/// The state is in memory of its own, so the reader holds it by a constant and
/// reading or keeping retains nothing; whoever makes one frees it (`deallocate()`).
struct RecentValue {
    /// The longest value kept: a longer one is read every time.
    static let maxBytes = 256
    /// The most entries kept: a value that records more is read every time.
    static let maxEntries = 64

    /// One recorded entry: a buyer's fact (slot and value) or a code (number, 0).
    struct Entry {
        let key: Int
        let value: Int64
    }

    /// The kept value's length (-1 for none) and the entries recorded for it (-1
    /// when too many were).
    private let counts: UnsafeMutablePointer<Int>
    private let bytes: UnsafeMutablePointer<UInt8>
    private let entries: UnsafeMutablePointer<Entry>

    init() {
        counts = .filled(with: -1, count: 2)
        bytes = .allocate(capacity: Self.maxBytes)
        entries = .allocate(capacity: Self.maxEntries)
    }

    /// Frees the memory: the value is not to be used after.
    func deallocate() {
        counts.deallocate()
        bytes.deallocate()
        entries.deallocate()
    }

    /// The entries of the kept value when the cursor is at its very bytes, with the
    /// cursor moved past them; nil, with the cursor where it was, otherwise.
    @inline(__always)
    func repeated(at cursor: inout JSONCursor) -> UnsafeBufferPointer<Entry>? {
        let count = counts[0]
        guard count > 0, cursor.skip(UnsafeBufferPointer(start: bytes, count: count)) else { return nil }
        return UnsafeBufferPointer(start: entries, count: counts[1])
    }

    /// Forgets the kept value and starts recording the entries of the next.
    @inline(__always)
    func startRecording() {
        counts[0] = -1
        counts[1] = 0
    }

    /// Records an entry of the value being read.
    @inline(__always)
    func record(key: Int, value: Int64) {
        let recorded = counts[1]
        guard recorded >= 0 else { return }
        guard recorded < Self.maxEntries else {
            counts[1] = -1
            return
        }
        (entries + recorded).initialize(to: Entry(key: key, value: value))
        counts[1] = recorded + 1
    }

    /// Keeps `value`, the bytes whose reading recorded the entries since
    /// `startRecording()`, unless it or they are too many.
    @inline(__always)
    func keep(_ value: UnsafeBufferPointer<UInt8>) {
        guard counts[1] >= 0, value.count > 0, value.count <= Self.maxBytes, let source = value.baseAddress else { return }
        bytes.update(from: source, count: value.count)
        counts[0] = value.count
    }
}
