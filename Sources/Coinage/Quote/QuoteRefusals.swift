import CoinageSyntax

/// The errors of refused requests, with their messages and help. Kept apart from
/// the quote path, which calls them only once it knows it must refuse.
extension PriceBook {
    @inline(never)
    func unknownRegion(_ code: String) -> QuoteError {
        QuoteError(.unknownRegion, "unknown region `\(code)`",
                   help: Suggestion.help(for: code, among: rules.regions.map(\.code)))
    }

    @inline(never)
    func unknownBundle(_ name: String) -> QuoteError {
        QuoteError(.unknownBundle, "unknown bundle `\(name)`",
                   help: Suggestion.help(for: name, among: rules.bundles.map(\.name)))
    }

    /// Why the request's channel cannot be quoted: unknown, missing, or given where
    /// the rules declare no channels.
    @inline(never)
    func channelRefusal(_ name: String?) -> QuoteError {
        if rules.channels.isEmpty {
            return QuoteError(.unknownChannel, "unknown channel `\(name ?? "")`: the rules declare no channels",
                              help: "leave the channel out")
        }
        guard let name else {
            return QuoteError(.missingChannel, "the rules declare channels, and the request names none",
                              help: "give one of \(rules.channels.map { "`\($0.name)`" }.joined(separator: ", "))")
        }
        return QuoteError(.unknownChannel, "unknown channel `\(name)`",
                          help: Suggestion.help(for: name, among: rules.channels.map(\.name))
                              ?? "the channels are \(rules.channels.map { "`\($0.name)`" }.joined(separator: ", "))")
    }

    /// The first fact, in name order, that is undeclared or does not fit; the slots
    /// decide what fits, as when resolving.
    @inline(never)
    func invalidUserFact(_ user: [String: UserValue]) -> QuoteError {
        for (name, value) in user.sorted(by: { $0.key < $1.key }) {
            guard let slot = userSlotIndex[name] else {
                return QuoteError(.unknownUserAttribute, "user attribute `\(name)` is not declared",
                                  help: Suggestion.help(for: name, among: rules.userAttributes.map(\.name)))
            }
            let attribute = rules.userAttributes[slot]
            guard userSlots[slot].resolve(value) != nil else {
                return QuoteError(.userAttributeType,
                                  "`\(name)` is \(attribute.typeDescriptionWithArticle)\(Self.rangeText(attribute)); \(Self.describe(value)) does not fit",
                                  help: Self.valuesHelp(attribute))
            }
        }
        return QuoteError(.userAttributeType, "the request's user facts do not fit their declarations")
    }

    private static func rangeText(_ attribute: UserAttribute) -> String {
        if case .int(let range?) = attribute.kind { return " from \(range.lowerBound) to \(range.upperBound)" }
        return ""
    }

    private static func valuesHelp(_ attribute: UserAttribute) -> String? {
        if case .oneOf(let values) = attribute.kind { return "give one of \(values.map { "`\($0)`" }.joined(separator: ", "))" }
        return nil
    }
}
