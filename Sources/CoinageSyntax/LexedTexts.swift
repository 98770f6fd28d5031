/// The texts of a file's tokens, each distinct text made into a `String` once and
/// numbered, for `LexedTokens` to index.
///
/// A big rules file writes the same few hundred names and numbers hundreds of
/// thousands of times; decoding each occurrence into a new string was a fifth of
/// parsing. The table looks a token's bytes up and hands back the number of the
/// string made for their first occurrence: a text of up to 16 bytes by its bytes
/// as two words, a longer one by an FNV-1a hash. The parser's keywords are numbered
/// first, after the punctuation, so that it can tell them by number.
struct LexedTexts {
    /// Every text, by number: punctuation first (see `punctuation`), then the
    /// keywords (`KeywordSet.interned`), then as lexed.
    private(set) var texts: [String] = []
    /// For texts longer than 16 bytes: indices into the arrays below plus one (zero is
    /// an empty slot), open addressing.
    private var slots = [Int32](repeating: 0, count: 1024)
    /// Per text: its hash and length in one word (`unkeyed` for a text that is not
    /// looked up), and where its bytes first stood in the file. The probe reads only
    /// these; the string is touched on a hit.
    private var keys: [UInt64] = []
    private var starts: [Int] = []
    /// Texts longer than this are decoded each time: they are rarely repeated.
    private static let longest = 64
    private static let unkeyed = UInt64.max

    /// The texts of punctuation and the end of the file, numbered by `punctuation`.
    private static let fixed: [TokenKind: String] = [
        .endOfFile: "", .leftBrace: "{", .rightBrace: "}", .leftBracket: "[", .rightBracket: "]",
        .leftParen: "(", .rightParen: ")", .colon: ":", .comma: ",", .dot: ".", .equal: "=",
        .equalEqual: "==", .notEqual: "!=", .less: "<", .lessEqual: "<=", .greater: ">", .greaterEqual: ">=",
    ]
    private static let fixedKinds: [TokenKind] = [
        .endOfFile, .leftBrace, .rightBrace, .leftBracket, .rightBracket, .leftParen, .rightParen, .colon, .comma,
        .dot, .equal, .equalEqual, .notEqual, .less, .lessEqual, .greater, .greaterEqual,
    ]

    /// The number of the first of `KeywordSet.interned`, which follow the 17 texts of
    /// `fixedKinds`.
    static var keywordBase: UInt32 { 17 }

    init() {
        for kind in Self.fixedKinds { _ = append(Self.fixed[kind] ?? "") }
        for keyword in KeywordSet.interned {
            let bytes = Array(keyword.utf8)
            _ = bytes.withUnsafeBufferPointer { number($0, from: 0, to: $0.count) }
        }
    }

    /// The number of the fixed text of `kind` (punctuation, the end of the file), or
    /// nil for a kind whose text is what was written.
    static func punctuation(_ kind: TokenKind) -> UInt32? {
        switch kind {
        case .endOfFile: 0
        case .leftBrace: 1
        case .rightBrace: 2
        case .leftBracket: 3
        case .rightBracket: 4
        case .leftParen: 5
        case .rightParen: 6
        case .colon: 7
        case .comma: 8
        case .dot: 9
        case .equal: 10
        case .equalEqual: 11
        case .notEqual: 12
        case .less: 13
        case .lessEqual: 14
        case .greater: 15
        case .greaterEqual: 16
        case .word, .code, .integer, .decimal, .percent, .date, .dateTime, .time, .string, .invalid: nil
        }
    }

    /// A text that is not looked up (a string literal, an invalid token): a number of its own.
    mutating func append(_ text: String) -> UInt32 {
        texts.append(text)
        keys.append(Self.unkeyed)
        starts.append(0)
        return UInt32(texts.count - 1)
    }

