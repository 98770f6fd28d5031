@testable import CoinageEngine
import CoinageTestSupport
import Testing

/// The name tables of the quote path: every name is found by its `String` and by
/// its bytes, whatever its length (the hash reads eight bytes at a time and the
/// last few in overlapping loads); a name one byte off, shorter or longer, is not;
/// and the uppercasing lookup finds what the plain lookup of the uppercased bytes finds.
@Suite struct NameTableTests {
    /// Names of every length from 0 to 40, ASCII and beyond, many sharing a prefix
    /// or a suffix, so the tail of the hash decides between them.
    static func names(seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        let alphabet = Array("abcXYZ_019-é€".unicodeScalars)
        var names: Set<String> = []
        for length in 0...40 {
            for _ in 0..<12 {
                var name = String(repeating: "p", count: rng.below(length + 1))
                while name.unicodeScalars.count < length { name.unicodeScalars.append(rng.pick(alphabet)) }
                names.insert(name)
            }
        }
        return names.sorted()
    }

    static func index(_ table: NameTable, _ name: String) -> Int? {
        Array(name.utf8).withUnsafeBufferPointer { table.index(utf8: $0) }
    }

    @Test func everyNameIsFoundByItsStringAndItsBytes() {
        let names = Self.names(seed: 0x7AB1E)
        let table = NameTable(names)
        for (position, name) in names.enumerated() {
            #expect(table[name] == position, "`\(name)`")
            #expect(Self.index(table, name) == position, "`\(name)`")
            #expect(table.name(utf8: Array(name.utf8)[...]) == name)
        }
    }

    @Test func aNameOneByteOffIsNotFound() {
        let names = Self.names(seed: 0x0FF)
        let table = NameTable(names)
        let known = Set(names)
        var rng = SplitMix64(seed: 0xB17E)
        for name in names where !name.isEmpty {
            var bytes = Array(name.utf8)
            bytes[rng.below(bytes.count)] ^= 0x01
            let changed = String(decoding: bytes, as: UTF8.self)
            if !known.contains(changed) {
                #expect(bytes.withUnsafeBufferPointer { table.index(utf8: $0) } == nil, "`\(changed)`")
            }
            for other in [String(name.dropLast()), name + "p", "p" + name] where !known.contains(other) {
                #expect(table[other] == nil && Self.index(table, other) == nil, "`\(other)`")
            }
        }
    }

    @Test func theUppercasingLookupFindsTheUppercasedName() {
        let names = Self.names(seed: 0xCA5E).map { String(decoding: Array($0.utf8).map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }, as: UTF8.self) }
        let distinct = Array(Set(names)).sorted()
        let table = NameTable(distinct)
        for (position, name) in distinct.enumerated() {
            let lowered = Array(name.utf8).map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
            #expect(lowered.withUnsafeBufferPointer { table.index(uppercasingASCII: $0) } == position, "`\(name)`")
        }
    }

    @Test func equalBytesCompareAsEqualAtEveryLength() {
        var rng = SplitMix64(seed: 0xE9)
        for length in 0...40 {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            bytes.withUnsafeBufferPointer { a in
                Array(bytes).withUnsafeBufferPointer { b in #expect(NameTable.equal(a, b)) }
            }
            for position in 0..<length {
                var other = bytes
                other[position] &+= 1
                bytes.withUnsafeBufferPointer { a in
                    other.withUnsafeBufferPointer { b in #expect(!NameTable.equal(a, b), "length \(length), byte \(position)") }
                }
            }
        }
    }
}
