import CoinageChecker
import CoinageSyntax

/// A read-only map from names (bundles, regions, channels) to indices, for the
/// quote path, and from UTF-8 bytes back to the stored name, for readers of request
/// lines in the package (a request's strings then become the rule set's own).
///
/// Standard dictionaries hash strings with a seeded SipHash, built to resist
/// collision attacks on untrusted keys. Here the keys are the rule set's own names,
/// fixed when the price book is built, and a request's name only reads the table: a
/// multiplicative hash over the UTF-8 bytes, eight at a time, and open addressing
/// find it in a fraction of the time, and a colliding request costs a few extra
/// probes at worst.
package struct NameTable: Sendable {
    private let keys: [String?]
    private let values: [Int32]
    /// Each slot's name as UTF-8, laid out in one array (`bytes[starts[slot]...]`,
    /// `lengths[slot]` long), so a lookup compares bytes without touching a `String`.
    private let bytes: [UInt8]
    private let starts: [Int32]
    private let lengths: [Int32]
    /// Each slot's name of 16 bytes or fewer as two words (`NameWords.short`), at
    /// `2 × slot` and the next: such a name is found with two comparisons of words.
    /// Kept by tables of at most `sparseNames` names (a big table's 512 KB would
    /// buy little: its names are looked up for redemption counters only).
    private let shortWords: [UInt64]
    private let mask: Int
    /// Most names a table keeps at most half full.
    static let sparseNames = 4_096

    package init(_ names: [String]) {
        // At most half full, so a lookup on the quote path (a bundle, a region) mostly
        // finds its name first; a big table (a big shop's promotion names, looked up
        // for redemption counters) at most three quarters full, so 20,000 names take
        // 32,768 slots, not 65,536.
        let wanted = names.count <= Self.sparseNames ? names.count * 2 : names.count + names.count / 3
        var size = 8
        while size < wanted { size *= 2 }
        var keys = [String?](repeating: nil, count: size)
        var values = [Int32](repeating: -1, count: size)
        for (index, name) in names.enumerated() {
            var slot = Int(truncatingIfNeeded: NameTable.hash(name)) & (size - 1)
            while let existing = keys[slot], existing != name { slot = (slot + 1) & (size - 1) }
            if keys[slot] == nil {
                keys[slot] = name
                values[slot] = Int32(index)
            }
        }
        var bytes: [UInt8] = []
        var starts = [Int32](repeating: 0, count: size)
        var lengths = [Int32](repeating: -1, count: size)
        for (slot, key) in keys.enumerated() {
            guard let key else { continue }
            starts[slot] = Int32(truncatingIfNeeded: bytes.count)
            lengths[slot] = Int32(truncatingIfNeeded: key.utf8.count)
            bytes += key.utf8
        }
        var shortWords: [UInt64] = []
        if names.count <= Self.sparseNames {
            shortWords = [UInt64](repeating: 0, count: 2 * size)
            for (slot, key) in keys.enumerated() {
                guard var key, key.utf8.count <= NameWords.shortBytes else { continue }
                let words = key.withUTF8(NameWords.short)
                shortWords[2 * slot] = words.0
                shortWords[2 * slot + 1] = words.1
            }
        }
        self.shortWords = shortWords
        self.keys = keys
        self.values = values
        self.bytes = bytes
        self.starts = starts
        self.lengths = lengths
        self.mask = size - 1
    }

    /// The index of `name`, or nil.
    ///
    /// Compares `String`s, not bytes: most names fit in a small string, and two
    /// small strings compare as two words.
    @inline(__always)
    subscript(name: String) -> Int? {
        var slot = Int(truncatingIfNeeded: NameTable.hash(name)) & mask
        while let key = keys[slot] {
            if key == name { return Int(values[slot]) }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The index of the name `bytes` spell once their ASCII letters are uppercased, or nil:
    /// a lookup that matches in any case without making the uppercased string.
    package func index(uppercasingASCII bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        index(of: bytes, uppercasingASCII: true)
    }

    /// The index of the name `utf8` spells, or nil.
    package func index(utf8: UnsafeBufferPointer<UInt8>) -> Int? {
        index(of: utf8, uppercasingASCII: false)
    }

    /// The stored name spelled by `utf8`, or nil: the table's own `String`, so a
    /// caller gets it without validating or allocating.
    package func name(utf8: ArraySlice<UInt8>) -> String? {
        guard let slot = utf8.withUnsafeBufferPointer({ self.slot(of: $0, uppercasingASCII: false) }) else { return nil }
        return keys[slot]
    }

    @inline(__always)
    private func index(of text: UnsafeBufferPointer<UInt8>, uppercasingASCII: Bool) -> Int? {
        slot(of: text, uppercasingASCII: uppercasingASCII).map { Int(values[$0]) }
    }

    /// The slot holding the name `text` spells (uppercased in ASCII first, when asked).
    @inline(__always)
    private func slot(of text: UnsafeBufferPointer<UInt8>, uppercasingASCII: Bool) -> Int? {
        if text.count <= NameWords.shortBytes, !shortWords.isEmpty {
            return slot(ofShort: text, uppercasingASCII: uppercasingASCII)
        }
        var slot = Int(truncatingIfNeeded: uppercasingASCII ? Self.hash(uppercasing: text) : Self.hash(bytes: text)) & mask
        return bytes.withUnsafeBufferPointer { stored in
            lengths.withUnsafeBufferPointer { lengths in
                while true {
                    let length = Int(lengths[slot])
                    if length < 0 { return nil }
                    if length == text.count {
                        let start = Int(starts[slot])
                        let same = uppercasingASCII
                            ? (0..<length).allSatisfy { stored[start + $0] == Self.uppercased(text[$0]) }
                            : Self.equal(UnsafeBufferPointer(rebasing: stored[start..<start + length]), text)
                        if same { return slot }
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// `slot(of:uppercasingASCII:)` for a name of 16 bytes or fewer: its two words
    /// hashed and compared with each slot's.
    @inline(__always)
    private func slot(ofShort text: UnsafeBufferPointer<UInt8>, uppercasingASCII: Bool) -> Int? {
        var words = NameWords.short(text)
        if uppercasingASCII { words = (NameWords.uppercasedASCII(words.0), NameWords.uppercasedASCII(words.1)) }
        var slot = Int(truncatingIfNeeded: Self.hash(short: words, count: text.count)) & mask
        return shortWords.withUnsafeBufferPointer { stored in
            lengths.withUnsafeBufferPointer { lengths in
                while true {
                    let length = Int(lengths[slot])
                    if length < 0 { return nil }
                    if length == text.count, stored[2 &* slot] == words.0, stored[2 &* slot &+ 1] == words.1 { return slot }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    @inline(__always)
    private static func uppercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte
    }

    /// The hash of a name's UTF-8 bytes, read in place: iterating a string's `utf8`
    /// view byte by byte costs several times more than the hash itself.
    @inline(__always)
    static func hash(_ name: String) -> UInt64 {
        if let hash = name.utf8.withContiguousStorageIfAvailable(hash(bytes:)) { return hash }
        var copy = name
        return copy.withUTF8(hash(bytes:))
    }

    /// A multiplicative hash over the bytes eight at a time, the last few bytes
    /// read as one more word; the final mix brings the high bits down to the low
    /// ones the table's mask keeps.
    @inline(__always)
    static func hash(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        hash(bytes, uppercasingASCII: false)
    }

    /// `hash(bytes:)`, or the hash of the bytes with their ASCII letters uppercased,
    /// each word uppercased as it is read (`NameWords.uppercasedASCII`). The last
    /// word holds the last 1 to 7 bytes, zero above them (`NameWords`), so a name of
    /// 16 bytes or fewer hashes from its two words alone (`hash(short:count:)`).
    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, uppercasingASCII: Bool) -> UInt64 {
        var hash = UInt64(truncatingIfNeeded: bytes.count) &* multiplier
        guard let base = bytes.baseAddress else { return finished(hash) }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = (hash ^ (uppercasingASCII ? NameWords.uppercasedASCII(word) : word)) &* multiplier
            offset += 8
        }
        let rest = bytes.count - offset
        if rest > 0 {
            // Read within the last eight bytes, not across into the eight before:
            // see `NameWords` (a small string hashed just after it was spilled).
            let word = NameWords.partial(raw + offset, count: rest)
            hash = (hash ^ (uppercasingASCII ? NameWords.uppercasedASCII(word) : word)) &* multiplier
        }
        return finished(hash)
    }

    /// What `hash(bytes:)` gives a name of `count` bytes (16 or fewer) whose words
    /// (`NameWords.short`) are `words`.
    @inline(__always)
    static func hash(short words: (UInt64, UInt64), count: Int) -> UInt64 {
        var hash = UInt64(truncatingIfNeeded: count) &* multiplier
        if count > 0 { hash = (hash ^ words.0) &* multiplier }
        if count > 8 { hash = (hash ^ words.1) &* multiplier }
        return finished(hash)
    }

    /// The hash of the bytes with their ASCII letters uppercased: what `hash(bytes:)`
    /// gives the uppercased bytes (a request's codes).
    static func hash(uppercasing bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        hash(bytes, uppercasingASCII: true)
    }

    private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(__always)
    private static func finished(_ hash: UInt64) -> UInt64 {
        let mixed = (hash ^ (hash >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return mixed ^ (mixed >> 29)
    }

    /// Whether two runs of bytes are the same, compared eight bytes at a time (the
    /// last word overlapping the one before), or four, or one.
    @inline(__always)
    package static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let left = a.baseAddress, let right = b.baseAddress else { return true }
        let l = UnsafeRawPointer(left), r = UnsafeRawPointer(right)
        let count = a.count
        if count >= 8 {
            var offset = 0
            while offset + 8 < count {
                guard l.loadUnaligned(fromByteOffset: offset, as: UInt64.self) == r.loadUnaligned(fromByteOffset: offset, as: UInt64.self) else { return false }
                offset += 8
            }
            return l.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == r.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        if count >= 4 {
            return l.loadUnaligned(as: UInt32.self) == r.loadUnaligned(as: UInt32.self)
                && l.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self) == r.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
        }
        for offset in 0..<count where left[offset] != right[offset] { return false }
        return true
    }
}
