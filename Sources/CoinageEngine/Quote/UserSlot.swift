import CoinageChecker
import CoinageSyntax

/// A declared user attribute as the quote path resolves facts for it: its type as
/// a plain tag and its bounds as integers. A class, so the quote path reads it
/// through one reference instead of copying its table.
package final class UserSlot: Sendable {
    enum Kind: UInt8, Sendable { case bool, int, date, oneOf, text }

    /// The attribute's name.
    let name: String
    let kind: Kind
    /// An `int` attribute's declared range (the whole of `Int64` when undeclared).
    let lowest: Int64
    let highest: Int64
    /// Whether an `int` attribute declares its range.
    let hasRange: Bool
    /// A `one of` attribute's values by name, to their index in the declaration.
    let values: NameTable
    /// A `one of` attribute's values in declaration order.
    let valueNames: [String]

    init(_ attribute: UserAttribute) {
        name = attribute.name
        var lowest = Int64.min
        var highest = Int64.max
        var hasRange = false
        var names: [String] = []
        switch attribute.kind {
        case .bool: kind = .bool
        case .int(let range):
            kind = .int
            if let range {
                lowest = range.lowerBound
                highest = range.upperBound
                hasRange = true
            }
        case .date: kind = .date
        case .oneOf(let declared):
            kind = .oneOf
            names = declared
        case .text: kind = .text
        }
        self.lowest = lowest
        self.highest = highest
        self.hasRange = hasRange
        values = NameTable(names)
        valueNames = names
    }

    /// The fact a request carries for `fact`, the integer conditions compare: the
    /// inverse of `resolve`, for readers that enumerate facts (the analysis's
    /// counterexamples). Nil for an integer no fact of this attribute resolves to.
    package func userValue(_ fact: Int64) -> UserValue? {
        switch kind {
        case .bool: return .bool(fact != 0)
        case .int: return .int(fact)
        case .date:
            let (year, month, day) = CivilTime.date(fromDays: fact)
            return CivilDate(year: year, month: month, day: day).map(UserValue.date)
        case .oneOf: return fact >= 0 && fact < Int64(valueNames.count) ? .value(valueNames[Int(fact)]) : nil
        case .text: return nil
        }
    }

    /// The fact of a `text` attribute, where `resolve` gives nil: 0 for any text (or
    /// number, its decimal text), since no condition compares it; nil for another
    /// kind or value. Asked only after `resolve` fails, so the quote path's inlined
    /// `resolve` stays as short as it was (a fifth answer there cost about 37
    /// instructions a fact, callgrind).
    @inline(never)
    func textFact(_ value: UserValue) -> Int64? {
        guard kind == .text else { return nil }
        switch value {
        case .value, .int: return 0
        case .bool, .date: return nil
        }
    }

    /// The fact as the integer conditions compare (see `UserFacts`), or nil when it
    /// does not fit the declaration (a `text` attribute's: `textFact`).
    @inline(__always)
    func resolve(_ value: UserValue) -> Int64? {
        switch value {
        case .bool(let flag): return kind == .bool ? (flag ? 1 : 0) : nil
        case .int(let number): return kind == .int && number >= lowest && number <= highest ? number : nil
        case .date(let date): return kind == .date ? CivilTime.days(from: date) : nil
        case .value(let name): return kind == .oneOf ? values[name].map { Int64($0) } : nil
        }
    }
}

/// The declared user attributes as the quote path reads them: their slots, in
/// declaration order, and their slots by name.
package struct UserSlots: Sendable {
    package let slots: [UserSlot]
    let index: NameTable
    /// The attributes' names, by slot.
    let names: [String]
    /// `slots` again, unretained: kept alive by `slots`, read by `fact(_:slot:)`.
    private let unretained: [Unmanaged<UserSlot>]

    init(_ attributes: [UserAttribute]) {
        slots = attributes.map(UserSlot.init)
        names = attributes.map { $0.name }
        index = NameTable(names)
        unretained = slots.map { Unmanaged.passUnretained($0) }
    }

    /// The fact `value` resolves to in `slot` (`UserSlot.resolve`), or nil.
    // Through an unretained reference: read from `slots`, each slot was retained
    // and released around its fact, two atomic operations on an object every
    // thread shares (perf: about a tenth of a quote from a `QuoteRequest`).
    @inline(__always)
    func fact(_ value: UserValue, slot: Int) -> Int64? {
        unretained[slot]._withUnsafeGuaranteedRef { $0.resolve(value) }
    }
}
