import Coinage

/// The rules' region codes in a table of every pair of capitals: how the batch
/// reader finds a line's region with one load instead of a hash lookup in the price
/// book (callgrind: about 70 instructions a line).
///
/// Region codes are two capitals (ISO 3166-1 alpha-2), so 26 × 26 entries hold every
/// code there can be. Text that is not two capitals is no region; the reader then
/// takes the slow path, which refuses it with its usual message.
///
/// Made once for a batch (`BatchQuoter.regionCodes`) and shared by its readers:
/// immutable once made, so any number of threads read it at once. Made per reader,
/// it cost about 50 instructions a line on a shop of 200 regions.
package final class RegionCodes: @unchecked Sendable {
    /// Entries: one for each pair of capitals.
    private static let size = 26 * 26

    /// The book's index of each pair's region, or -1 for a pair that names none.
    private let indices: UnsafeMutablePointer<Int32>

    /// The regions `codes` name, each at the index `index(code)` gives it; nil when a
    /// code is not two capitals (then the caller looks codes up in the book).
    init?(_ codes: [String], index: (String) -> Int?) {
        var entries = [Int32](repeating: -1, count: Self.size)
        for code in codes {
            let bytes = Array(code.utf8)
            guard bytes.count == 2, let entry = Self.entry(bytes[0], bytes[1]), let found = index(code),
                  let number = Int32(exactly: found) else { return nil }
            entries[entry] = number
        }
        indices = .allocate(capacity: Self.size)
        indices.initialize(from: entries, count: Self.size)
    }

    /// The regions of `rules` at their index in `book`.
    package convenience init?(book: PriceBook, rules: RuleSet) {
        self.init(rules: rules, lookup: RequestLookup(book))
    }

    /// The regions of `rules` at the index `lookup` (of their book) gives them.
    convenience init?(rules: RuleSet, lookup: RequestLookup) {
        self.init(rules.regions.map { $0.code }) { code in
            var code = code
            return code.withUTF8 { lookup.regionIndex(utf8: $0) }
        }
    }

    deinit { indices.deallocate() }

    /// The index of the region `text` names, or nil.
    @inline(__always)
    func index(of text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard text.count == 2, let base = text.baseAddress, let entry = Self.entry(base[0], base[1]) else { return nil }
        let found = indices[entry]
        return found >= 0 ? Int(found) : nil
    }

    /// The entry of the pair `first`, `second`, or nil when either is not a capital.
    @inline(__always)
    private static func entry(_ first: UInt8, _ second: UInt8) -> Int? {
        // Wrapping: a byte below `A` becomes large, so one comparison bounds each.
        let row = first &- UInt8(ascii: "A")
        let column = second &- UInt8(ascii: "A")
        guard row < 26, column < 26 else { return nil }
        return Int(row) &* 26 &+ Int(column)
    }
}
