import CoinageJSON
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The service's endpoints: which path and method go where, and the answers that
/// need no rules (`/healthz`, `/readyz`, `/metrics`, `/v1/rules`).
///
/// Status codes: 200 for a quote, 422 for a request the rules refuse (an unknown
/// bundle, a promotion's limit, ...), 400 for a request line that is not a valid
/// request (the batch's `invalid_request`), 404 for a path not served, 405 with
/// `Allow` for a method a path does not take. `/v1/prices` and `/v1/gift` answer
/// 422 for a name the rules do not declare, 400 for a malformed query or body.
final class Router: @unchecked Sendable {
    struct Route {
        let path: String
        let method: String
    }

    static let routes = [
        Route(path: "/v1/quote", method: "POST"), Route(path: "/v1/quotes", method: "POST"),
        Route(path: "/v1/rules", method: "GET"), Route(path: "/healthz", method: "GET"),
        Route(path: "/readyz", method: "GET"), Route(path: "/metrics", method: "GET"),
        Route(path: "/v1/prices", method: "GET"), Route(path: "/v1/gift", method: "POST"),
    ]

    let live: LiveRules
    let metrics: Metrics
    let limits: HTTPLimits
    /// Set when the server starts draining: `/readyz` then answers 503 so a load
    /// balancer sends no new requests.
    private let draining = Mutex(false)

    init(live: LiveRules, metrics: Metrics, limits: HTTPLimits = HTTPLimits()) {
        self.live = live
        self.metrics = metrics
        self.limits = limits
    }

    func startDraining() { draining.withLock { $0 = true } }
    var isDraining: Bool { draining.withLock { $0 } }

    /// The index of a request's endpoint label in `Metrics.endpoints`: its route's,
    /// or `unmatched` for any other path.
    static func endpointIndex(of request: HTTPRequest) -> Int {
        if request.target == "/v1/quote" { return 0 }
        let path = request.path
        return routes.firstIndex { $0.path == path } ?? routes.count
    }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        var quotes = QuoteCache(live.snapshot)
        return respond(to: request, quotes: &quotes, shard: 0)
    }

    /// The answer to `request`; `quotes` is the calling thread's quoter for single
    /// requests, `shard` the metrics shard it counts in.
    func respond(to request: HTTPRequest, quotes: inout QuoteCache, shard: Int) -> HTTPResponse {
        // The busiest endpoint first, without building the path or the route list.
        if request.method == "POST", request.target == "/v1/quote" {
            let answer = quotes.one(request.body, rules: live.snapshot, now: Int64(time(nil)))
            metrics.quotes(quoted: answer.quoted, refused: answer.refused, shard: shard)
            let status: HTTPStatus = answer.refused == 0 ? .ok : answer.invalid ? .badRequest : .unprocessableContent
            return .json(status, answer.bytes)
        }
        let path = request.path
        let methods = Self.routes.filter { $0.path == path }.map(\.method)
        guard !methods.isEmpty else {
            return .error(HTTPError(.notFound, "not_found", "no endpoint at `\(path)`"))
        }
        guard methods.contains(request.method) else {
            return .error(HTTPError(.methodNotAllowed, "method_not_allowed", "`\(path)` takes \(methods.joined(separator: ", "))"),
                          headers: [HTTPHeader("Allow", methods.joined(separator: ", "))])
        }
        // Read once: the request finishes on these rules whatever a reload does meanwhile.
        let rules = live.snapshot
        let now = Int64(time(nil))
        switch path {
        case "/v1/quote":
            let answer = quotes.one(request.body, rules: rules, now: now)
            metrics.quotes(quoted: answer.quoted, refused: answer.refused, shard: shard)
            let status: HTTPStatus = answer.refused == 0 ? .ok : answer.invalid ? .badRequest : .unprocessableContent
            return .json(status, answer.bytes)
        case "/v1/quotes":
            let answer = QuoteEndpoints.many(request.body, rules: rules, now: now, maxAnswerBytes: limits.maxAnswerBytes)
            guard !answer.cut else {
                return .error(HTTPError(.contentTooLarge, "answer_too_large",
                                        "the answer to these lines would be longer than \(limits.maxAnswerBytes) bytes, the most the service builds; send fewer lines per request"))
            }
            metrics.quotes(quoted: answer.quoted, refused: answer.refused, shard: shard)
            var response = HTTPResponse.json(.ok, answer.bytes, contentType: "application/x-ndjson")
            response.headers.append(HTTPHeader("Coinage-Refused", String(answer.refused)))
            return response
        case "/v1/prices":
            return CatalogEndpoints.prices(query: request.query, rules: rules)
        case "/v1/gift":
            return CatalogEndpoints.gift(request.body, rules: rules)
        case "/v1/rules":
            return .json(.ok, Array((rulesDocument(rules).serialized() + "\n").utf8))
        case "/readyz":
            if isDraining { return .json(.serviceUnavailable, Array("{\"status\":\"draining\"}\n".utf8)) }
            return .json(.ok, Array((JSONValue.object([("status", .string("ready")), ("rules", .string(rules.hash))]).serialized() + "\n").utf8))
        case "/metrics":
            return HTTPResponse(.ok, headers: [HTTPHeader("Content-Type", "text/plain; version=0.0.4")],
                                body: Array(metrics.render(rules: rules, lastFailure: live.lastFailure).utf8))
        default:
            return .json(.ok, Array("{\"status\":\"ok\"}\n".utf8))
        }
    }

    /// `GET /v1/rules`: the served rule set and the last reload's failure, if the
    /// last reload failed.
    private func rulesDocument(_ rules: RulesSnapshot) -> JSONValue {
        var failure = JSONValue.null
        if let last = live.lastFailure {
            failure = .object([("at", .string(Self.utc(last.at))), ("errors", .integer(Int64(last.errorCount))),
                               ("message", .string(last.message))])
        }
        return .object([
            ("hash", .string(rules.hash)),
            ("files", .array(rules.files.map { .string($0) })),
            ("loadedAt", .string(Self.utc(rules.loadedAt))),
            ("lastReloadError", failure),
        ])
    }

    /// Seconds since 1970 as `2026-12-06T07:05:09Z`.
    static func utc(_ seconds: Int64) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
