import CoinageIO
import Coinage
import CoinageFoundation
import CoinageSyntax

/// `coinage quote BUNDLE --region R [--channel C] [--at T] [--user K=V] [--code X] [--json] [--explain]`,
/// `coinage quote N coins --region R ...` for a custom amount, and
/// `coinage quote --batch` for JSON lines in, JSON lines out.
enum QuoteCommand: Command {
    static let name = "quote"
    static let summary = "Quote a bundle or a custom amount of coins, one or a batch"
    static let usage = "coinage quote (BUNDLE | N coins) --region R [--channel C] [--at T] [--user K=V]... [--code X]... [--json] [--explain]\n       coinage quote --batch < requests.jsonl > quotes.jsonl"
    static let options: [OptionSpec] = [
        .value(.rules, "DIR", "the rules directory (default: ./rules)"),
        .value(.region, "R", "the buyer's region, e.g. DE (required)"),
        .value(.channel, "C", "the sales channel, e.g. web (required when the rules declare channels)"),
        .value(.at, "T", "the instant, e.g. 2026-11-28T10:00Z, 2026-11-28, or \"2026-11-28T19:00 local\" in the region's zone (default: now)"),
        .value(.user, "K=V", repeatable: true, "a fact about the buyer, e.g. segment=vip (repeatable)"),
        .value(.code, "X", repeatable: true, "a promotion code the buyer entered (repeatable)"),
        .value(.arm, "EXPERIMENT=ARM", repeatable: true, "price in this arm of an experiment, for QA (repeatable)"),
        .flag(.json, "print the quote as JSON"),
        .flag(.explain, "show how the price was found and why each promotion applied or not"),
        .flag(.batch, "read JSON request lines on standard input, write one JSON line per request"),
    ]

    static func run(_ arguments: ParsedArguments, console: Console) -> ExitCode {
        if arguments.flag(.batch) {
            let single = [Option.region, .channel, .at, .user, .code, .arm].filter { !arguments.allValues($0).isEmpty }
                + [Option.json, .explain].filter { arguments.flag($0) }
            if let first = arguments.positionals.first {
                return CoinageCLI.usageError(.unexpectedArgument(first), usage: usage, console: console)
            }
            if let first = single.first {
                return CoinageCLI.usageError(.notWithBatch(first.name), usage: usage, console: console)
            }
        }
        let item: QuoteRequest.Item
        let facts: [(name: String, text: String)]
        let forced: [String: String]
        do {
            item = try self.item(arguments)
            facts = try userFacts(arguments)
            forced = try forcedArms(arguments)
        } catch {
            return CoinageCLI.usageError(error, usage: usage, console: console)
        }
        let rules: RuleSet
        let book: PriceBook
        switch RulesLoading.compiled(arguments.value(.rules) ?? "rules", console: console) {
        case .success(let loaded): (rules, book) = (loaded.rules, loaded.book)
        case .failure(let status): return status
        }
        if arguments.flag(.batch) { return BatchQuoting.run(rules, book: book, console: console) }
        // `5000 bits`: the shop's own unit is known only once the rules are read.
        if case .coins = item, arguments.positionals.count == 2, !rules.unit.accepts(arguments.positionals[1]) {
            return CoinageCLI.usageError(.invalidValue(option: "N", value: arguments.positionals[1],
                                                       reason: "the rules count in `\(rules.unit.plural)`, e.g. `\(arguments.positionals[0]) \(rules.unit.plural)`"),
                                         usage: usage, console: console)
        }

        let json = arguments.flag(.json)
        let request: QuoteRequest
        switch self.request(item, facts: facts, arguments, rules: rules, now: console.now()) {
        case .success(let built): request = built
        case .failure(.usage(let error)): return CoinageCLI.usageError(error, usage: usage, console: console)
        case .failure(.refused(let error)):
            RulesLoading.report(error, json: json, console: console)
            return .failure
        }
        // Rules without experiments quote with their book alone, as they always have.
        let priced = rules.experiments.isEmpty && forced.isEmpty
            ? ExperimentQuote(result: book.quote(request), assignment: nil)
            : ExperimentBooks(rules, control: book).quote(request, forcing: forced)
        switch priced.result {
        case .success(let quote):
            if json {
                console.writeOut(QuoteJSON.quote(quote, assignment: priced.assignment).serialized(pretty: true) + "\n")
            } else {
                console.writeText(QuoteText.render(quote, unit: rules.unit, assignment: priced.assignment))
            }
            return .success
        case .failure(let error):
            RulesLoading.report(error, json: json, console: console)
            return .failure
        }
    }

