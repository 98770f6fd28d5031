import Coinage
import CoinageFoundation
import CoinageSyntax

/// `coinage quote BUNDLE --region R [--channel C] [--json] [--explain]`
/// and `coinage quote N coins --region R ...` for a custom amount.
enum QuoteCommand: Command {
    static let name = "quote"
    static let summary = "Quote a bundle or a custom amount of coins in a region"
    static let usage = "coinage quote (BUNDLE | N coins) --region R [--channel C] [--json] [--explain]"
    static let options: [OptionSpec] = [
        .value("--rules", "DIR", "the rules directory (default: ./rules)"),
        .value("--region", "R", "the buyer's region, e.g. DE (required)"),
        .value("--channel", "C", "the sales channel, e.g. web (required when the rules declare channels)"),
        .flag("--json", "print the quote as JSON"),
        .flag("--explain", "show how the price was found"),
    ]

    static func run(_ arguments: ParsedArguments, console: Console) -> ExitCode {
        let request: QuoteRequest
        do {
            request = try self.request(arguments)
        } catch {
            return CoinageCLI.usageError(error, usage: usage, console: console)
        }
        let book: PriceBook
        switch RulesLoading.priceBook(arguments.value("--rules") ?? "rules", console: console) {
        case .success(let loaded): book = loaded
        case .failure(let status): return status
        }
        let json = arguments.flag("--json")
        switch book.quote(request) {
        case .success(let quote):
            console.writeOut(json ? QuoteJSON.quote(quote).serialized(pretty: true) + "\n" : QuoteText.quote(quote))
            return .success
        case .failure(let error):
            RulesLoading.report(error, json: json, console: console)
            return .failure
        }
    }

    private static func request(_ arguments: ParsedArguments) throws(UsageError) -> QuoteRequest {
        let item: QuoteRequest.Item
        switch arguments.positionals.count {
        case 1:
            item = .bundle(arguments.positionals[0])
        case 2 where ["coins", "coin"].contains(arguments.positionals[1]):
            let text = arguments.positionals[0]
            guard let value = Lexer.positiveWholeNumber(text) else {
                throw .invalidValue(option: "N", value: text, reason: "a custom amount is a whole number of coins, e.g. `5000` or `5_000`")
            }
            item = .coins(value)
        case 0:
            throw .missingArgument("what to quote: a bundle name, or `N coins`")
        default:
            throw .unexpectedArgument(arguments.positionals[arguments.positionals.count == 2 ? 1 : 2])
        }
        guard let region = arguments.value("--region") else { throw .missingArgument("`--region`") }
        return QuoteRequest(item: item, region: region, channel: arguments.value("--channel"),
                            explain: arguments.flag("--explain"))
    }
}
