/// The texts of a file's tokens, each distinct text made into a `String` once.
///
/// A big rules file writes the same few hundred names and numbers hundreds of
/// thousands of times; decoding each occurrence into a new string was a fifth of
/// parsing. The table hashes the token's bytes (FNV-1a) and hands back the string
/// made for the first occurrence of the same bytes.
struct LexedTexts {
    /// Indices into `texts` (plus one; zero is an empty slot), open addressing.
    private var slots = [Int32](repeating: 0, count: 1024)
    private var texts: [String] = []
    /// Where each text's bytes first stood in the file, to compare a new occurrence.
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var hashes: [UInt32] = []
    /// Texts longer than this are decoded each time: they are rarely repeated.
    private static let longest = 64

    /// The text of `bytes[start..<end]`, which is valid UTF-8.
    mutating func text(_ bytes: [UInt8], from start: Int, to end: Int) -> String {
        let length = end - start
        guard length <= Self.longest else { return String(decoding: bytes[start..<end], as: UTF8.self) }
        var hash: UInt32 = 2_166_136_261
        for index in start..<end { hash = (hash ^ UInt32(bytes[index])) &* 16_777_619 }
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { break }
            let known = entry - 1
            if hashes[known] == hash, lengths[known] == length, Self.same(bytes, starts[known], start, length) {
                return texts[known]
            }
            slot = (slot + 1) & mask
        }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        texts.append(text)
        starts.append(start)
        lengths.append(length)
        hashes.append(hash)
        slots[slot] = Int32(texts.count)
        // At most half full, so that probes stay short.
        if texts.count * 2 > slots.count { grow() }
        return text
    }

    private static func same(_ bytes: [UInt8], _ a: Int, _ b: Int, _ length: Int) -> Bool {
        for offset in 0..<length where bytes[a + offset] != bytes[b + offset] { return false }
        return true
    }

    private mutating func grow() {
        var grown = [Int32](repeating: 0, count: slots.count * 2)
        let mask = grown.count - 1
        for (index, hash) in hashes.enumerated() {
            var slot = Int(hash) & mask
            while grown[slot] != 0 { slot = (slot + 1) & mask }
            grown[slot] = Int32(index + 1)
        }
        slots = grown
    }
}
