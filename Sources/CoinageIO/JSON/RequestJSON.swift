import Coinage
import CoinageJSON
import CoinageSyntax

extension QuoteJSON {
    /// A request in the shape `coinage quote --batch` reads, so a script can replay
    /// it: `QuoteRequest.jsonValue`, the one writer of a request.
    public static func request(_ request: QuoteRequest) -> JSONValue { request.jsonValue }

    /// A fact as the batch reader takes it: `UserValue.jsonValue`.
    public static func userValue(_ value: UserValue) -> JSONValue { value.jsonValue }
}
