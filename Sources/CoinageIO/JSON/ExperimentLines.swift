import Coinage
import CoinageJSON

/// Batch lines of rules that declare experiments: each line is assigned an arm,
/// quoted with the arm's book and written with the arm's tables, and its JSON gains
/// the members that say which arm priced it (`QuoteJSON.experimentMembers`).
///
/// Every line takes `RequestLineParser`'s path, not the resolved fast path: the arm
/// is known only once the request is read, and each arm has its own book. Rules
/// without experiments never come here (`BatchQuoter.experiments` is nil), so their
/// batch output is what it always was.
package final class ExperimentLines: Sendable {
    let books: ExperimentBooks
    /// The quoter of each arm but control, by `EXPERIMENT/ARM`.
    let arms: [String: BatchQuoter]

    init(_ rules: RuleSet, book: PriceBook, now: Int64) {
        books = ExperimentBooks(rules, control: book)
        var arms: [String: BatchQuoter] = [:]
        for experiment in rules.experiments {
            for arm in experiment.arms {
                guard let armRules = arm.rules, let armBook = books.book(experiment: experiment.name, arm: arm.name) else { continue }
                arms[experiment.name + "/" + arm.name] = BatchQuoter(book: armBook, rules: armRules, now: now)
            }
        }
        self.arms = arms
    }

    /// The lines of `range` of `lines`, quoted as `BatchLines.quote` quotes them, each
    /// in its arm. `control` is the quoter of the rules as written.
    func quote(_ range: Range<Int>, of lines: BatchLines, control: BatchQuoter) -> BatchLines.Output {
        var output = BatchLines.Output()
        var bytes: [UInt8] = []
        for entry in lines.entries[range] {
            var writer = QuoteLineWriter(capacity: BatchLines.bytesPerLine, fragments: control.fragments)
            switch entry {
            case .tooLong(let number):
                output.refused += 1
                output.invalid += 1
                writer.writeInvalidRequest(BatchLines.tooLongMessage, line: number)
            case .line(let lineRange, let number):
                switch RequestLineParser.parseForcingArms(lines.bytes[lineRange], context: control.context, now: control.now) {
                case .failure(let error):
                    output.refused += 1
                    output.invalid += 1
                    writer.writeInvalidRequest(error.message, line: number)
                case .success(let parsed):
                    bytes += quoted(parsed.request, forcing: parsed.arms, control: control, output: &output)
                    continue
                }
            }
            bytes += writer.buffer
        }
        output.bytes = bytes
        return output
    }

    /// One request's line: quoted in its arm, the arm's members before the closing brace.
    private func quoted(_ request: QuoteRequest, forcing forced: [String: String], control: BatchQuoter,
                        output: inout BatchLines.Output) -> [UInt8] {
        var writer = QuoteLineWriter(capacity: BatchLines.bytesPerLine, fragments: control.fragments)
        switch books.assign(request, forcing: forced) {
        case .failure(let error):
            output.refused += 1
            writer.write(error)
            return writer.buffer
        case .success(nil):
            return line(control.book.quote(request), writer: &writer, output: &output).bytes
        case .success(let (assignment, book)?):
            if let arm = arms[assignment.experiment + "/" + assignment.arm] {
                writer = QuoteLineWriter(capacity: BatchLines.bytesPerLine, fragments: arm.fragments)
            }
            var (bytes, isQuote) = line(book.quote(request), writer: &writer, output: &output)
            // A quote's line ends in `}\n`: the arm's members go before the brace.
            guard isQuote, bytes.count >= 2, bytes[bytes.count - 2] == UInt8(ascii: "}") else { return bytes }
            bytes.removeLast(2)
            for (name, value) in QuoteJSON.experimentMembers(assignment) {
                bytes += Array(("," + JSONValue.string(name).serialized() + ":" + value.serialized()).utf8)
            }
            bytes += Array("}\n".utf8)
            return bytes
        }
    }

    /// The line of `result`, and whether it is a quote (not a refusal).
    private func line(_ result: Result<Quote, QuoteError>, writer: inout QuoteLineWriter,
                      output: inout BatchLines.Output) -> (bytes: [UInt8], isQuote: Bool) {
        switch result {
        case .success(let quote):
            output.quoted += 1
            writer.write(quote)
            return (writer.buffer, true)
        case .failure(let error):
            output.refused += 1
            writer.write(error)
            return (writer.buffer, false)
        }
    }
}
