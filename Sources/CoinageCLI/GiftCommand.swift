import CoinageIO
import Coinage
import CoinageFoundation
import CoinageSyntax

/// `coinage gift NAME [--count N] [--region R] [--json]`
enum GiftCommand: Command {
    static let name = "gift"
    static let summary = "Show what gifts cost a viewer and earn a creator"
    static let usage = "coinage gift NAME [--count N] [--region R] [--json]"
    static let options: [OptionSpec] = [
        .value(.rules, "DIR", "the rules directory (default: ./rules)"),
        .value(.count, "N", "how many gifts (default: 1)"),
        .value(.region, "R", "show local cash and the viewer's cost in this region"),
        .flag(.json, "print the result as JSON"),
    ]

    static func run(_ arguments: ParsedArguments, console: Console) -> ExitCode {
        guard arguments.positionals.count == 1 else {
            let error: UsageError = arguments.positionals.isEmpty
                ? .missingArgument("the gift's name") : .unexpectedArgument(arguments.positionals[1])
            return CoinageCLI.usageError(error, usage: usage, console: console)
        }
        var count: Int64 = 1
        if let text = arguments.value(.count) {
            guard let value = Lexer.positiveWholeNumber(text) else {
                return CoinageCLI.usageError(.invalidValue(option: Option.count.name, value: text, reason: "give a whole number of 1 or more"),
                                             usage: usage, console: console)
            }
            count = value
        }
        let book: PriceBook
        switch RulesLoading.compiled(arguments.value(.rules) ?? "rules", console: console) {
        case .success(let loaded): book = loaded.book
        case .failure(let status): return status
        }
        let json = arguments.flag(.json)
        switch book.giftQuote(arguments.positionals[0], count: count, region: arguments.value(.region)) {
        case .success(let quote):
            if json {
                console.writeOut(QuoteJSON.gift(quote).serialized(pretty: true) + "\n")
            } else {
                console.writeText(QuoteText.render(quote, unit: book.unit))
            }
            return .success
        case .failure(let error) where error.kind == .unknownGift || error.kind == .unknownRegion:
            // A name on the command line that the rules do not declare is a usage error (2);
            // a gift the rules cannot price is a refusal (1).
            let kind = error.kind == .unknownGift ? "gift" : "region"
            let name = error.kind == .unknownGift ? arguments.positionals[0] : arguments.value(.region) ?? ""
            return CoinageCLI.usageError(.unknownName(kind: kind, name: name, help: error.help), usage: usage, console: console)
        case .failure(let error):
            RulesLoading.report(error, json: json, console: console)
            return .failure
        }
    }
}
