import CoinageC
import CoinageIO
import Testing

/// `coinage_quote_lines`: the same bytes `coinage quote --batch` writes for the same
/// input, whatever its lines hold and however many there are.
@Suite struct CLibraryLinesTests {
    /// Lines of every kind: quotes, an explained one, a custom amount, refusals,
    /// malformed lines with escapes, non-ASCII text and bytes that are not UTF-8,
    /// blank lines and a CRLF end. A line without `at` is one refused before its
    /// instant matters, as the batch's clock and the library's differ.
    static let mixedLines: [[UInt8]] = [
        #"{"bundle":"coins_700","region":"DE","channel":"web","at":"2026-11-28T10:00:00Z"}"#,
        #"{"coins":5000,"region":"US","channel":"web","at":"2026-11-29T23:30:00Z","explain":true}"#,
        #"{"bundle":"coins_1400","region":"US","channel":"ios","at":"2026-06-17T12:00:00-04:00","user":{"segment":"vip","purchases":12},"codes":["VIP2026"]}"#,
        "",
        "  \t",
        #"{"bundle":"coins_700","region":"XX","channel":"web"}"# + "\r",
        #"{"a\"b\\c":1}"#,
        #"{"größe":1}"#,
        #"{"bundle":"coins_70","region":"US""#,
        #"{"bundle":"coins_700","region":"DE","channel":"web","at":"2026-11-28T10:00:00Z"}"# + "\r",
    ].map { Array($0.utf8) } + [Array(#"{""#.utf8) + [0xFF, 0xFE] + Array(#"":1}"#.utf8)]

    static func joined(_ lines: [[UInt8]]) -> [UInt8] {
        Array(lines.joined(separator: [10]))
    }

    @Test(arguments: [false, true])
    func mixedLinesGiveTheBatchsBytes(finalNewline: Bool) throws {
        let handle = try CCalls.open(CCalls.sampleShop).get()
        defer { coinage_close(handle) }
        let input = Self.joined(Self.mixedLines) + (finalNewline ? [10] : [])
        let answer = CCalls.quoteLines(handle, input)
        let batch = CCalls.batch(input)
        #expect(batch.status == .failure)
        #expect(answer.status == 1)
        #expect(answer.bytes == batch.output)
        #expect(answer.refused == 5)
        #expect(answer.bytes?.filter { $0 == 10 }.count == 9)
    }

    /// More lines than one run of `BatchLines.maxLinesPerRun`, with a line past the
    /// line limit among them: the runs join into the batch's output.
    @Test func manyRunsAndATooLongLineGiveTheBatchsBytes() throws {
        let handle = try CCalls.open(CCalls.sampleShop).get()
        defer { coinage_close(handle) }
        var lines: [[UInt8]] = []
        for index in 0..<(BatchLines.maxLinesPerRun * 2 + 5) {
            lines.append(Self.mixedLines[index % Self.mixedLines.count])
        }
        lines.insert([UInt8](repeating: UInt8(ascii: "{"), count: RequestLineParser.maxLineBytes + 1), at: 1_000)
        let input = Self.joined(lines)
        let answer = CCalls.quoteLines(handle, input)
        let batch = CCalls.batch(input)
        #expect(answer.bytes == batch.output)
        #expect(answer.text.contains("line 1001: the line is longer than 1048576 bytes"))
    }

    @Test func noLinesGiveNoOutput() throws {
        let handle = try CCalls.open(CCalls.sampleShop).get()
        defer { coinage_close(handle) }
        #expect(CCalls.quoteLines(handle, []) == CCalls.Answer(status: 0, bytes: [], refused: 0))
        #expect(CCalls.quoteLines(handle, Array("\n \n\r\n".utf8)) == CCalls.Answer(status: 0, bytes: [], refused: 0))
    }

    @Test func quotedLinesGiveStatusZero() throws {
        let handle = try CCalls.open(CCalls.sampleShop).get()
        defer { coinage_close(handle) }
        let answer = CCalls.quoteLines(handle, Self.joined(Array(Self.mixedLines[0..<3])))
        #expect(answer.status == 0 && answer.refused == 0)
        #expect(answer.bytes == CCalls.batch(Self.joined(Array(Self.mixedLines[0..<3]))).output)
    }
}
