import CoinageIO
import Coinage
import CoinageFoundation
import CoinageSyntax
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `coinage quote --batch`: one JSON request per input line, one JSON line out per
/// request, in the same order. A refused or malformed line gets an error object on
/// its line and the batch goes on; empty lines are skipped.
///
/// Lines are quoted in blocks (`BatchBlock`), each split over the cores and
/// written back in input order, so a batch uses every core the process may.
///
/// A failed write of the output stops the batch after the block being written: no
/// more input is read, and `CoinageCLI.run` reports the failure (exit status 2).
/// So does input that cannot be read, such as a directory given as standard input.
enum BatchQuoting {
    static func run(_ rules: RuleSet, book: PriceBook, console: Console, parts: Int = defaultParts) -> ExitCode {
        var block = BatchBlock()
        var pending: [UInt8] = []
        var lineNumber = 0
        var refused = 0
        let now = console.now()
        let quoter = BatchQuoter(book: book, rules: rules, now: now)

        /// Quotes the block's lines and writes each part's output as it is, in order:
        /// a block's output is a few hundred kilobytes, a write each part.
        func flush() {
            guard !block.isEmpty else { return }
            for part in block.quote(with: quoter, parts: parts) {
                refused += part.refused
                if !console.outputFailed { console.writeOutBytes(part.bytes) }
            }
            block.removeAll()
        }

        func handle(_ line: ArraySlice<UInt8>) {
            lineNumber += 1
            let added = line.withUnsafeBufferPointer { line in
                guard let request = BatchLines.request(in: line) else { return false }
                block.add(request, number: lineNumber)
                return true
            }
            if added, block.isFull { flush() }
        }

        // `pending` holds the unfinished line, then each chunk appended to it; a byte is
        // searched for a newline once, from where the last search stopped, so a long
        // line costs time in proportion to its length. A line past the limit is dropped
        // as soon as it is known to be too long, and the bytes up to its newline are
        // never kept, so no line holds more than the limit and a chunk in memory.
        let limit = RequestLineParser.maxLineBytes
        var overLimit = false
        func refuseLongLine() {
            lineNumber += 1
            block.addTooLong(number: lineNumber)
            if block.isFull { flush() }
        }
        reading: while let chunk = console.readInput() {
            var scanFrom = pending.count
            if overLimit {
                guard let newline = chunk.firstIndex(of: 10) else { continue }
                refuseLongLine()
                overLimit = false
                pending.append(contentsOf: chunk[(newline + 1)...])
                scanFrom = 0
            } else {
                pending.append(contentsOf: chunk)
            }
            var start = 0
            while let newline = Self.newline(in: pending, from: scanFrom) {
                if newline - start > limit { refuseLongLine() } else { handle(pending[start..<newline]) }
                start = newline + 1
                scanFrom = start
                if console.outputFailed { break reading }
            }
            if pending.count - start > limit {
                overLimit = true
                pending.removeAll(keepingCapacity: true)
            } else {
                pending.removeFirst(start)
            }
        }
        if console.outputFailed || console.streams.input != nil { return .usage }
        if overLimit { refuseLongLine() } else if !pending.isEmpty { handle(pending[...]) }
        flush()
        if console.outputFailed { return .usage }
        return refused == 0 ? .success : .failure
    }

    /// The index of the first newline in `bytes` at or after `start`: `memchr` reads
    /// a word at a time where `firstIndex(of:)` reads a byte.
    private static func newline(in bytes: [UInt8], from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let found = memchr(base + start, 10, buffer.count - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// The parts a block is quoted in: one per core the process may use.
    static var defaultParts: Int { PlatformCalls.activeProcessorCount }
}
