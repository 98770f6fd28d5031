import Coinage
import CoinageFoundation
import CoinageJSON
import Foundation

/// Instructions per quote, counted by callgrind: figures that do not move with the
/// machine or its load, so a stored baseline can be compared anywhere.
///
/// Each measured set is quoted in a child process (`coinage-bench --rules DIR
/// --requests FILE --loop N`) under `valgrind --tool=callgrind`, collecting only
/// inside `PriceBook.quoted`; the total divided by the quotes made is the count.
enum InstructionCounts {
    /// Quotes per measured set: enough to average over every request kind, few
    /// enough for callgrind's slowdown.
    static let quotesPerSet = 4_096
    /// How much a count may grow against the baseline before `--compare` fails.
    static let allowedGrowth = 0.03
    /// Callgrind's function-name pattern for `PriceBook.quoted` of a `QuoteRequest`,
    /// the fast path the bench times (the mangled prefix). Each overload has its
    /// own: callgrind toggles collection at each entry and exit, and the quote of a
    /// `QuoteRequest` calls the one of its resolved request.
    static let quoteSymbol = "$s13CoinageEngine9PriceBookV6quotedyAA5QuoteV0A7Checker0F7RequestV*"
    /// The same for `PriceBook.quoted` of a `ResolvedRequest`.
    static let resolvedQuoteSymbol = "$s13CoinageEngine9PriceBookV6quotedyAA5QuoteVAA15ResolvedRequestV*"
    /// The hand-written quote of a resolved request alone.
    static let handWrittenQuoteSymbol = "$s13coinage_bench15HandWrittenShopV5quote*"
    /// The same for the hand-written quote of `rules/`: `HandWrittenShop.resolve`,
    /// then `quote` of the resolved request (called one after the other, never nested,
    /// since callgrind toggles collection at each entry and exit).
    static let handWrittenSymbols = ["$s13coinage_bench15HandWrittenShopV7resolve*", "$s13coinage_bench15HandWrittenShopV5quote*"]

    struct Figure {
        let set: String
        let instructionsPerQuote: Double
    }

    /// Counts every set: `rules/` in every cell, and the generated 20-promotion set;
    /// then a line of `quote --batch` on `rules/`, end to end.
    static func measure() throws -> [Figure] {
        // The children hash with a fixed seed, so dictionaries probe alike in every run.
        setenv("SWIFT_DETERMINISTIC_HASHING", "1", 1)
        let scratch = NSTemporaryDirectory() + "coinage-bench-instructions"
        try? FileManager.default.removeItem(atPath: scratch)
        try FileManager.default.createDirectory(atPath: scratch + "/generated-20", withIntermediateDirectories: true)
        let sampleRules = FileManager.default.fileExists(atPath: "rules") ? "rules" : "../rules"
        let sample = try Benchmarks.load(sampleRules)
        let cells = Benchmarks.allCells(sample.rules).map(\.jsonLine).joined(separator: "\n") + "\n"
        try cells.write(toFile: scratch + "/rules.jsonl", atomically: true, encoding: .utf8)
        try Benchmarks.writeGenerated(promotions: 20, to: scratch + "/generated-20", quiet: true)
        let generated = (rules: scratch + "/generated-20", requests: scratch + "/generated-20/requests.jsonl")
        return [
            Figure(set: "rules/", instructionsPerQuote: try count(rules: sampleRules, requests: scratch + "/rules.jsonl", scratch: scratch)),
            Figure(set: "rules/ by hand", instructionsPerQuote: try count(rules: sampleRules, requests: scratch + "/rules.jsonl",
                                                                           scratch: scratch, byHand: true)),
            Figure(set: "20 promotions", instructionsPerQuote: try count(rules: generated.rules, requests: generated.requests, scratch: scratch)),
            Figure(set: "rules/ resolved", instructionsPerQuote: try count(rules: sampleRules, requests: scratch + "/rules.jsonl",
                                                                            scratch: scratch, resolved: true)),
            Figure(set: "rules/ resolved by hand", instructionsPerQuote: try count(rules: sampleRules, requests: scratch + "/rules.jsonl",
                                                                                    scratch: scratch, byHand: true, resolved: true)),
            Figure(set: "20 promotions resolved", instructionsPerQuote: try count(rules: generated.rules, requests: generated.requests,
                                                                                   scratch: scratch, resolved: true)),
            Figure(set: "batch line, rules/", instructionsPerQuote: try BatchLineInstructions.count(rules: sampleRules,
                                                                                                     requests: scratch + "/rules.jsonl",
                                                                                                     scratch: scratch)),
            // Each line its own instant and buyer, in two shapes (with codes and
            // without), as a shop's batch of purchases comes.
            Figure(set: "batch line, 20 promotions", instructionsPerQuote: try BatchLineInstructions.count(rules: generated.rules,
                                                                                                            requests: generated.requests,
                                                                                                            scratch: scratch)),
        ]
    }

    /// Instructions per quote of one set, from a callgrind run of the loop mode.
    ///
    /// `resolved` counts the quote of requests resolved before the loop (the engine's
    /// `PriceBook.resolve`, the hand-written `resolve`): the quote alone, from indices.
    static func count(rules: String, requests: String, scratch: String, byHand: Bool = false, resolved: Bool = false) throws -> Double {
        let total = try callgrindTotal(
            (byHand ? (resolved ? [handWrittenQuoteSymbol] : handWrittenSymbols) : [resolved ? resolvedQuoteSymbol : quoteSymbol])
                .map { "--toggle-collect=\($0)" }
                + [CommandLine.arguments[0], "--rules", rules, "--requests", requests, "--loop", String(quotesPerSet)]
                + (byHand ? ["--by-hand"] : []) + (resolved ? ["--resolved"] : []),
            stdin: "/dev/null", scratch: scratch)
        return total / Double(quotesPerSet)
    }

