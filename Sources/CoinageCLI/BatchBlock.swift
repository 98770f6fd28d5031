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
    /// Parts per block at most, whatever the number of cores.
    static let maxParts = 8
    /// Lines a part gets at least: below this, another part costs more than it saves.
    static let minLinesPerPart = 128

    /// The lines, quoted by `BatchLines`, the definition of a batch's output.
    private(set) var lines = BatchLines()

    /// Whether the block is a run of `BatchLines.maxLinesPerRun` lines or `maxBytesPerRun` bytes.
    var isFull: Bool { lines.isFull }
    var isEmpty: Bool { lines.isEmpty }

    mutating func add(_ line: UnsafeBufferPointer<UInt8>, number: Int) {
        lines.add(line, number: number)
    }

    mutating func addTooLong(number: Int) {
        lines.addTooLong(number: number)
    }

    mutating func removeAll() {
        lines.removeAll()
    }

    /// The block's lines quoted in `parts` parts at once (one when `parts` is 1), in order.
    func quote(with quoter: BatchQuoter, parts requested: Int) -> [BatchLines.Output] {
        let count = lines.entries.count
        let parts = max(1, min(requested, Self.maxParts, count / Self.minLinesPerPart))
        guard parts > 1 else { return [lines.quote(0..<count, with: quoter)] }
        let results = PartResults(count: parts)
        let lines = self.lines
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = (count * part / parts)..<(count * (part + 1) / parts)
            results.store(lines.quote(range, with: quoter), at: part)
        }
        return results.outputs
    }
}

/// One slot per part, each written by its own part only, then read once every part
/// has returned (`concurrentPerform` waits for them all): no two threads ever touch
/// one slot, and no slot is read while written. The slots are raw memory, not an
/// array property, so concurrent stores to different slots are no overlapping
/// accesses to one variable.
private final class PartResults: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<BatchLines.Output>

    init(count: Int) {
        slots = .allocate(capacity: count)
        _ = slots.initialize(from: repeatElement(BatchLines.Output(), count: count))
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ output: BatchLines.Output, at part: Int) {
        slots[part] = output
    }

    var outputs: [BatchLines.Output] { Array(slots) }
}
