import Coinage
import CoinageFoundation
import CoinageSyntax

/// `coinage quote --batch`: one JSON request per input line, one JSON line out per
/// request, in the same order. A refused or malformed line gets an error object on
/// its line and the batch goes on; empty lines are skipped.
///
/// A failed write of the output stops the batch at once: no more input is read,
/// and `CoinageCLI.run` reports the failure (exit status 2). So does input that
/// cannot be read, such as a directory given as standard input.
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

        reading: while let chunk = console.readInput() {
            pending += chunk
            var start = pending.startIndex
            while let newline = pending[start...].firstIndex(of: 10) {
                handle(pending[start..<newline])
                start = newline + 1
                if console.outputFailed { break reading }
            }
            pending.removeFirst(start - pending.startIndex)
        }
        if console.outputFailed || console.streams.input != nil { return .usage }
        if !pending.isEmpty { handle(pending[...]) }
        if writer.byteCount > 0 { console.writeOutBytes(writer.buffer) }
        return refused == 0 ? .success : .failure
    }
}
