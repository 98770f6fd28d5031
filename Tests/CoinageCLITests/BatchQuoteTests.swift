import Coinage
import CoinageCLI
import CoinageFoundation
@testable import CoinageIO
import CoinageSyntax
import Foundation
import Testing

private let promotionsShop = Snapshot.fixture("promotions")

/// Runs `coinage` in-process with `input` on standard input and a fixed clock.
func runCoinageWithInput(_ arguments: [String], input: String, now: Int64 = 1_795_000_000)
    -> (status: ExitCode, out: String, err: String)
{
    let captured = CapturedConsole(input: input, now: now)
    let status = CoinageCLI.run(arguments, console: captured.console)
    return (status, captured.output, captured.errors)
}

/// `coinage quote --batch`: JSON lines in, one JSON line out per non-empty input line,
/// in order; a malformed or refused line gets an error object and the batch goes on;
/// the exit status is 1 when any line was refused.
@Suite struct BatchQuoteTests {
    /// Nine lines: four quotes, two empty or blank lines, a truncated line, an unknown
    /// bundle, an unknown channel.
    static let batch = [
        #"{"bundle":"coins_700","region":"DE","channel":"web","at":"2026-11-28T10:00:00Z"}"#,
        "",
        #"{"bundle":"coins_700","region":"US","channel":"ios","at":"2026-06-17","user":{"segment":"vip"},"codes":["vip2026"]}"#,
        #"{"bundle":"coins_700","region":"DE""#,
        #"{"bundle":"coins_7000","region":"US","channel":"web","at":"2026-06-17"}"#,
        "   \t",
        #"{"coins":5000,"region":"US","channel":"web","at":"2026-11-29T12:00:00Z"}"#,
        #"{"bundle":"coins_70","region":"US","channel":"android","at":"2026-06-17"}"#,
        #"{"bundle":"coins_70","region":"DE","channel":"web","at":"2026-06-17","explain":true}"#,
    ].joined(separator: "\n") + "\n"

    static func run(_ input: String, now: Int64 = 1_795_000_000) -> (status: ExitCode, out: String, err: String) {
        runCoinageWithInput(["quote", "--batch", "--rules", promotionsShop], input: input, now: now)
    }