    /// Runs `arguments` (callgrind's options, then the program and its arguments)
    /// under callgrind with `stdin` as standard input, and returns the instructions
    /// it counted.
    static func callgrindTotal(_ arguments: [String], stdin: String, scratch: String) throws -> Double {
        let output = scratch + "/callgrind.out"
        try? FileManager.default.removeItem(atPath: output)
        let (status, _) = try Benchmarks.spawnAndWait(
            "/usr/bin/env", ["valgrind", "--tool=callgrind", "--callgrind-out-file=\(output)"] + arguments,
            stdin: stdin, stdout: "/dev/null", stderr: scratch + "/valgrind.log")
        guard status == 0, let text = try? String(contentsOfFile: output, encoding: .utf8) else {
            let log = (try? String(contentsOfFile: scratch + "/valgrind.log", encoding: .utf8)) ?? ""
            throw BenchmarkError(description: "callgrind did not run (exit \(status)); is valgrind installed?\n\(log.suffix(600))")
        }
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("totals:") || $0.hasPrefix("summary:") }),
              let total = Double(line.split(separator: " ").last ?? "") else {
            throw BenchmarkError(description: "no totals in \(output)")
        }
        return total
    }

    /// `--loop N`: quotes N requests from the file, once each, without timing: the
    /// child process callgrind counts.
    /// With `resolved`, the requests are resolved before the loop, which quotes them.
    static func loop(rules: String, requests path: String, quotes: Int, byHand: Bool, resolved: Bool) throws {
        let shop = try Benchmarks.load(rules)
        let requests = try Benchmarks.readRequests(path, rules: shop.rules)
        var checksum: Int64 = 0
        if byHand {
            guard let hand = HandWrittenShop(rules: shop.rules, book: shop.book) else {
                throw BenchmarkError(description: "the hand-written quote is written for rules/ only")
            }
            if resolved {
                let prepared = requests.compactMap(hand.resolve)
                for index in 0..<quotes { checksum &+= hand.quote(prepared[index % prepared.count]).total }
                if checksum == 42 { Swift.print("") }
                return
            }
            for index in 0..<quotes {
                if let resolved = hand.resolve(requests[index % requests.count]) { checksum &+= hand.quote(resolved).total }
            }
            if checksum == 42 { Swift.print("") }
            return
        }
        if resolved {
            let prepared = requests.compactMap { try? shop.book.resolve($0).get() }
            for index in 0..<quotes { checksum &+= (try? shop.book.quoted(prepared[index % prepared.count]))?.totalMinor ?? 0 }
            if checksum == 42 { Swift.print("") }
            return
        }
        for index in 0..<quotes { checksum &+= (try? shop.book.quoted(requests[index % requests.count]))?.totalMinor ?? 0 }
        if checksum == 42 { Swift.print("") }
    }

    static func print(_ figures: [Figure]) {
        Swift.print("instructions per quote (callgrind, PriceBook.quoted inclusive); per batch line (the whole process)")
        for figure in figures { Swift.print(String(format: "  %@: %.0f", figure.set, figure.instructionsPerQuote)) }
        if let engine = figures.first(where: { $0.set == "rules/" }), let hand = figures.first(where: { $0.set == "rules/ by hand" }) {
            Swift.print(String(format: "  the engine's quote of rules/ takes %.2f× the instructions of the hand-written one", engine.instructionsPerQuote / hand.instructionsPerQuote))
        }
        if let engine = figures.first(where: { $0.set == "rules/ resolved" }),
           let hand = figures.first(where: { $0.set == "rules/ resolved by hand" }) {
            Swift.print(String(format: "  from resolved requests, %.2f×", engine.instructionsPerQuote / hand.instructionsPerQuote))
        }
    }

    /// The figures as a baseline file: `{"rules/": 3389, ...}`.
    static func json(_ figures: [Figure]) -> String {
        JSONValue.object(figures.map { ($0.set, .integer(Int64($0.instructionsPerQuote.rounded()))) }).serialized(pretty: true) + "\n"
    }

    /// Compares with a stored baseline: the sets whose count grew by more than
    /// `allowedGrowth`, as lines to print (empty: none).
    static func regressions(_ figures: [Figure], baseline path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw BenchmarkError(description: "cannot read the baseline `\(path)`: a JSON object of set names and instruction counts")
        }
        var lines: [String] = []
        for figure in figures {
            guard let stored = (object[figure.set] as? NSNumber)?.doubleValue else {
                lines.append("\(figure.set): not in the baseline")
                continue
            }
            let growth = figure.instructionsPerQuote / stored - 1
            let verdict = growth > allowedGrowth ? "REGRESSED" : "ok"
            Swift.print(String(format: "  %@: %.0f against %.0f (%+.1f%%) %@", figure.set, figure.instructionsPerQuote, stored, growth * 100, verdict))
            if growth > allowedGrowth {
                lines.append(String(format: "%@: %.0f instructions, %.1f%% more than the baseline's %.0f (at most %.0f%% allowed)",
                                    figure.set, figure.instructionsPerQuote, growth * 100, stored, allowedGrowth * 100))
            }
        }
        return lines
    }
}
