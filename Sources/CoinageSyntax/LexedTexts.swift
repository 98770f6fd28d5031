/// The texts of a file's tokens, each distinct text made into a `String` once.
///
/// A big rules file writes the same few hundred names and numbers hundreds of
/// thousands of times; decoding each occurrence into a new string was a fifth of
/// parsing. The table hashes the token's bytes (FNV-1a) and hands back the string
/// made for the first occurrence of the same bytes.
struct LexedTexts {
    /// Indices into the arrays below plus one (zero is an empty slot), open addressing.
    private var slots = [Int32](repeating: 0, count: 1024)
    /// Per known text: its hash and length in one word, and where its bytes first
    /// stood in the file. The probe reads only these; the string is touched on a hit.
    private var keys: [UInt64] = []
    private var starts: [Int] = []
    private var texts: [String] = []
    /// Texts longer than this are decoded each time: they are rarely repeated.
    private static let longest = 64

    /// The text of `bytes[start..<end]`, which is valid UTF-8.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> String {
        let length = end - start
        guard length <= Self.longest, let base = bytes.baseAddress else {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        var hash: UInt32 = 2_166_136_261
        for index in start..<end { hash = (hash ^ UInt32(base[index])) &* 16_777_619 }
        let key = UInt64(hash) << 32 | UInt64(length)
        let found = slots.withUnsafeBufferPointer { slots in
            keys.withUnsafeBufferPointer { keys in
                starts.withUnsafeBufferPointer { starts in
                    let mask = slots.count - 1
                    var slot = Int(hash) & mask
                    while slots[slot] != 0 {
                        let index = Int(slots[slot]) - 1
                        if keys[index] == key, Self.same(base + starts[index], base + start, length) { return index }
                        slot = (slot + 1) & mask
                    }
                    return -1
                }
            }
        }
        if found >= 0 { return texts[found] }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: length), as: UTF8.self)
        keys.append(key)
        starts.append(start)
        texts.append(text)
        // At most half full, so that probes stay short.
        if keys.count * 2 > slots.count {
            slots = [Int32](repeating: 0, count: slots.count * 2)
            for index in keys.indices { place(index) }
        } else {
            place(keys.count - 1)
        }
        return text
    }

    private mutating func place(_ index: Int) {
        let mask = slots.count - 1
        var slot = Int(keys[index] >> 32) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index + 1)
    }

    private static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        for offset in 0..<length where a[offset] != b[offset] { return false }
        return true
    }
}
