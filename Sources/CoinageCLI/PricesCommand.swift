import CoinageIO
import Coinage
import CoinageFoundation
import CoinagePictures
import CoinageSyntax

/// `coinage prices [--channel C] [--format table|csv|json|markdown|html]`: the list-price
/// matrix, regions down and bundles across, one table per channel; `html` draws it as
/// price ladders (Docs/Pictures.md).
enum PricesCommand: Command {
    static let name = "prices"
    static let summary = "Print every list price: bundles × regions, per channel"
    static let usage = "coinage prices [--channel C] [--format table|csv|json|markdown|html]"
    static let options: [OptionSpec] = [
        .value(.rules, "DIR", "the rules directory (default: ./rules)"),
        .value(.channel, "C", "only this channel"),
        .value(.format, "FORMAT", choices: ["table", "csv", "json", "markdown", "html"], "table (default), csv, json, markdown or html"),
    ]

    typealias Cell = PriceMatrix.Cell

    static func run(_ arguments: ParsedArguments, console: Console) -> ExitCode {
        guard arguments.positionals.isEmpty else {
            return CoinageCLI.usageError(.unexpectedArgument(arguments.positionals[0]), usage: usage, console: console)
        }
        let rules: RuleSet
        let book: PriceBook
        switch RulesLoading.compiled(arguments.value(.rules) ?? "rules", console: console) {
        case .success(let loaded): (rules, book) = (loaded.rules, loaded.book)
        case .failure(let status): return status
        }
        var channels: [String?] = rules.channels.isEmpty ? [nil] : rules.channels.map(\.name)
        if let wanted = arguments.value(.channel) {
            // A filter naming nothing in the rules is a wrong command line (2), not broken rules (1).
            guard rules.channel(wanted) != nil else {
                let help = rules.channels.isEmpty ? "the rules declare no channels; leave out `--channel`"
                                                  : Suggestion.help(for: wanted, among: rules.channels.map(\.name))
                return CoinageCLI.usageError(.unknownName(kind: "channel", name: wanted, help: help), usage: usage, console: console)
            }
            channels = [wanted]
        }
        let cells = PriceMatrix.cells(rules, book: book, channels: channels)
        switch arguments.value(.format) ?? "table" {
        case "csv": console.writeOut(PriceTables.csv(cells))
        case "json": console.writeOut(PriceTables.json(cells))
        case "markdown": console.writeText(PriceTables.markdown(cells, bundles: rules.bundles, channels: channels))
        case "html":
            let ladder = PriceLadder(cells, rules: rules, channels: channels)
            console.writeOut(PricePage.html(ladder, rules: arguments.value(.rules) ?? "rules", bundles: rules.bundles.count))
        default: console.writeText(PriceTables.table(cells, bundles: rules.bundles, channels: channels))
        }
        return .success
    }
}
