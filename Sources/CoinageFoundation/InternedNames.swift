/// The rule set's own names, found by their UTF-8 bytes.
///
/// A request line names bundles, regions, channels, attributes and their values,
/// all of them strings the rule set already holds. Looking the bytes up here gives
/// back the rule set's `String`: no UTF-8 validation, no allocation, and the price
/// book's name tables then match it on their first comparison. Bytes that name
/// nothing known are decoded as usual.
struct InternedNames: Sendable {
    private let slots: [Int32]
    private let names: [String]
    private let bytes: [[UInt8]]
    private let mask: Int

    init<Names: Sequence<String>>(_ candidates: Names) {
        var unique: [String] = []
        var seen: Set<String> = []
        for name in candidates where seen.insert(name).inserted { unique.append(name) }
        var size = 16
        while size < unique.count * 2 { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        let bytes = unique.map { Array($0.utf8) }
        for (index, name) in bytes.enumerated() {
            var slot = Int(truncatingIfNeeded: Self.hash(name[...])) & (size - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(index)
        }
        self.slots = slots
        self.names = unique
        self.bytes = bytes
        self.mask = size - 1
    }

    /// The known name spelled by `text`, or nil.
    @inline(__always)
    func name(_ text: ArraySlice<UInt8>) -> String? {
        var slot = Int(truncatingIfNeeded: Self.hash(text)) & mask
        while true {
            let index = Int(slots[slot])
            guard index >= 0 else { return nil }
            if bytes[index].elementsEqual(text) { return names[index] }
            slot = (slot + 1) & mask
        }
    }

    /// FNV-1a over the bytes.
    @inline(__always)
    static func hash(_ text: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }
}
