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
        while !batch.stopped, let chunk = console.readInput() {
            chunk.withUnsafeBufferPointer { batch.take($0) }
        }
        if batch.stopped || console.streams.input != nil { return .usage }
        batch.finish()
        if batch.stopped { return .usage }
        return batch.refused == 0 ? .success : .failure
    }

    /// The parts a block is quoted in: one per core the process may use.
    static var defaultParts: Int { PlatformCalls.activeProcessorCount }
}

/// One `quote --batch` run: the input's lines cut out of its chunks, the block being
/// filled, the lines counted so far and the refusals. A struct whose methods the
/// reading loop calls, not closures over local variables, so no access to them is
/// checked at run time.
///
/// Lines are read where they lie in each chunk of input; `pending` holds only a line
/// a chunk ends in the middle of, until the next chunk ends it. A byte is searched
/// for a newline once, so a long line costs time in proportion to its length. A line
/// past the limit is dropped as soon as it is known to be too long, and the bytes up
/// to its newline are never kept, so no line holds more than the limit and a chunk
/// in memory.
private struct BatchRun {
    let quoter: BatchQuoter
    let console: Console
    let parts: Int
    var block = BatchBlock()
    var lineNumber = 0
    var refused = 0
    /// Whether writing the output failed: the batch then reads no more input.
    private(set) var stopped = false
    /// The start of a line the last chunk ended in the middle of.
    private var pending: [UInt8] = []
    /// Whether the line being read is already past the limit: its bytes are skipped
    /// up to its newline.
    private var overLimit = false
    private let limit = RequestLineParser.maxLineBytes

    init(quoter: BatchQuoter, console: Console, parts: Int) {
        self.quoter = quoter
        self.console = console
        self.parts = parts
    }

    /// Takes the next chunk of input: every line it ends, and the start of the one
    /// it leaves unfinished.
    mutating func take(_ bytes: UnsafeBufferPointer<UInt8>) {
        var start = 0
        if overLimit {
            guard let newline = Self.newline(in: bytes, from: 0) else { return }
            refuseLongLine()
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
                refuseLongLine()
            } else {
                pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<newline]))
                handlePending()
            }
            pending.removeAll(keepingCapacity: true)
            start = newline + 1
        }
        while !stopped, let newline = Self.newline(in: bytes, from: start) {
            if newline - start > limit {
                refuseLongLine()
            } else {
                handle(UnsafeBufferPointer(rebasing: bytes[start..<newline]))
            }
            start = newline + 1
        }
        let rest = bytes.count - start
        if rest > limit {
            overLimit = true
        } else if rest > 0, !stopped {
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    /// Ends the input: its last line (without a newline) is taken, and the block
    /// quoted and written.
    mutating func finish() {
        if overLimit {
            refuseLongLine()
        } else if !pending.isEmpty {
            handlePending()
        }
        flush()
    }

    /// Takes a line (without its newline); a blank one is counted and skipped.
    private mutating func handle(_ line: UnsafeBufferPointer<UInt8>) {
        lineNumber += 1
        guard let request = BatchLines.request(in: line) else { return }
        block.add(request, number: lineNumber)
        if block.isFull { flush() }
    }

    /// Takes the line in `pending`: the block copies it, so `pending` may change after.
    private mutating func handlePending() {
        let line = pending
        line.withUnsafeBufferPointer { handle($0) }
    }

    /// Counts a line past the limit, refused unread.
    private mutating func refuseLongLine() {
        lineNumber += 1
        block.addTooLong(number: lineNumber)
        if block.isFull { flush() }
    }

    /// Quotes the block's lines and writes each part's output as it is, in order:
    /// a block's output is a few hundred kilobytes, a write each part.
    private mutating func flush() {
        guard !block.isEmpty else { return }
        for part in block.quote(with: quoter, parts: parts) {
            refused += part.refused
            if !console.outputFailed { console.writeOutBytes(part.bytes) }
        }
        block.removeAll()
        stopped = console.outputFailed
    }

    /// The index of the first newline in `bytes` at or after `start`: `memchr` reads
    /// a word at a time where `firstIndex(of:)` reads a byte.
    private static func newline(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress, let found = memchr(base + start, 10, bytes.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}
