import Coinage
import CoinageFoundation
import CoinageSyntax

/// `coinage quote --batch`: one JSON request per input line, one JSON line out per
/// request, in the same order. A refused or malformed line gets an error object on
/// its line and the batch goes on; empty lines are skipped.
enum BatchQuoting {
    /// Output is flushed in chunks of about this many bytes.
    static let flushBytes = 1 << 20

    static func run(_ book: PriceBook, console: Console) -> ExitCode {
        var writer = QuoteLineWriter(capacity: flushBytes + 4096)
        var pending: [UInt8] = []
        var lineNumber = 0
        var refused = 0
        let now = console.now()
        let context = RequestLineParser.Context(rules: book.rules)

        func handle(_ line: ArraySlice<UInt8>) {
            lineNumber += 1
            var line = line
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            guard line.contains(where: { $0 != 32 && $0 != 9 }) else { return }
            switch RequestLineParser.parse(line, context: context, now: now) {
            case .failure(let error):
                refused += 1
                writer.writeInvalidRequest(error.message, line: lineNumber)
            case .success(let request):
                switch book.quote(request) {
                case .success(let quote): writer.write(quote)
                case .failure(let error):
                    refused += 1
                    writer.write(error)
                }
            }
            if writer.byteCount >= flushBytes {
                console.writeOutBytes(writer.buffer)
                writer.removeAll()
            }
        }

        // Each byte of input is looked at once: a line that ends in the chunk it started
        // in is handled in place, and only the unfinished tail of a chunk is kept, up to
        // the limit. Past it the line's bytes are dropped until its newline, so a huge
        // line costs one scan and no memory.
        let limit = RequestLineParser.maxLineBytes
        var overLimit = false
        func refuseLongLine() {
            lineNumber += 1
            refused += 1
            writer.writeInvalidRequest("the line is longer than \(limit) bytes, the most a request line may have; it was not read",
                                       line: lineNumber)
        }
        while let chunk = console.readInput() {
            var start = chunk.startIndex
            while start < chunk.endIndex {
                guard let newline = chunk[start...].firstIndex(of: 10) else {
                    if !overLimit, pending.count + (chunk.endIndex - start) <= limit {
                        pending += chunk[start...]
                    } else {
                        overLimit = true
                        pending.removeAll()
                    }
                    break
                }
                if overLimit || pending.count + (newline - start) > limit {
                    refuseLongLine()
                } else if pending.isEmpty {
                    handle(chunk[start..<newline])
                } else {
                    pending += chunk[start..<newline]
                    handle(pending[...])
                }
                pending.removeAll(keepingCapacity: true)
                overLimit = false
                start = newline + 1
            }
        }
        if overLimit { refuseLongLine() } else if !pending.isEmpty { handle(pending[...]) }
        if writer.byteCount > 0 { console.writeOutBytes(writer.buffer) }
        return refused == 0 ? .success : .failure
    }
}
