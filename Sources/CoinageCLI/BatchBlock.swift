import CoinageIO
import Coinage
import Dispatch

/// A run of complete input lines of `quote --batch`, copied out of the reading
/// buffer with their line numbers, quoted in parts on several cores and written
/// back in input order.
///
/// Each part is a contiguous run of the block's lines with its own line writer,
/// so the parts share nothing but the price book and the request reader's name
/// tables, which are immutable; the outputs are joined in part order, so the
/// output is the same, byte for byte, whatever the number of cores.
struct BatchBlock {
    /// Lines per block: large enough that starting the parts is a small share of
    /// the work (a line takes microseconds, starting the parts tens of them), small
    /// enough that a failed write stops the reading soon after.
    static let maxLines = 1_024
    /// Bytes per block, for long lines.
    static let maxBytes = 8 << 20
    /// Parts per block at most, whatever the number of cores.
    static let maxParts = 8
    /// The output bytes a line is given room for at first: a quote line with a
    /// discount or two, so a part's buffer rarely grows (and is copied) while written.
    static let bytesPerLine = 640
    /// Lines a part gets at least: below this, another part costs more than it saves.
    static let minLinesPerPart = 128

    enum Entry {
        /// A line's bytes in `bytes`, and its number in the input.
        case line(Range<Int>, number: Int)
        /// A line past `RequestLineParser.maxLineBytes`, never read.
        case tooLong(number: Int)
    }

    private(set) var bytes: [UInt8] = []
    private(set) var entries: [Entry] = []

    var isFull: Bool { entries.count >= Self.maxLines || bytes.count >= Self.maxBytes }
    var isEmpty: Bool { entries.isEmpty }

    mutating func add(_ line: ArraySlice<UInt8>, number: Int) {
        let start = bytes.count
        bytes.append(contentsOf: line)
        entries.append(.line(start..<bytes.count, number: number))
    }

    mutating func addTooLong(number: Int) {
        entries.append(.tooLong(number: number))
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
    }

    /// What one part wrote, and how many of its lines were refused.
    struct Output: Sendable {
        var bytes: [UInt8] = []
        var refused = 0
    }

    /// The block's lines quoted in `parts` parts at once (one when `parts` is 1), in order.
    ///
    /// A line is read by a `ResolvedLineReader` straight into a resolved request when
    /// it is in the plain form; any other line by `RequestLineParser`, whose refusals
    /// it keeps.
    func quote(book: PriceBook, rules: RuleSet, context: RequestLineParser.Context, fragments: QuoteLineFragments, now: Int64,
               parts requested: Int) -> [Output] {
        let parts = max(1, min(requested, Self.maxParts, entries.count / Self.minLinesPerPart))
        guard parts > 1 else { return [Self.quote(entries[...], bytes: bytes, book: book, rules: rules, context: context, fragments: fragments, now: now)] }
        let results = PartResults(count: parts)
        let entries = self.entries
        let bytes = self.bytes
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = (entries.count * part / parts)..<(entries.count * (part + 1) / parts)
            results.store(Self.quote(entries[range], bytes: bytes, book: book, rules: rules, context: context, fragments: fragments, now: now), at: part)
        }
        return results.outputs
    }

    private static func quote(_ entries: ArraySlice<Entry>, bytes: [UInt8], book: PriceBook, rules: RuleSet,
                              context: RequestLineParser.Context, fragments: QuoteLineFragments, now: Int64) -> Output {
        var writer = QuoteLineWriter(capacity: entries.count * Self.bytesPerLine, fragments: fragments)
        let reader = ResolvedLineReader(book: book, rules: rules)
        var refused = 0
        for entry in entries {
            if case .line(let range, _) = entry,
               let resolved = bytes.withUnsafeBufferPointer({ reader.read(UnsafeBufferPointer(rebasing: $0[range]), book: book, now: now) }) {
                switch book.quote(resolved) {
                case .success(let quote): writer.write(quote)
                case .failure(let error):
                    refused += 1
                    writer.write(error)
                }
                continue
            }
            switch entry {
            case .tooLong(let number):
                refused += 1
                writer.writeInvalidRequest(
                    "the line is longer than \(RequestLineParser.maxLineBytes) bytes, the most a request line may have; it was not read",
                    line: number)
            case .line(let range, let number):
                switch RequestLineParser.parse(bytes[range], context: context, now: now) {
                case .failure(let error):
                    refused += 1
                    writer.writeInvalidRequest(error.message, line: number)
                case .success(let request):
                    switch book.quote(request) {
                    case .success(let quote): writer.write(quote)
                    case .failure(let error):
                        refused += 1
                        writer.write(error)
                    }
                }
            }
        }
        return Output(bytes: writer.buffer, refused: refused)
    }
}

/// One slot per part, each written by its own part only, then read once every part
/// has returned (`concurrentPerform` waits for them all): no two threads ever touch
/// one slot, and no slot is read while written. The slots are raw memory, not an
/// array property, so concurrent stores to different slots are no overlapping
/// accesses to one variable.
private final class PartResults: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<BatchBlock.Output>

    init(count: Int) {
        slots = .allocate(capacity: count)
        _ = slots.initialize(from: repeatElement(BatchBlock.Output(), count: count))
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ output: BatchBlock.Output, at part: Int) {
        slots[part] = output
    }

    var outputs: [BatchBlock.Output] { Array(slots) }
}
