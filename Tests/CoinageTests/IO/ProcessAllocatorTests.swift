import CoinageFoundation
import Testing

/// The `coinage` program turns glibc's fast bins off at its start
/// (`ProcessAllocator`); on Linux the allocator must take the setting, and memory
/// must still be allocated and freed as before.
@Suite struct ProcessAllocatorTests {
    @Test func glibcTakesTheSettingAndAllocationGoesOn() {
        #if canImport(Glibc)
        #expect(ProcessAllocator.mergeFreedBlocksAtOnce())
        #else
        #expect(!ProcessAllocator.mergeFreedBlocksAtOnce())
        #endif
        // A burst of small blocks freed together, then a large request: the pattern
        // the setting is for.
        var lists = (0..<10_000).map { [Int](repeating: $0, count: $0 % 8 + 1) }
        lists.removeAll()
        let large = [UInt8](repeating: 7, count: 1 << 20)
        #expect(large.count == 1 << 20 && lists.isEmpty)
    }
}
