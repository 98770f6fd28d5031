import Coinage

/// A few short names, each matched by comparing two words: how the batch reader
/// finds a buyer's attribute, a channel or a `one of` value without a call into the
/// price book's name tables.
///
/// A lookup there crosses into another module, through the book's reference and
/// its arrays (callgrind: about 90 instructions a name); a handful of names of 16
/// bytes or fewer are matched here in a few comparisons. Made only for at most
/// `maxNames` names that are all that short (`init?`); the reader asks the book for
/// the others.
///
/// The keys are in memory of their own, so a copy is two words and reading one
/// retains nothing; whoever makes a table frees it (`deallocate()`) once done.
struct ShortNames {
    /// The most names matched one by one.
    static let maxNames = 8

    /// A name as `JSONCursor.words` reads it, and its length.
    private struct Key {
        let words: (UInt64, UInt64)
        let count: Int
    }

    private let keys: UnsafeMutablePointer<Key>
    private let count: Int

    /// The names, in the order their indices number them; nil when there are more
    /// than `maxNames` or one is longer than `JSONCursor.wordBytes`.
    init?(_ names: [String]) {
        let bytes = names.map { Array($0.utf8) }
        guard bytes.count <= Self.maxNames, bytes.allSatisfy({ $0.count <= JSONCursor.wordBytes }) else { return nil }
        keys = .allocate(capacity: max(1, bytes.count))
        count = bytes.count
        for (index, name) in bytes.enumerated() {
            (keys + index).initialize(to: Key(words: name.withUnsafeBufferPointer(JSONCursor.words), count: name.count))
        }
    }

    /// Frees the keys: the table is not to be used after.
    func deallocate() { keys.deallocate() }

    /// The index of the name `text` spells, or nil.
    @inline(__always)
    func index(of text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard text.count <= JSONCursor.wordBytes else { return nil }
        return index(of: JSONCursor.words(text), count: text.count)
    }

    /// The index of the name of `count` bytes whose words (`JSONCursor.words`) are `words`, or nil.
    @inline(__always)
    func index(of words: (UInt64, UInt64), count textCount: Int) -> Int? {
        for index in 0..<count where keys[index].count == textCount && keys[index].words == words { return index }
        return nil
    }
}

/// The buyer's attributes as the batch reader resolves facts for them, in its own
/// module: each slot's kind, an `int`'s declared range, and a `one of`'s values when
/// `ShortNames` can hold them. What `RequestLookup.userFact` answers, without a call
/// per fact.
struct UserFactTable {
    enum Kind: UInt8 { case bool, int, date, oneOf, text }

    private let kinds: [Kind]
    private let lowest: [Int64]
    private let highest: [Int64]
    /// Per slot, its `one of` values, or nil (not a `one of`, or values `ShortNames`
    /// cannot hold: those are looked up in the book).
    private let values: [ShortNames?]

    /// Frees the `one of` values' tables: the table is not to be used after.
    func deallocate() {
        for names in values { names?.deallocate() }
    }

    init(_ attributes: [UserAttribute]) {
        kinds = attributes.map { attribute in
            switch attribute.kind {
            case .bool: .bool
            case .int: .int
            case .date: .date
            case .oneOf: .oneOf
            case .text: .text
            }
        }
        lowest = attributes.map { attribute in
            if case .int(let range?) = attribute.kind { return range.lowerBound }
            return .min
        }
        highest = attributes.map { attribute in
            if case .int(let range?) = attribute.kind { return range.upperBound }
            return .max
        }
        values = attributes.map { attribute in
            if case .oneOf(let declared) = attribute.kind { return ShortNames(declared) }
            return nil
        }
    }

    @inline(__always)
    func kind(_ slot: Int) -> Kind { kinds[slot] }

    /// The fact `flag` gives `slot`: 1 or 0 for a bool attribute, nil for another.
    @inline(__always)
    func fact(bool flag: Bool, slot: Int) -> Int64? {
        kinds[slot] == .bool ? (flag ? 1 : 0) : nil
    }

    /// The fact `number` gives `slot`: itself for an `int` within its range, 0 for
    /// a `text` (no condition reads it), nil otherwise.
    @inline(__always)
    func fact(int number: Int64, slot: Int) -> Int64? {
        switch kinds[slot] {
        case .int: number >= lowest[slot] && number <= highest[slot] ? number : nil
        case .text: 0
        default: nil
        }
    }

    /// The fact of the `one of` value `text` names, when the slot's values are held
    /// here; `.unknown` when the book must be asked.
    @inline(__always)
    func fact(oneOf text: UnsafeBufferPointer<UInt8>, slot: Int) -> ShortFact {
        guard kinds[slot] == .oneOf, let names = values[slot] else { return .unknown }
        return names.index(of: text).map { .fact(Int64($0)) } ?? .refused
    }

    /// What `fact(oneOf:slot:)` found.
    enum ShortFact {
        case fact(Int64)
        /// No such value: the line takes the slow path.
        case refused
        /// Not decided here: ask the book.
        case unknown
    }
}
