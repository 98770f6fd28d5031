import Coinage
import CoinageFoundation
import CoinageSyntax
import Foundation

/// `coinage-bench --check-throughput DIR [--runs N]`: the front end alone on one rules
/// directory, as `Pipeline.check` runs it before compiling.
///
/// Each run parses and checks the directory's files (read once, beforehand) the way
/// the suite's "parse + check" line does; the figure is the best of the runs, in
/// seconds and in megabytes of rule text a second, with the parse alone beside it.
enum CheckThroughput {
    static func run(directory: String, runs: Int) throws {
        let sources = try RulesDirectory.load(directory)
        let bytes = sources.files.reduce(0) { $0 + $1.bytes.count }
        var best = Double.infinity
        var bestParse = Double.infinity
        var promotions = 0
        for _ in 0..<max(1, runs) {
            let parseStart = ContinuousClock.now
            let parsed = ParsedSources(sources)
            bestParse = min(bestParse, seconds(ContinuousClock.now - parseStart))
            _ = parsed
            let start = ContinuousClock.now
            let result = Checker.check(ParsedSources(sources), zones: SystemTimeZones())
            best = min(best, seconds(ContinuousClock.now - start))
            guard let rules = result.ruleSet else {
                throw BenchmarkError(description: "\(directory) does not check: \(result.diagnostics.first?.message ?? "")")
            }
            promotions = rules.promotions.count
        }
        let megabytes = Double(bytes) / 1_000_000
        print(String(format: "%@: %.2f MB of rules, %d promotions", directory, megabytes, promotions))
        print(String(format: "parse + check %.4f s = %.1f MB/s (best of %d); parse alone %.4f s = %.1f MB/s",
                     best, megabytes / best, max(1, runs), bestParse, megabytes / bestParse))
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
