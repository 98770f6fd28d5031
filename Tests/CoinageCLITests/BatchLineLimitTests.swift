import Coinage
import CoinageCLI
import CoinageFoundation
@testable import CoinageIO
import Foundation
import Testing

/// `coinage quote --batch` on lines past `RequestLineParser.maxLineBytes` (issue 11,
/// C): each is refused with an error object that does not repeat it, read past
/// without being kept, in time linear in its length, and the batch goes on.
@Suite struct BatchLineLimitTests {
    static let good = #"{"bundle":"coins_70","region":"US","channel":"ios","at":"2026-06-17T12:00:00Z"}"#

    /// Runs the batch with standard input delivered in chunks of `chunk` bytes, as a
    /// pipe delivers it, so lines cross chunk boundaries.
    static func run(_ input: [UInt8], chunk: Int) -> (status: ExitCode, out: String) {
        var offset = 0
        var output = ""
        let console = Console(writeOut: { output += $0 }, writeError: { _ in },
                              readInput: {
                                  guard offset < input.count else { return nil }
                                  defer { offset += chunk }
                                  return Array(input[offset..<min(offset + chunk, input.count)])
                              },
                              now: { 1_795_000_000 })
        let status = CoinageCLI.run(["quote", "--batch", "--rules", Snapshot.fixture("promotions")], console: console)
        return (status, output)
    }

    static func lines(_ output: String) -> [String] {
        output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// A valid request padded with spaces (JSON allows them) to exactly `length` bytes.
    static func padded(to length: Int) -> [UInt8] {
        let head = Array(#"{"bundle":"coins_70","region":"US","channel":"ios","at":"2026-06-17T12:00:00Z""#.utf8)
        return head + [UInt8](repeating: 32, count: length - head.count - 1) + [UInt8(ascii: "}")]
    }

    @Test func aLineOverTheLimitIsRefusedWithoutBeingRepeated() throws {
        let limit = RequestLineParser.maxLineBytes
        #expect(limit == 1 << 20)
        // Line 2 holds a bundle name of `x`s one byte past the limit, across many chunks.
        let long = Array(#"{"bundle":""#.utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: limit) + Array(#"","region":"US"}"#.utf8)
        let input = Array((Self.good + "\n").utf8) + long + [10] + Array((Self.good + "\n").utf8)
        let result = Self.run(input, chunk: 4_096)
        #expect(result.status == .failure)
        let lines = Self.lines(result.out)
        try #require(lines.count == 3)
        #expect(lines[0].hasPrefix(#"{"bundle":"coins_70""#) && lines[2] == lines[0])
        #expect(lines[1] == #"{"error":{"code":"invalid_request","message":"line 2: the line is longer than 1048576 bytes, the most a request line may have; it was not read"}}"#)
    }

    @Test func aLineOfExactlyTheLimitIsRead() throws {
        let limit = RequestLineParser.maxLineBytes
        let input = Self.padded(to: limit) + [10] + Self.padded(to: limit + 1) + [10]
        let lines = Self.lines(Self.run(input, chunk: 65_536).out)
        try #require(lines.count == 2)
        #expect(lines[0].hasPrefix(#"{"bundle":"coins_70""#))
        #expect(lines[1].contains("line 2: the line is longer than 1048576 bytes"))
        // A carriage return before the newline counts as a byte of the line.
        let crlf = Self.lines(Self.run(Self.padded(to: limit) + [13, 10], chunk: 65_536).out)
        #expect(crlf.count == 1 && crlf[0].contains("longer than"))
    }

    @Test func aLongLastLineWithoutANewlineIsRefusedToo() throws {
        let input = Array((Self.good + "\n").utf8) + [UInt8](repeating: UInt8(ascii: "{"), count: RequestLineParser.maxLineBytes + 10)
        let lines = Self.lines(Self.run(input, chunk: 100_000).out)
        #expect(lines.count == 2 && lines[1].contains("line 2: the line is longer than"))
    }

    /// Eight megabytes of one line in 64 KiB chunks: a reader that scanned its pending
    /// bytes again for every chunk would scan about 512 MB here; this one scans 8 MB.
    @Test func aVeryLongLineIsSkippedInOnePass() throws {
        var input = [UInt8](repeating: UInt8(ascii: "a"), count: 8 << 20)
        input += [10] + Array((Self.good + "\n").utf8)
        let lines = Self.lines(Self.run(input, chunk: 65_536).out)
        #expect(lines.count == 2)
        #expect(lines[0].contains("line 1: the line is longer than") && lines[0].count < 200)
        #expect(lines[1].hasPrefix(#"{"bundle":"coins_70""#))
    }

    @Test func linesSplitAcrossChunksAreReadWhole() throws {
        // Chunks of 7 bytes cut every line several times; empty lines are still skipped.
        let input = Array((Self.good + "\n\n" + Self.good + "\r\n" + Self.good).utf8)
        let lines = Self.lines(Self.run(input, chunk: 7).out)
        #expect(lines.count == 3 && lines.allSatisfy { $0.hasPrefix(#"{"bundle":"coins_70""#) })
    }
}
