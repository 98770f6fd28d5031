import CoinageSyntax

extension Checker {
    /// Resolves a use of a declared name. A name whose declaration failed counts as
    /// declared and resolves to nil without a new diagnostic: one mistake is reported
    /// once, not again at every use.
    ///
    /// Each lookup is a hash lookup: a list of a hundred thousand names costs a
    /// hundred thousand lookups, not a scan of every declaration per name.
    private mutating func reference(
        _ text: String, at span: SourceSpan, kind: String, code: DiagnosticCode,
        resolved: Bool, declared: Bool, usable: some Sequence<String>, usableCount: Int, example: String?
    ) -> Bool {
        if resolved { return true }
        let namespace = kind == "custom amount" ? "bundle" : kind
        if declared || declarations.didFail(namespace, text) { return false }
        // Suggest only names that resolved: pointing at a broken declaration helps no one.
        report(code, "unknown \(kind) `\(text)`", at: span,
               help: suggestion(for: text, among: usable, count: usableCount) ?? example.map { "declare it: `\($0)`" })
        return false
    }

    mutating func regionReference(_ code: Code) -> String? {
        // The common case first: a known code costs a bit test, not the search for help.
        if regionCodes.contains(code.text) || regions.index(forKey: code.text) != nil { return code.text }
        let known = reference(code.text, at: code.span, kind: "region", code: .unknownRegion,
                              resolved: regions[code.text] != nil, declared: declarations.isDeclared("region", code.text),
                              usable: regions.keys, usableCount: regions.count,
                              example: "region \(code.text): CUR")
        return known ? code.text : nil
    }

    mutating func channelReference(_ name: Name) -> String? {
        if channels[name.text] != nil { return name.text }
        let known = reference(name.text, at: name.span, kind: "channel", code: .unknownChannel,
                              resolved: channels[name.text] != nil, declared: declarations.isDeclared("channel", name.text),
                              usable: channels.keys, usableCount: channels.count,
                              example: "channel \(name.text)")
        return known ? name.text : nil
    }

    mutating func marketReference(_ name: Name) -> Market? {
        if let market = markets[name.text] { return market }
        let known = reference(name.text, at: name.span, kind: "market", code: .unknownMarket,
                              resolved: markets[name.text] != nil, declared: declarations.isDeclared("market", name.text),
                              usable: markets.keys, usableCount: markets.count,
                              example: "market \(name.text): DE, FR")
        return known ? markets[name.text] : nil
    }

    /// A bundle, or with `customAmounts` also a custom amount (both are what
    /// `bundle ==` compares).
    mutating func bundleReference(_ name: Name, includingCustomAmounts: Bool = false) -> String? {
        if bundles[name.text] != nil || includingCustomAmounts && customAmounts[name.text] != nil { return name.text }
        let resolved = bundles[name.text] != nil || includingCustomAmounts && customAmounts[name.text] != nil
        let declared = declarations.isDeclared("bundle", name.text)
            || includingCustomAmounts && declarations.isDeclared("custom", name.text)
        let customs = includingCustomAmounts ? customAmounts : [:]
        let known = reference(name.text, at: name.span, kind: "bundle", code: .unknownBundle,
                              resolved: resolved, declared: declared,
                              usable: Array(bundles.keys) + Array(customs.keys),  // not a joined `AnySequence`: Embedded Swift cannot specialize it
                              usableCount: bundles.count + customs.count, example: nil)
        return known ? name.text : nil
    }

    /// "did you mean `x`?" for a misspelt name, while the check's budget of name
    /// comparisons (`Limits.maxSuggestionComparisons`) lasts; nil once it is spent.
    ///
    /// Each search compares the name with every candidate, so without a budget a
    /// file of many misspelt names among many declared ones would take quadratic time.
    mutating func suggestion(for word: String, among candidates: some Sequence<String>, count: Int) -> String? {
        guard spendSuggestionBudget(count) else { return nil }
        return Suggestion.help(for: word, among: candidates)
    }

    /// True, and `count` comparisons fewer left, when the budget still has them.
    mutating func spendSuggestionBudget(_ count: Int) -> Bool {
        guard suggestionComparisons + count <= Limits.maxSuggestionComparisons else { return false }
        suggestionComparisons += count
        return true
    }
}
