#if canImport(Glibc)
import Glibc
#endif

/// How the `coinage` process asks the C library's allocator to serve it.
///
/// Reading a big rule set makes hundreds of thousands of small objects (the syntax
/// tree) and frees them in one burst once they are checked. glibc keeps small freed
/// blocks in "fast bins" unmerged, and merges all of them at the next request of a
/// kilobyte or more: a walk over every block freed since, which was a fifth of the
/// time of parsing and checking 20,000 promotions (`malloc_consolidate` and
/// `unlink_chunk` under `perf`). Without fast bins each block is merged as it is
/// freed, and the front end runs about 15% faster (`coinage-bench
/// --check-throughput`, Docs/Performance.md); quoting allocates nothing per quote
/// and is unchanged, and the peak memory of a batch moved by about 1%.
///
/// The engine's targets never call this: it is the program's choice, made once at
/// its start, like the program's own buffers.
public enum ProcessAllocator {
    /// `mallopt`'s parameter for the largest fast-bin block (`M_MXFAST` in `malloc.h`,
    /// which the Swift overlay of glibc does not import).
    private static let largestFastBlock: Int32 = 1

    /// Turns glibc's fast bins off; does nothing on another C library. True when the
    /// allocator took the setting.
    @discardableResult
    public static func mergeFreedBlocksAtOnce() -> Bool {
        #if canImport(Glibc)
        // Looked up by name: `mallopt` is declared in `malloc.h`, outside the overlay.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return false }
        return unsafeBitCast(symbol, to: Mallopt.self)(largestFastBlock, 0) == 1
        #else
        return false
        #endif
    }
}
