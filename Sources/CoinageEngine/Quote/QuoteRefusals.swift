import CoinageChecker
import CoinageSyntax

/// The errors of refused requests, with their messages and help. Kept apart from
/// the quote path, which calls them only once it knows it must refuse.
extension PriceBook {
    @inline(never)
    func unknownRegion(_ code: String) -> QuoteError {
        QuoteError(.unknownRegion, "unknown region `\(Self.excerpt(code))`",
                   help: Suggestion.help(for: code, among: regions.codes))
    }

    @inline(never)
    func unknownBundle(_ name: String) -> QuoteError {
        QuoteError(.unknownBundle, "unknown bundle `\(Self.excerpt(name))`",
                   help: Suggestion.help(for: name, among: Array(names.bundleNames)))
    }

    /// A gift the rules do not declare: a suggestion when one is close, else the
    /// gifts there are, or that there are none.
    @inline(never)
    func unknownGift(_ name: String) -> QuoteError {
        let help = Suggestion.help(for: name, among: gifts.names)
            ?? (gifts.names.isEmpty ? "the rules declare no gifts" : "the gifts are \(Checker.listed(gifts.names))")
        return QuoteError(.unknownGift, "unknown gift `\(Self.excerpt(name))`", help: help)
    }

    /// Why the request's channel cannot be quoted: unknown, missing, or given where
    /// the rules declare no channels.
    @inline(never)
    func channelRefusal(_ name: String?) -> QuoteError {
        let declared = channels.names.compactMap { $0 }
        if !channels.declared {
            return QuoteError(.unknownChannel, "unknown channel `\(Self.excerpt(name ?? ""))`: the rules declare no channels",
                              help: "leave the channel out")
        }
        guard let name else {
            return QuoteError(.missingChannel, "the rules declare channels, and the request names none",
                              help: "give one of \(declared.map { "`\($0)`" }.joined(separator: ", "))")
        }
        return QuoteError(.unknownChannel, "unknown channel `\(Self.excerpt(name))`",
                          help: Suggestion.help(for: name, among: declared)
                              ?? "the channels are \(declared.map { "`\($0)`" }.joined(separator: ", "))")
    }

    /// An instant outside the years the zone tables cover, named as a date when it
    /// has one (years 1 to 9999) and as seconds otherwise.
    @inline(never)
    func instantOutOfRange(_ instant: Int64) -> QuoteError {
        let text = instant >= -62_135_596_800 && instant <= 253_402_300_799 ? "\(CivilTime.format(instant))Z" : "\(instant) s"
        return QuoteError(.instantOutOfRange,
                          "the instant \(text) is outside the years 2000 to 2099 that quotes cover",
                          help: "quote an instant from 2000-01-01T00:00:00Z to 2099-12-31T23:59:59Z: the time-zone tables hold those years")
    }

    /// A resolved request given to a book of other rules: its indices would name other things.
    @inline(never)
    func foreignRequest() -> QuoteError {
        QuoteError(.internalError, "the request was resolved against other rules than this price book's",
                   help: "resolve it with this book's `resolve(_:)`: a resolved request belongs to the rules it was resolved against")
    }

    /// A broken promise of the price book's own compiler: every quote from it is
    /// refused rather than computed from a stand-in value.
    @inline(never)
    func internalError(_ broken: String) -> QuoteError {
        QuoteError(.internalError, "internal error: \(broken)",
                   help: "this is a bug in coinage, not in the rules or the request; please report it with the rules")
    }

    /// The first fact, in name order, that is undeclared or does not fit; the slots
    /// decide what fits, as when resolving.
    @inline(never)
    func invalidUserFact(_ user: [String: UserValue]) -> QuoteError {
        for (name, value) in user.sorted(by: { $0.key < $1.key }) {
            guard let slot = users.index[name] else {
                return QuoteError(.unknownUserAttribute, "user attribute `\(Self.excerpt(name))` is not declared",
                                  help: Suggestion.help(for: name, among: users.names))
            }
            let attribute = users.slots[slot]
            guard attribute.resolve(value) ?? attribute.textFact(value) != nil else { return Self.misfit(attribute, value) }
        }
        return QuoteError(.userAttributeType, "the request's user facts do not fit their declarations")
    }

    /// Why a fact does not fit its attribute: the type expected and the type found
    /// (`"12"` is a string, not an int), a value outside the declared range, or a
    /// value the `one of` attribute does not declare.
    private static func misfit(_ attribute: UserSlot, _ value: UserValue) -> QuoteError {
        let found: String = switch value {
        case .bool(let flag): "the bool `\(flag)`"
        case .int(let number): "the number `\(number)`"
        case .date(let date): "the date `\(date)`"
        case .value(let text): "the string `\"\(excerpt(text))\"`"
        }
        let name = "`\(attribute.name)`"
        let values = attribute.valueNames
        switch (attribute.kind, value) {
        case (.int, .int(let number)) where attribute.hasRange:
            let (lowest, highest) = (attribute.lowest, attribute.highest)
            return QuoteError(.userAttributeType, "\(name) is an int from \(lowest) to \(highest); \(number) is outside it",
                              help: "give a whole number from \(lowest) to \(highest)")
        case (.oneOf, .value(let text)):
            return QuoteError(.userAttributeType, "\(name) is one of \(values.map { "`\($0)`" }.joined(separator: ", ")); `\(excerpt(text))` is not one of them",
                              help: Suggestion.help(for: text, among: values) ?? "give one of \(values.map { "`\($0)`" }.joined(separator: ", "))")
        case (.bool, _):
            return QuoteError(.userAttributeType, "\(name) is a bool; the request gives \(found)", help: "give `true` or `false`")
        case (.int, _):
            return QuoteError(.userAttributeType, "\(name) is an int; the request gives \(found)", help: "give a whole number, e.g. `12`")
        case (.date, _):
            return QuoteError(.userAttributeType, "\(name) is a date; the request gives \(found)", help: "give a date, e.g. `2026-01-01`")
        case (.oneOf, _):
            return QuoteError(.userAttributeType, "\(name) is one of \(values.map { "`\($0)`" }.joined(separator: ", ")); the request gives \(found)",
                              help: "give one of \(values.map { "`\($0)`" }.joined(separator: ", "))")
        case (.text, _):
            return QuoteError(.userAttributeType, "\(name) is text; the request gives \(found)", help: "give a string, e.g. `\"u-1234\"`")
        }
    }

    /// A request's name or value as a message repeats it: at most 100 characters.
    static func excerpt(_ text: String) -> String {
        text.count <= 100 ? text : String(text.prefix(100)) + "…"
    }
}