    /// The number of the text of `bytes[start..<end]`, which is valid UTF-8.
    @inline(__always)
    mutating func number(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> UInt32 {
        let length = end - start
        if length <= 16, let base = bytes.baseAddress { return shortNumber(base, count: bytes.count, from: start, length: length) }
        return longNumber(bytes, from: start, to: end)
    }

    /// The number of a text longer than 16 bytes: hashed byte by byte (FNV-1a).
    private mutating func longNumber(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> UInt32 {
        let length = end - start
        guard length <= Self.longest, let base = bytes.baseAddress else {
            return append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
        }
        var hash: UInt32 = 2_166_136_261
        for index in start..<end { hash = (hash ^ UInt32(base[index])) &* 16_777_619 }
        let key = UInt64(hash) << 32 | UInt64(length)
        let found = slots.withUnsafeBufferPointer { slots in
            keys.withUnsafeBufferPointer { keys in
                starts.withUnsafeBufferPointer { starts in
                    let mask = slots.count - 1
                    var slot = Int(truncatingIfNeeded: hash) & mask
                    while slots[slot] != 0 {
                        let index = Int(slots[slot]) - 1
                        if keys[index] == key, Self.same(base + starts[index], base + start, length) { return index }
                        slot = (slot + 1) & mask
                    }
                    return -1
                }
            }
        }
        if found >= 0 { return UInt32(found) }
        texts.append(String(decoding: UnsafeBufferPointer(start: base + start, count: length), as: UTF8.self))
        keys.append(key)
        starts.append(start)
        keyedCount += 1
        // At most half full, so that probes stay short.
        if keyedCount * 2 > slots.count {
            slots = [Int32](repeating: 0, count: slots.count * 2)
            for index in keys.indices where keys[index] != Self.unkeyed { place(index) }
        } else {
            place(keys.count - 1)
        }
        return UInt32(texts.count - 1)
    }

    /// A text of at most 16 bytes (nearly every name, code and number): its bytes
    /// are the key, two words compared at once, so neither the hash nor the match
    /// reads the text byte by byte.
    @inline(__always)
    private mutating func shortNumber(_ base: UnsafePointer<UInt8>, count: Int, from start: Int, length: Int) -> UInt32 {
        let low = Self.word(base, count: count, at: start, length: min(length, 8))
        let high = length > 8 ? Self.word(base, count: count, at: start + 8, length: length - 8) : 0
        let hash = Self.shortHash(low, high, length)
        let found: UInt32 = shortSlots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = hash & mask
            while true {
                let entry = slots[slot]
                if entry.length == 0 { return UInt32.max }
                if entry.low == low, entry.high == high, entry.length == UInt32(length) { return entry.number }
                slot = (slot + 1) & mask
            }
        }
        if found != UInt32.max { return found }
        return insertShort(base, from: start, length: length, low: low, high: high)
    }

    /// Numbers a short text seen for the first time, and keeps its key.
    @inline(never)
    private mutating func insertShort(_ base: UnsafePointer<UInt8>, from start: Int, length: Int, low: UInt64, high: UInt64) -> UInt32 {
        let number = append(String(decoding: UnsafeBufferPointer(start: base + start, count: length), as: UTF8.self))
        shortCount += 1
        // At most half full, so that probes stay short.
        if shortCount * 2 > shortSlots.count {
            let old = shortSlots
            shortSlots = [ShortSlot](repeating: ShortSlot(), count: old.count * 2)
            for entry in old where entry.length != 0 { placeShort(entry) }
        }
        placeShort(ShortSlot(low: low, high: high, number: number, length: UInt32(length)))
        return number
    }

    /// One short text in the table: its bytes as two little-endian words, zero-padded.
    private struct ShortSlot {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var number: UInt32 = 0
        /// Zero for an empty slot (no token is empty).
        var length: UInt32 = 0
    }

    private var shortSlots = [ShortSlot](repeating: ShortSlot(), count: 1024)
    private var shortCount = 0

    private mutating func placeShort(_ entry: ShortSlot) {
        let mask = shortSlots.count - 1
        var slot = Self.shortHash(entry.low, entry.high, Int(entry.length)) & mask
        while shortSlots[slot].length != 0 { slot = (slot + 1) & mask }
        shortSlots[slot] = entry
    }

    /// The slot of a short text, from a mix of all its bits: names differ in their
    /// last bytes, the high bits of `low`, so a bare multiply would not spread them.
    @inline(__always)
    private static func shortHash(_ low: UInt64, _ high: UInt64, _ length: Int) -> Int {
        var mixed = low ^ (high &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(length)
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: mixed ^ (mixed >> 31))
    }

    /// The `length` (1...8) bytes at `offset` as a little-endian word, the rest zero:
    /// one load where eight bytes are there to read, else byte by byte (at the file's end).
    @inline(__always)
    private static func word(_ base: UnsafePointer<UInt8>, count: Int, at offset: Int, length: Int) -> UInt64 {
        if offset + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
            return length >= 8 ? word : word & ((1 << UInt64(length * 8)) - 1)
        }
        var word: UInt64 = 0
        for index in 0..<length { word |= UInt64(base[offset + index]) << UInt64(index * 8) }
        return word
    }

    /// How many texts are in `slots`.
    private var keyedCount = 0

    private mutating func place(_ index: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: keys[index] >> 32) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index + 1)
    }

    private static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        for offset in 0..<length where a[offset] != b[offset] { return false }
        return true
    }
}
