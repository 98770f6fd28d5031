import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// A user fact as the analysis enumerates them: of the slot's type, a `one of`
/// value as its index in the declaration and a date as a day count.
enum ResolvedUserValue: Hashable, Sendable {
    case bool(Bool)
    case int(Int64)
    case date(Int64)
    case value(Int)
}
