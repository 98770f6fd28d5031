import CoinageChecker
import CoinageSyntax

/// A read-only map from names (bundles, regions, channels) to indices, for the
/// quote path, and from UTF-8 bytes back to the stored name, for readers of request
/// lines in the package (a request's strings then become the rule set's own).
///
/// Standard dictionaries hash strings with a seeded SipHash, built to resist
/// collision attacks on untrusted keys. Here the keys are the rule set's own names,
/// fixed when the price book is built, and a request's name only reads the table: a
/// short FNV-1a hash over the UTF-8 bytes and open addressing find it in a fraction
/// of the time, and a colliding request costs a few extra probes at worst.
package struct NameTable: Sendable {
    private let keys: [String?]
    private let values: [Int32]
    /// Each slot's name as UTF-8, laid out in one array (`bytes[starts[slot]...]`,
    /// `lengths[slot]` long), so a lookup compares bytes without touching a `String`.
    private let bytes: [UInt8]
    private let starts: [Int32]
    private let lengths: [Int32]
    private let mask: Int

    package init(_ names: [String]) {
        var size = 8
        while size < names.count * 2 { size *= 2 }
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
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text { hash = (hash ^ UInt64(uppercasingASCII ? Self.uppercased(byte) : byte)) &* 0x0000_0100_0000_01b3 }
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        return bytes.withUnsafeBufferPointer { stored in
            while true {
                let length = Int(lengths[slot])
                if length < 0 { return nil }
                if length == text.count {
                    let start = Int(starts[slot])
                    var same = true
                    for position in 0..<length where stored[start + position] != (uppercasingASCII ? Self.uppercased(text[position]) : text[position]) {
                        same = false
                        break
                    }
                    if same { return slot }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    @inline(__always)
    private static func uppercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte
    }

    /// FNV-1a over the UTF-8 bytes, read in place: iterating a string's `utf8` view
    /// byte by byte costs several times more than the hash itself.
    @inline(__always)
    static func hash(_ name: String) -> UInt64 {
        if let hash = name.utf8.withContiguousStorageIfAvailable(hash(bytes:)) { return hash }
        var copy = name
        return copy.withUTF8(hash(bytes:))
    }

    @inline(__always)
    static func hash(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash ^ (hash >> 29)
    }
}
