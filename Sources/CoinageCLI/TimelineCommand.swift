import CoinageIO
import Coinage
import CoinageFoundation
import CoinagePictures
import CoinageSyntax

/// `coinage timeline [--from DATE] [--to DATE] [--region R]... [--format html|svg|text]`:
/// the promotions' calendar over a range, as a page, a picture or text.
enum TimelineCommand: Command {
    static let name = "timeline"
    static let summary = "Draw the promotions' calendar over a date range (HTML, SVG or text)"
    static let usage = "coinage timeline [--from DATE] [--to DATE] [--region R]... [--format html|svg|text]"
    static let options: [OptionSpec] = [
        .value(.rules, "DIR", "the rules directory (default: ./rules)"),
        .value(.from, "DATE", "the first instant drawn, e.g. 2026-11-23 (default: today, UTC)"),
        .value(.to, "DATE", "the last day drawn (a date counts whole), or an instant (default: four weeks on)"),
        .value(.region, "R", repeatable: true, "only this region (repeatable; default: every region)"),
        .value(.format, "FORMAT", choices: ["html", "svg", "text"], "html (default), svg or text"),
    ]

    /// Days drawn when `--to` is not given.
    static let defaultDays: Int64 = 28

    static func run(_ arguments: ParsedArguments, console: Console) -> ExitCode {
        guard arguments.positionals.isEmpty else {
            return CoinageCLI.usageError(.unexpectedArgument(arguments.positionals[0]), usage: usage, console: console)
        }
        let from: Int64
        let to: Int64
        do {
            let today = console.now() / 86_400 * 86_400
            from = try arguments.instant(.from) ?? today
            // A bare date as the end includes that day: `--to 2026-11-30` draws the 30th.
            let end = try arguments.instant(.to)
            let wholeDay = arguments.value(.to).map(isDate) ?? false
            to = end.map { wholeDay ? $0 + 86_400 : $0 } ?? from + defaultDays * 86_400
        } catch {
            return CoinageCLI.usageError(error, usage: usage, console: console)
        }
        if let error = Timeline.validate(from: from, to: to) { return rangeError(error, console: console) }
        let directory = arguments.value(.rules) ?? "rules"
        let loaded: LoadedRules
        switch RulesLoading.compiled(directory, console: console) {
        case .success(let rules): loaded = rules
        case .failure(let status): return status
        }
        let regions = arguments.allValues(.region)
        for region in regions where loaded.rules.region(region) == nil {
            let help = Suggestion.help(for: region, among: loaded.rules.regions.map(\.code))
            return CoinageCLI.usageError(.unknownName(kind: "region", name: region, help: help), usage: usage, console: console)
        }
        let timeline: Timeline
        do {
            timeline = try Timeline(loaded.rules, book: loaded.book, from: from, to: to, regions: regions)
        } catch {
            // Validated above; kept so a range error is never a trap.
            return rangeError(error, console: console)
        }
        switch arguments.value(.format) ?? "html" {
        case "svg": console.writeOut(TimelineChart.svg(timeline).standalone())
        case "text": console.writeText(TimelineText.text(timeline))
        default: console.writeOut(TimelinePage.html(timeline, rules: directory))
        }
        return .success
    }

    /// A range that cannot be drawn is a wrong command line: status 2.
    static func rangeError(_ error: Timeline.RangeError, console: Console) -> ExitCode {
        console.writeError("error: \(error.message)\nhelp: \(error.help)\nusage: \(usage)\n")
        return .usage
    }

    /// True for `2026-11-30`: a date without a time.
    static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 10 && bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-")
    }
}
