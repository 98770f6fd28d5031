import CoinageSyntax

/// The value sets of lists and values already resolved, by what was written.
///
/// A big shop writes the same lists over and over (`bundle in [coins_700, coins_770]`,
/// `user.segment in [vip, whale]`, `channel == web`): each is resolved once, and every
/// condition that writes it again shares the set, which saves the lookups, the hashing
/// and the memory of a set per condition. Only a resolution that reported nothing is
/// kept, so a list with a problem is checked, and reported, wherever it is written.
struct ResolvedValues {
    /// A written value or list: its bytes in the source, and the field it is read as.
    struct Key: Hashable {
        let hash: UInt64
        /// A user attribute's values are apart from the fields' (`user bundle: ...`).
        let isUser: Bool
        let field: String
        let bytes: ArraySlice<UInt8>

        static func == (a: Key, b: Key) -> Bool {
            a.hash == b.hash && a.bytes.count == b.bytes.count && a.isUser == b.isUser && a.field == b.field
                && a.bytes.elementsEqual(b.bytes)
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    }

    private var sets: [Key: Set<String>] = [:]

    /// The key of `span`'s text read as `field` (`bundle`, `user.segment`).
    static func key(_ bytes: [UInt8], _ span: SourceSpan, field: String, isUser: Bool) -> Key? {
        let start = Int(span.start)
        let end = Int(span.end)
        guard start <= end, end <= bytes.count else { return nil }
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in field.utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        hash = (hash ^ (isUser ? 0xFE : 0xFF)) &* 1_099_511_628_211
        let slice = bytes[start..<end]
        for byte in slice { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        return Key(hash: hash, isUser: isUser, field: field, bytes: slice)
    }

    subscript(key: Key) -> Set<String>? {
        get { sets[key] }
        set { sets[key] = newValue }
    }
}

extension Checker {
    /// `value(_:of:)` through the cache of resolved values (see `ResolvedValues`).
    mutating func cachedValue(_ expression: Expression, of field: FieldType,
                              resolve: (inout Checker) -> Set<String>?) -> Set<String>? {
        let span = expression.span
        var isUser = false
        let fieldName: String = switch field {
        case .bundle: "bundle"
        case .region: "region"
        case .channel: "channel"
        case .currency: "currency"
        case .user(let attribute): { isUser = true; return attribute.name }()
        case .coins, .list: ""
        }
        guard !fieldName.isEmpty, let key = ResolvedValues.key(sources[span.file].bytes, span, field: fieldName, isUser: isUser) else {
            return resolve(&self)
        }
        if let known = resolvedValues[key] { return known }
        let before = diagnostics.addedCount
        let resolved = resolve(&self)
        if let resolved, diagnostics.addedCount == before { resolvedValues[key] = resolved }
        return resolved
    }
}
