import Coinage
import CoinageFoundation
import CoinageIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The rules behind one `coinage_rules *` handle of the C library: loaded, checked
/// and compiled once by `coinage_open`, then only read.
///
/// Every field is immutable and each call makes its own reader and writer, so any
/// number of threads quote on one handle at once with no lock.
final class RulesHandle: Sendable {
    /// The book, the rules and the request reader's tables, with a `now` that each
    /// call replaces by its own.
    let quoter: BatchQuoter

    private init(quoter: BatchQuoter) {
        self.quoter = quoter
    }

    /// The rules of the directory (or file) at `path`, or why there are none: the
    /// reading error, or the rules' errors, which `RulesError` renders as
    /// `coinage check` prints them.
    static func open(_ path: String) -> Result<RulesHandle, RulesError> {
        let result: PipelineResult
        do {
            result = try Pipeline.load(rulesDirectory: path)
        } catch {
            return .failure(.unreadable(error))
        }
        guard let rules = result.ruleSet, let book = result.priceBook else {
            return .failure(.invalid(result.checked))
        }
        return .success(RulesHandle(quoter: BatchQuoter(book: book, rules: rules, now: 0)))
    }

    /// The quoter for one call: a request with no `at` is priced when the call began.
    func quoterNow() -> BatchQuoter {
        quoter.at(PlatformCalls.secondsSinceEpoch())
    }

    /// The SHA-256 content hash of the rules, in lowercase hex: a quote's `rules`.
    var hash: String { quoter.book.contentHash }

    /// The handle a C caller holds: one retain, given up by `coinage_close`.
    func retainedPointer() -> OpaquePointer {
        OpaquePointer(Unmanaged.passRetained(self).toOpaque())
    }

    /// The handle behind a pointer `retainedPointer` gave, not retained again: the
    /// caller's retain keeps it alive until `coinage_close`.
    static func borrowed(_ pointer: OpaquePointer) -> RulesHandle {
        Unmanaged<RulesHandle>.fromOpaque(UnsafeRawPointer(pointer)).takeUnretainedValue()
    }

    /// Gives up the retain `retainedPointer` took.
    static func release(_ pointer: OpaquePointer) {
        Unmanaged<RulesHandle>.fromOpaque(UnsafeRawPointer(pointer)).release()
    }
}

/// Buffers handed to the C caller: `malloc`ed, NUL-terminated, freed by `coinage_free`.
enum CBuffer {
    /// A copy of `bytes` with a NUL after them, or nil when memory ran out.
    static func copy(_ bytes: [UInt8]) -> UnsafeMutablePointer<CChar>? {
        guard let raw = malloc(bytes.count + 1) else { return nil }
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { memcpy(raw, base, source.count) }
        }
        raw.storeBytes(of: 0, toByteOffset: bytes.count, as: UInt8.self)
        return raw.assumingMemoryBound(to: CChar.self)
    }

    /// A copy of `text` as a C string.
    static func copy(_ text: String) -> UnsafeMutablePointer<CChar>? {
        copy(Array(text.utf8))
    }

    /// The caller's `length` bytes at `pointer` as bytes, or nil for a NULL pointer or
    /// a length past `Int.max` (a `size_t` that arrives negative).
    static func input(_ pointer: UnsafePointer<CChar>?, length: Int) -> UnsafeBufferPointer<UInt8>? {
        guard let pointer, length >= 0 else { return nil }
        return UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: length)
    }
}
