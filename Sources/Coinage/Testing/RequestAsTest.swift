import CoinageSyntax

extension QuoteRequest {
    /// The request as the lines of a `test` block, so a report can show how to write
    /// a test that makes it: `quote coins_700 in DE on web at 2026-11-28T09:00:00`,
    /// then its `user`, `code` and `redeemed` lines. The time is written in UTC.
    public var testLines: [String] {
        var lines = ["quote \(cellText) at \(CivilTime.format(instant))"]
        if !user.isEmpty {
            lines.append("user " + user.keys.sorted().map { "\($0) = \(user[$0].map(Self.text) ?? "")" }.joined(separator: ", "))
        }
        lines += codes.map { "code \"\($0)\"" }
        for (promotion, counts) in redemptions.sorted(by: { $0.key < $1.key }) {
            lines.append("redeemed \(promotion) \(counts.total), \(counts.perUser) per user")
        }
        return lines
    }

    private static func text(_ value: UserValue) -> String {
        switch value {
        case .bool(let flag): String(flag)
        case .int(let number): String(number)
        case .date(let date): date.description
        case .value(let name): name
        }
    }
}
