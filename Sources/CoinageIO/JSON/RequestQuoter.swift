import Coinage

/// Quotes one request at a time against one rule set, keeping its reader and output
/// buffer from one request to the next: what a service thread answering single
/// requests holds, where `BatchLines.quote(request:with:)` makes a reader, a writer
/// and a copy of the book for each.
///
/// Its output is that function's, byte for byte (a test compares them). A struct
/// owned by one thread: its `quote` is `mutating`, so the book is read in place,
/// never copied (a method on a struct held by a class copies the whole book).
package struct RequestQuoter {
    private let quoter: BatchQuoter
    private let book: PriceBook
    private let reader: ResolvedLineReader
    private var writer: QuoteLineWriter
    /// The last request the reader took, overwritten by the next.
    private var resolved = ResolvedRequest.unresolved

    package init(_ quoter: BatchQuoter) {
        self.quoter = quoter
        book = quoter.book
        reader = ResolvedLineReader(book: quoter.book, rules: quoter.rules, regionCodes: quoter.regionCodes)
        writer = QuoteLineWriter(capacity: 1_024, fragments: quoter.fragments)
    }

    /// Whether this quoter quotes with `quoter`'s tables (the same rules).
    package func serves(_ other: BatchQuoter) -> Bool { quoter.fragments === other.fragments }

    /// `request` quoted as `BatchLines.quote(request:with:)` quotes it, a request
    /// without `at` priced at `now`; the output line (with its newline) goes in `bytes`.
    package mutating func quote(_ request: UnsafeBufferPointer<UInt8>, now: Int64) -> BatchLines.Output {
        // Rules with experiments quote each request in its arm, as a batch line.
        if quoter.experiments != nil { return BatchLines.quote(request: request, with: quoter.at(now)) }
        writer.removeAll()
        var output = BatchLines.Output()
        if request.count > RequestLineParser.maxLineBytes {
            output.refuse(BatchLines.tooLongMessage, line: 1, to: &writer)
        } else if reader.read(request, book: book, now: now, into: &resolved) {
            output.write({ () throws(QuoteError) in try book.quoted(resolved) }, to: &writer)
        } else {
            switch RequestLineParser.parse(ArraySlice(request), context: quoter.context, now: now) {
            case .failure(let error): output.refuse(error.message, line: 1, to: &writer)
            case .success(let parsed): output.write({ () throws(QuoteError) in try book.quoted(parsed) }, to: &writer)
            }
        }
        output.bytes = writer.buffer
        return output
    }
}
