import CoinageSyntax

/// The value sets of lists and values already resolved, by what was written.
///
/// A big shop writes the same lists over and over (`bundle in [coins_700, coins_770]`,
/// `user.segment in [vip, whale]`, `channel == web`): each is resolved once, and every
/// condition that writes it again shares the set, which saves the lookups, the hashing
/// and the memory of a set per condition. Only a resolution that reported nothing is
/// kept, so a list with a problem is checked, and reported, wherever it is written.
///
/// The table is keyed by the written bytes and the field, hashed with FNV-1a and
/// compared byte for byte (open addressing): no string is made to look a list up.
struct ResolvedValues {
    /// One resolved list: where its text stands, the field it was read as, its set.
    private struct Entry {
        let hash: UInt64
        let file: SourceFileID
        let start: Int
        let length: Int
        let isUser: Bool
        let field: String
        let values: Set<String>
    }

    private var slots = [Int32](repeating: 0, count: 256)
    private var entries: [Entry] = []

    /// The FNV-1a hash of a field's name, which a lookup goes on from.
    ///
    /// The hashes are constants (`builtInFieldHashes`): hashing the name's bytes again
    /// for each of a big shop's lists cost as much as hashing the list.
    static func fieldHash(_ field: String) -> UInt64 {
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in field.utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        return hash
    }

    /// The hashes of the four fields' names, and of `user` for every attribute, worked out once.
    static let builtInFieldHashes = (bundle: fieldHash("bundle"), region: fieldHash("region"),
                                     channel: fieldHash("channel"), currency: fieldHash("currency"), user: fieldHash("user"))

    /// The set resolved for the text of `span` in `bytes` read as `field` (whose hash
    /// is `fieldHash`), if any; `hash` is what `store` needs to keep a new one.
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ span: SourceSpan, field: String, fieldHash: UInt64,
                isUser: Bool) -> (Set<String>?, UInt64) {
        let start = Int(span.start)
        let length = Int(span.end) - start
        guard let base = bytes.baseAddress, start + length <= bytes.count else { return (nil, 0) }
        var hash = (fieldHash ^ (isUser ? 0xFE : 0xFF)) &* 1_099_511_628_211
        // Eight bytes a step (a list is tens of bytes); the high bits, where the
        // multiplications carry every byte, are folded down into the slot's bits.
        let text = UnsafeRawPointer(base + start)
        var offset = 0
        while offset + 8 <= length {
            hash = (hash ^ text.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            offset += 8
        }
        while offset < length {
            hash = (hash ^ UInt64(text.load(fromByteOffset: offset, as: UInt8.self))) &* 1_099_511_628_211
            offset += 1
        }
        hash ^= hash >> 32
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        // Entries are compared where they stand: a copy of each cost a retain and a release.
        return entries.withUnsafeBufferPointer { entries in
            while slots[slot] != 0 {
                let index = Int(slots[slot]) - 1
                if entries[index].hash == hash, entries[index].length == length, entries[index].isUser == isUser,
                   entries[index].file == span.file, Self.same(base + entries[index].start, base + start, length),
                   entries[index].field == field {
                    return (entries[index].values, hash)
                }
                slot = (slot + 1) & mask
            }
            return (nil, hash)
        }
    }

    /// Keeps `values` for the text of `span` read as `field` (`hash` from `lookup`).
    mutating func store(_ values: Set<String>, hash: UInt64, _ span: SourceSpan, field: String, isUser: Bool) {
        entries.append(Entry(hash: hash, file: span.file, start: Int(span.start), length: Int(span.end - span.start),
                             isUser: isUser, field: field, values: values))
        if entries.count * 2 > slots.count {
            slots = [Int32](repeating: 0, count: slots.count * 2)
            for index in entries.indices { place(index) }
        } else {
            place(entries.count - 1)
        }
    }

    private mutating func place(_ index: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: entries[index].hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index + 1)
    }

    private static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        let (a, b) = (UnsafeRawPointer(a), UnsafeRawPointer(b))
        var offset = 0
        while offset + 8 <= length {
            guard a.loadUnaligned(fromByteOffset: offset, as: UInt64.self) == b.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            else { return false }
            offset += 8
        }
        while offset < length {
            guard a.load(fromByteOffset: offset, as: UInt8.self) == b.load(fromByteOffset: offset, as: UInt8.self) else { return false }
            offset += 1
        }
        return true
    }
}

extension Checker {
    /// Resolves a value or a list of values of a name-valued field, through the cache
    /// of resolved values (see `ResolvedValues`). A market inside a region list stands
    /// for its regions.
    ///
    /// The resolution is called here, not passed in as a closure: the closure's copies
    /// of the expression and the field cost more than the lookup.
    mutating func value(_ expression: Expression, of field: FieldType) -> Set<String>? {
        let span = expression.span
        var isUser = false
        let (fieldName, fieldHash): (String, UInt64) = switch field {
        case .bundle: ("bundle", ResolvedValues.builtInFieldHashes.bundle)
        case .region: ("region", ResolvedValues.builtInFieldHashes.region)
        case .channel: ("channel", ResolvedValues.builtInFieldHashes.channel)
        case .currency: ("currency", ResolvedValues.builtInFieldHashes.currency)
        // Every attribute's lists hash from one constant: hashing the name for each list
        // cost as much as the list; a hit still compares the name.
        case .user(let attribute): { isUser = true; return (attribute.name, ResolvedValues.builtInFieldHashes.user) }()
        case .coins, .list: ("", 0)
        }
        guard !fieldName.isEmpty, Int(span.file.rawValue) < sources.files.count else { return resolveValue(expression, of: field) }
        // A list is compared with the lists before it in the same file only: their
        // bytes are read from the one buffer.
        let (known, hash) = sources.files[Int(span.file.rawValue)].bytes.withUnsafeBufferPointer {
            resolvedValues.lookup($0, span, field: fieldName, fieldHash: fieldHash, isUser: isUser)
        }
        if let known { return known }
        let before = diagnostics.addedCount
        let resolved = resolveValue(expression, of: field)
        if let resolved, diagnostics.addedCount == before {
            resolvedValues.store(resolved, hash: hash, span, field: fieldName, isUser: isUser)
        }
        return resolved
    }
}
