import Coinage
import CoinageIO
import Foundation

/// `POST /v1/quote` and `POST /v1/quotes`: the request lines of `quote --batch` in,
/// its output lines out, byte for byte, read by the same readers and written by the
/// same writer.
enum QuoteEndpoints {
    /// The result of quoting a body: the bytes to send and how many lines were refused.
    struct Answer {
        var bytes: [UInt8]
        var quoted = 0
        var refused = 0
        /// For one request: whether a refusal was the request's shape (400) rather than the rules' (422).
        var invalid = false
    }

    /// One request object in, one quote or error object out (with its newline). A
    /// trailing line end is dropped, as `quote --batch` drops it; the body is line 1.
    static func one(_ body: [UInt8], rules: RulesSnapshot, reader: ResolvedLineReader, now: Int64) -> Answer {
        var line = body[...]
        if line.last == 10 { line = line.dropLast() }
        if line.last == 13 { line = line.dropLast() }
        var writer = QuoteLineWriter(capacity: 1_024, fragments: rules.fragments)
        var answer = Answer(bytes: [])
        quote(line, number: 1, rules: rules, reader: reader, now: now, writer: &writer, answer: &answer)
        answer.bytes = writer.buffer
        return answer
    }

    /// JSON lines in, one output line per request line out, in order. Blank lines
    /// are skipped but counted, a line past `RequestLineParser.maxLineBytes` is
    /// refused unread: what `quote --batch` does with its standard input.
    static func many(_ body: [UInt8], rules: RulesSnapshot, reader: ResolvedLineReader, now: Int64) -> Answer {
        var writer = QuoteLineWriter(capacity: max(1_024, body.count * 2), fragments: rules.fragments)
        var answer = Answer(bytes: [])
        var number = 0
        var start = 0
        while start < body.count {
            let end = body[start...].firstIndex(of: 10) ?? body.count
            number += 1
            var line = body[start..<end]
            start = end + 1
            if line.count > RequestLineParser.maxLineBytes {
                answer.refused += 1
                writer.writeInvalidRequest(tooLong, line: number)
                continue
            }
            if line.last == 13 { line = line.dropLast() }
            guard line.contains(where: { $0 != 32 && $0 != 9 }) else { continue }
            quote(line, number: number, rules: rules, reader: reader, now: now, writer: &writer, answer: &answer)
        }
        answer.bytes = writer.buffer
        return answer
    }

    static let tooLong = "the line is longer than \(RequestLineParser.maxLineBytes) bytes, the most a request line may have; it was not read"

    /// One line, as a batch part quotes it: the fast reader for a line in the plain
    /// form, `RequestLineParser` (whose refusals it keeps) for any other.
    private static func quote(_ line: ArraySlice<UInt8>, number: Int, rules: RulesSnapshot, reader: ResolvedLineReader, now: Int64,
                              writer: inout QuoteLineWriter, answer: inout Answer) {
        let book = rules.book
        if line.count > RequestLineParser.maxLineBytes {
            answer.refused += 1
            answer.invalid = true
            writer.writeInvalidRequest(tooLong, line: number)
            return
        }
        let result: Result<Quote, QuoteError>
        if let resolved = line.withUnsafeBufferPointer({ reader.read($0, book: book, now: now) }) {
            result = book.quote(resolved)
        } else {
            switch RequestLineParser.parse(line, context: rules.context, now: now) {
            case .failure(let error):
                answer.refused += 1
                answer.invalid = true
                writer.writeInvalidRequest(error.message, line: number)
                return
            case .success(let request):
                result = book.quote(request)
            }
        }
        switch result {
        case .success(let quote):
            answer.quoted += 1
            writer.write(quote)
        case .failure(let error):
            answer.refused += 1
            writer.write(error)
        }
    }
}

/// What a connection keeps between its requests: the line reader of the rules it
/// last quoted on (a reader belongs to one price book).
final class ConnectionCache {
    private var generation = 0
    private var cached: ResolvedLineReader?

    func reader(for rules: RulesSnapshot) -> ResolvedLineReader {
        if let cached, generation == rules.generation { return cached }
        let reader = ResolvedLineReader(book: rules.book, rules: rules.rules)
        cached = reader
        generation = rules.generation
        return reader
    }
}
