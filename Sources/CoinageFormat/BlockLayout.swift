import CoinageSyntax

/// The block declarations: their opening line and one row per clause, tier or
/// test line, in the author's order.
extension SourceText {
    /// The line that opens the block, without its `{`.
    func blockHead(_ declaration: Declaration) -> String? {
        switch declaration {
        case .promotion(let d): "promotion \(d.name.text)"
        case .payout: "payout"
        case .test(let d): "test \(string(d.title))"
        case .rounding(let d): if case .tiers = d.body { roundingHead(d) } else { nil }
        case .points(let d): if case .rows = d.body { "points \(d.name.text)" } else { nil }
        case .experiment(let d): "experiment \(d.name.text)"
        default: nil
        }
    }

    /// The block's items with their source spans.
    func blockItems(_ declaration: Declaration) -> [(row: LayoutRow, span: SourceSpan)] {
        switch declaration {
        case .promotion(let d): d.clauses.map { (LayoutRow(.promotionClause, clause($0.kind)), $0.span) }
        case .payout(let d): d.clauses.map { (payoutRow($0.kind), $0.span) }
        case .test(let d): d.lines.map { (LayoutRow(.testLine, testLine($0.kind)), $0.span) }
        case .rounding(let d): if case .tiers(let tiers) = d.body { tiers.map { (tierRow($0), $0.span) } } else { [] }
        case .points(let d): if case .rows(let rows) = d.body { rows.map { (pointsRow($0), $0.span) } } else { [] }
        default: []
        }
    }

    /// `tier 1: 0.99 USD, 0.99 EUR, 1.09 EUR in FI`, each point in its own column.
    private func pointsRow(_ row: PointsRow) -> LayoutRow {
        let points = row.points.enumerated().map { offset, point in
            LayoutField(column: offset + 1, text: pointText(point) + (offset < row.points.count - 1 ? "," : ""))
        }
        return LayoutRow(kind: .pointsTier, fields: [LayoutField(column: 0, text: "tier \(number(row.tier)):")] + points)
    }

    private func pointText(_ point: PointLiteral) -> String {
        money(point.price) + (point.region.map { " in \($0.text)" } ?? "")
    }

    private func tierRow(_ tier: RoundingTier) -> LayoutRow {
        LayoutRow(.roundingTier, tier.bound.map { "below \(number($0)):" } ?? "else:",
                  "\(tier.step.mode.rawValue) \(number(tier.step.step))", tier.step.ending.map { "ending \(number($0))" })
    }

    private func payoutRow(_ kind: PayoutClause.Kind) -> LayoutRow {
        switch kind {
        case .share(let share): LayoutRow(.payoutClause, "share", percent(share))
        case .diamond(let value): LayoutRow(.payoutClause, "diamond", money(value))
        case .minimum(let value): LayoutRow(.payoutClause, "minimum", money(value))
        case .maximumPerDay(let value): LayoutRow(.payoutClause, "maximum", "\(money(value)) per day")
        }
    }

    /// An experiment's clause; an arm without its block (`BlockLayout` lays the block out).
    func experimentClause(_ kind: ExperimentClause.Kind) -> String {
        switch kind {
        case .during(let window):
            "during \(timePoint(window.start)) to \(timePoint(window.end))" + (window.zone.map { " \(zone($0))" } ?? "")
        case .audience(let condition): "audience \(expression(condition))"
        case .unit(let name): "unit user.\(name.text)"
        case .salt(let salt): "salt \(string(salt))"
        case .arm(let arm): "arm \(arm.name.text) \(number(arm.weight))"
        }
    }

    private func clause(_ kind: PromotionClause.Kind) -> String {
        switch kind {
        case .when(let condition): "when \(expression(condition))"
        case .during(let window):
            "during \(timePoint(window.start)) to \(timePoint(window.end))" + (window.zone.map { " \(zone($0))" } ?? "")
        case .every(let weekly):
            "every \(names(weekly.days))"
                + (weekly.from.flatMap { from in weekly.to.map { " from \(time(from)) to \(time($0))" } } ?? "")
                + (weekly.zone.map { " \(zone($0))" } ?? "")
        case .code(let code): "code \(string(code))"
        case .limit(let total, let perUser): "limit " + counts(total: total, perUser: perUser)
        case .discountPercent(let value): "discount \(percent(value))"
        case .discountAmount(let value): "discount \(money(value))"
        case .price(let value): "price \(money(value))"
        case .bonusPercent(let value): "bonus \(percent(value))"
        case .bonusCoins(let value): "bonus \(coins(value))"
        case .priority(let value): "priority \(number(value))"
        case .exclusive: "exclusive"
        case .group(let name): "group \(name.text)"
        }
    }

    /// `10_000`, `1 per user` or `10_000, 1 per user`.
    private func counts(total: NumberLiteral?, perUser: NumberLiteral?) -> String {
        [total.map(number), perUser.map { "\(number($0)) per user" }].compactMap { $0 }.joined(separator: ", ")
    }

    private func testLine(_ kind: TestLine.Kind) -> String {
        switch kind {
        case let .quote(target, region, channel, at, zone):
            quoteLine(target: target, region: region, channel: channel, at: at, zone: zone)
        case .user(let facts): "user " + facts.map { "\($0.name.text) = \(testValue($0.value))" }.joined(separator: ", ")
        case .code(let code): "code \(string(code))"
        case let .redeemed(promotion, total, perUser): "redeemed \(promotion.text) " + counts(total: total, perUser: perUser)
        case let .expectMoney(field, value): "expect \(field.text) \(money(value))"
        case .expectCoins(let value): "expect \(value.unit?.text ?? "coins") \(number(value))"
        case .expectApplied(let name): "expect applied \(name.text)"
        case .expectNotApplied(let name): "expect not applied \(name.text)"
        case .expectError(let name): "expect error \(name.text)"
        case let .arm(experiment, arm): "arm \(experiment.text) \(arm.text)"
        }
    }

    private func quoteLine(target: QuoteTarget, region: Code, channel: Name?, at: TimePoint?, zone: ZoneSpec?) -> String {
        var text = "quote "
        switch target {
        case .bundle(let name): text += name.text
        case .customAmount(let amount): text += coins(amount)
        }
        text += " in \(region.text)"
        if let channel { text += " on \(channel.text)" }
        if let at { text += " at \(timePoint(at))" }
        if let zone { text += " \(self.zone(zone))" }
        return text
    }

    private func testValue(_ value: TestValue) -> String {
        switch value {
        case .boolean(let flag, _): flag ? "true" : "false"
        case .number(let n): number(n)
        case .word(let name): name.text
        case .date(let point): timePoint(point)
        case .string(let literal): string(literal)
        }
    }
}
