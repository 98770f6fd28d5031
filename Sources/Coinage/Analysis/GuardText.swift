import CoinageSyntax

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
    static func replayHelp(_ request: QuoteRequest, rules: RuleSet, options: AnalysisOptions, title: String,
                           expectations: [String], also: [QuoteRequest] = []) -> String {
        var lines = ["see it with: " + Counterexample.command(request, rules: rules, options: options)]
        for other in also { lines.append("compare with: " + Counterexample.command(other, rules: rules, options: options)) }
        lines.append("or add this test, which fails until the guard holds:")
        lines.append(Counterexample.testBlock(request, title: title, expectations: expectations))
        return lines.joined(separator: "\n")
    }

    /// How a cell is named in messages: "`coins_700` in `DE` on `web`".
    static func cell(_ quote: Quote) -> String {
        "`\(quote.item)` in `\(quote.region)`" + (quote.channel.map { " on `\($0)`" } ?? "")
    }
}