    /// What to quote: `BUNDLE` or `N coins`; nothing with `--batch`.
    private static func item(_ arguments: ParsedArguments) throws(UsageError) -> QuoteRequest.Item {
        if arguments.flag(.batch) { return .coins(0) }
        switch arguments.positionals.count {
        case 1:
            return .bundle(arguments.positionals[0])
        case 2 where ["coins", "coin"].contains(arguments.positionals[1]) || Lexer.positiveWholeNumber(arguments.positionals[0]) != nil:
            let text = arguments.positionals[0]
            guard let value = Lexer.positiveWholeNumber(text) else {
                let digitsOnly = !text.isEmpty && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "_") }
                throw .invalidValue(option: "N", value: text, reason: digitsOnly && text.contains(where: { $0 != "0" && $0 != "_" })
                    ? "the amount is too large to count (at most 9_223_372_036_854_775_807 coins)"
                    : "a custom amount is a whole number of coins, e.g. `5000` or `5_000`")
            }
            return .coins(value)
        case 0:
            throw .missingArgument("what to quote: a bundle name, or `N coins`")
        default:
            throw .unexpectedArgument(arguments.positionals[arguments.positionals.count == 2 ? 1 : 2])
        }
    }

    /// The `--user NAME=VALUE` facts, split; a malformed one or a name given twice
    /// is a usage error, found before the rules are read.
    private static func userFacts(_ arguments: ParsedArguments) throws(UsageError) -> [(name: String, text: String)] {
        var facts: [(name: String, text: String)] = []
        var names: Set<String> = []
        for fact in arguments.allValues(.user) {
            guard let equals = fact.firstIndex(of: "="), equals != fact.startIndex else {
                throw .invalidValue(option: Option.user.name, value: fact, reason: "write `NAME=VALUE`, e.g. `segment=vip`")
            }
            let name = String(fact[..<equals])
            // As in a batch's `user` object: one value per name, never the last one silently.
            guard names.insert(name).inserted else { throw .repeatedKey(option: Option.user.name, key: name) }
            facts.append((name, String(fact[fact.index(after: equals)...])))
        }
        return facts
    }

    /// The `--arm EXPERIMENT=ARM` choices, split, one per experiment.
    private static func forcedArms(_ arguments: ParsedArguments) throws(UsageError) -> [String: String] {
        var arms: [String: String] = [:]
        for written in arguments.allValues(.arm) {
            guard let equals = written.firstIndex(of: "="), equals != written.startIndex,
                  written.index(after: equals) != written.endIndex else {
                throw .invalidValue(option: Option.arm.name, value: written, reason: "write `EXPERIMENT=ARM`, e.g. `web_coin_price=cheaper`")
            }
            let experiment = String(written[..<equals])
            guard arms[experiment] == nil else { throw .repeatedKey(option: Option.arm.name, key: experiment) }
            arms[experiment] = String(written[written.index(after: equals)...])
        }
        return arms
    }

    /// The instant of `--at "… local"`: the wall-clock time in the region's zone (UTC
    /// for a region without one), read as a `test` block reads `at … local`. A time
    /// the clocks show twice is its first showing; one they skip is refused.
    private static func localInstant(_ wallClock: Int64, region: String, rules: RuleSet, text: String) throws(UsageError) -> Int64 {
        let zone = rules.localZoneName(ofRegion: region)
        switch rules.instants(ofWallClock: wallClock, inZone: zone) {
        case .unique(let instant), .repeated(let instant, _):
            return instant
        case let .skipped(before, after):
            throw .invalidValue(option: Option.at.name, value: text,
                                reason: "the clocks in \(zone) skip that time (they move \((after - before) / 60) minutes forward); give a time before or after the jump")
        }
    }

    private enum RequestProblem: Error {
        case usage(UsageError)
        case refused(QuoteError)
    }

    /// The request of a single quote; `--user` values are read by their declared types.
    private static func request(_ item: QuoteRequest.Item, facts: [(name: String, text: String)], _ arguments: ParsedArguments,
                                rules: RuleSet, now: Int64) -> Result<QuoteRequest, RequestProblem>
    {
        guard let region = arguments.value(.region) else { return .failure(.usage(.missingArgument("`--region`"))) }
        let instant: Int64
        do {
            switch try arguments.writtenInstant(.at) {
            case nil: instant = now
            case .instant(let written): instant = written
            case .local(let wallClock): instant = try localInstant(wallClock, region: region, rules: rules, text: arguments.value(.at) ?? "")
            }
        } catch {
            return .failure(.usage(error))
        }
        var user: [String: UserValue] = [:]
        for (name, text) in facts {
            guard let attribute = rules.userAttribute(name) else {
                return .failure(.refused(QuoteError(.unknownUserAttribute, "user attribute `\(name)` is not declared",
                                                    help: Suggestion.help(for: name, among: rules.userAttributes.map(\.name)))))
            }
            guard case .success(let value) = attribute.read(.text(text)) else {
                return .failure(.refused(QuoteError(.userAttributeType,
                                                    "`\(name)` is \(attribute.typeDescriptionWithArticle); `\(text)` is not one")))
            }
            user[name] = value
        }
        return .success(QuoteRequest(item: item, region: region, channel: arguments.value(.channel), instant: instant,
                                     user: user, codes: arguments.allValues(.code), explain: arguments.flag(.explain)))
    }
}
