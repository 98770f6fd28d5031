import Coinage
import CoinageIO
import CoinageJSON
import CoinageSyntax

/// `GET /v1/prices` and `POST /v1/gift`: what `coinage prices --format json` and
/// `coinage gift --json` show, from the same engine calls and the same JSON pieces.
enum CatalogEndpoints {
    /// The list prices of every bundle, by channel and region, optionally for one
    /// `region` and one `channel` (query parameters): the rows of `prices --format
    /// json`, in its order, on one line. A name the rules do not declare is 422.
    static func prices(query: String?, rules: RulesSnapshot) -> HTTPResponse {
        var region: String?
        var channel: String?
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            switch key {
            case "region" where region == nil: region = value
            case "channel" where channel == nil: channel = value
            default:
                return invalid("`\(key)` is not a parameter of `/v1/prices`, or is given twice; it takes region and channel")
            }
        }
        let set = rules.rules
        if let region, set.region(region) == nil {
            return refused(QuoteError(.unknownRegion, "unknown region `\(region)`", help: Suggestion.help(for: region, among: set.regions.map(\.code))))
        }
        if let channel, set.channel(channel) == nil {
            return refused(QuoteError(.unknownChannel, "unknown channel `\(channel)`", help: Suggestion.help(for: channel, among: set.channels.map(\.name))))
        }
        let channels: [String?] = channel.map { [$0] } ?? (set.channels.isEmpty ? [nil] : set.channels.map(\.name))
        let cells = PriceMatrix.cells(set, book: rules.book, channels: channels, region: region)
        return .json(.ok, Array((PriceMatrix.json(cells).serialized() + "\n").utf8))
    }

    /// The body `{"gift": NAME, "count": N, "region": R}` (`count` and `region`
    /// optional) priced as `coinage gift NAME --count N --region R --json` prices it.
    static func gift(_ body: [UInt8], rules: RulesSnapshot) -> HTTPResponse {
        guard let document = JSONDocumentReader.read(body), case .object(let members) = document else {
            return invalid("the body must be one JSON object: {\"gift\": NAME, \"count\": N, \"region\": R}")
        }
        // A key given twice counts with its last value, as Foundation's reading had it.
        var object: [String: JSONValue] = [:]
        for (key, value) in members { object[key] = value }
        if let key = object.keys.sorted().first(where: { !["gift", "count", "region"].contains($0) }) {
            return invalid("unknown key `\(key)`; a gift request has gift, count, region")
        }
        guard case .string(let name)? = object["gift"] else { return invalid("`gift` must be the gift's name, a string") }
        var count: Int64 = 1
        if let value = object["count"] {
            guard let number = JSONDocumentReader.wholeNumber(value), number >= 1 else {
                return invalid("`count` must be a whole number of 1 or more")
            }
            count = number
        }
        var region: String?
        switch object["region"] {
        case nil, .null?: break
        case .string(let code)?: region = code
        default: return invalid("`region` must be a region code, a string")
        }
        switch rules.book.giftQuote(name, count: count, region: region) {
        case .success(let quote): return .json(.ok, Array((QuoteJSON.gift(quote).serialized() + "\n").utf8))
        case .failure(let error): return refused(error)
        }
    }

    /// A query parameter's name or value: `+` is a space, then `%XX` escapes are
    /// decoded; text whose escapes are malformed or not UTF-8 is kept as it is.
    private static func decode(_ text: Substring) -> String {
        // By character, as Foundation's `replacingOccurrences` matched: a `+` that
        // a combining mark follows is not a `+` alone.
        let spaced = String(text.map { $0 == "+" ? " " : $0 })
        return percentDecoded(spaced) ?? spaced
    }

    /// `%XX` escapes decoded, as Foundation's `removingPercentEncoding` decoded them:
    /// nil when a `%` is not followed by two hex digits or the bytes are not UTF-8.
    private static func percentDecoded(_ text: String) -> String? {
        let utf8 = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            guard utf8[index] == UInt8(ascii: "%") else {
                bytes.append(utf8[index])
                index += 1
                continue
            }
            guard index + 2 < utf8.count, let high = JSONDocumentReader.hexValue(utf8[index + 1]),
                  let low = JSONDocumentReader.hexValue(utf8[index + 2]) else {
                return nil
            }
            bytes.append(high << 4 | low)
            index += 3
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func invalid(_ message: String) -> HTTPResponse {
        .error(HTTPError(.badRequest, "invalid_request", message))
    }

    private static func refused(_ error: QuoteError) -> HTTPResponse {
        .json(.unprocessableContent, Array((QuoteJSON.error(error).serialized() + "\n").utf8))
    }
}
