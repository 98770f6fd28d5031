import Coinage

/// A run of batch request lines, copied out of the input with their line numbers,
/// and the quoting of them into JSON lines: the one definition of a batch's output
/// that `coinage quote --batch` and the C library share.
///
/// Each line is quoted on its own, so the output of a run is the same bytes however
/// the lines are cut into runs: `quote --batch` cuts them into blocks quoted in parts
/// on several cores, the C library quotes a caller's buffer a block at a time on the
/// caller's thread.
package struct BatchLines {
    package enum Entry: Sendable {
        /// A line's bytes in `bytes`, and its number in the input.
        case line(Range<Int>, number: Int)
        /// A line past `RequestLineParser.maxLineBytes`, never read.
        case tooLong(number: Int)
    }

    /// Lines quoted as one run: large enough that starting a run's parts on several
    /// cores is a small share of the work, small enough that a failed write stops
    /// the reading soon after and a caller's buffer is held once more only a run at
    /// a time.
    package static let maxLinesPerRun = 1_024
    /// Bytes of lines quoted as one run, for long lines.
    package static let maxBytesPerRun = 8 << 20
    /// The output bytes a line is given room for at first: a quote line with a
    /// discount or two, so a run's buffer rarely grows (and is copied) while written.
    package static let bytesPerLine = 640

    package private(set) var bytes: [UInt8] = []
    package private(set) var entries: [Entry] = []

    package init() {}

    package var isEmpty: Bool { entries.isEmpty }
    /// Whether the run holds `maxLinesPerRun` lines or `maxBytesPerRun` bytes.
    package var isFull: Bool { entries.count >= Self.maxLinesPerRun || bytes.count >= Self.maxBytesPerRun }

    /// The request an input line holds: the line without the newline (which the
    /// caller has cut off) and a final `\r`, or nil when it is blank (only spaces and
    /// tabs), which a batch skips though it counts it for line numbers.
    ///
    /// On a buffer, not any collection: a generic function of another module runs
    /// unspecialized, at several times the cost per byte.
    package static func request(in line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        var count = line.count
        if count > 0, line[count - 1] == UInt8(ascii: "\r") { count -= 1 }
        let request = UnsafeBufferPointer(rebasing: line[..<count])
        guard request.contains(where: { $0 != 32 && $0 != 9 }) else { return nil }
        return request
    }

    package mutating func add(_ line: UnsafeBufferPointer<UInt8>, number: Int) {
        let start = bytes.count
        bytes.append(contentsOf: line)
        entries.append(.line(start..<bytes.count, number: number))
    }

    package mutating func addTooLong(number: Int) {
        entries.append(.tooLong(number: number))
    }

    package mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
    }

    /// The refusal of a line past `RequestLineParser.maxLineBytes`.
    package static let tooLongMessage = "the line is longer than \(RequestLineParser.maxLineBytes) bytes, the most a request line may have; it was not read"

    /// What quoting a run of lines wrote, and how many of its lines were quoted and refused.
    package struct Output: Sendable {
        package var bytes: [UInt8] = []
        /// Lines refused, for any reason.
        package var refused = 0
        /// Lines quoted.
        package var quoted = 0
        /// Of the refused lines, those refused as requests (malformed JSON, an unknown
        /// key, a line too long), not by the rules: what a service answers with 400.
        package var invalid = 0
        /// Whether quoting stopped early, its output past the caller's bound.
        package var cut = false

        package init() {}

        /// Writes the quote `quoting` makes, or the refusal it throws, and counts the
        /// line: what the batch and a service's single request write for a request.
        // A throwing closure, not a `Result`: the quote comes back in place.
        @inline(__always)
        mutating func write(_ quoting: () throws(QuoteError) -> Quote, to writer: inout QuoteLineWriter) {
            do throws(QuoteError) {
                let quote = try quoting()
                quoted += 1
                writer.write(quote)
            } catch {
                refused += 1
                writer.write(error)
            }
        }

        /// Writes the refusal of a line that is not a request (`message`), and counts it.
        mutating func refuse(_ message: String, line: Int, to writer: inout QuoteLineWriter) {
            refused += 1
            invalid += 1
            writer.writeInvalidRequest(message, line: line)
        }
    }

    /// The lines of `range` (indices into `entries`) quoted and written as JSON lines.
    ///
    /// A line is read by a `ResolvedLineReader` straight into a resolved request when
    /// it is in the plain form; any other line by `RequestLineParser`, whose refusals
    /// it keeps. The reader is made here, so runs quoted at once share nothing but
    /// the quoter's immutable tables.
    package func quote(_ range: Range<Int>, with quoter: BatchQuoter, bytesPerLine: Int = BatchLines.bytesPerLine) -> Output {
        if let experiments = quoter.experiments { return experiments.quote(range, of: self, control: quoter) }
        var output = Output()
        // The lines are written straight into the output array's room; only a run
        // whose lines outgrow it (long refusals, many discounts) is copied once more.
        var moved: [UInt8]?
        let written = [UInt8](unsafeUninitializedCapacity: range.count * bytesPerLine) { room, initialized in
            var writer = QuoteLineWriter(writingInto: room, fragments: quoter.fragments)
            quote(range, with: quoter, writer: &writer, output: &output)
            if writer.writesInRoom {
                initialized = writer.byteCount
            } else {
                initialized = 0
                moved = writer.buffer
            }
        }
        output.bytes = moved ?? written
        return output
    }

    /// The lines of `range` quoted into `writer`, counted in `output`.
    private func quote(_ range: Range<Int>, with quoter: BatchQuoter, writer: inout QuoteLineWriter, output: inout Output) {
        let book = quoter.book
        let now = quoter.now
        let reader = ResolvedLineReader(book: book, rules: quoter.rules, regionCodes: quoter.regionCodes)
        // One request, overwritten by each line the reader takes.
        var resolved = ResolvedRequest.unresolved
        for entry in entries[range] {
            if case .line(let range, _) = entry,
               bytes.withUnsafeBufferPointer({ reader.read(UnsafeBufferPointer(rebasing: $0[range]), book: book, now: now, into: &resolved) }) {
                output.write({ () throws(QuoteError) in try book.quoted(resolved) }, to: &writer)
                continue
            }
            switch entry {
            case .tooLong(let number):
                output.refuse(Self.tooLongMessage, line: number, to: &writer)
            case .line(let range, let number):
                switch RequestLineParser.parse(bytes[range], context: quoter.context, now: now) {
                case .failure(let error): output.refuse(error.message, line: number, to: &writer)
                case .success(let request): output.write({ () throws(QuoteError) in try book.quoted(request) }, to: &writer)
                }
            }
        }
    }
}

