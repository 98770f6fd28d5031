import CoinageSyntax

/// A declared user attribute as the quote path resolves facts for it.
final class UserSlot: Sendable {
    let index: Int
    private let kind: UserAttribute.Kind
    let name: String
    /// A `one of` attribute's values, in declaration order. Found by a scan: the
    /// lists are short and the names small strings, which compare in two words,
    /// faster than hashing them.
    private let values: [String]

    init(index: Int, attribute: UserAttribute) {
        self.index = index
        self.name = attribute.name
        self.kind = attribute.kind
        if case .oneOf(let names) = attribute.kind { values = names } else { values = [] }
    }

    /// The fact in resolved form, or nil when it does not fit the declaration.
    @inline(__always)
    func resolve(_ value: UserValue) -> ResolvedUserValue? {
        switch (kind, value) {
        case (.bool, .bool(let flag)): return .bool(flag)
        case (.int(let range), .int(let number)):
            if let range, !range.contains(number) { return nil }
            return .int(number)
        case (.date, .date(let date)): return .date(CivilTime.days(from: date))
        case (.oneOf, .value(let name)): return values.firstIndex(of: name).map(ResolvedUserValue.value)
        default: return nil
        }
    }
}
