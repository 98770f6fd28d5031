import CoinageSyntax

/// The one-line declarations as rows of fields.
///
/// Attributes are written in one fixed order whatever order the author used
/// (a region's currency, tax, zone, level; a channel's fee, level), each with the
/// comma that separates it from the next.
extension SourceText {
    func row(_ declaration: Declaration) -> LayoutRow? {
        switch declaration {
        case .baseCurrency(let d): LayoutRow(.setting, "base currency \(d.currency.text)")
        case .stacking(let d): LayoutRow(.setting, "stacking \(d.mode.rawValue)")
        case .floor(let d): LayoutRow(.setting, "floor \(percent(d.percent))")
        case .unit(let d): LayoutRow(.setting, "unit \(d.singular.text), \(d.plural.text)")
        case .currency(let d): LayoutRow(.currency, "currency \(d.code.text)", "exponent \(number(d.exponent))")
        case .rate(let d): LayoutRow(.rate, "rate \(d.currency.text)", number(d.rate))
        case .rounding(let d): roundingRow(d)
        case .region(let d): regionRow(d)
        case .market(let d): LayoutRow(.market, "market \(d.name.text):", d.regions.map { $0.text }.joined(separator: ", "))
        case .channel(let d): channelRow(d)
        case .bundle(let d): bundleRow(d)
        case .custom(let d): customRow(d)
        case .price(let d): priceRow(d)
        case .user(let d): LayoutRow(.user, "user \(d.name.text):", userType(d.type))
        case .gift(let d): LayoutRow(.gift, "gift \(d.name.text):", coins(d.coins))
        case .guardRule(let d): LayoutRow(.guardRule, guardText(d.kind))
        case .allow(let d): LayoutRow(.allow, "allow \(d.code.text)" + (d.target.map { " for \($0.text)" } ?? ""), string(d.reason))
        case .points(let d):
            if case .file(let path) = d.body { LayoutRow(.points, "points \(d.name.text)", "from \(string(path))") } else { nil }
        case .promotion, .payout, .test, .experiment: nil
        }
    }

    /// `round JPY nearest 10`; a tiered rule is a block (`BlockLayout`).
    private func roundingRow(_ declaration: RoundingDeclaration) -> LayoutRow? {
        guard case .single(let step) = declaration.body else { return nil }
        return LayoutRow(.rounding, roundingHead(declaration), "\(step.mode.rawValue) \(number(step.step))",
                         step.ending.map { "ending \(number($0))" })
    }

    /// `round USD`, with its scope as written: `round USD in US on web`.
    func roundingHead(_ declaration: RoundingDeclaration) -> String {
        ["round \(declaration.currency.text)", declaration.scope.map { "in \($0.text)" }, declaration.channel.map { "on \($0.text)" }]
            .compactMap { $0 }.joined(separator: " ")
    }

    private func regionRow(_ d: RegionDeclaration) -> LayoutRow {
        let attributes: [String?] = [
            d.currency.text,
            d.tax.map { "tax \(percent($0.rate)) \($0.mode.rawValue)" },
            d.zone.map { "zone \($0.text)" },
            d.level.map { "level \(percent($0))" },
        ]
        return LayoutRow(kind: .region, fields: [LayoutField(column: 0, text: "region \(d.code.text):")]
                         + separated(attributes, firstColumn: 1))
    }

    private func channelRow(_ d: ChannelDeclaration) -> LayoutRow {
        let attributes = separated([d.fee.map { "fee \(percent($0))" }, d.level.map { "level \(percent($0))" }, d.points.map(snapText)],
                                   firstColumn: 1)
        let head = "channel \(d.name.text)\(attributes.isEmpty ? "" : ":")"
        return LayoutRow(kind: .channel, fields: [LayoutField(column: 0, text: head)] + attributes)
    }

    private func bundleRow(_ d: BundleDeclaration) -> LayoutRow {
        let attributes = separated([coins(d.coins), money(d.price), d.bonus.map { "bonus \(coins($0))" }], firstColumn: 1)
        return LayoutRow(kind: .bundle, fields: [LayoutField(column: 0, text: "bundle \(d.name.text):")] + attributes)
    }

    private func customRow(_ d: CustomAmountDeclaration) -> LayoutRow {
        let channels: String? = switch d.channels.count {
        case 0: nil
        case 1: "on \(d.channels[0].text)"
        default: "on [\(names(d.channels))]"
        }
        let attributes = separated(["\(number(d.minimum)) to \(number(d.maximum))", "\(money(d.unitPrice)) each", channels],
                                   firstColumn: 1)
        return LayoutRow(kind: .custom, fields: [LayoutField(column: 0, text: "custom \(d.name.text):")] + attributes)
    }

    /// `price coins_70 in JP on ios: 160 JPY`: the colon ends whichever of the
    /// scope and the channel comes last.
    private func priceRow(_ d: PriceDeclaration) -> LayoutRow {
        var scope = d.scope.map { "in \($0.text)" }
        var channel = d.channel.map { "on \($0.text)" }
        if channel != nil { channel? += ":" } else { scope? += ":" }
        return LayoutRow(.price, "price \(d.bundle.text)", scope, channel, priceValue(d.price))
    }

    private func priceValue(_ value: PriceValue) -> String {
        switch value {
        case .money(let literal): money(literal)
        case .tier(let tier): "points \(tier.table.text) tier \(number(tier.tier))"
        case .snap(let snap): snapText(snap)
        }
    }

    /// `points app_store nearest`
    private func snapText(_ snap: PointsSnap) -> String { "points \(snap.table.text) \(snap.mode.rawValue)" }

    func userType(_ type: UserAttributeType) -> String {
        switch type {
        case .bool: "bool"
        case .date: "date"
        case .int(let minimum?, let maximum?): "int \(number(minimum)) to \(number(maximum))"
        case .int: "int"
        case .oneOf(let values): "one of \(names(values))"
        case .text: "text"
        }
    }

    private func guardText(_ kind: GuardDeclaration.Kind) -> String {
        switch kind {
        case .discountAtMost(let limit): "guard discount at most \(percent(limit))"
        case .pricePerCoinFallsWithSize: "guard price per coin falls with size"
        case .pricePerCoinDoesNotRiseWithSize: "guard price per coin does not rise with size"
        case .regionPriceWithin(let margin): "guard region price within \(percent(margin)) of base"
        }
    }

    /// The present attributes as fields in their fixed columns, each but the last
    /// followed by its comma.
    private func separated(_ attributes: [String?], firstColumn: Int) -> [LayoutField] {
        let present = attributes.enumerated().compactMap { offset, text in text.map { (firstColumn + offset, $0) } }
        return present.enumerated().map { position, field in
            LayoutField(column: field.0, text: field.1 + (position < present.count - 1 ? "," : ""))
        }
    }
}
