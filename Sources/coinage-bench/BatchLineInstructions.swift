import Foundation

/// Instructions per line of `coinage quote --batch`, counted by callgrind: reading,
/// quoting and writing a line, end to end, in the release `coinage` binary beside
/// this program.
///
/// The binary runs twice under callgrind, on `linesPerRun` request lines and on
/// twice as many, with every instruction of the process counted; the difference over
/// the extra lines is the cost of a line. Both runs load the rules and meet every
/// region's time zone (the zone database is read on demand), so neither fixed cost
/// counts. Threads do not change the count much: the parts of a block run the same
/// code whichever core they land on.
enum BatchLineInstructions {
    /// Lines of the shorter run: four blocks, each split over the cores; enough that
    /// the threads' scheduling moves the count by well under 1%.
    static let linesPerRun = 4_096

    /// Instructions per batch line of `rules` on the lines of `requests` (repeated to
    /// `linesPerRun`).
    static func count(rules: String, requests: String, scratch: String) throws -> Double {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("coinage").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchmarkError(description: "no `coinage` beside `coinage-bench` at \(binary): build it with `swift build -c release --product coinage`")
        }
        let lines = try String(contentsOfFile: requests, encoding: .utf8).split(separator: "\n")
        guard !lines.isEmpty else { throw BenchmarkError(description: "`\(requests)` holds no request") }
        func write(_ count: Int, to path: String) throws {
            try ((0..<count).map { lines[$0 % lines.count] }.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        try write(linesPerRun, to: scratch + "/batch-short.jsonl")
        try write(2 * linesPerRun, to: scratch + "/batch-long.jsonl")
        let short = try total(binary, rules: rules, input: scratch + "/batch-short.jsonl", scratch: scratch)
        let long = try total(binary, rules: rules, input: scratch + "/batch-long.jsonl", scratch: scratch)
        return (long - short) / Double(linesPerRun)
    }

    /// Every instruction of one `coinage quote --batch` run on `input`.
    private static func total(_ binary: String, rules: String, input: String, scratch: String) throws -> Double {
        try InstructionCounts.callgrindTotal([binary, "quote", "--batch", "--rules", rules], stdin: input, scratch: scratch)
    }
}
