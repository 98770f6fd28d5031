import Coinage
import CoinageIO

/// `POST /v1/quote` and `POST /v1/quotes`: the request lines of `quote --batch` in,
/// its output lines out, byte for byte: both quote through `BatchLines`, the one
/// definition of a batch's output that the CLI and the C library share.
enum QuoteEndpoints {
    /// The result of quoting a body: the bytes to send and how many lines were refused.
    struct Answer {
        var bytes: [UInt8]
        var quoted = 0
        var refused = 0
        /// For one request: whether a refusal was the request's shape (400) rather than the rules' (422).
        var invalid = false
        /// Whether the answer was cut at the caller's bound.
        var cut = false

        init(_ output: BatchLines.Output) {
            bytes = output.bytes
            quoted = output.quoted
            refused = output.refused
            invalid = output.invalid > 0
            cut = output.cut
        }
    }

    /// One request object in, one quote or error object out (with its newline). A
    /// trailing line end is dropped, as `quote --batch` drops it; the body is line 1.
    static func one(_ body: [UInt8], rules: RulesSnapshot, now: Int64) -> Answer {
        var count = body.count
        if count > 0, body[count - 1] == 10 { count -= 1 }
        if count > 0, body[count - 1] == 13 { count -= 1 }
        return body.withUnsafeBufferPointer { bytes in
            Answer(BatchLines.quote(request: UnsafeBufferPointer(rebasing: bytes[..<count]), with: rules.quoter.at(now)))
        }
    }

    /// JSON lines in, one output line per request line out, in order. Blank lines
    /// are skipped but counted, a line past `RequestLineParser.maxLineBytes` is
    /// refused unread: what `quote --batch` does with its standard input.
    ///
    /// An answer that grows past `maxAnswerBytes` is cut there (`cut`), for the
    /// caller to refuse rather than send.
    static func many(_ body: [UInt8], rules: RulesSnapshot, now: Int64, maxAnswerBytes: Int = .max) -> Answer {
        body.withUnsafeBufferPointer { Answer(BatchLines.quote(buffer: $0, with: rules.quoter.at(now), maxOutputBytes: maxAnswerBytes)) }
    }
}

/// A thread's quoter for `POST /v1/quote`: made once and kept, so a request does not
/// make a reader, a writer and a copy of the book; made again when the rules served
/// are not the ones it was made for (after a reload). It holds those rules until
/// then.
struct QuoteCache {
    private var rules: RulesSnapshot
    private var quoter: RequestQuoter

    init(_ rules: RulesSnapshot) {
        self.rules = rules
        quoter = RequestQuoter(rules.quoter)
    }

    /// `QuoteEndpoints.one`, with this thread's quoter.
    mutating func one(_ body: [UInt8], rules current: RulesSnapshot, now: Int64) -> QuoteEndpoints.Answer {
        if current !== rules {
            rules = current
            quoter = RequestQuoter(current.quoter)
        }
        var count = body.count
        if count > 0, body[count - 1] == 10 { count -= 1 }
        if count > 0, body[count - 1] == 13 { count -= 1 }
        return body.withUnsafeBufferPointer { bytes in
            QuoteEndpoints.Answer(quoter.quote(UnsafeBufferPointer(rebasing: bytes[..<count]), now: now))
        }
    }
}
