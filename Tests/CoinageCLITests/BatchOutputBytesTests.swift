import Coinage
@testable import CoinageCLI
import CoinageFoundation
@testable import CoinageIO
import CoinageSyntax
import Foundation
import Testing

/// `coinage quote --batch` writes the line writer's bytes: through `CapturedConsole`
/// (no `writeOutBytes`, so the bytes pass through a `String`) they arrive unchanged,
/// also across the 1 MiB flushes and for messages that need escaping or carry bytes
/// that are not UTF-8.
@Suite struct BatchOutputBytesTests {
    static let rules = Snapshot.fixture("promotions")
    static let now: Int64 = 1_795_000_000

    /// What the batch should write for `input`: its lines read, quoted and written by
    /// the library's own parser and writer, as `BatchQuoting` documents.
    static func expectedBytes(_ input: [UInt8]) throws -> [UInt8] {
        let loaded = try Pipeline.load(rulesDirectory: rules)
        let book = try #require(loaded.priceBook)
        let context = RequestLineParser.Context(rules: try #require(loaded.ruleSet))
        var writer = QuoteLineWriter(capacity: 64)
        for (index, raw) in input.split(separator: 10, omittingEmptySubsequences: false).enumerated() {
            var line = raw
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            guard line.contains(where: { $0 != 32 && $0 != 9 }) else { continue }
            switch RequestLineParser.parse(line, context: context, now: now) {
            case .failure(let error): writer.writeInvalidRequest(error.message, line: index + 1)
            case .success(let request):
                switch book.quote(request) {
                case .success(let quote): writer.write(quote)
                case .failure(let error): writer.write(error)
                }
            }
        }
        return writer.buffer
    }

    /// Runs the batch on `input` through a captured console, its input in chunks of
    /// `chunk` bytes.
    static func run(_ input: [UInt8], chunk: Int = 1 << 16) -> (status: ExitCode, output: String, errors: String) {
        let captured = CapturedConsole(input: nil, now: now)
        var console = captured.console
        var offset = 0
        console.readInput = {
            guard offset < input.count else { return nil }
            defer { offset += chunk }
            return Array(input[offset..<min(offset + chunk, input.count)])
        }
        let status = CoinageCLI.run(["quote", "--batch", "--rules", rules], console: console)
        return (status, captured.output, captured.errors)
    }

    /// Lines of every kind: quotes, explained ones, custom amounts, refusals, malformed
    /// lines with quotes, backslashes, control characters, non-ASCII text and a byte
    /// that is not UTF-8 in their messages, blank lines and CRLF ends.
    static let mixedLines: [[UInt8]] = [
        #"{"bundle":"coins_700","region":"DE","channel":"web","at":"2026-11-28T10:00:00Z"}"#,
        #"{"bundle":"coins_700","region":"US","channel":"ios","at":"2026-06-17","user":{"segment":"vip"},"codes":["vip2026"]}"#,
        #"{"coins":5000,"region":"US","channel":"web","at":"2026-11-29T12:00:00Z"}"#,
        #"{"bundle":"coins_70","region":"DE","channel":"web","at":"2026-06-17","explain":true}"#,
        #"{"bundle":"coins_7000","region":"US","channel":"web"}"#,
        #"{"bundle":"coins_70","region":"US","channel":"android"}"#,
        "",
        "  \t",
        #"{"bundle":"coins_70","region":"US","channel":"ios","user":{"segment":"whale"}}"# + "\r",
        #"{"a\"b\\c":1}"#,
        #"{"t\u0009b\u000a\u0001":1}"#,
        #"{"größe":1}"#,
        #"{"bundle":"coins_70","region":"US""#,
    ].map { Array($0.utf8) } + [Array(#"{""#.utf8) + [0xFF, 0xFE] + Array(#"":1}"#.utf8)]

    @Test func capturedOutputIsTheWritersBytes() throws {
        let input = Self.mixedLines.joined(separator: [10]).map { $0 }
        let expected = try Self.expectedBytes(input)
        for chunk in [5, 1 << 16] {
            let result = Self.run(input, chunk: chunk)
            #expect(result.status == .failure && result.errors.isEmpty)
            #expect(Array(result.output.utf8) == expected, "chunks of \(chunk)")
        }
        let lines = String(decoding: expected, as: UTF8.self).split(separator: "\n")
        // Thirteen lines of text and one with bytes that are not UTF-8, two of them blank.
        #expect(lines.count == 12)
        #expect(lines.contains { $0.contains(#"unknown key `a\"b\\c`"#) })
        #expect(lines.contains { $0.contains(#"unknown key `t\u0009b\u000a\u0001`"#) })
        #expect(lines.contains { $0.contains("unknown key `größe`") })
        #expect(lines.last?.contains("unknown key `\u{FFFD}\u{FFFD}`") == true)
    }

    @Test func outputPastTheFlushSizeArrivesWholeAndInOrder() throws {
        // About 3,000 lines, explained ones among them: well over 1 MiB of output.
        var input: [UInt8] = []
        for index in 0..<3_000 {
            let line = index % 10 == 0
                ? #"{"bundle":"coins_700","region":"DE","channel":"web","at":"2026-11-28T10:00:00Z","explain":true}"#
                : #"{"coins":\#(100 + index),"region":"\#(index % 2 == 0 ? "US" : "DE")","channel":"web","at":"2026-06-17"}"#
            input += Array(line.utf8) + [10]
        }
        let expected = try Self.expectedBytes(input)
        #expect(expected.count > 1 << 20)
        let captured = Self.run(input)
        #expect(captured.status == .success)
        #expect(Array(captured.output.utf8) == expected)

        // A console that takes bytes gets the same bytes, in more than one write.
        var chunks: [[UInt8]] = []
        var text = ""
        var delivered = false
        let console = Console(writeOut: { text += $0 }, writeOutBytes: { chunks.append($0) }, writeError: { _ in },
                              readInput: {
                                  defer { delivered = true }
                                  return delivered ? nil : input
                              }, now: { Self.now })
        #expect(CoinageCLI.run(["quote", "--batch", "--rules", Self.rules], console: console) == .success)
        #expect(chunks.count >= 2 && text.isEmpty)
        #expect(chunks.joined().map { $0 } == expected)
    }

    /// Lines are quoted in blocks split over the cores: whatever the number of parts,
    /// the output is the same bytes, in input order, with the same line numbers in
    /// its refusals (a line past the length limit among them) and the same status.
    @Test func theOutputIsTheSameWhateverTheNumberOfParts() throws {
        var input: [UInt8] = []
        for index in 0..<5_000 {
            input += index == 2_500 ? Array(repeating: UInt8(ascii: "x"), count: RequestLineParser.maxLineBytes + 10)
                                    : Self.mixedLines[index % Self.mixedLines.count]
            input.append(10)
        }
        let loaded = try Pipeline.load(rulesDirectory: Self.rules)
        let rules = try #require(loaded.ruleSet)
        let book = try #require(loaded.priceBook)
        var outputs: [[UInt8]] = []
        for parts in [1, 2, 3, 8] {
            let captured = CapturedConsole(input: nil, now: Self.now)
            var console = captured.console
            var chunks: [[UInt8]] = []
            console.writeOutBytes = { chunks.append($0) }
            var offset = 0
            console.readInput = {
                guard offset < input.count else { return nil }
                defer { offset += 7_919 }
                return Array(input[offset..<min(offset + 7_919, input.count)])
            }
            #expect(BatchQuoting.run(rules, book: book, console: console, parts: parts) == .failure)
            outputs.append(chunks.joined().map { $0 })
        }
        #expect(outputs.allSatisfy { $0 == outputs[0] })
        let lines = String(decoding: outputs[0], as: UTF8.self).split(separator: "\n")
        #expect(lines.contains { $0.contains("line 2501: the line is longer than") }, "the long line keeps its number")
    }
}

