import Coinage
import CoinageIO
import CoinageJSON
import CoinageSyntax
import Foundation

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
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            return invalid("the body must be one JSON object: {\"gift\": NAME, \"count\": N, \"region\": R}")
        }
        if let key = object.keys.sorted().first(where: { !["gift", "count", "region"].contains($0) }) {
            return invalid("unknown key `\(key)`; a gift request has gift, count, region")
        }
        guard let name = object["gift"] as? String else { return invalid("`gift` must be the gift's name, a string") }
        var count: Int64 = 1
        if let value = object["count"] {
            guard !(value is Bool), !(value is Double && !(value is Int)), let number = value as? Int, number >= 1 else {
                return invalid("`count` must be a whole number of 1 or more")
            }
            count = Int64(number)
        }
        var region: String?
        if let value = object["region"], !(value is NSNull) {
            guard let code = value as? String else { return invalid("`region` must be a region code, a string") }
            region = code
        }
        switch rules.book.giftQuote(name, count: count, region: region) {
        case .success(let quote): return .json(.ok, Array((QuoteJSON.gift(quote).serialized() + "\n").utf8))
        case .failure(let error): return refused(error)
        }
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    private static func invalid(_ message: String) -> HTTPResponse {
        .error(HTTPError(.badRequest, "invalid_request", message))
    }

    private static func refused(_ error: QuoteError) -> HTTPResponse {
        .json(.unprocessableContent, Array((QuoteJSON.error(error).serialized() + "\n").utf8))
    }
}
