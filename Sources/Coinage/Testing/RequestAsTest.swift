import CoinageSyntax

extension QuoteRequest {
    /// The request as the lines of a `test` block, so a report can show how to write
    /// a test that makes it: `quote coins_700 in DE on web at 2026-11-28T09:00:00`,
    /// then its `user`, `code` and `redeemed` lines. The time is written in UTC.
    public var testLines: [String] { testLines(namingUTC: false) }

    /// The same lines; with `namingUTC`, the `quote` line says `UTC` after the time.
    func testLines(namingUTC: Bool) -> [String] {
        var lines = ["quote \(cellText) at \(CivilTime.format(instant))" + (namingUTC ? " UTC" : "")]
        if !user.isEmpty {
            lines.append("user " + user.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value.ruleText)" }.joined(separator: ", "))
        }
        lines += codes.map { "code \(Self.quoted($0))" }
        for (promotion, counts) in redemptions.sorted(by: { $0.key < $1.key }) {
            lines.append("redeemed \(promotion) \(counts.total), \(counts.perUser) per user")
        }
        return lines
    }
}
