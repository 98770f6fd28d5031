import CoinageSyntax

extension Checker {
    /// Resolves a use of a declared name. A name whose declaration failed counts as
    /// declared and resolves to nil without a new diagnostic: one mistake is reported
    /// once, not again at every use.
    private mutating func reference(
        _ text: String, at span: SourceSpan, kind: String, code: DiagnosticCode,
        resolved: Bool, declared: [String], usable: [String], example: String?
    ) -> Bool {
        if resolved { return true }
        let namespace = kind == "custom amount" ? "bundle" : kind
        if declared.contains(text) || declarations.didFail(namespace, text) { return false }
        // Suggest only names that resolved: pointing at a broken declaration helps no one.
        report(code, "unknown \(kind) `\(text)`", at: span,
               help: Suggestion.help(for: text, among: usable) ?? example.map { "declare it: `\($0)`" })
        return false
    }

    mutating func regionReference(_ code: Code) -> String? {
        let known = reference(code.text, at: code.span, kind: "region", code: .unknownRegion,
                              resolved: regions[code.text] != nil, declared: declarations.regions.map(\.code.text),
                              usable: Array(regions.keys),
                              example: "region \(code.text): CUR")
        return known ? code.text : nil
    }

    mutating func channelReference(_ name: Name) -> String? {
        let known = reference(name.text, at: name.span, kind: "channel", code: .unknownChannel,
                              resolved: channels[name.text] != nil, declared: declarations.channels.map(\.name.text),
                              usable: Array(channels.keys),
                              example: "channel \(name.text)")
        return known ? name.text : nil
    }

    mutating func marketReference(_ name: Name) -> Market? {
        let known = reference(name.text, at: name.span, kind: "market", code: .unknownMarket,
                              resolved: markets[name.text] != nil, declared: declarations.markets.map(\.name.text),
                              usable: Array(markets.keys),
                              example: "market \(name.text): DE, FR")
        return known ? markets[name.text] : nil
    }

    /// A bundle, or with `customAmounts` also a custom amount (both are what
    /// `bundle ==` compares).
    mutating func bundleReference(_ name: Name, includingCustomAmounts: Bool = false) -> String? {
        var declared = declarations.bundles.map(\.name.text)
        var usable = Array(bundles.keys)
        var resolved = bundles[name.text] != nil
        if includingCustomAmounts {
            declared += declarations.customs.map(\.name.text)
            usable += customAmounts.keys
            resolved = resolved || customAmounts[name.text] != nil
        }
        let known = reference(name.text, at: name.span, kind: "bundle", code: .unknownBundle,
                              resolved: resolved, declared: declared, usable: usable, example: nil)
        return known ? name.text : nil
    }
}
