import CoinageSyntax

/// A fact about the buyer as a request writes it, before its declaration says
/// what it is: the command line's `--user NAME=VALUE` gives text, a `test` block
/// and a JSON request give typed literals.
public enum WrittenUserValue: Hashable, Sendable {
    /// Text whose type the declaration decides: `true`, `12`, `-3`, `2026-01-01`, `vip`.
    case text(String)
    /// `true` or `false` as a literal.
    case bool(Bool)
    /// A whole number as a literal.
    case integer(Int64)
    /// A date as a literal (`2026-01-01`, no time of day).
    case date(CivilDate)
    /// A bare word: a value name of a `one of` attribute.
    case word(String)
}

/// Why a written user value is not a value of its attribute.
public enum UserValueMismatch: Error, Hashable, Sendable {
    /// The value is not of the attribute's type: a word for a bool, text that is no number for an int.
    case wrongType
    /// An int outside the attribute's declared range.
    case outOfRange(ClosedRange<Int64>)
    /// A word that is not one of the attribute's values.
    case notAValue
}

/// The one reader of user values, used by every writer of requests: the CLI's
/// `--user`, the batch reader's `user` object and the checker's `user` lines of a
/// `test` block. Each writer says how much of the declaration it holds a value to:
///
/// - `.type` reads by the declared type only. The CLI and the batch reader stop
///   here: a value outside an int's range or a one-of's values reaches the quote,
///   which refuses it with a message naming the declaration.
/// - `.declaration` also checks the range and the one-of values, as a `test` block
///   must (its request is checked before any quote is made).
extension UserAttribute {
    /// How much of the declaration a reading holds a value to.
    public enum Strictness: Sendable {
        case type
        case declaration
    }

    /// Reads `written` as a value of this attribute. `values`, when given, is the
    /// set of a `one of` attribute's values, to look a word up without a scan.
    public func read(_ written: WrittenUserValue, _ strictness: Strictness = .type,
                     values: Set<String>? = nil) -> Result<UserValue, UserValueMismatch> {
        guard let value = typed(written) else { return .failure(.wrongType) }
        guard strictness == .declaration else { return .success(value) }
        switch (kind, value) {
        case (.int(let range?), .int(let number)) where !range.contains(number):
            return .failure(.outOfRange(range))
        case (.oneOf(let declared), .value(let name)):
            let known = values.map { $0.contains(name) } ?? declared.contains(name)
            return known ? .success(value) : .failure(.notAValue)
        default:
            return .success(value)
        }
    }

    /// The value by the declared type alone; nil when it is of another type.
    private func typed(_ written: WrittenUserValue) -> UserValue? {
        switch (kind, written) {
        case (.bool, .bool(let flag)): return .bool(flag)
        case (.int, .integer(let number)): return .int(number)
        case (.date, .date(let date)): return .date(date)
        case (.oneOf, .word(let name)), (.oneOf, .text(let name)): return .value(name)
        // Any text, and a whole number as its decimal text: ids are written both ways.
        case (.text, .text(let text)), (.text, .word(let text)): return .value(text)
        case (.text, .integer(let number)): return .value(String(number))
        case (.bool, .text(let text)):
            switch text {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: return nil
            }
        case (.int, .text(let text)):
            guard let value = ExactDecimal(parsing: Substring(text))?.integerValue else {
                guard text.first == "-", let magnitude = ExactDecimal(parsing: text.dropFirst())?.integerValue else { return nil }
                return .int(-magnitude)
            }
            return .int(value)
        case (.date, .text(let text)):
            let bytes = Array(text.utf8)
            guard bytes.count == 10, let instant = InstantParser.parse(bytes[...]) else { return nil }
            let (year, month, day) = CivilTime.date(fromDays: instant / 86_400)
            return CivilDate(year: year, month: month, day: day).map(UserValue.date)
        default:
            return nil
        }
    }
}