/// What quoting request lines against one rule set needs, made once for many lines:
/// immutable, so any number of threads quote with one at once.
package struct BatchQuoter: Sendable {
    package let book: PriceBook
    package let rules: RuleSet
    package let context: RequestLineParser.Context
    package let fragments: QuoteLineFragments
    /// The instant of a request that gives no `at`: when the batch started.
    package let now: Int64
    /// The arms of the rules' experiments, when they declare any: every line then
    /// goes through `ExperimentLines`.
    package let experiments: ExperimentLines?
    /// The rules' regions by their two capitals, for the readers of every part.
    package let regionCodes: RegionCodes?

    package init(book: PriceBook, rules: RuleSet, context: RequestLineParser.Context, fragments: QuoteLineFragments, now: Int64,
                 experiments: ExperimentLines? = nil, regionCodes: RegionCodes?) {
        self.regionCodes = regionCodes
        self.book = book
        self.rules = rules
        self.context = context
        self.fragments = fragments
        self.now = now
        self.experiments = experiments
    }

    /// A quoter for `rules` and their book, with its tables made here.
    package init(book: PriceBook, rules: RuleSet, now: Int64) {
        self.init(book: book, rules: rules, context: RequestLineParser.Context(rules: rules),
                  fragments: QuoteLineFragments(book.labels), now: now,
                  experiments: rules.experiments.isEmpty ? nil : ExperimentLines(rules, book: book, now: now),
                  regionCodes: RegionCodes(book: book, rules: rules))
    }

    /// The same quoter with another `now`.
    package func at(_ now: Int64) -> BatchQuoter {
        // The arms' quoters lend only their tables: the line's `now` is the control quoter's.
        BatchQuoter(book: book, rules: rules, context: context, fragments: fragments, now: now, experiments: experiments,
                    regionCodes: regionCodes)
    }
}
