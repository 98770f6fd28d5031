import Coinage
import CoinageFoundation
import CoinageSyntax
import Foundation

// coinage-bench: measures Coinage in a release build. See Docs/Performance.md.
//
//   swift run -c release coinage-bench                    # the whole suite
//   swift run -c release coinage-bench --rules DIR --requests FILE
//   swift run -c release coinage-bench --write-generated N --to DIR   # a generated shop and its requests
//   swift run -c release coinage-bench --rule-test-requests DIR      # the requests of the rules' test blocks, as batch lines
//   swift run -c release coinage-bench --instructions [--compare BASELINE.json] [--write-baseline FILE]

// The allocator as the `coinage` program sets it, so the front end is measured as it runs there.
ProcessAllocator.mergeFreedBlocksAtOnce()
let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

do {
    if let rules = option("--rules") {
        guard let requests = option("--requests") else {
            FileHandle.standardError.write(Data("error: `--rules` needs `--requests FILE` too\nusage: coinage-bench [--rules DIR --requests FILE]\n".utf8))
            exit(2)
        }
        if let loop = option("--loop") {
            guard let quotes = Int(loop), quotes > 0 else {
                FileHandle.standardError.write(Data("error: `--loop` takes a number of quotes, found `\(loop)`\n".utf8))
                exit(2)
            }
            try InstructionCounts.loop(rules: rules, requests: requests, quotes: quotes, byHand: arguments.contains("--by-hand"),
                                         resolved: arguments.contains("--resolved"))
        } else {
            try Benchmarks.custom(rules: rules, requests: requests)
        }
    } else if let directory = option("--check-throughput") {
        try CheckThroughput.run(directory: directory, runs: option("--runs").flatMap(Int.init) ?? 5)
    } else if arguments.first == "--instructions" {
        let figures = try InstructionCounts.measure()
        InstructionCounts.print(figures)
        if let path = option("--write-baseline") {
            try InstructionCounts.json(figures).write(toFile: path, atomically: true, encoding: .utf8)
            print("wrote \(path)")
        }
        if let path = option("--compare") {
            let regressions = try InstructionCounts.regressions(figures, baseline: path)
            if !regressions.isEmpty {
                FileHandle.standardError.write(Data(regressions.map { "error: \($0)\n" }.joined().utf8))
                exit(1)
            }
        }
    } else if let count = option("--write-generated").flatMap(Int.init), let directory = option("--to") {
        try Benchmarks.writeGenerated(promotions: count, to: directory)
    } else if let directory = option("--rule-test-requests") {
        let rules = try Benchmarks.load(directory).rules
        print(RuleTestRequests.lines(rules).joined(separator: "\n"))
    } else if arguments.isEmpty || arguments == ["--quick"] {
        try Benchmarks.suite(quick: arguments == ["--quick"])
    } else {
        FileHandle.standardError.write(Data("error: unexpected arguments \(arguments)\nusage: coinage-bench [--quick] [--rules DIR --requests FILE [--loop N [--by-hand] [--resolved]]] [--write-generated N --to DIR] [--rule-test-requests DIR] [--instructions [--compare FILE] [--write-baseline FILE]]\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
