import CoinageChecker
import CoinageSyntax

/// A declared user attribute as the quote path resolves facts for it: its type as
/// a plain tag and its bounds as integers. A class, so the quote path reads it
/// through one reference instead of copying its table.
final class UserSlot: Sendable {
    enum Kind: UInt8, Sendable { case bool, int, date, oneOf }

    let kind: Kind
    /// An `int` attribute's declared range (the whole of `Int64` when undeclared).
    let lowest: Int64
    let highest: Int64
    /// A `one of` attribute's values by name, to their index in the declaration.
    let values: NameTable

    init(_ attribute: UserAttribute) {
        var lowest = Int64.min
        var highest = Int64.max
        var names: [String] = []
        switch attribute.kind {
        case .bool: kind = .bool
        case .int(let range):
            kind = .int
            if let range {
                lowest = range.lowerBound
                highest = range.upperBound
            }
        case .date: kind = .date
        case .oneOf(let declared):
            kind = .oneOf
            names = declared
        }
        self.lowest = lowest
        self.highest = highest
        values = NameTable(names)
    }

    /// The fact as the integer conditions compare (see `UserFacts`), or nil when it
    /// does not fit the declaration.
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
