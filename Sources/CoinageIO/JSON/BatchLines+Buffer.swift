import Coinage

extension BatchLines {
    /// Every line of `buffer` quoted as `coinage quote --batch` quotes the same bytes
    /// on its standard input: lines end at `\n` (a `\r` before it is dropped), blank
    /// lines are skipped but counted, a line longer than
    /// `RequestLineParser.maxLineBytes` is refused unread, and the output is the
    /// batch's, byte for byte.
    ///
    /// The lines are quoted a run at a time on the calling thread, so the extra
    /// memory beyond the output is one run's copy of its lines. Once the output is
    /// longer than `maxOutputBytes` the quoting stops there and the output says it
    /// was cut (`cut`): a service bounds what one request can make it hold (an error
    /// line is over forty times longer than the shortest line that earns it).
    package static func quote(buffer: UnsafeBufferPointer<UInt8>, with quoter: BatchQuoter, maxOutputBytes: Int = .max) -> Output {
        var lines = BatchLines()
        var output = Output()
        func flush() {
            guard !lines.isEmpty else { return }
            let run = lines.quote(lines.entries.indices, with: quoter)
            output.bytes.append(contentsOf: run.bytes)
            output.refused += run.refused
            output.quoted += run.quoted
            output.invalid += run.invalid
            lines.removeAll()
        }
        var number = 0
        var start = 0
        while start < buffer.count {
            let end = buffer[start...].firstIndex(of: 10) ?? buffer.count
            number += 1
            if end - start > RequestLineParser.maxLineBytes {
                lines.addTooLong(number: number)
            } else if let request = request(in: UnsafeBufferPointer(rebasing: buffer[start..<end])) {
                lines.add(request, number: number)
            }
            if lines.isFull {
                flush()
                if output.bytes.count > maxOutputBytes {
                    output.cut = true
                    return output
                }
            }
            start = end + 1
        }
        flush()
        output.cut = output.bytes.count > maxOutputBytes
        return output
    }

    /// One request quoted as `coinage quote --batch` quotes a line of it: the bytes
    /// are the request as they are (no line is cut out of them, a newline in them is
    /// JSON whitespace, and a blank request is refused as one), numbered line 1.
    /// Longer than `RequestLineParser.maxLineBytes`, it is refused unread.
    package static func quote(request: UnsafeBufferPointer<UInt8>, with quoter: BatchQuoter) -> Output {
        var lines = BatchLines()
        if request.count > RequestLineParser.maxLineBytes {
            lines.addTooLong(number: 1)
        } else {
            lines.add(request, number: 1)
        }
        return lines.quote(lines.entries.indices, with: quoter, bytesPerLine: 1_024)
    }
}
