import CoinageSyntax

extension Checker {
    /// Regions (currency, tax, zone, level), markets and channels.
    mutating func checkRegionsMarketsChannels() {
        for declaration in declarations.regions {
            if let region = region(declaration) {
                regions[region.code] = region
                regionCodes.insert(region.code)
            }
        }
        for declaration in declarations.markets {
            var members: [String] = []
            var repeats = ListRepeats()
            var ok = true
            for code in declaration.regions {
                if repeats.isRepeat(code.text, at: code.span) { continue }
                guard regionReference(code) != nil else { ok = false; continue }
                members.append(code.text)
            }
            reportRepeats(repeats, place: " in market `\(declaration.name.text)`") { "remove the second `\($0)`" }
            if ok { markets[declaration.name.text] = Market(name: declaration.name.text, regions: members, span: declaration.span) }
        }
        for declaration in declarations.channels {
            let fee = declaration.fee.flatMap { percentage($0, "a channel fee", from: 0, to: 99) }
            let level = declaration.level.flatMap { percentage($0, "a channel level", from: 0, to: 1000, allowLow: false) }
            if declaration.fee != nil && fee == nil || declaration.level != nil && level == nil { continue }
            if let literal = declaration.level, level == .hundred {
                report(.redundantDefault, "`level 100%` is the default", at: literal.span, help: "remove it")
            }
            channels[declaration.name.text] = Channel(
                name: declaration.name.text, fee: fee ?? .zero, level: level ?? .hundred,
                points: declaration.points.map { PointsSnapping(table: $0.table.text, mode: $0.mode, span: $0.span) },
                span: declaration.span)
        }
    }

    private mutating func region(_ declaration: RegionDeclaration) -> Region? {
        var ok = true
        let wellFormed = declaration.code.text.utf8.count == 2
            && declaration.code.text.utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
        if !wellFormed {
            ok = false  // The parser reported its shape.
        } else if ISO3166.entry(declaration.code.text) == nil {
            report(.unknownCountryCode, "`\(declaration.code.text)` is not an ISO 3166-1 country code", at: declaration.code.span,
                   help: Self.countryHint(declaration.code.text))
            ok = false
        }
        guard let currency = currency(declaration.currency) else { return nil }
        requireRate(currency, at: declaration.currency.span, for: "region `\(declaration.code.text)`")

        var tax = Tax.none
        if let clause = declaration.tax {
            if let rate = percentage(clause.rate, "a tax rate", from: 0, to: 99) {
                tax = Tax(rate: rate, mode: clause.mode)
            } else {
                ok = false
            }
        }
        var zone = "UTC"
        if let code = declaration.zone {
            if zoneIsKnown(code) { zone = code.text } else { ok = false }
        }
        var level = Percentage.hundred
        if let literal = declaration.level {
            if let value = percentage(literal, "a region level", from: 0, to: 1000, allowLow: false) {
                level = value
                if value == .hundred {
                    report(.redundantDefault, "`level 100%` is the default", at: literal.span, help: "remove it")
                }
            } else {
                ok = false
            }
        }
        guard ok else { return nil }
        return Region(code: declaration.code.text, currency: currency, tax: tax, zone: zone,
                      zoneDeclared: declaration.zone != nil, level: level, span: declaration.span)
    }

    /// True when the zone is known to the database (or there is none to ask).
    mutating func zoneIsKnown(_ code: Code) -> Bool {
        guard let zones, !zones.isKnownZone(code.text) else { return true }
        report(.unknownTimeZone, "unknown time zone `\(code.text)`", at: code.span,
               help: zones.unavailableHelp ?? Suggestion.help(for: code.text, among: zones.knownZoneIdentifiers)
                   ?? "use an IANA zone name such as `Europe/Berlin` or `UTC`")
        return false
    }

    /// Well-known codes people write that ISO 3166-1 spells differently.
    static func countryHint(_ code: String) -> String {
        switch code {
        case "UK": "the ISO code of the United Kingdom is `GB`"
        case "EU": "`EU` is not a country: declare a market of the member regions"
        case "EL": "the ISO code of Greece is `GR`"
        default: "use the two-letter ISO 3166-1 code of the country"
        }
    }
}
