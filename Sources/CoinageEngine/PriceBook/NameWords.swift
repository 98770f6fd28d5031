/// A name's bytes read as little-endian words, zero above the last byte: how the
/// name tables hash and compare names, and how the batch reader matches keys.
///
/// Every load stays within the bytes (the last few are read by loads that overlap
/// the ones before, then shifted), so a name at the very end of a buffer is read
/// safely, and no byte loop runs for names of four bytes or more. The hash of a
/// name's bytes (`NameTable.hash(bytes:)`) reads its last few within their own
/// eight: a `String` of 15 bytes or fewer is a small string, written to the stack
/// as two words just before it is hashed, and a load across the two waits until
/// both stores reach the cache instead of taking its bytes from them (perf:
/// about a fifth of resolving a buyer's facts).
package enum NameWords {
    /// The longest name `short(_:)` reads: two words.
    package static let shortBytes = 16

    /// The first `min(count, 16)` bytes as two words, the second zero for eight
    /// bytes or fewer.
    @inline(__always)
    package static func short(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        guard let base = bytes.baseAddress else { return (0, 0) }
        let raw = UnsafeRawPointer(base)
        let count = min(bytes.count, shortBytes)
        if count >= 8 {
            let first = raw.loadUnaligned(as: UInt64.self)
            guard count > 8 else { return (first, 0) }
            // The last eight bytes hold the rest at their top: shift away the ones
            // `first` has. This load may cross into the first eight: the batch
            // reader's names sit in its input, written long before.
            let last = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            return (first, last >> (8 * UInt64(16 - count)))
        }
        return (partial(raw, count: count), 0)
    }

    /// The `count` bytes at `raw` (0 to 7) as one word.
    @inline(__always)
    static func partial(_ raw: UnsafeRawPointer, count: Int) -> UInt64 {
        if count >= 4 {
            let low = UInt64(raw.loadUnaligned(as: UInt32.self))
            let high = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            return low | (high >> (8 * UInt64(8 - count))) << 32
        }
        var word: UInt64 = 0
        if count > 0 { word = UInt64(raw.load(as: UInt8.self)) }
        if count > 1 { word |= UInt64(raw.load(fromByteOffset: 1, as: UInt8.self)) << 8 }
        if count > 2 { word |= UInt64(raw.load(fromByteOffset: 2, as: UInt8.self)) << 16 }
        return word
    }

    /// The eight bytes of `word` with `a` to `z` made `A` to `Z`, all at once: a
    /// byte is a lowercase ASCII letter when its low seven bits reach `a` but not
    /// past `z` and its high bit is clear, and then loses 0x20.
    @inline(__always)
    package static func uppercasedASCII(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7 = word & (ones &* 0x7F)
        // Adding stays within each byte: at most 0x7F + 0x1F.
        let fromA = low7 &+ ones &* (0x80 - 0x61)
        let pastZ = low7 &+ ones &* (0x80 - 0x7B)
        let lower = fromA & ~pastZ & ~word & (ones &* 0x80)
        return word &- (lower >> 2)
    }
}
