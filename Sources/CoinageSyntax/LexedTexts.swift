/// The texts of a file's tokens, each distinct text made into a `String` once.
///
/// A big rules file writes the same few hundred names and numbers hundreds of
/// thousands of times; decoding each occurrence into a new string was a fifth of
/// parsing. The table hashes the token's bytes (FNV-1a) and hands back the string
/// made for the first occurrence of the same bytes.
struct LexedTexts {
    /// One known text: its hash, where its bytes first stood in the file, and the string.
    private struct Entry {
        let hash: UInt32
        let length: UInt32
        let start: Int
        let text: String
    }

    /// Indices into `entries` plus one (zero is an empty slot), open addressing.
    private var slots = [Int32](repeating: 0, count: 1024)
    private var entries: [Entry] = []
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
        let found: String? = slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                let mask = slots.count - 1
                var slot = Int(hash) & mask
                while slots[slot] != 0 {
                    let entry = entries[Int(slots[slot]) - 1]
                    if entry.hash == hash, entry.length == UInt32(length),
                       Self.same(base + entry.start, base + start, length) {
                        return entry.text
                    }
                    slot = (slot + 1) & mask
                }
                return nil
            }
        }
        if let found { return found }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: length), as: UTF8.self)
        add(Entry(hash: hash, length: UInt32(length), start: start, text: text))
        return text
    }

    private mutating func add(_ entry: Entry) {
        entries.append(entry)
        // At most half full, so that probes stay short.
        if entries.count * 2 > slots.count {
            slots = [Int32](repeating: 0, count: slots.count * 2)
            for index in entries.indices { place(index) }
        } else {
            place(entries.count - 1)
        }
    }

    private mutating func place(_ index: Int) {
        let mask = slots.count - 1
        var slot = Int(entries[index].hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index + 1)
    }

    private static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        for offset in 0..<length where a[offset] != b[offset] { return false }
        return true
    }
}