    /// Each output line as a JSON object.
    static func objects(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not an object: \(line)")
        }
    }

    static func amount(_ object: [String: Any], _ key: String) -> String? {
        (object[key] as? [String: Any])?["amount"] as? String
    }

    static func error(_ object: [String: Any]) -> (code: String, message: String)? {
        guard let error = object["error"] as? [String: Any], let code = error["code"] as? String,
              let message = error["message"] as? String else { return nil }
        return (code, message)
    }

    @Test func orderIsKeptAndTheBatchGoesOnAfterRefusedLines() throws {
        let result = Self.run(Self.batch)
        // Two lines were refused by the reader or the engine (plus one malformed): status 1.
        #expect(result.status == .failure)
        #expect(result.err.isEmpty)
        let lines = try Self.objects(result.out)
        // Nine input lines, two of them empty or blank: seven output lines.
        try #require(lines.count == 7)

        // Line 1: Saturday 11:00 in Berlin, Black Friday. list 9.99 × 75% × 0.92 = 6.8931 EUR
        // → nearest 0.10 ending 0.09 → 6.89. 20% = 137.8 → 1.38, price 5.51; exclusive, so
        // the weekend bonus is cut: coins 700 + 100. Tax 19% included: 551 × 19/119 =
        // 87.97 → 0.88; net 4.63; fee 3% = 13.89 → 0.14; proceeds 4.49.
        #expect(lines[0]["bundle"] as? String == "coins_700" && lines[0]["region"] as? String == "DE")
        #expect(Self.amount(lines[0], "list") == "6.89" && Self.amount(lines[0], "price") == "5.51")
        #expect(lines[0]["applied"] as? [String] == ["black_friday"])
        #expect((lines[0]["coins"] as? [String: Any])?["total"] as? Int == 800)
        #expect(Self.amount(lines[0], "proceeds") == "4.49")

        // Line 3: VIP code in lower case on a Wednesday: 9.99 − 1.00 = 8.99 USD; tax 7.25%
        // added: 65.1775 → 0.65, total 9.64; fee 30% of 899 = 269.7 → 2.70; proceeds 6.29.
        #expect(lines[1]["applied"] as? [String] == ["vip_code"])
        #expect(Self.amount(lines[1], "price") == "8.99" && Self.amount(lines[1], "total") == "9.64")
        #expect(Self.amount(lines[1], "proceeds") == "6.29")

        // Line 4 is cut short: refused by the reader, with its line number.
        let malformed = try #require(Self.error(lines[2]))
        #expect(malformed.code == "invalid_request")
        #expect(malformed.message == "line 4: expected `,` or `}` (at the end of the line)")

        // Line 5: an unknown bundle, refused by the engine.
        #expect(Self.error(lines[3])?.code == "unknown_bundle")
        #expect(Self.error(lines[3])?.message == "unknown bundle `coins_7000`")
        #expect((lines[3]["error"] as? [String: Any])?["help"] as? String == "did you mean `coins_700`?")

        // Line 7: 5000 coins on a Sunday: list 5000 × 0.0141 × 75% = 52.875 → 52.88;
        // weekend bonus 10% of 5000 = 500 coins. Tax 5288 × 7.25% = 383.38 → 3.83.
        #expect(lines[4]["coinsRequested"] as? Int == 5_000 && lines[4]["custom"] as? String == "coins")
        #expect(Self.amount(lines[4], "list") == "52.88" && Self.amount(lines[4], "price") == "52.88")
        #expect(((lines[4]["tax"] as? [String: Any])?["amount"] as? [String: Any])?["amount"] as? String == "3.83")
        #expect((lines[4]["coins"] as? [String: Any])?["bonus"] as? Int == 500)
        #expect(lines[4]["applied"] as? [String] == ["weekend_bonus"])

        // Line 8: a channel the rules do not declare.
        #expect(Self.error(lines[5])?.code == "unknown_channel")

        // Line 9 asked for an explanation: every promotion, in walk order.
        let trace = try #require(lines[6]["trace"] as? [String: Any])
        let promotions = try #require(trace["promotions"] as? [[String: Any]])
        #expect(promotions.map { $0["promotion"] as? String } == ["black_friday", "vip_code", "weekend_bonus"])
        #expect(promotions.map { $0["reason"] as? String } == ["not_for_this_item", "missing_attribute", "outside_hours"])
        // 0.99 × 75% × 0.92 = 0.6831 → 0.69.
        #expect(Self.amount(lines[6], "price") == "0.69")
    }

    @Test func goldenBatchOutput() {
        let result = Self.run(Self.batch)
        #expect(result.status == .failure)
        Snapshot.expect(result.out, matches: "batch-promotions.jsonl")
    }

    @Test func aBatchWithoutRefusalsExitsZero() throws {
        let input = [
            #"{"bundle":"coins_70","region":"US","channel":"ios","at":"2026-06-17"}"#,
            #"{"coins":30,"region":"DE","channel":"web","at":"2026-06-17"}"#,
        ].joined(separator: "\n")
        let result = Self.run(input)
        #expect(result.status == .success && result.err.isEmpty)
        #expect(try Self.objects(result.out).count == 2)
    }

    @Test func emptyInputWritesNothing() {
        let empty = Self.run("")
        #expect(empty.status == .success && empty.out.isEmpty && empty.err.isEmpty)
        let blank = Self.run("\n\n  \n\t\n")
        #expect(blank.status == .success && blank.out.isEmpty)
    }

    @Test func crlfLineEndsAndALastLineWithoutNewline() throws {
        let input = #"{"bundle":"coins_70","region":"US","channel":"ios","at":"2026-06-17"}"# + "\r\n\r\n"
            + #"{"bundle":"coins_70","region":"US""# + "\r\n"
            + #"{"bundle":"coins_700","region":"US","channel":"ios","at":"2026-06-17"}"#
        let result = Self.run(input)
        let lines = try Self.objects(result.out)
        try #require(lines.count == 3)
        #expect(lines[0]["bundle"] as? String == "coins_70")
        // The empty line 2 counts: the cut-short line is line 3.
        #expect(Self.error(lines[1])?.message == "line 3: expected `,` or `}` (at the end of the line)")
        #expect(lines[2]["bundle"] as? String == "coins_700")
        #expect(result.status == .failure)
    }

    @Test func aLineWithoutAtUsesTheClock() throws {
        let line = #"{"bundle":"coins_700","region":"DE","channel":"web"}"#
        // 2026-11-28T10:00:00Z: Black Friday weekend.
        let friday = try Self.objects(Self.run(line, now: 1_795_860_000).out)
        #expect(friday.first?["applied"] as? [String] == ["black_friday"])
        // 2026-11-18T11:06:40Z (a Wednesday): nothing.
        let before = try Self.objects(Self.run(line, now: 1_795_000_000).out)
        #expect(before.first?["applied"] as? [String] == [])
    }

    @Test func manyLinesComeBackInOrder() throws {
        // 400 lines: custom amounts 100, 101, ... on web, every seventh line malformed,
        // every eleventh an unknown region; the i-th output answers the i-th line.
        var input: [String] = []
        for index in 0..<400 {
            if index % 7 == 3 { input.append(#"{"coins":"#) } else if index % 11 == 5 {
                input.append(#"{"coins":\#(100 + index),"region":"XX","channel":"web","at":"2026-06-17"}"#)
            } else {
                input.append(#"{"coins":\#(100 + index),"region":"\#(index % 2 == 0 ? "US" : "DE")","channel":"web","at":"2026-06-17"}"#)
            }
        }
        let result = Self.run(input.joined(separator: "\n"))
        let lines = try Self.objects(result.out)
        try #require(lines.count == 400)
        for (index, line) in lines.enumerated() {
            if index % 7 == 3 {
                #expect(Self.error(line)?.code == "invalid_request")
                #expect(Self.error(line)?.message.hasPrefix("line \(index + 1): ") == true)
            } else if index % 11 == 5 {
                #expect(Self.error(line)?.code == "unknown_region")
            } else {
                #expect(line["coinsRequested"] as? Int == 100 + index, "line \(index + 1)")
                #expect(line["region"] as? String == (index % 2 == 0 ? "US" : "DE"))
            }
        }
        #expect(result.status == .failure)
    }

    @Test func linesSplitAcrossReadsAreJoined() throws {
        // Standard input arrives in chunks that cut lines (and characters) anywhere.
        let input = Array(Self.batch.utf8)
        for size in [1, 7, 64] {
            let captured = CapturedConsole(input: nil, now: 1_795_000_000)
            var console = captured.console
            var offset = 0
            console.readInput = {
                guard offset < input.count else { return nil }
                defer { offset += size }
                return Array(input[offset..<min(offset + size, input.count)])
            }
            let status = CoinageCLI.run(["quote", "--batch", "--rules", promotionsShop], console: console)
            #expect(status == .failure)
            #expect(captured.output == Self.run(Self.batch).out, "chunks of \(size)")
        }
    }

    @Test func eachLineIsTheLibrarysQuoteAsJSON() throws {
        // The fast line writer and the document builder agree, value for value.
        let loaded = try Pipeline.load(rulesDirectory: promotionsShop)
        let rules = try #require(loaded.ruleSet)
        let book = try #require(loaded.priceBook)
        let input = Self.batch.split(separator: "\n").filter { $0.contains(where: { !$0.isWhitespace }) }
        let output = try Self.objects(Self.run(Self.batch).out)
        try #require(input.count == output.count)
        for (line, written) in zip(input, output) {
            guard case .success(let request) = RequestLineParser.parse(Array(line.utf8)[...], rules: rules, now: 1_795_000_000)
            else { continue }
            let expected: String = switch book.quote(request) {
            case .success(let quote): QuoteJSON.quote(quote).serialized()
            case .failure(let error): QuoteJSON.error(error).serialized()
            }
            let object = try #require(JSONSerialization.jsonObject(with: Data(expected.utf8)) as? NSDictionary)
            #expect(object == written as NSDictionary, "\(line)")
        }
    }

    @Test func batchTakesNoSingleQuoteArguments() {
        let positional = runCoinageWithInput(["quote", "coins_70", "--batch", "--rules", promotionsShop], input: "")
        #expect(positional.status == .usage && positional.out.isEmpty)
        let region = runCoinageWithInput(["quote", "--batch", "--region", "DE", "--rules", promotionsShop], input: "")
        #expect(region.status == .usage && region.err.contains("--region"))
    }
}
