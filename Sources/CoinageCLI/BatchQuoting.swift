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
        var batch = BatchRun(quoter: BatchQuoter(book: book, rules: rules, now: console.now()), console: console, parts: parts)
        // Lines are read where they lie in each chunk of input; `pending` holds only
        // a line a chunk ends in the middle of, until the next chunk ends it. A byte
        // is searched for a newline once, so a long line costs time in proportion to
        // its length. A line past the limit is dropped as soon as it is known to be
        // too long, and the bytes up to its newline are never kept, so no line holds
        // more than the limit and a chunk in memory.
        let limit = RequestLineParser.maxLineBytes
        var pending: [UInt8] = []
        var overLimit = false
        while !batch.stopped, let chunk = console.readInput() {
            chunk.withUnsafeBufferPointer { bytes in
                var start = 0
                if overLimit {
                    guard let newline = Self.newline(in: bytes, from: 0) else { return }
                    batch.refuseLongLine()
                    overLimit = false
                    start = newline + 1
                } else if !pending.isEmpty {
                    guard let newline = Self.newline(in: bytes, from: 0) else {
                        if pending.count + bytes.count > limit {
                            overLimit = true
                            pending.removeAll(keepingCapacity: true)
                        } else {
                            pending.append(contentsOf: bytes)
                        }
                        return
                    }
                    if pending.count + newline > limit {
                        batch.refuseLongLine()
                    } else {
                        pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<newline]))
                        pending.withUnsafeBufferPointer { batch.handle($0) }
                    }
                    pending.removeAll(keepingCapacity: true)
                    start = newline + 1
                }
                while !batch.stopped, let newline = Self.newline(in: bytes, from: start) {
                    if newline - start > limit {
                        batch.refuseLongLine()
                    } else {
                        batch.handle(UnsafeBufferPointer(rebasing: bytes[start..<newline]))
                    }
                    start = newline + 1
                }
                let rest = bytes.count - start
                if rest > limit {
                    overLimit = true
                } else if rest > 0, !batch.stopped {
                    pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
                }
            }
        }
        if batch.stopped || console.streams.input != nil { return .usage }
        if overLimit {
            batch.refuseLongLine()
        } else if !pending.isEmpty {
            pending.withUnsafeBufferPointer { batch.handle($0) }
        }
        batch.flush()
        if batch.stopped { return .usage }
        return batch.refused == 0 ? .success : .failure
    }

    /// The index of the first newline in `bytes` at or after `start`: `memchr` reads
    /// a word at a time where `firstIndex(of:)` reads a byte.
    private static func newline(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress, let found = memchr(base + start, 10, bytes.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// The parts a block is quoted in: one per core the process may use.
    static var defaultParts: Int { PlatformCalls.activeProcessorCount }
}

/// One `quote --batch` run: the block being filled, the lines counted so far and
/// the refusals. A struct whose methods the reading loop calls, not closures over
/// local variables, so no access to them is checked at run time.
private struct BatchRun {
    let quoter: BatchQuoter
    let console: Console
    let parts: Int
    var block = BatchBlock()
    var lineNumber = 0
    var refused = 0
    /// Whether writing the output failed: the batch then reads no more input.
    private(set) var stopped = false

    init(quoter: BatchQuoter, console: Console, parts: Int) {
        self.quoter = quoter
        self.console = console
        self.parts = parts
    }

    /// Takes a line (without its newline); a blank one is counted and skipped.
    mutating func handle(_ line: UnsafeBufferPointer<UInt8>) {
        lineNumber += 1
        guard let request = BatchLines.request(in: line) else { return }
        block.add(request, number: lineNumber)
        if block.isFull { flush() }
    }

    /// Counts a line past the limit, refused unread.
    mutating func refuseLongLine() {
        lineNumber += 1
        block.addTooLong(number: lineNumber)
        if block.isFull { flush() }
    }

    /// Quotes the block's lines and writes each part's output as it is, in order:
    /// a block's output is a few hundred kilobytes, a write each part.
    mutating func flush() {
        guard !block.isEmpty else { return }
        for part in block.quote(with: quoter, parts: parts) {
            refused += part.refused
            if !console.outputFailed { console.writeOutBytes(part.bytes) }
        }
        block.removeAll()
        stopped = console.outputFailed
    }
}
