import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// A concrete request that shows a guard failing, built from a scenario, with the
/// two ways a user can replay it: a `coinage quote` command line and a `test` block.
enum Counterexample {
    /// The request a scenario describes in a cell: one fact per constrained user
    /// attribute (none where "not carried" is allowed), an instant in its times, its
    /// codes, and counters at the limit where a promotion is kept out by its limit.
    static func request(_ scenario: Scenario, cell: AnalysedCell, context: AnalysisContext) -> QuoteRequest {
        let rules = context.rules
        var user: [String: UserValue] = [:]
        for (slot, set) in scenario.user.slots.enumerated() {
            guard let set, let classIndex = set.first, classIndex != 0 else { continue }
            let attribute = rules.userAttributes[slot]
            user[attribute.name] = context.domains.userValue(slot: slot, classIndex: classIndex, attribute: attribute)
        }
        var redemptions: [String: Redemptions] = [:]
        for index in scenario.atLimit {
            let promotion = context.declarations[index]
            redemptions[promotion.name] = Redemptions(total: promotion.totalLimit ?? 0, perUser: promotion.perUserLimit ?? 0)
        }
        let instant = (scenario.time ?? context.times.horizon).representative ?? PromotionTimes.defaultStart
        return QuoteRequest(item: .bundle(rules.bundles[cell.bundle].name), region: rules.regions[cell.region].code,
                            channel: context.channelSlots[cell.channel]?.name, instant: instant, user: user,
                            codes: scenario.codes, redemptions: redemptions)
    }

    /// A `test` block that quotes the request; `expectations` are its `expect` lines.
    static func testBlock(_ request: QuoteRequest, title: String, expectations: [String]) -> String {
        let body = request.testLines(namingUTC: true) + expectations
        return (["test \"\(title)\" {"] + body.map { "  " + $0 } + ["}"]).joined(separator: "\n")
    }
}

/// How guard findings are worded: shares as percentages, and the help that replays
/// a counterexample.
enum GuardText {
    /// `60%`, `12.5%`, `33.33…%`: a share of one as a percentage, cut after two
    /// decimals (an inexact one keeps both, so `50.00…%` never reads as `50%`).
    static func percent(_ share: Fraction) -> String {
        guard let hundredths = try? share.multiplied(by: 10_000) else { return "\(share)" }
        let (whole, rest) = hundredths.quotientAndRemainder
        let cents = whole % 100
        var text = String(whole / 100)
        if cents != 0 || rest != 0 {
            text += "." + (cents < 10 ? "0" : "") + String(cents)
            while rest == 0, text.hasSuffix("0") { text.removeLast() }
        }
        return text + (rest != 0 ? "…%" : "%")
    }

    /// The help of a guard failure: the command that shows it and a test that
    /// fails until it is fixed.
    static func replayHelp(_ request: QuoteRequest, options: AnalysisOptions, title: String,
                           expectations: [String], also: [QuoteRequest] = []) -> String {
        var lines = ["see it with: " + request.commandLine(rulesDirectory: options.rulesDirectory)]
        for other in also { lines.append("compare with: " + other.commandLine(rulesDirectory: options.rulesDirectory)) }
        lines.append("or add this test, which fails until the guard holds:")
        lines.append(Counterexample.testBlock(request, title: title, expectations: expectations))
        return lines.joined(separator: "\n")
    }

    /// How a cell is named in messages: "`coins_700` in `DE` on `web`".
    static func cell(_ quote: Quote) -> String {
        "`\(quote.item)` in `\(quote.region)`" + (quote.channel.map { " on `\($0)`" } ?? "")
    }
}
